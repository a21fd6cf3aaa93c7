using System.Globalization;
using System.Text.RegularExpressions;
using IndustryMap.Plans;
using IndustryMap.Provenance;
using IndustryMap.Registries;
using IndustryMap.Storage;

namespace IndustryMap.Checks;

public static class FindingKinds
{
    public const string Conflict = "conflict";
    public const string Cascade = "cascade";
    public const string Growth = "growth";
    public const string ProjectTotal = "project_total";
}

public static class FindingStatus
{
    public const string Agrees = "agrees";
    public const string Conflict = "conflict";
    public const string Mismatch = "mismatch";
    public const string Incomplete = "incomplete";
}

public sealed record CheckItem(string Label, decimal? Value, string? Unit, string? Printed, Source? Source);

/// <summary>
/// One result of the consistency report. <see cref="Status"/> is agrees, conflict, mismatch or incomplete; the
/// items are both sides with their sources, and <see cref="Difference"/> is actual − expected.
/// </summary>
public sealed record Finding(string Kind, string Status, string Plan, string Title, string Message, string MessageEn,
    decimal? Expected, decimal? Actual, decimal? Difference, string? Unit, IReadOnlyList<CheckItem> Items)
{
    public bool IsProblem => Status != FindingStatus.Agrees;
}

public sealed record CascadeDefinition(string Plan, string Code, long WholeIndicatorId, string WholeScopeKind, string? WholeScope, IReadOnlyCollection<long> PartsIndicatorIds,
    string PartsScopeKind, IReadOnlyList<string> Parts, int Year, string Relation, string? Note, Source Source);

/// <summary>
/// The rules of the consistency report (issue 3 §5), as pure functions over loaded rows. Each says what it
/// compares; none of them changes a value: a document's contradiction is reported, never resolved.
/// </summary>
public static partial class ConsistencyRules
{
    private static string N(decimal? value) => Decimals.Text(value) ?? "—";

    private static CheckItem Item(TargetRow t, string? label = null) =>
        new(label ?? $"{t.IndicatorName}（{t.SourceKind switch { "table" => "表", _ => "正文" }}）", t.Comparable.Low, t.Comparable.Unit, t.Printed, t.ToSource());

    /// <summary>The row that speaks for a fact when several agree or disagree: a table row before prose, an exact value before 约/力争.</summary>
    public static TargetRow Representative(IEnumerable<TargetRow> rows) =>
        rows.OrderBy(t => t.SourceKind == "table" ? 0 : 1).ThenBy(t => t.Comparator == "eq" ? 0 : 1).ThenBy(t => t.Id).First();

    /// <summary>Two or more rows state different values for the same indicator, scope and year: keep all, flag the conflict.</summary>
    public static IEnumerable<Finding> Conflicts(IEnumerable<TargetRow> targets)
    {
        foreach (var fact in targets.GroupBy(t => t.Fact))
        {
            var values = fact.Select(t => t.Comparable).Distinct().ToList();
            if (values.Count < 2) continue;
            var first = fact.First();
            var scope = first.Scope ?? "全市";
            var items = fact.Select(t => Item(t)).ToList();
            var low = values.Min(v => v.Low);
            var high = values.Max(v => v.Low);
            yield return new Finding(FindingKinds.Conflict, FindingStatus.Conflict, first.PlanId,
                $"{first.IndicatorName}（{scope}，{first.Year?.ToString(CultureInfo.InvariantCulture) ?? "未注明年份"}）",
                $"同一指标、范围和年份有 {values.Count} 个不同数值：{string.Join(" / ", fact.Select(t => t.Printed))}",
                $"{values.Count} different values for the same indicator, scope and year",
                low, high, high - low, first.Comparable.Unit, items);
        }
    }

    /// <summary>
    /// Same indicator, summed from units up to their region (a group) or the city: 渝西's eight district revenue targets
    /// for 2027 should add up to the regional 1.4 万亿元 (seed 001 §二 L69–71, §四 L285–345). Only indicators that sum
    /// across units (aggregation = sum) take part.
    /// </summary>
    public static IEnumerable<Finding> UnitCascades(IReadOnlyList<TargetRow> targets, IReadOnlyDictionary<long, IReadOnlyCollection<long>> groupMembers,
        IReadOnlyCollection<long> allUnits)
    {
        var unitRows = targets.Where(t => t is { ScopeKind: "unit", UnitId: not null }).ToLookup(t => (t.IndicatorId, t.Year));
        foreach (var whole in targets.Where(t => t.Aggregation == "sum" && t.ScopeKind is "region" or "city").GroupBy(t => t.Fact).Select(Representative))
        {
            var members = whole.ScopeKind == "city" ? allUnits : whole.GroupId is { } g && groupMembers.TryGetValue(g, out var m) ? m : [];
            var parts = unitRows[(whole.IndicatorId, whole.Year)].Where(t => members.Contains(t.UnitId!.Value))
                .GroupBy(t => t.UnitId).Select(Representative).ToList();
            if (parts.Count == 0) continue;
            yield return Sum(whole, parts, "sum_equals", whole.PlanId, $"{whole.IndicatorName}：{whole.Scope ?? "全市"}与各区县之和（{whole.Year}年）",
                parts.Count < members.Count ? $"（{members.Count} 个区县中 {parts.Count} 个有目标）" : "");
        }
    }

    /// <summary>Parts declared in a plan's cascades.csv (our reading of which targets break down which) against their whole.</summary>
    public static IEnumerable<Finding> DeclaredCascades(IReadOnlyList<TargetRow> targets, IEnumerable<CascadeDefinition> cascades)
    {
        foreach (var c in cascades)
        {
            var wholes = targets.Where(t => t.IndicatorId == c.WholeIndicatorId && t.ScopeKind == c.WholeScopeKind && t.Scope == c.WholeScope && t.Year == c.Year).ToList();
            if (wholes.Count == 0) continue;
            var whole = Representative(wholes);
            var parts = targets.Where(t => c.PartsIndicatorIds.Contains(t.IndicatorId) && t.ScopeKind == c.PartsScopeKind && t.Year == c.Year &&
                                           (c.Parts.Count == 0 || (t.Scope is not null && c.Parts.Contains(t.Scope))))
                .GroupBy(t => (t.IndicatorId, t.Scope)).Select(Representative).ToList();
            var missing = c.Parts.Where(p => parts.All(t => t.Scope != p)).ToList();
            var finding = Sum(whole, parts, c.Relation, c.Plan, $"{whole.IndicatorName}：{whole.Scope ?? "全市"}与{(parts.Select(p => p.IndicatorId).Distinct().Count() == 1 ? parts[0].IndicatorName : "各分项")}之和（{c.Year}年）",
                missing.Count > 0 ? $"（缺少：{string.Join("、", missing)}）" : "");
            yield return missing.Count > 0 ? finding with { Status = FindingStatus.Incomplete } : finding;
        }
    }

    private static Finding Sum(TargetRow whole, IReadOnlyList<TargetRow> parts, string relation, string plan, string title, string suffix)
    {
        var sum = parts.Sum(p => p.Comparable.Low);
        var expected = whole.Comparable.Low;
        var agrees = relation == "sum_at_most" ? sum <= expected : sum == expected;
        var unit = whole.Comparable.Unit;
        var severalIndicators = parts.Select(p => p.IndicatorId).Distinct().Count() > 1;
        var items = parts.Select(p => Item(p, severalIndicators ? p.IndicatorName : p.Scope ?? "全市")).Prepend(Item(whole, $"总数：{whole.Scope ?? "全市"}")).ToList();
        var relationText = relation == "sum_at_most" ? "不超过" : "等于";
        return new Finding(FindingKinds.Cascade, agrees ? FindingStatus.Agrees : FindingStatus.Mismatch, plan, title,
            $"分项之和 {N(sum)} {unit}，总数 {N(expected)} {unit}，差 {N(sum - expected)} {unit}；应{relationText}总数{suffix}",
            $"parts sum to {N(sum)} {unit}, whole is {N(expected)} {unit}, difference {N(sum - expected)}; should be {(relation == "sum_at_most" ? "at most" : "equal to")} the whole",
            expected, sum, sum - expected, unit, items);
    }

    /// <summary>
    /// A stated average growth rate against its own baseline and target: seed 003 专栏1 (L145) states 16.2% a year for
    /// 332.3 → 700 亿元 over 2020–2025, which is 16.07%. A rate agrees when it is within half a unit of its last printed
    /// digit (16.2 → ±0.05).
    /// </summary>
    public static IEnumerable<Finding> GrowthRates(IReadOnlyList<TargetRow> targets, IReadOnlyList<IndicatorRow> indicators, IReadOnlyDictionary<string, PlanRow> plans)
    {
        var byIndicator = targets.ToLookup(t => t.IndicatorId);
        foreach (var growth in indicators.Where(i => i.GrowthOfId is not null))
        {
            var level = indicators.First(i => i.Id == growth.GrowthOfId);
            if (level.Cumulative == 1) continue;
            foreach (var rate in byIndicator[growth.Id].Where(t => t.Year is not null))
            {
                var ends = byIndicator[level.Id].Where(t => t.Scope == rate.Scope && t.Year == rate.Year).ToList();
                if (ends.Count == 0) continue;
                var end = Representative(ends);
                var plan = plans.GetValueOrDefault(rate.PlanId);
                var bases = new List<(long Year, decimal Value, TargetRow? Row)>();
                if (end is { BaselineYear: { } by, BaselineValue: { } bv }) bases.Add((by, bv, null));
                var baseYear = end.BaselineYear ?? (plan?.PeriodStart is { } start ? start - 1 : null);
                bases.AddRange(byIndicator[level.Id].Where(t => t.Scope == rate.Scope && t.Year == baseYear).Select(t => (t.Year!.Value, t.Value, (TargetRow?)t)));
                foreach (var (year, value, row) in bases.DistinctBy(b => (b.Year, Decimals.Normalize(b.Value))))
                {
                    var years = (int)(rate.Year!.Value - year);
                    if (years <= 0 || value <= 0) continue;
                    var implied = (decimal)((Math.Pow((double)(end.Value / value), 1.0 / years) - 1) * 100);
                    implied = Math.Round(implied, 2);
                    var tolerance = HalfLastDigit(rate.Value);
                    var agrees = Math.Abs(implied - rate.Value) <= tolerance;
                    var items = new List<CheckItem>
                    {
                        Item(rate, $"年均增速（{year}—{rate.Year}）"),
                        row is null ? new CheckItem($"基期 {year}", value, end.Unit, null, end.ToSource()) : Item(row, $"基期 {year}"),
                        Item(end, $"目标 {end.Year}"),
                    };
                    yield return new Finding(FindingKinds.Growth, agrees ? FindingStatus.Agrees : FindingStatus.Mismatch, rate.PlanId,
                        $"{level.Name}：年均增速 {N(rate.Value)}%（{year}—{rate.Year}）",
                        $"由 {N(value)} 到 {N(end.Value)} {end.Unit}，{years} 年，实际隐含年均增速 {N(implied)}%，文件写 {N(rate.Value)}%",
                        $"from {N(value)} to {N(end.Value)} over {years} years implies {N(implied)}% a year; the document states {N(rate.Value)}%",
                        rate.Value, implied, implied - rate.Value, "%", items);
                }
            }
        }
    }

    /// <summary>Half a unit of the last printed digit: 16.2 → 0.05, 20 → 0.5, 10.35 → 0.005.</summary>
    public static decimal HalfLastDigit(decimal printed)
    {
        var text = Decimals.Normalize(printed).ToString(CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var decimals = dot < 0 ? 0 : text.Length - dot - 1;
        return 0.5m / (decimal)Math.Pow(10, decimals);
    }

    /// <summary>A project table's printed 合计/小计 rows against the sum of their rows (issue 3 §5: totals that do not match their rows).</summary>
    public static IEnumerable<Finding> ProjectTotals(IReadOnlyList<ProjectRow> projects, IEnumerable<ProjectTotalRow> totals)
    {
        foreach (var total in totals)
        {
            var rows = projects.Where(p => p.Library == total.Library && (total.Section is null || p.Section == total.Section)).ToList();
            var comparisons = new List<(string Measure, decimal? Printed, decimal Sum, string Unit)>
            {
                ("投资", total.InvestmentYi, rows.Sum(p => p.InvestmentYi ?? 0), "亿元"),
                ("产值", total.OutputYi, rows.Sum(p => p.OutputYi ?? 0), "亿元"),
                ("税收", total.TaxYi, rows.Sum(p => p.TaxYi ?? 0), "亿元"),
                ("用地", total.LandMu, rows.Sum(p => p.LandMu ?? 0), "亩"),
            };
            var count = CountInLabel().Match(total.Label) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
            var printedAny = comparisons.Any(c => c.Printed is not null);
            var differences = comparisons.Where(c => c.Printed is { } p && Decimals.Normalize(p) != Decimals.Normalize(c.Sum)).ToList();
            var countDiffers = count is not null && count != rows.Count;
            var status = !printedAny && count is null ? FindingStatus.Incomplete
                : differences.Count > 0 || countDiffers ? FindingStatus.Mismatch : FindingStatus.Agrees;
            var parts = comparisons.Select(c => c.Printed is null
                ? $"{c.Measure}：表中未印出，行合计 {N(c.Sum)} {c.Unit}"
                : $"{c.Measure}：表中 {N(c.Printed)}，行合计 {N(c.Sum)} {c.Unit}{(Decimals.Normalize(c.Printed.Value) == Decimals.Normalize(c.Sum) ? "" : $"（差 {N(c.Sum - c.Printed)}）")}");
            var first = differences.FirstOrDefault();
            yield return new Finding(FindingKinds.ProjectTotal, status, total.Library, $"{total.Library}：{total.Label}",
                $"{rows.Count} 个项目{(count is null ? "" : $"（标注 {count} 个）")}；{string.Join("；", parts)}",
                $"{rows.Count} projects; printed totals against the sum of their rows",
                first.Printed, first.Printed is null ? null : first.Sum, first.Printed is null ? null : first.Sum - first.Printed, first.Unit,
                [new CheckItem(total.Label, total.InvestmentYi, "亿元", null, total.ToSource())]);
        }
    }

    [GeneratedRegex(@"(\d+)\s*个")]
    private static partial Regex CountInLabel();
}
