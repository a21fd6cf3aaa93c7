using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using IndustryMap.Chains;
using IndustryMap.Configuration;
using IndustryMap.Storage;
using IndustryMap.Text;

namespace IndustryMap.Cli;

/// <summary>`industrymap chains list|show|gaps [--unit …] [--format table|json|csv]` (issue 12).</summary>
public static class CliChainCommands
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static Command Chains()
    {
        var command = new Command("chains", "Industry chains (产业链图谱): list them, show one with its nodes and members, or print gap lists (补链清单).");
        command.Add(List());
        command.Add(Show());
        command.Add(Gaps());
        return command;
    }

    private static Option<string?> UnitOption() => new("--unit") { Description = "Only the chains of this planning unit (e.g. 南岸区)." };

    private static Option<string> FormatOption() => new Option<string>("--format") { Description = "table (default), json or csv.", DefaultValueFactory = _ => "table" }
        .AcceptOnlyFromAmong("table", "json", "csv");

    private static Command List()
    {
        var unit = UnitOption();
        var format = FormatOption();
        var command = new Command("list", "The chains with their unit, node, enterprise, local and gap counts.") { unit, format };
        command.SetAction(async (parse, _) => await Run(async database =>
        {
            var reports = await ChainQueries.AllGapsAsync(database, parse.GetValue(unit));
            var chains = await ChainQueries.ChainsAsync(database, parse.GetValue(unit));
            var rows = chains.Zip(reports, (c, r) => new
            {
                Id = c.Key, c.Name, c.Unit, Nodes = c.Nodes.Count, r.Enterprises, r.Local, Gaps = r.Gaps.Count(), Source = $"{c.Source.Document}:{c.Source.LinesText}",
            }).ToList();
            Write(parse.GetValue(format)!, rows, ["id", "name", "unit", "nodes", "enterprises", "local", "gaps", "source"],
                rows.Select(r => new object?[] { r.Id, r.Name, r.Unit, r.Nodes, r.Enterprises, r.Local, r.Gaps, r.Source }));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "The chain id (e.g. na-vivo)." };
        var format = FormatOption();
        var command = new Command("show", "One chain: every node with its segment and members, each with its location and source lines.") { id, format };
        command.SetAction(async (parse, _) => await Run(async database =>
        {
            if (await ChainQueries.ChainAsync(database, parse.GetValue(id)!) is not { } chain) return NotFound(parse.GetValue(id)!);
            if (parse.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(chain, Json));
                return ExitCodes.Ok;
            }
            var rows = chain.Nodes.SelectMany(n => n.Members.Select(m => new object?[]
                { n.Segment, n.Name, m.Name, m.Kind, m.Location, m.Registry, $"{m.Source.Document}:{m.Source.LinesText}" })).ToList();
            if (parse.GetValue(format) == "table") Console.WriteLine($"{chain.Name}（{chain.Unit}）{chain.Source.Document}:{chain.Source.LinesText}");
            Write(parse.GetValue(format)!, null, ["segment", "node", "member", "kind", "location", "registry", "source"], rows);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Gaps()
    {
        var id = new Argument<string?>("id") { Description = "The chain id; all chains (of --unit) when left out.", Arity = ArgumentArity.ZeroOrOne };
        var unit = UnitOption();
        var format = FormatOption();
        var command = new Command("gaps", "Gap lists (补链清单): per node gap / weak / strong, local share, candidate suppliers and covering units.") { id, unit, format };
        command.SetAction(async (parse, _) => await Run(async database =>
        {
            IReadOnlyList<ChainGapReport> reports;
            if (parse.GetValue(id) is { } key)
            {
                if (await ChainQueries.GapsAsync(database, key) is not { } one) return NotFound(key);
                reports = [one];
            }
            else reports = await ChainQueries.AllGapsAsync(database, parse.GetValue(unit));
            Write(parse.GetValue(format)!, reports, ChainGapTable.Headings, ChainGapTable.Rows(reports).Select(r => r.ToArray()));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Write(string format, object? json, IReadOnlyList<string> headings, IEnumerable<object?[]> rows)
    {
        if (format == "json")
        {
            Console.WriteLine(JsonSerializer.Serialize(json ?? rows, Json));
            return;
        }
        var cells = rows.Select(r => r.Select(Cell).ToArray()).ToList();
        if (format == "csv")
        {
            Console.WriteLine(Csv.Line(headings));
            foreach (var row in cells) Console.WriteLine(Csv.Line(row));
            return;
        }
        Console.WriteLine(string.Join('\t', headings));
        foreach (var row in cells) Console.WriteLine(string.Join('\t', row));
    }

    private static string? Cell(object? value) => value switch
    {
        null => "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static int NotFound(string id)
    {
        Console.Error.WriteLine($"没有产业链“{id}” (no chain '{id}')");
        return ExitCodes.Usage;
    }

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
