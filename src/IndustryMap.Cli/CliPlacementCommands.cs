using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using IndustryMap.Writing;
using IndustryMap.Authorization;
using IndustryMap.FirstContacts;
using IndustryMap.Pipeline;
using IndustryMap.Placement;
using IndustryMap.Web.FirstContacts;
using IndustryMap.Web.Pipeline;
using IndustryMap.Web.Placement;

namespace IndustryMap.Cli;

/// <summary>
/// `place`, `register` and `pipeline` (issue 6). Placement reads only; register and pipeline writes act as the console
/// operator ("cli:&lt;os user&gt;", administrator rights, as every CLI write) and are recorded in the audit log.
/// </summary>
internal static class CliPlacementCommands
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static Actor Operator => Actor.Console(Environment.UserName);

    public static Command Place()
    {
        var description = new Argument<string?>("description") { Description = "The project in plain Chinese, e.g. \"年产5万吨磷酸铁锂正极材料\".", Arity = ArgumentArity.ZeroOrOne };
        var amount = new Option<decimal?>("--amount") { Description = "Investment in 亿元." };
        var land = new Option<decimal?>("--land") { Description = "Land needed in 亩." };
        var origin = new Option<string?>("--origin") { Description = "outside_city (市外招引) or within_city (市内转移)." };
        origin.AcceptOnlyFromAmong(Origins.OutsideCity, Origins.WithinCity);
        var firstContact = new Option<string?>("--first-contact") { Description = "The unit that negotiated first (首谈), e.g. 万州区." };
        var investor = new Option<string?>("--investor") { Description = "The investor's name (also looked up in the first-contact register)." };
        var foreign = new Option<bool>("--foreign") { Description = "The project is foreign-invested." };
        var batch = new Option<FileInfo?>("--batch") { Description = "Place every row of a CSV file (columns: description, id, amountYi, landMu, origin, foreignInvested, investor, firstContactUnit)." };
        var format = new Option<string>("--format") { Description = "table (default), json; with --batch: csv (default) or json.", DefaultValueFactory = _ => "" };
        format.AcceptOnlyFromAmong("", "table", "json", "csv");
        var top = new Option<int>("--top") { Description = "How many units the table shows (json lists all 41).", DefaultValueFactory = _ => 10 };
        var output = new Option<FileInfo?>("--out") { Description = "With --batch: write the results to this file instead of standard output." };
        var command = new Command("place", "Place a project: the industries it belongs to and every planning unit ranked, with the rule and clause behind each reason.")
        {
            description, amount, land, origin, firstContact, investor, foreign, batch, format, top, output,
        };
        command.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            // Like `serve`: on a fresh install the embedded store is created and loaded first, so `place` works at once.
            var database = await CliStore.ReadyAsync(cancellationToken);
            var service = new PlacementService(database);
            var catalog = await service.CatalogAsync(cancellationToken);
            if (parse.GetValue(batch) is { } file)
            {
                if (!file.Exists)
                {
                    await Console.Error.WriteLineAsync($"找不到文件 (file not found): {file.FullName}");
                    return ExitCodes.InvalidData;
                }
                IReadOnlyList<BatchRow> rows;
                try
                {
                    rows = PlacementBatchCsv.Parse(await File.ReadAllTextAsync(file.FullName, cancellationToken), catalog);
                }
                catch (IndustryMap.Writing.RefusedException problem)
                {
                    await Console.Error.WriteLineAsync($"{file.Name}: {problem.MessageZh} ({problem.MessageEn}) [{problem.Code}]");
                    return ExitCodes.InvalidData;
                }
                var results = await PlacementBatch.PlaceAsync(service, rows, cancellationToken);
                var text = parse.GetValue(format) == "json"
                    ? JsonSerializer.Serialize(rows.Select((r, i) => new
                    {
                        r.Line, r.Id, Status = results[i] is null ? "invalid" : results[i]!.MatchesNothing ? "no_match" : "placed", r.Problems,
                        Placement = results[i] is { } p ? PlacementApi.View(p, 5) : null,
                    }), Json)
                    : PlacementBatchCsv.ToCsv(rows, results);
                if (parse.GetValue(output) is { } outFile) await File.WriteAllTextAsync(outFile.FullName, text, new UTF8Encoding(false), cancellationToken);
                else Console.Write(text);
                var invalid = rows.Count(r => r.Request is null);
                await Console.Error.WriteLineAsync($"{rows.Count} 行 (rows): {rows.Count - invalid} 已安排 (placed), {invalid} 行有错误 (invalid)" +
                                                   (invalid > 0 ? "：" + string.Join("；", rows.Where(r => r.Request is null).Take(5).Select(r => $"第 {r.Line} 行 {r.Problems[0].Field}: {r.Problems[0].Message}")) : ""));
                return invalid > 0 ? ExitCodes.InvalidData : ExitCodes.Ok;
            }
            var (request, problems) = PlacementRequests.Validate(new PlacementInput(parse.GetValue(description), parse.GetValue(amount), parse.GetValue(land),
                parse.GetValue(origin), parse.GetValue(foreign), parse.GetValue(investor), parse.GetValue(firstContact)), catalog);
            if (request is null)
            {
                foreach (var p in problems) await Console.Error.WriteLineAsync($"{p.Field}: {p.Message} ({p.MessageEn}) [{p.Code}]");
                return ExitCodes.Usage;
            }
            var result = await service.PlaceAsync(request, cancellationToken);
            if (parse.GetValue(format) == "json") Console.WriteLine(JsonSerializer.Serialize(PlacementApi.View(result), Json));
            else WriteTable(result, parse.GetValue(top));
            if (result.MatchesNothing)
            {
                // Issue 14: a description that names no industry is not a placement; scripts must see it.
                await Console.Error.WriteLineAsync("未识别出产业：描述未匹配到任何产业名称、别名、重点产品或关键词，排序没有依据。 " +
                    "No industry recognised: the description matches no industry name, alias, key product or keyword, so the ranking means nothing.");
                return ExitCodes.NoMatch;
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteTable(PlacementResult result, int top)
    {
        Console.WriteLine(result.Summary);
        Console.WriteLine();
        if (result.MatchesNothing) Console.WriteLine("产业：未识别 (matches nothing)");
        foreach (var i in result.Industries)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"产业 {i.Name}（{i.Cluster}）{i.Score:0.00}  匹配：{string.Join("、", i.Matched.Select(m => m.Word).Distinct())}"));
        }
        Console.WriteLine();
        if (result.Candidates.Count == 0) Console.WriteLine("不作排名 (no ranking)");
        else Console.WriteLine($"{"名次",-9} {"区县",-12} {"得分",6}  理由");
        foreach (var c in result.Candidates.Take(top))
        {
            var reasons = c.Reasons.Select(r => $"[{r.RuleName}] {r.Text}（{Cite(r.Source)}）").ToList();
            // Tied units share a rank range and say 并列: their order in the list is not a ranking.
            var rank = c.Tied ? $"{c.RankText}并列" : c.RankText;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rank,-9} {c.Unit,-12} {c.Score,6:0.000}  {(reasons.Count > 0 ? reasons[0] : "—")}"));
            foreach (var more in reasons.Skip(1)) Console.WriteLine($"{"",-9} {"",-12} {"",6}  {more}");
            foreach (var park in c.Parks.Take(2)) Console.WriteLine($"{"",-9} {"",-12} {"",6}  园区 {park.Name}：{park.Text}");
            if (c.Unknown.Count > 0) Console.WriteLine($"{"",-9} {"",-12} {"",6}  未知，不加分也不减分：{string.Join("、", c.Unknown.Select(PlacementSignals.Chinese))}");
        }
        foreach (var n in result.Notes) Console.WriteLine($"说明 [{n.RuleName}] {n.Text}（{Cite(n.Source)}）");
        foreach (var w in result.Warnings) Console.WriteLine($"警告 [{w.RuleName}] {w.Text}（{Cite(w.Evidence ?? w.Source)}）");
    }

    private static string Cite(IndustryMap.Provenance.Source s) => s.Document is not null ? $"文件 {s.Document} 第 {s.LinesText} 行" : s.Url ?? "";

    public static Command Register()
    {
        var unit = new Option<string>("--unit") { Description = "The unit that holds first contact, e.g. 万州区.", Required = true };
        var investor = new Option<string>("--investor") { Description = "The investor.", Required = true };
        var project = new Option<string>("--project") { Description = "The project.", Required = true };
        var amount = new Option<decimal?>("--amount") { Description = "Investment in 亿元." };
        var on = new Option<string?>("--contacted-on") { Description = "Date of first contact, YYYY-MM-DD (default today)." };
        var note = new Option<string?>("--note") { Description = "A note." };
        var add = new Command("add", "Register first contact (首谈). Append-only; a second unit registering the same investor and project is flagged as a conflict.")
        {
            unit, investor, project, amount, on, note,
        };
        add.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            var database = await CliStore.ReadyAsync(cancellationToken);
            var registration = await FirstContactRegister.RegisterAsync(database, Operator, new NewFirstContact(parse.GetValue(unit), parse.GetValue(investor),
                parse.GetValue(project), parse.GetValue(amount), parse.GetValue(on), parse.GetValue(note)), cancellationToken);
            Console.WriteLine($"已登记 (registered) 第 {registration.Entry.Seq} 号: {registration.Entry.Unit} · {registration.Entry.Investor} · {registration.Entry.Project} · {registration.Entry.RecordedAt}");
            if (registration.IsConflict) Console.WriteLine($"冲突 (conflict): {registration.ConflictText}");
            return ExitCodes.Ok;
        }));

        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var byUnit = new Option<string?>("--unit") { Description = "Only this unit's entries." };
        var conflicts = new Option<bool>("--conflicts") { Description = "Only entries involved in a conflict." };
        var list = new Command("list", "The register in order.") { format, byUnit, conflicts };
        list.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            if (await CliStore.MigratedAsync(cancellationToken) is not { } database) return ExitCodes.Storage;
            var entries = await FirstContactRegister.ListAsync(database, new FirstContactRegister.Filter(parse.GetValue(byUnit), null, parse.GetValue(conflicts)));
            if (parse.GetValue(format) == "json") Console.WriteLine(JsonSerializer.Serialize(entries.Select(FirstContactsApi.View), Json));
            else
            {
                foreach (var e in entries)
                {
                    Console.WriteLine($"{e.Seq}\t{e.Unit}\t{e.Investor}\t{e.Project}\t{e.ContactedOn}\t{e.RecordedAt}\t{e.RecordedBy}" +
                                      (e.ConflictWith is { } c ? $"\t冲突：与第 {c} 号" : ""));
                }
            }
            return ExitCodes.Ok;
        }));

        var verify = new Command("verify", "Check the register's hash chain and that the database refuses changes; exit 5 and name the first broken entry otherwise.");
        verify.SetAction(async (_, cancellationToken) => await CliCommands.Guard(async () =>
        {
            if (await CliStore.MigratedAsync(cancellationToken) is not { } database) return ExitCodes.Storage;
            var result = await FirstContactRegister.VerifyAsync(database, cancellationToken);
            if (!result.Intact)
            {
                Console.WriteLine($"首谈登记链已损坏 (register chain broken) at entry {result.BrokenAt}: {result.Problem} ({result.ProblemEn})");
                return ExitCodes.VerificationFailed;
            }
            if (!result.GuardsInPlace)
            {
                Console.WriteLine($"首谈登记链完好，共 {result.Count} 条，但数据库的禁止修改触发器缺失 (chain intact, {result.Count} entries, but the database triggers that refuse UPDATE/DELETE are missing)");
                return ExitCodes.VerificationFailed;
            }
            Console.WriteLine($"首谈登记链完好 (register intact): {result.Count} 条 (entries), head {result.Head}");
            return ExitCodes.Ok;
        }));
        return new Command("register", "The first-contact register (首谈登记).") { add, list, verify };
    }

    public static Command Pipeline()
    {
        var name = new Option<string>("--name") { Description = "Project name.", Required = true };
        var description = new Option<string>("--description") { Description = "Project description (products, capacity, process).", Required = true };
        var unit = new Option<string>("--unit") { Description = "The unit the project goes to.", Required = true };
        var park = new Option<string?>("--park") { Description = "The park." };
        var amount = new Option<decimal?>("--amount") { Description = "Investment in 亿元." };
        var land = new Option<decimal?>("--land") { Description = "Land in 亩." };
        var origin = new Option<string?>("--origin") { Description = "outside_city or within_city." };
        var investor = new Option<string?>("--investor") { Description = "The investor." };
        var firstContact = new Option<long?>("--first-contact") { Description = "The first-contact register entry (its number)." };
        var stage = new Option<string?>("--stage") { Description = "Initial stage (default negotiating): planning, tracking, negotiating, signed, construction, production." };
        var on = new Option<string?>("--on") { Description = "Date of that stage, YYYY-MM-DD (default today)." };
        var add = new Command("add", "Enter a placed project into the pipeline.") { name, description, unit, park, amount, land, origin, investor, firstContact, stage, on };
        add.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            var database = await CliStore.ReadyAsync(cancellationToken);
            var project = await ProjectPipeline.CreateAsync(database, new PlacementService(database), Operator, new NewPipelineProject(parse.GetValue(name),
                parse.GetValue(description), parse.GetValue(unit), parse.GetValue(park), parse.GetValue(amount), parse.GetValue(land), parse.GetValue(origin), false,
                parse.GetValue(investor), parse.GetValue(firstContact), parse.GetValue(stage), parse.GetValue(on)), cancellationToken);
            Console.WriteLine($"已加入项目库 (added) 第 {project.Id} 号: {project.Name} · {project.Unit} · {project.Stage} {project.StageOn} (placement rank {project.PlacementRank})");
            return ExitCodes.Ok;
        }));

        var id = new Argument<long>("id") { Description = "The pipeline project's number." };
        var to = new Option<string>("--stage") { Description = "The later stage it reached.", Required = true };
        var date = new Option<string?>("--on") { Description = "Date, YYYY-MM-DD (default today)." };
        var note = new Option<string?>("--note") { Description = "A note." };
        var move = new Command("move", "Move a project forward to a later stage.") { id, to, date, note };
        move.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            var database = await CliStore.ReadyAsync(cancellationToken);
            var project = await ProjectPipeline.MoveAsync(database, Operator, parse.GetValue(id), new StageMove(parse.GetValue(to), parse.GetValue(date), parse.GetValue(note)),
                cancellationToken);
            Console.WriteLine($"第 {project.Id} 号 {project.Name}: {project.Stage} {project.StageOn} (version {project.Version})");
            return ExitCodes.Ok;
        }));

        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var list = new Command("list", "Pipeline projects with their stages.") { format };
        list.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            if (await CliStore.MigratedAsync(cancellationToken) is not { } database) return ExitCodes.Storage;
            var projects = await ProjectPipeline.ListAsync(database);
            if (parse.GetValue(format) == "json") Console.WriteLine(JsonSerializer.Serialize(projects.Select(PipelineApi.View), Json));
            else foreach (var p in projects) Console.WriteLine($"{p.Id}\t{p.Name}\t{p.Unit}\t{p.Stage}\t{p.StageOn}\t{p.AmountYi?.ToString(CultureInfo.InvariantCulture) ?? "-"} 亿元\t{p.UpdatedBy}");
            return ExitCodes.Ok;
        }));

        var reportFormat = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        reportFormat.AcceptOnlyFromAmong("text", "json");
        var report = new Command("report", "Projects and investment by unit and stage.") { reportFormat };
        report.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            if (await CliStore.MigratedAsync(cancellationToken) is not { } database) return ExitCodes.Storage;
            var rows = await ProjectPipeline.ByStageAndUnitAsync(database);
            if (parse.GetValue(reportFormat) == "json") Console.WriteLine(JsonSerializer.Serialize(rows, Json));
            else foreach (var r in rows) Console.WriteLine($"{r.Unit}\t{r.StageChinese}\t{r.Projects} 个\t{r.AmountYi.ToString(CultureInfo.InvariantCulture)} 亿元");
            return ExitCodes.Ok;
        }));

        var year = new Option<int?>("--year") { Description = "One year only." };
        var floorFormat = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        floorFormat.AcceptOnlyFromAmong("text", "json");
        var floor = new Command("yuxi-floor", "For each 渝西 district and year: newly attracted investment that started, against 50 亿元 (seed 001 L544-546).") { year, floorFormat };
        floor.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            if (await CliStore.MigratedAsync(cancellationToken) is not { } database) return ExitCodes.Storage;
            var rows = await ProjectPipeline.YuxiFloorAsync(database, parse.GetValue(year));
            if (parse.GetValue(floorFormat) == "json") Console.WriteLine(JsonSerializer.Serialize(rows, Json));
            else
            {
                Console.WriteLine("渝西各区每年新招商项目落地开工不少于 50 亿元（文件 001 第 544-546 行）");
                foreach (var r in rows)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{r.Unit}\t{r.Year}\t{r.Projects} 个\t{r.StartedYi} 亿元\t{(r.Met ? "达标" : $"差 {r.Shortfall} 亿元")}"));
                }
            }
            return ExitCodes.Ok;
        }));
        return new Command("pipeline", "The project pipeline: placed projects and their stages.") { add, move, list, report, floor };
    }
}
