using System.Globalization;
using System.Text.RegularExpressions;
using IndustryMap.Plans;
using IndustryMap.Provenance;
using IndustryMap.Registries;
using IndustryMap.Storage;

namespace IndustryMap.Checks;

/// <summary>The kinds of finding (issue 15): what a finding compares. The status says how it came out.</summary>
public static class FindingKinds
{
    /// <summary>冲突: two different values for one fact.</summary>
    public const string Conflict = "conflict";
    /// <summary>复述: the same value restated (equivalent measure word, unit spelling, or rounding to the printed precision) — shown, not a problem.</summary>
    public const string Restatement = "restatement";
    /// <summary>级联不符: parts against their whole (targets, project-table totals).</summary>
    public const string Cascade = "cascade";
    /// <summary>增速不符: a stated growth rate against the rate its baseline and target imply (annual and cumulative rows).</summary>
    public const string Growth = "growth";
    /// <summary>计数不符: a stated count against the rows it counts.</summary>
    public const string Count = "count";
    /// <summary>分级不一: one enterprise, two tiers in different sources.</summary>
    public const string Tier = "tier";
    /// <summary>数据质量: extraction damage that keeps a row from being compared.</summary>
    public const string Quality = "quality";

    public static readonly IReadOnlyList<(string Kind, string Chinese)> All =
    [
        (Conflict, "冲突"), (Restatement, "复述"), (Cascade, "级联不符"), (Growth, "增速不符"), (Count, "计数不符"), (Tier, "分级不一"), (Quality, "数据质量"),
    ];
}

public static class FindingStatus
{
    public const string Agrees = "agrees";
    public const string Conflict = "conflict";
    public const string Mismatch = "mismatch";
    public const string Incomplete = "incomplete";
    /// <summary>Recorded for the reader (extraction damage), not a contradiction of the plan.</summary>
    public const string Noted = "noted";
}

public sealed record CheckItem(string Label, decimal? Value, string? Unit, string? Printed, Source? Source);

/// <summary>
/// One result of the consistency report. <see cref="Status"/> is agrees, conflict, mismatch or incomplete; the
/// items are both sides with their sources, and <see cref="Difference"/> is actual − expected.
/// </summary>
public sealed record Finding(string Kind, string Status, string Plan, string Title, string Message, string MessageEn,
    decimal? Expected, decimal? Actual, decimal? Difference, string? Unit, IReadOnlyList<CheckItem> Items)
{
    public bool IsProblem => Status is FindingStatus.Conflict or FindingStatus.Mismatch or FindingStatus.Incomplete;
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

    /// <summary>
    /// Two or more rows state values for the same fact (indicator, scope, year, period). Rows that state the same value —
    /// equal, or restated with an equivalent measure word or unit spelling, or rounded to the printed precision
    /// (<see cref="Equivalences"/>, data from reference/equivalences.csv) — are one statement: a 复述, shown and not a
    /// problem. Different values are a 冲突 with every row and its source; nothing is resolved.
    /// </summary>
    public static IEnumerable<Finding> Conflicts(IEnumerable<TargetRow> targets, Equivalences? equivalences = null)
    {
        equivalences ??= Equivalences.None;
        foreach (var fact in targets.GroupBy(t => t.Fact))
        {
            var rows = fact.ToList();
            if (rows.Count < 2) continue;
            var clusters = new List<List<TargetRow>>();
            foreach (var row in rows)
            {
                var home = clusters.FirstOrDefault(c => c.All(o => equivalences.Compare(o, row) != Sameness.Different));
                if (home is null) clusters.Add([row]);
                else home.Add(row);
            }
            var first = rows[0];
            var title = $"{first.IndicatorName}（{first.Scope ?? "全市"}，{YearText(first)}）";
            var items = rows.Select(t => Item(t)).ToList();
            if (clusters.Count == 1)
            {
                var restated = rows.Skip(1).Where(r => equivalences.Compare(rows[0], r) == Sameness.Restated).ToList();
                if (restated.Count == 0) continue;
                var reasons = rows.SelectMany(a => rows.SelectMany(b => equivalences.Reasons(a.Unit, b.Unit))).Distinct().Select(r => $"{r.Term} = {r.Equivalent}：{r.Reason}").ToList();
                var rounded = rows.Any(a => rows.Any(b => a.Comparable.Low != b.Comparable.Low));
                if (rounded) reasons.Add("数值只差在印出的精度之内（按较粗的写法四舍五入后相同）");
                yield return new Finding(FindingKinds.Restatement, FindingStatus.Agrees, first.PlanId, title,
                    $"同一数值的不同写法：{string.Join(" / ", rows.Select(t => t.Printed))}。{string.Join("；", reasons)}",
                    "the same value restated (equivalent measure word or unit spelling, or rounded to the printed precision)",
                    rows[0].Comparable.Low, rows[^1].Comparable.Low, rows[^1].Comparable.Low - rows[0].Comparable.Low, first.Comparable.Unit, items);
                continue;
            }
            var values = clusters.Select(c => Representative(c).Comparable.Low).ToList();
            var low = values.Min();
            var high = values.Max();
            yield return new Finding(FindingKinds.Conflict, FindingStatus.Conflict, first.PlanId, title,
                $"同一指标、范围和年份有 {clusters.Count} 个不同数值：{string.Join(" / ", rows.Select(t => t.Printed))}；相差 {N(high - low)} {first.Comparable.Unit}",
                $"{clusters.Count} different values for the same indicator, scope and year; they differ by {N(high - low)}",
                low, high, high - low, first.Comparable.Unit, items);
        }
    }

    private static string YearText(TargetRow t) => t switch
    {
        { Year: null } => "未注明年份",
        { Period: "average" } => $"{t.YearFrom}—{t.Year}年均",
        { Period: "sum" } => $"{t.YearFrom}—{t.Year}累计",
        _ => t.Year.Value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Same indicator, summed from units up to their region (a group) or the city: 渝西's eight district revenue targets
    /// for 2027 should add up to the regional 1.4 万亿元 (seed 001 §二 L69–71, §四 L285–345). Only indicators that sum
    /// across units (aggregation = sum) take part.
    /// </summary>
    public static IEnumerable<Finding> UnitCascades(IReadOnlyList<TargetRow> targets, IReadOnlyDictionary<long, IReadOnlyCollection<long>> groupMembers,
        IReadOnlyCollection<long> allUnits)
    {
        var unitRows = targets.Where(t => t is { ScopeKind: "unit", UnitId: not null, IsYearValue: true }).ToLookup(t => (t.IndicatorId, t.Year));
        foreach (var whole in targets.Where(t => t.Aggregation == "sum" && t.ScopeKind is "region" or "city" && t.IsYearValue).GroupBy(t => t.Fact).Select(Representative))
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
            var wholes = targets.Where(t => t.IndicatorId == c.WholeIndicatorId && t.ScopeKind == c.WholeScopeKind && t.Scope == c.WholeScope && t.Year == c.Year && t.IsYearValue).ToList();
            if (wholes.Count == 0) continue;
            var whole = Representative(wholes);
            var parts = targets.Where(t => c.PartsIndicatorIds.Contains(t.IndicatorId) && t.ScopeKind == c.PartsScopeKind && t.Year == c.Year && t.IsYearValue &&
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
    /// digit (16.2 → ±0.05). Each stated rate is checked once, from one baseline: the target row's own baseline, else the
    /// representative row of the base year (another statement of the baseline is a conflict, reported as such and named
    /// here). Cumulative indicators are checked too: a stock such as seed 004 ind24 (3 → 5 家) compounds like any level,
    /// and a period total (seed 003 ind02 [300] 亿元 over 2021–2025) is the sum of the yearly values b·(1+r)^k.
    /// </summary>
    public static IEnumerable<Finding> GrowthRates(IReadOnlyList<TargetRow> targets, IReadOnlyList<IndicatorRow> indicators, IReadOnlyDictionary<string, PlanRow> plans)
    {
        var byIndicator = targets.ToLookup(t => t.IndicatorId);
        foreach (var growth in indicators.Where(i => i.GrowthOfId is not null))
        {
            var level = indicators.First(i => i.Id == growth.GrowthOfId);
            foreach (var rate in byIndicator[growth.Id].Where(t => t.Year is not null).GroupBy(t => t.Fact).Select(Representative))
            {
                var ends = byIndicator[level.Id].Where(t => t.Scope == rate.Scope && t.Year == rate.Year && t.Period is "year" or "sum").ToList();
                if (ends.Count == 0) continue;
                var end = Representative(ends);
                var plan = plans.GetValueOrDefault(rate.PlanId);
                var baseYear = end.Period == "sum" ? end.YearFrom - 1 : end.BaselineYear ?? (plan?.PeriodStart is { } start ? start - 1 : null);
                if (baseYear is null) continue;
                var baseRows = byIndicator[level.Id].Where(t => t.Scope == rate.Scope && t.Year == baseYear && t.Period == "year").ToList();
                (decimal Value, TargetRow? Row) basis = end.BaselineValue is { } bv && end.BaselineYear == baseYear ? (bv, null)
                    : baseRows.Count > 0 ? (Representative(baseRows).Value, Representative(baseRows)) : (0m, null);
                if (basis.Value <= 0) continue;
                var others = baseRows.Where(b => Decimals.Normalize(b.Value) != Decimals.Normalize(basis.Value)).ToList();
                if (Growth(level, rate, end, baseYear.Value, basis, others, partial: false) is { } finding) yield return finding;
                // A period total with an earlier total of the same series (seed 003 专栏1: [180] for 2021–2023 beside [300] for
                // 2021–2025, one 20% column): the same stated rate is checked against the earlier total too.
                if (end.Period != "sum") continue;
                var earlier = byIndicator[level.Id].Where(t => t.Scope == rate.Scope && t.Period == "sum" && t.YearFrom == end.YearFrom && t.Year < end.Year)
                    .GroupBy(t => t.Fact).Select(Representative);
                foreach (var e in earlier)
                {
                    if (Growth(level, rate, e, baseYear.Value, basis, others, partial: true) is { } f) yield return f;
                }
            }
        }
    }

    private static Finding? Growth(IndicatorRow level, TargetRow rate, TargetRow end, long baseYear, (decimal Value, TargetRow? Row) basis, IReadOnlyList<TargetRow> others,
        bool partial)
    {
        var years = (int)(end.Year!.Value - baseYear);
        if (years <= 0) return null;
        var implied = end.Period == "sum" ? SumRate(basis.Value, end.Value, (int)(end.Year!.Value - end.YearFrom!.Value + 1)) : CompoundRate(basis.Value, end.Value, years);
        if (implied is null) return null;
        var agrees = Math.Abs(implied.Value - rate.Value) <= HalfLastDigit(rate.Value);
        var items = new List<CheckItem>
        {
            Item(rate, $"年均增速（{baseYear}—{rate.Year}）"),
            basis.Row is null ? new CheckItem($"基期 {baseYear}", basis.Value, end.Unit, null, end.ToSource()) : Item(basis.Row, $"基期 {baseYear}"),
            Item(end, end.Period == "sum" ? $"目标 {end.YearFrom}—{end.Year} 累计" : $"目标 {end.Year}"),
        };
        items.AddRange(others.Select(o => Item(o, $"另一基期数值 {baseYear}（见冲突）")));
        var how = end.Period == "sum" ? $"以 {N(basis.Value)} 为基数、{end.YearFrom}—{end.Year} 累计 {N(end.Value)} {end.Unit}" : $"由 {N(basis.Value)} 到 {N(end.Value)} {end.Unit}，{years} 年";
        var alsoZh = others.Count > 0 ? $"；基期另有 {string.Join("、", others.Select(o => N(o.Value)))}（另列为冲突）" : "";
        var partialZh = partial ? $"（同一年均增速对照 {end.YearFrom}—{end.Year} 的阶段累计目标）" : "";
        return new Finding(FindingKinds.Growth, agrees ? FindingStatus.Agrees : FindingStatus.Mismatch, rate.PlanId,
            partial ? $"{level.Name}：年均增速 {N(rate.Value)}%（{baseYear}—{rate.Year}）对照 {end.YearFrom}—{end.Year} 累计" : $"{level.Name}：年均增速 {N(rate.Value)}%（{baseYear}—{rate.Year}）",
            $"{how}，实际隐含年均增速 {N(implied)}%，文件写 {N(rate.Value)}%，相差 {N(implied - rate.Value)} 个百分点{alsoZh}{partialZh}",
            $"{(end.Period == "sum" ? "a period total" : "baseline to target")} implies {N(implied)}% a year; the document states {N(rate.Value)}%",
            rate.Value, implied, implied - rate.Value, "%", items);
    }

    /// <summary>The average annual rate from <paramref name="from"/> to <paramref name="to"/> in <paramref name="years"/> years, in %, to two decimals.</summary>
    public static decimal? CompoundRate(decimal from, decimal to, int years) =>
        from <= 0 || to <= 0 || years <= 0 ? null : Math.Round((decimal)((Math.Pow((double)(to / from), 1.0 / years) - 1) * 100), 2);

    /// <summary>The rate r (in %, two decimals) at which yearly values base·(1+r)^k for k = 1…years add up to <paramref name="total"/> (bisection).</summary>
    public static decimal? SumRate(decimal @base, decimal total, int years)
    {
        if (@base <= 0 || total <= 0 || years <= 0) return null;
        double Sum(double r) => Enumerable.Range(1, years).Sum(k => (double)@base * Math.Pow(1 + r, k));
        double lo = -0.99, hi = 10;
        if (Sum(lo) > (double)total || Sum(hi) < (double)total) return null;
        for (var i = 0; i < 200; i++)
        {
            var mid = (lo + hi) / 2;
            if (Sum(mid) < (double)total) lo = mid; else hi = mid;
        }
        return Math.Round((decimal)(lo * 100), 2);
    }

    /// <summary>Half a unit of the last printed digit: 16.2 → 0.05, 20 → 0.5, 10.35 → 0.005.</summary>
    public static decimal HalfLastDigit(decimal printed)
    {
        var text = Decimals.Normalize(printed).ToString(CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var decimals = dot < 0 ? 0 : text.Length - dot - 1;
        return 0.5m / (decimal)Math.Pow(10, decimals);
    }

    /// <summary>
    /// A project table's printed 合计/小计 rows against the sum of their rows (级联不符), a count printed in the label
    /// against the number of rows (计数不符), and cells a quality note marks as displaced (数据质量: not compared). A project
    /// printed twice (one entity, two mentions: 中国华录 in seed 004 附件三) is counted once, and the finding says how much
    /// the second row would add.
    /// </summary>
    public static IEnumerable<Finding> ProjectTotals(IReadOnlyList<ProjectRow> projects, IEnumerable<ProjectTotalRow> totals)
    {
        foreach (var total in totals)
        {
            var mentions = projects.Where(p => p.Library == total.Library && (total.Section is null || p.Section == total.Section)).ToList();
            var entities = Entities.Projects(projects.Where(p => p.Library == total.Library)).Where(e => e.Mentions.Any(mentions.Contains)).ToList();
            var rows = entities.Select(e => e.Project).ToList();
            var repeated = entities.Where(e => e.Mentions.Count > 1).ToList();
            var damaged = total.Damaged?.Split('|', StringSplitOptions.RemoveEmptyEntries) ?? [];
            var comparisons = new List<(string Key, string Measure, decimal? Printed, decimal Sum, decimal AllRows, string Unit)>
            {
                ("investment", "投资", total.InvestmentYi ?? (damaged.Contains("investment") ? total.Investment : null), rows.Sum(p => p.InvestmentYi ?? 0), mentions.Sum(p => p.InvestmentYi ?? 0), "亿元"),
                ("output", "产值", total.OutputYi ?? (damaged.Contains("output") ? total.Output : null), rows.Sum(p => p.OutputYi ?? 0), mentions.Sum(p => p.OutputYi ?? 0), "亿元"),
                ("tax", "税收", total.TaxYi ?? (damaged.Contains("tax") ? total.Tax : null), rows.Sum(p => p.TaxYi ?? 0), mentions.Sum(p => p.TaxYi ?? 0), "亿元"),
                ("land", "用地", total.LandMu ?? (damaged.Contains("land") ? total.Land : null), rows.Sum(p => p.LandMu ?? 0), mentions.Sum(p => p.LandMu ?? 0), "亩"),
            };
            var source = new CheckItem(total.Label, total.InvestmentYi, "亿元", null, total.ToSource());
            var rowItems = repeated.SelectMany(e => e.Mentions.Select(m => new CheckItem($"{m.Name}（{m.Serial}）", m.InvestmentYi, "亿元", null, m.ToSource()))).ToList();
            var repeatText = repeated.Count == 0 ? "" :
                "；" + string.Join("；", repeated.Select(e => $"“{e.Project.Name}”印出 {e.Mentions.Count} 次（{string.Join("、", e.Mentions.Select(m => $"{m.Serial} 第 {m.ToSource().LinesText} 行"))}），合计只计一次"))
                + "：两行都计则" + string.Join("、", comparisons.Where(c => c.AllRows != c.Sum).Select(c => $"{c.Measure}多 {N(c.AllRows - c.Sum)} {c.Unit}"));

            if (damaged.Length > 0)
            {
                var shown = comparisons.Where(c => damaged.Contains(c.Key)).ToList();
                yield return new Finding(FindingKinds.Quality, FindingStatus.Noted, total.Library, total.Label,
                    $"此合计行的数据质量说明：{total.Quality}。受损的栏目（{string.Join("、", shown.Select(c => c.Measure))}）不作比较；印出的数值为 " +
                    string.Join(" / ", new[] { total.Investment, total.Output, total.Tax, total.Land }.Where(v => v is not null).Select(v => N(v))) +
                    $"，各行合计为 {string.Join("、", shown.Select(c => $"{c.Measure} {N(c.Sum)} {c.Unit}"))}",
                    "cells displaced by extraction damage are not compared", null, null, null, null, [source]);
            }
            var compared = comparisons.Where(c => !damaged.Contains(c.Key)).ToList();
            var printedAny = compared.Any(c => c.Printed is not null);
            var differences = compared.Where(c => c.Printed is { } p && Decimals.Normalize(p) != Decimals.Normalize(c.Sum)).ToList();
            if (printedAny || damaged.Length == 0)
            {
                var status = !printedAny ? FindingStatus.Incomplete : differences.Count > 0 ? FindingStatus.Mismatch : FindingStatus.Agrees;
                var parts = compared.Select(c => c.Printed is null
                    ? $"{c.Measure}：表中未印出，行合计 {N(c.Sum)} {c.Unit}"
                    : $"{c.Measure}：表中 {N(c.Printed)}，行合计 {N(c.Sum)} {c.Unit}{(Decimals.Normalize(c.Printed.Value) == Decimals.Normalize(c.Sum) ? "" : $"（差 {N(c.Sum - c.Printed)}）")}");
                var first = differences.FirstOrDefault();
                yield return new Finding(FindingKinds.Cascade, status, total.Library, total.Label,
                    $"{rows.Count} 个项目；{string.Join("；", parts)}{repeatText}",
                    $"{rows.Count} projects; printed totals against the sum of their rows",
                    first.Printed, first.Printed is null ? null : first.Sum, first.Printed is null ? null : first.Sum - first.Printed, first.Unit, [source, .. rowItems]);
            }
            if (CountInLabel().Match(total.Label) is { Success: true } m)
            {
                var count = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                yield return new Finding(FindingKinds.Count, count == rows.Count ? FindingStatus.Agrees : FindingStatus.Mismatch, total.Library,
                    $"{total.Label}（项目数）", $"标注 {count} 个，表中 {rows.Count} 个项目{(count == rows.Count ? "" : $"，差 {rows.Count - count}")}",
                    $"label says {count}, the table has {rows.Count} projects", count, rows.Count, rows.Count - count, "个", [source]);
            }
        }
    }

    /// <summary>
    /// A stated count against the registry rows it counts (counts.csv): seed 004 L77 says 176 规上 firms, 137 成长型,
    /// 附件四 (L2189-2893) lists 175 firms, 136 of them 成长型. Firms are counted as entities (a firm listed once).
    /// </summary>
    public static IEnumerable<Finding> Counts(IReadOnlyList<TargetRow> targets, IEnumerable<CountDefinition> counts, IReadOnlyList<EnterpriseRow> enterprises)
    {
        foreach (var c in counts)
        {
            var stated = targets.Where(t => t.IndicatorId == c.IndicatorId && t.ScopeKind == c.ScopeKind && t.Scope == c.Scope && t.Year == c.Year && t.IsYearValue).ToList();
            if (stated.Count == 0) continue;
            var target = Representative(stated);
            var rows = enterprises.Where(e => e.SrcDocument == c.RowsDocument && e.SrcFrom >= c.RowsFrom && e.SrcTo <= c.RowsTo &&
                                              (c.Tier is null || EnterpriseEntity.Split(e.Tiers).Contains(c.Tier))).ToList();
            var counted = Entities.Enterprises(rows).Count;
            var expected = target.Value;
            var rowsSource = new Source(c.RowsDocument, (int)c.RowsFrom, (int)c.RowsTo);
            yield return new Finding(FindingKinds.Count, counted == expected ? FindingStatus.Agrees : FindingStatus.Mismatch, c.Plan,
                $"{target.IndicatorName}（{target.Scope ?? "全市"}，{target.Year}）：文件所写数目与所列名单",
                $"文件写 {N(expected)} {target.Unit}，名单（第 {rowsSource.LinesText} 行{(c.Tier is null ? "" : $"，{c.Tier}")}）列出 {counted} 家{(counted == expected ? "" : $"，差 {N(counted - expected)}")}",
                $"the document states {N(expected)}; the list names {counted}", expected, counted, counted - expected, target.Unit,
                [Item(target), new CheckItem($"名单{(c.Tier is null ? "" : $"（{c.Tier}）")}", counted, target.Unit, null, rowsSource)]);
        }
    }

    /// <summary>One enterprise, two tiers: the mentions of a firm state different tiers (美心·麦森 龙头 in 附件四, 骨干 in 表1-1).</summary>
    public static IEnumerable<Finding> Tiers(IReadOnlyList<EnterpriseRow> enterprises, IReadOnlyDictionary<string, string> planOfDocument)
    {
        foreach (var entity in Entities.Enterprises(enterprises))
        {
            var statements = entity.TierStatements;
            if (statements.Count < 2) continue;
            var document = entity.Mentions[0].SrcDocument ?? "";
            yield return new Finding(FindingKinds.Tier, FindingStatus.Conflict, planOfDocument.GetValueOrDefault(document, document), $"{entity.Name}：企业分级",
                $"同一企业在不同处分级不同：{string.Join("；", statements.Select(s => $"{s.Tier}（第 {string.Join("、", s.Mentions.Select(m => m.ToSource().LinesText))} 行）"))}",
                $"one enterprise, {statements.Count} tiers: {string.Join(", ", statements.Select(s => s.Tier))}", null, null, null, null,
                statements.SelectMany(s => s.Mentions.Select(m => new CheckItem($"{s.Tier}：{m.Name}", null, null, m.Tiers, m.ToSource()))).ToList());
        }
    }

    /// <summary>
    /// A stated share against part ÷ whole of two other targets of the same year (shares.csv, our reading of what the share
    /// is of): seed 004 L72 prints 装备制造 at 17.6% 左右 of 全区工业总产值, while 表2-1 gives 176.0 of 817.6 亿元 (21.53%).
    /// The share agrees when part ÷ whole is within half a unit of the share's last printed digit (17.6 → ±0.05).
    /// </summary>
    public static IEnumerable<Finding> Shares(IReadOnlyList<TargetRow> targets, IEnumerable<ShareDefinition> shares)
    {
        TargetRow? Find(long indicator, string kind, string? scope, long year)
        {
            var rows = targets.Where(t => t.IndicatorId == indicator && t.ScopeKind == kind && t.Scope == scope && t.Year == year && t.IsYearValue).ToList();
            return rows.Count == 0 ? null : Representative(rows);
        }
        foreach (var c in shares)
        {
            if (Find(c.ShareIndicatorId, c.ShareScopeKind, c.ShareScope, c.Year) is not { } share || Find(c.PartIndicatorId, c.PartScopeKind, c.PartScope, c.Year) is not { } part ||
                Find(c.WholeIndicatorId, c.WholeScopeKind, c.WholeScope, c.Year) is not { } whole || whole.Comparable.Low == 0 || part.Comparable.Unit != whole.Comparable.Unit)
            {
                continue;
            }
            var computed = Math.Round(part.Comparable.Low / whole.Comparable.Low * 100m, 2);
            var stated = share.Comparable.Low;
            var agrees = Math.Abs(computed - stated) <= HalfLastDigit(stated);
            var about = share.Comparator == "approx" ? "（文件写“左右”）" : "";
            yield return new Finding(FindingKinds.Cascade, agrees ? FindingStatus.Agrees : FindingStatus.Mismatch, c.Plan,
                $"{share.IndicatorName}：{share.Scope ?? "全市"}（{c.Year}年）与{part.IndicatorName}÷{whole.IndicatorName}",
                $"文件写占比 {N(stated)}%{about}；{part.IndicatorName} {N(part.Value)} {part.Unit} ÷ {whole.IndicatorName} {N(whole.Value)} {whole.Unit} = {N(computed)}%，相差 {N(computed - stated)} 个百分点",
                $"the document states a share of {N(stated)}%; part ÷ whole = {N(part.Value)} ÷ {N(whole.Value)} = {N(computed)}%, a difference of {N(computed - stated)} points",
                stated, computed, computed - stated, "%",
                [Item(share, $"占比：{share.Scope ?? "全市"}"), Item(part, $"分子：{part.IndicatorName}"), Item(whole, $"分母：{whole.IndicatorName}")]);
        }
    }

    /// <summary>
    /// An area target against the planned areas of the parks a document lists in some lines (park_areas.csv): seed 003
    /// 专栏12 (L346-352) plans 37.5 平方公里 of industrial land across its parks, against 全区工业用地 20 km² by 2025 (L344).
    /// Areas are added in 亩 (exact) and shown in the target's unit.
    /// </summary>
    public static IEnumerable<Finding> ParkAreas(IReadOnlyList<TargetRow> targets, IEnumerable<ParkAreaDefinition> checks, IReadOnlyList<ParkRow> parks)
    {
        foreach (var c in checks)
        {
            var stated = targets.Where(t => t.IndicatorId == c.IndicatorId && t.ScopeKind == c.ScopeKind && t.Scope == c.Scope && t.Year == c.Year && t.IsYearValue).ToList();
            if (stated.Count == 0) continue;
            var target = Representative(stated);
            var listed = parks.Where(p => p.SrcDocument == c.RowsDocument && p.SrcFrom >= c.RowsFrom && (p.SrcTo ?? p.SrcFrom) <= c.RowsTo && p.AreaMu is not null).ToList();
            if (listed.Count == 0 || target.NormalizedUnit != MeasureUnitsMu) continue;
            var sumMu = listed.Sum(p => p.AreaMu!.Value);
            var perUnit = target.NormalizedValue!.Value / target.Value; // 亩 per unit of the target (1,500 for km²)
            var sum = Decimals.Normalize(sumMu / perUnit);
            var expected = target.Value;
            var agrees = c.Relation == "sum_at_most" ? sumMu <= target.NormalizedValue!.Value : sumMu == target.NormalizedValue!.Value;
            var rowsSource = new Source(c.RowsDocument, (int)c.RowsFrom, (int)c.RowsTo);
            var relationText = c.Relation == "sum_at_most" ? "不超过" : "等于";
            var zhUnit = IndustryMap.Measures.MeasureUnits.InChinese(target.Unit);
            yield return new Finding(FindingKinds.Cascade, agrees ? FindingStatus.Agrees : FindingStatus.Mismatch, c.Plan,
                $"{target.IndicatorName}：{target.Scope ?? "全市"}{target.Year}年目标与所列园区规划面积之和",
                $"所列 {listed.Count} 个园区（第 {rowsSource.LinesText} 行）规划面积合计 {N(sum)} {zhUnit}，目标 {N(expected)} {zhUnit}，差 {N(sum - expected)} {zhUnit}；应{relationText}目标",
                $"the {listed.Count} parks listed on lines {rowsSource.LinesText} plan {N(sum)} {target.Unit}; the target is {N(expected)}; difference {N(sum - expected)}",
                expected, sum, sum - expected, target.Unit,
                listed.Select(p => new CheckItem(p.Name, p.PlannedArea, p.AreaUnit, null, p.ToSource())).Prepend(Item(target, $"目标：{target.Scope ?? "全市"} {target.Year}")).ToList());
        }
    }

    private const string MeasureUnitsMu = IndustryMap.Measures.MeasureUnits.Mu;

    [GeneratedRegex(@"(\d+)\s*个")]
    private static partial Regex CountInLabel();
}

public sealed record ShareDefinition(string Plan, string Code, long ShareIndicatorId, string ShareScopeKind, string? ShareScope, long PartIndicatorId,
    string PartScopeKind, string? PartScope, long WholeIndicatorId, string WholeScopeKind, string? WholeScope, long Year);

public sealed record ParkAreaDefinition(string Plan, string Code, long IndicatorId, string ScopeKind, string? Scope, long Year, string RowsDocument, long RowsFrom,
    long RowsTo, string Relation);

public sealed record CountDefinition(string Plan, string Code, long IndicatorId, string ScopeKind, string? Scope, long? Year, string Registry,
    string RowsDocument, long RowsFrom, long RowsTo, string? Tier, string? Note);
