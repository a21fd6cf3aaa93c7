using System.CommandLine;
using System.Data.Common;
using System.Text.Json;
using IndustryMap.Configuration;
using IndustryMap.Export;
using IndustryMap.Import;
using IndustryMap.Storage;
using IndustryMap.Web;
using IndustryMap.Writing;
using Microsoft.Extensions.Hosting;

namespace IndustryMap.Cli;

/// <summary>The verbs of `industrymap`. Each reads the same configuration as the web host (INDUSTRYMAP_*).</summary>
public static class CliCommands
{
    public static RootCommand Build()
    {
        var root = new RootCommand("IndustryMap 产业地图: the Chongqing advanced-manufacturing industry map and plan monitoring.\n" +
                                   "Configuration: INDUSTRYMAP_DATA (data directory), INDUSTRYMAP_DB=sqlite|postgres, INDUSTRYMAP_PG (connection string).\n" +
                                   "Exit codes: 0 ok, 1 usage error, 2 input data refused (nothing written), 3 store unavailable or not migrated, 4 check --strict found problems, 5 a verification found a broken chain (audit verify, register verify).");
        root.Add(Serve());
        root.Add(Db());
        root.Add(ImportCommand());
        root.Add(ExportCommand());
        root.Add(CheckCommand());
        MonitoringCommands.AddTo(root);
        root.Add(CliAccountCommands.User());
        root.Add(CliAccountCommands.Token());
        root.Add(CliAccountCommands.Accounts());
        root.Add(CliAccountCommands.Audit());
        root.Add(CliBackupCommands.Backup());
        root.Add(CliBackupCommands.Restore());
        root.Add(CliPlacementCommands.Place());
        root.Add(CliPlacementCommands.Register());
        root.Add(CliPlacementCommands.Pipeline());
        CliOptionTypes.Explain(root);
        root.Add(CliChainCommands.Chains());
        root.Add(CliIntakeCommands.Intake());
        return root;
    }

    private static Command Serve()
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, e.g. http://127.0.0.1:5080 (default: ASPNETCORE_URLS, else http://localhost:5000)." };
        var command = new Command("serve", "Run the web application (pages and /api). On the embedded SQLite default it migrates and loads the seed data on first run.") { urls };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var args = parse.GetValue(urls) is { } u ? new[] { "--urls", u } : [];
            return await Guard(async () =>
            {
                await using var app = IndustryMapApp.Create(args);
                await app.StartAsync(cancellationToken);
                await app.WaitForShutdownAsync(cancellationToken);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static Command Db()
    {
        var migrate = new Command("migrate", "Apply the pending schema migrations of the configured engine, in order.");
        migrate.SetAction(async (_, cancellationToken) => await Guard(async () =>
        {
            var database = CliStore.Open(IndustryMapOptions.FromEnvironment());
            var applied = await new Migrator(database).MigrateAsync(cancellationToken);
            Console.WriteLine(applied.Count == 0
                ? $"{database.Dialect.Describe()}: up to date."
                : $"{database.Dialect.Describe()}: applied {string.Join(", ", applied.Select(m => $"{m.Version:D4}_{m.Name}"))}.");
            return ExitCodes.Ok;
        }));
        var status = new Command("status", "List applied and pending migrations.");
        status.SetAction(async (_, cancellationToken) => await Guard(async () =>
        {
            var database = CliStore.Open(IndustryMapOptions.FromEnvironment());
            var migrator = new Migrator(database);
            var applied = await migrator.AppliedAsync(cancellationToken);
            foreach (var m in migrator.Available())
            {
                Console.WriteLine($"{m.Version:D4}_{m.Name}\t{(applied.Contains(m.Version) ? "applied" : "pending")}");
            }
            return ExitCodes.Ok;
        }));
        return new Command("db", "Schema of the configured store.") { migrate, status };
    }

    private static Command ImportCommand()
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "A seed-data folder (see seed-data/README.md): reference/ and one folder per document." };
        var format = new Option<string>("--format") { Description = "How to report: text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var by = new Option<string?>("--by") { Description = "Who is importing (recorded with the import); default: the OS user." };
        var progress = new Option<bool>("--progress") { Description = "Report each step on standard error while writing (the transaction is still one)." };
        var command = new Command("import", "Check a data folder and load it in one transaction: everything or nothing.") { folder, format, by, progress };
        command.SetAction(async (parse, cancellationToken) => await Guard(async () =>
        {
            var database = CliStore.Open(IndustryMapOptions.FromEnvironment());
            var pending = await new Migrator(database).PendingAsync(cancellationToken);
            if (pending.Count > 0)
            {
                await Console.Error.WriteLineAsync($"{database.Dialect.Describe()} is not migrated: run `industrymap db migrate` first.");
                return ExitCodes.Storage;
            }
            var json = parse.GetValue(format) == "json";
            try
            {
                var result = await SeedImporter.ImportAsync(database, parse.GetValue(folder)!.FullName,
                    parse.GetValue(by) ?? $"cli: {Environment.UserName}", cancellationToken,
                    parse.GetValue(progress) ? step => Console.Error.WriteLine("importing: " + step) : null);
                Console.WriteLine(json
                    ? JsonSerializer.Serialize(new { status = "imported", result.RunId, result.Fingerprint, result.Counts })
                    : $"导入完成 (imported), run {result.RunId}: {string.Join(", ", result.Counts.Select(c => $"{c.Key}={c.Value}"))}");
                return ExitCodes.Ok;
            }
            catch (RefusedException refused) when (refused.Code == "import_refused")
            {
                if (json)
                {
                    Console.WriteLine(JsonSerializer.Serialize(new { status = "refused", errors = refused.Errors },
                        new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) }));
                }
                else
                {
                    await Console.Error.WriteLineAsync($"导入被拒绝，数据库未作任何更改 (import refused; nothing was written): {refused.Errors.Count} error(s)");
                    foreach (var error in refused.Errors) await Console.Error.WriteLineAsync("  " + error);
                }
                return ExitCodes.InvalidData;
            }
        }));
        return command;
    }

    private static Command ExportCommand()
    {
        var format = new Option<string>("--format") { Description = "csv or json.", Required = true };
        format.AcceptOnlyFromAmong("csv", "json");
        var dataset = new Option<string>("--dataset") { Description = $"One of: all, {string.Join(", ", DataExport.Datasets)}.", DefaultValueFactory = _ => "all" };
        dataset.AcceptOnlyFromAmong([.. DataExport.Datasets, "all"]);
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder to write <dataset>.csv / export.json into (default: standard output; CSV of all datasets needs --out)." };
        var command = new Command("export", "Export the stored data with its provenance, as CSV files or one JSON document.") { format, dataset, output };
        command.SetAction(async (parse, cancellationToken) => await Guard(async () =>
        {
            var database = CliStore.Open(IndustryMapOptions.FromEnvironment());
            var names = parse.GetValue(dataset) == "all" ? DataExport.Datasets : [parse.GetValue(dataset)!];
            var outDir = parse.GetValue(output);
            var csv = parse.GetValue(format) == "csv";
            if (csv && names.Count > 1 && outDir is null)
            {
                await Console.Error.WriteLineAsync("CSV export of several datasets needs --out <folder> (one file per dataset), or choose one with --dataset.");
                return ExitCodes.Usage;
            }
            var tables = new List<ExportTable>();
            foreach (var name in names) tables.Add(await DataExport.TableAsync(database, name));
            if (outDir is not null) Directory.CreateDirectory(outDir.FullName);
            if (csv)
            {
                foreach (var table in tables)
                {
                    if (outDir is null) Console.Write(table.ToCsv());
                    else await File.WriteAllTextAsync(Path.Combine(outDir.FullName, table.Name + ".csv"), table.ToCsv(), new System.Text.UTF8Encoding(true), cancellationToken);
                }
            }
            else
            {
                var text = DataExport.ToJson(tables);
                if (outDir is null) Console.WriteLine(text);
                else await File.WriteAllTextAsync(Path.Combine(outDir.FullName, "export.json"), text, cancellationToken);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CheckCommand()
    {
        var strict = new Option<bool>("--strict") { Description = "Exit with code 4 when any finding is a conflict, mismatch or incomplete (default: report only, exit 0)." };
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var plan = new Option<string?>("--plan") { Description = "Only this plan (e.g. yx2027, cq2019, wz14, na14)." };
        var all = new Option<bool>("--all") { Description = "Also list the checks that agree." };
        var command = new Command("check", "The consistency report: conflicting values, cascades, growth rates, project-table totals.") { strict, format, plan, all };
        command.SetAction(async (parse, cancellationToken) => await Guard(async () =>
        {
            var database = CliStore.Open(IndustryMapOptions.FromEnvironment());
            var findings = await Checks.ConsistencyReport.RunAsync(database, parse.GetValue(plan));
            var problems = findings.Count(f => f.IsProblem);
            if (parse.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(new { total = findings.Count, problems, findings },
                    new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) }));
            }
            else
            {
                foreach (var group in findings.Where(f => parse.GetValue(all) || f.IsProblem).GroupBy(f => f.Plan))
                {
                    Console.WriteLine($"== {group.Key}");
                    foreach (var f in group) Console.WriteLine($"  [{f.Status}] {f.Kind}: {f.Title} — {f.Message}");
                }
                Console.WriteLine($"{findings.Count} checks, {problems} problem(s) (conflict/mismatch/incomplete), {findings.Count - problems} agree.");
            }
            return parse.GetValue(strict) && problems > 0 ? ExitCodes.Findings : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Turns store failures into exit code 3 and refused writes into exit code 2, each with a one-line message
    /// instead of a stack trace.
    /// </summary>
    internal static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (RefusedException setup) when (setup.Kind == RefusalKind.Setup)
        {
            await Console.Error.WriteLineAsync($"存储不可用或未就绪 (store unavailable or not ready): {setup.MessageZh} ({setup.MessageEn}) [{setup.Code}]");
            return ExitCodes.Storage;
        }
        catch (RefusedException refused)
        {
            await Console.Error.WriteLineAsync($"已拒绝，未写入任何数据 (refused, nothing written): {refused.MessageZh} ({refused.MessageEn}) [{refused.Code}]");
            return ExitCodes.InvalidData;
        }
        catch (Exception ex) when (ex is DbException or TimeoutException or IOException)
        {
            await Console.Error.WriteLineAsync($"存储不可用或未就绪 (store unavailable or not ready): {ex.Message}");
            return ExitCodes.Storage;
        }
    }
}
