using System.CommandLine;
using IndustryMap.Authorization;
using IndustryMap.Configuration;
using IndustryMap.Monitoring;
using IndustryMap.Storage;
using IndustryMap.Writing;

namespace IndustryMap.Cli;

/// <summary>The monitoring verbs (issue 7 §6–7): `demo` and `bulletin`. The CLI acts as the operator (administrator rights, recorded as cli:&lt;user&gt;).</summary>
public static class MonitoringCommands
{
    public static void AddTo(RootCommand root)
    {
        root.Add(Demo());
        root.Add(Bulletin());
    }

    private static Command Demo()
    {
        var remove = new Option<bool>("--remove") { Description = "Remove the demo data instead (values people entered since stay)." };
        var command = new Command("demo",
            "Generate clearly marked synthetic monitoring data (演示数据): a default monitored set and 赛马 indexes where none exist, periods 2022Q4–2025Q4 " +
            "and 2022–2025, synthetic targets where the plans set none, and values for every unit and monitored indicator. Flagged is_demo; left out of " +
            "exports unless asked for (--include-demo, ?includeDemo=true). Running it again replaces the earlier demo data.") { remove };
        command.SetAction(async (parse, cancellationToken) => await Run(async database =>
        {
            var actor = Actor.Console(Environment.UserName);
            if (parse.GetValue(remove))
            {
                var removed = await DemoData.RemoveAsync(database, actor);
                Console.WriteLine($"已删除演示数据 (demo data removed): {removed} row(s).");
                return ExitCodes.Ok;
            }
            var result = await DemoData.GenerateAsync(database, actor);
            Console.WriteLine($"已生成演示数据 (demo data generated; 演示数据 — synthetic, not real statistics): {result.Submissions} submissions, {result.Values} values, " +
                              $"{result.Targets} synthetic targets, {result.Periods} new periods, {result.Indicators} indicators and {result.Indexes} indexes configured" +
                              (result.Removed > 0 ? $"; replaced {result.Removed} row(s) of earlier demo data." : "."));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Bulletin()
    {
        var period = new Argument<string>("period") { Description = "The reporting period: 2025, 2025Q3 or 2025-09." };
        var output = new Option<FileInfo?>("--out") { Description = "The file to write (.docx or .xlsx); default 通报-<period>.docx in the current folder." };
        var includeDemo = new Option<bool>("--include-demo") { Description = "Include demo (synthetic) values; they are left out otherwise." };
        var command = new Command("bulletin", "Write the bulletin (通报) of a period as a Word document (or .xlsx): the reviewed text, or a draft built now.")
        {
            period, output, includeDemo,
        };
        command.SetAction(async (parse, cancellationToken) => await Run(async database =>
        {
            var code = parse.GetValue(period)!;
            var file = parse.GetValue(output) ?? new FileInfo($"通报-{(PeriodKey.TryParse(code, out var key) ? key.Code : code)}.docx");
            var xlsx = file.Extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase);
            if (!xlsx && !file.Extension.Equals(".docx", StringComparison.OrdinalIgnoreCase))
            {
                await Console.Error.WriteLineAsync("--out must end in .docx or .xlsx");
                return ExitCodes.Usage;
            }
            var content = await Bulletins.GetAsync(database, code, parse.GetValue(includeDemo));
            var bytes = xlsx ? BulletinFiles.Xlsx(content) : BulletinFiles.Docx(content);
            if (file.Directory is { Exists: false } dir) dir.Create();
            await File.WriteAllBytesAsync(file.FullName, bytes, cancellationToken);
            var ranked = content.Rankings.Sum(r => r.Groups.Sum(g => g.Units.Count));
            Console.WriteLine($"{file.FullName}: {content.Title}（{content.StateName}{(content.Demo ? "，含演示数据" : "")}）, {ranked} ranked line(s), {content.Warnings.Count} warning(s).");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Opens the configured store, refusing one with pending migrations; failures go through CliCommands.Guard.</summary>
    private static Task<int> Run(Func<Database, Task<int>> action) => CliCommands.Guard(async () =>
    {
        var database = CliStore.Open(IndustryMapOptions.FromEnvironment());
        var pending = await new Migrator(database).PendingAsync();
        if (pending.Count > 0)
        {
            await Console.Error.WriteLineAsync($"{database.Dialect.Describe()} is not migrated: run `industrymap db migrate` first.");
            return ExitCodes.Storage;
        }
        return await action(database);
    });
}
