using System.Text.RegularExpressions;
using IndustryMap.Measures;
using IndustryMap.Text;

namespace IndustryMap.PlacementBench;

/// <summary>One evaluation case: a description the seed documents give for a project, and the unit it is in.</summary>
public sealed record EvalCase(string Set, string Id, string Description, string ExpectedUnit, decimal? AmountYi, decimal? LandMu, string Source)
{
    /// <summary>The case's position within its library, in file order.</summary>
    public int Position { get; init; }

    /// <summary>The project's name as the library prints it (empty for the 渝西 details).</summary>
    public string ProjectName { get; init; } = "";
}

/// <summary>
/// Builds the evaluation set from the seed documents' own material, none of which the classifier learns from (the
/// importer refuses a keyword that cites these lines):
///   万州 — the 135 projects of seed 003's annex: project name + 建设规模及主要建设内容; expected unit 万州区;
///   南岸 — the 55 key projects of seed 004 附件三: project name + 建设内容; expected unit 南岸区;
///   渝西 — the parenthetical product lists of the 渝西 districts' priority industries (seed 001 §四); expected: that district.
/// </summary>
public static partial class EvaluationSet
{
    [GeneratedRegex(@"建设规模及主要建设内容:\s*(?<text>[^;]*?)(;|$)")]
    private static partial Regex WanzhouContents();

    [GeneratedRegex(@"建设内容:\s*(?<text>.*)$")]
    private static partial Regex NananContents();

    public const string Tuning = "tuning";
    public const string HeldOut = "held-out";

    /// <summary>
    /// The half of the project libraries a case is in: within each library, cases alternate in file order (the first is
    /// tuning, the second held-out, …). Deterministic, and each half spans every section of both libraries.
    /// </summary>
    public static string Half(EvalCase c) => c.Position % 2 == 0 ? Tuning : HeldOut;

    public static IReadOnlyList<EvalCase> Build(string seedFolder)
    {
        var cases = new List<EvalCase>();
        foreach (var (folder, set, pattern) in new[] { ("003-wanzhou-14th-fyp", "万州项目库", WanzhouContents()), ("004-nanan-14th-fyp", "南岸重点项目", NananContents()) })
        {
            var position = 0;
            foreach (var row in Rows(Path.Combine(seedFolder, folder, "projects.csv")))
            {
                var contents = pattern.Match(row["note"]) is { Success: true } m ? m.Groups["text"].Value.Trim() : "";
                cases.Add(new EvalCase(set, $"{row["library"]}:{row["serial"]}@L{row["lines"]}", $"{row["project"]}。{contents}".TrimEnd('。') + "。", row["unit"],
                    MeasureUnits.ToYi(Number(row["investment"]), row["investment_unit"]), MeasureUnits.ToMu(Number(row["land"]), row["land_unit"]),
                    $"{folder[..3]} L{row["lines"]}") { Position = position++, ProjectName = row["project"] });
            }
        }
        foreach (var row in Rows(Path.Combine(seedFolder, "001-yuxi-plan-2023-2027", "layout.csv")).Where(r => r["detail"].Length > 0))
        {
            cases.Add(new EvalCase("渝西重点产业细目", $"{row["unit"]}:{row["role"]}{row["position"]}", row["detail"], row["unit"], null, null, $"001 L{row["lines"]}"));
        }
        return cases;
    }

    private static decimal? Number(string text) =>
        decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    private static IEnumerable<Dictionary<string, string>> Rows(string path)
    {
        var records = Csv.Parse(File.ReadAllText(path)).ToList();
        var header = records[0].Fields;
        return records.Skip(1).Select(r => header.Select((h, i) => (h, v: i < r.Fields.Count ? r.Fields[i] : "")).ToDictionary(x => x.h, x => x.v));
    }

    public static string ToCsv(IEnumerable<EvalCase> cases) =>
        string.Join("\n", cases.Select(c => Csv.DataLine([c.Set, c.Id, c.Description, c.ExpectedUnit,
                c.AmountYi?.ToString(System.Globalization.CultureInfo.InvariantCulture), c.LandMu?.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Source]))
            .Prepend("set,id,description,expected_unit,amount_yi,land_mu,source")) + "\n";
}
