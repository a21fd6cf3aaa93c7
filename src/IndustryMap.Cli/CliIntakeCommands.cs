using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using IndustryMap.Authorization;
using IndustryMap.Configuration;
using IndustryMap.Intake;
using IndustryMap.Storage;

namespace IndustryMap.Cli;

/// <summary>
/// <c>industrymap intake &lt;file&gt; [--scope 万州区] [--format json|table] [--dry-run] [--accept-all [--yes]]</c> (issue 16): takes in a
/// plan as the web upload does (stored byte for byte with its proposals, audited as the console operator) and prints
/// the proposals; --dry-run only reads and extracts. --accept-all accepts every target and designation proposal after
/// the operator confirms (typing yes, or --yes).
/// </summary>
public static class CliIntakeCommands
{
    private static Actor Operator => Actor.Console(Environment.UserName);

    public static Command Intake()
    {
        var file = new Argument<FileInfo>("file") { Description = "The plan: .txt, .docx or .pdf." };
        var scope = new Option<string?>("--scope") { Description = "What the plan covers: a planning unit (万州区), a region (渝西地区); default the city." };
        var title = new Option<string?>("--title") { Description = "The plan's title (default: its first line)." };
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and extract only; store nothing." };
        var acceptAll = new Option<bool>("--accept-all") { Description = "Accept every proposal (asks the administrator to confirm)." };
        var yes = new Option<bool>("--yes") { Description = "With --accept-all: the administrator confirms without being asked." };
        var command = new Command("intake", "Take in a plan: propose its targets and designations, each with its lines and a confidence.")
            { file, scope, title, format, dryRun, acceptAll, yes };
        command.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"找不到文件 (no such file): {path.FullName}");
                return ExitCodes.Usage;
            }
            var bytes = await File.ReadAllBytesAsync(path.FullName, cancellationToken);
            var database = await CliStore.ReadyAsync(cancellationToken);
            IntakeProposals proposals;
            long? id = null;
            if (parse.GetValue(dryRun))
            {
                var (resolved, _) = await IntakeStore.ResolveScopeAsync(database, parse.GetValue(scope));
                var text = IntakeFiles.Read(bytes, path.Name);
                proposals = IntakeStore.Propose(text.Lines, resolved, await IntakeStore.DictionaryAsync(database), IntakeStore.Period(parse.GetValue(title) ?? "", text.Lines));
            }
            else
            {
                var detail = await IntakeStore.CreateAsync(database, Operator,
                    new NewIntake(path.Name, bytes, parse.GetValue(title), null, null, parse.GetValue(scope)), cancellationToken: cancellationToken);
                id = detail.Document.Id;
                if (parse.GetValue(acceptAll))
                {
                    var count = detail.Proposals.Count;
                    if (!parse.GetValue(yes))
                    {
                        Console.Write($"以管理员身份采纳全部 {count} 条建议？输入 yes 确认 (accept all {count} proposals as the administrator? type yes): ");
                        if (!string.Equals(Console.ReadLine()?.Trim(), "yes", StringComparison.OrdinalIgnoreCase))
                        {
                            await Console.Error.WriteLineAsync("未确认，建议保持待审核 (not confirmed: the proposals stay to review)");
                            return ExitCodes.Usage;
                        }
                    }
                    if (count > 0)
                    {
                        await IntakeStore.DecideAsync(database, Operator, detail.Document.Id,
                            [new IntakeDecision(null, "target", "accept"), new IntakeDecision(null, "designation", "accept")], cancellationToken);
                    }
                }
                var stored = (await IntakeStore.GetAsync(database, detail.Document.Id))!;
                proposals = new IntakeProposals(
                    stored.Proposals.Where(p => p.Row.Kind == "target").Select(p => p.Proposed.Deserialize<TargetProposal>(IntakeStore.Json)!).ToList(),
                    stored.Proposals.Where(p => p.Row.Kind == "designation").Select(p => p.Proposed.Deserialize<DesignationProposal>(IntakeStore.Json)!).ToList(),
                    stored.Proposals.Where(p => p.Row.Kind == "park").Select(p => p.Proposed.Deserialize<ProjectProposal>(IntakeStore.Json)!).ToList(),
                    stored.Proposals.Where(p => p.Row.Kind == "project").Select(p => p.Proposed.Deserialize<ProjectProposal>(IntakeStore.Json)!).ToList());
            }
            if (parse.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(new { intake = id, proposals }, new JsonSerializerOptions(IntakeStore.Json) { WriteIndented = true }));
                return ExitCodes.Ok;
            }
            if (id is { } stored2) Console.WriteLine($"intake {stored2}: document intake-{stored2.ToString(CultureInfo.InvariantCulture)}");
            Console.WriteLine($"{"lines",-10} {"conf",5}  {"year",-6} {"scope",-10} {"value",-22} indicator");
            foreach (var t in proposals.Targets)
            {
                var value = $"{t.Comparator} {t.Value}{(t.ValueHigh is { } h ? "-" + h : "")}{t.Unit}";
                Console.WriteLine($"{t.From + (t.To != t.From ? "-" + t.To : ""),-10} {t.Confidence,5:0.00}  {t.Year?.ToString(CultureInfo.InvariantCulture) ?? "?",-6} {t.Scope ?? "全市",-10} {value,-22} {t.Indicator}");
            }
            foreach (var d in proposals.Designations)
            {
                Console.WriteLine($"{d.From,-10} {d.Confidence,5:0.00}  {d.RolePrinted}产业 {d.Printed} → {string.Join("、", d.Industries)}");
            }
            foreach (var p in proposals.Parks.Concat(proposals.Projects))
            {
                Console.WriteLine($"{p.From + (p.To != p.From ? "-" + p.To : ""),-10} {p.Confidence,5:0.00}  {p.Kind} {p.Name} {p.Investment}{p.InvestmentUnit} {p.Land}{p.LandUnit} {p.Period} {p.Stage}");
            }
            Console.WriteLine($"{proposals.Targets.Count} target(s), {proposals.Designations.Count} designation(s), {proposals.Parks.Count} park(s), {proposals.Projects.Count} project(s) proposed.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
