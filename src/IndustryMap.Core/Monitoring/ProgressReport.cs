using System.Data.Common;
using IndustryMap.Storage;

namespace IndustryMap.Monitoring;

public sealed record ProgressQuery(string? Plan = null, string? Unit = null, string? Indicator = null, string? AsOf = null, bool IncludeDemo = true,
    bool RollUp = true);

/// <summary>
/// Progress of one target (issue 7 §3). Scope: a unit, a group (渝西地区, the 一区两群 groups) or the city; a group or
/// city row either judges a stated target or, marked <see cref="TargetDerived"/>, the sum of its members' targets. Status
/// is one of <see cref="ProgressStatus"/>, or <c>no_data</c> (no approved value yet), <c>no_baseline</c> (nothing to
/// measure growth from), <c>incomplete</c> (a sum whose members have not all reported the same period).
/// </summary>
public sealed record ProgressRow(
    string Target, string Plan, string Indicator, string IndicatorName, string? Unit, string Kind, string ScopeKind, string Scope, int Year,
    decimal TargetValue, string Comparator, bool TargetDerived, string Origin, string? Document, string? Lines, string? Printed,
    int? BaselineYear, decimal? BaselineValue, string? BaselineSource, decimal? Actual, string? ActualPeriod, int Members, int Reported,
    decimal? Completion, decimal? Elapsed, decimal? ActualGrowth, decimal? RequiredGrowth, decimal? Projected, decimal? Gap, string Status,
    string StatusName, AnnualTargetStep? AnnualTarget, bool Demo);

public static class ProgressStatuses
{
    public const string NoData = "no_data";
    public const string NoBaseline = "no_baseline";
    public const string Incomplete = "incomplete";

    public static string Chinese(string status) => status switch
    {
        NoData => "暂无已审核数据",
        NoBaseline => "缺少基期值",
        Incomplete => "成员单位未报齐",
        _ => ProgressStatus.Chinese(status),
    };

    /// <summary>The statuses a bulletin warns about.</summary>
    public static bool IsWarning(string status) => status is ProgressStatus.Lagging or ProgressStatus.FarBehind;
}

/// <summary>
/// Progress for every assessment target with approved actuals (issue 7 §3), judged by <see cref="ProgressCalculator"/>
/// the right way round for each kind, and rolled up from units to groups and the city where the indicator sums
/// (aggregation = sum) and every member of the group reports it.
/// </summary>
public static class ProgressReport
{
    public static async Task<IReadOnlyList<ProgressRow>> ComputeAsync(Database database, ProgressQuery query)
    {
        await using var connection = await database.OpenAsync();
        return await ComputeAsync(connection, await MonitoringCatalog.LoadAsync(connection), query);
    }

    public static async Task<IReadOnlyList<ProgressRow>> ComputeAsync(DbConnection connection, MonitoringCatalog catalog, ProgressQuery query)
    {
        PeriodRow? asOf = null;
        if (query.AsOf is not null) asOf = await PeriodStore.RequireAsync(connection, null, query.AsOf);
        var cutoff = asOf?.Key.Time;
        var targets = await AssessmentTargetStore.LoadAsync(connection, catalog, new TargetFilter(query.Plan, query.Unit, query.Indicator, query.IncludeDemo));
        var unitTargets = targets.Where(t => t.ScopeKind == "unit").ToList();
        var values = await ApprovedValues.LoadAsync(connection, query.IncludeDemo, asOf?.EndsOn,
            query.Unit is null ? null : unitTargets.Select(t => t.UnitId!.Value).ToHashSet());

        // Actuals: the latest approved value up to the target year (and the as-of period).
        var questions = unitTargets.Select(t => (t.UnitId!.Value, t.Indicator.IndicatorId, t.Indicator.Frequency, Min(t.Year, cutoff))).ToList();
        var actuals = await values.LatestAsync(questions);
        await values.EnsureAtAsync(unitTargets.Where(t => t.BaselineValue is null).Select(t => (t.UnitId!.Value, BaselineKey(t))));
        var baselines = new Dictionary<string, (decimal Value, string Source, bool Demo)?>();
        foreach (var t in unitTargets) baselines[t.Id] = t.BaselineValue is { } stated ? (stated, "stated", t.Demo) : await BaselineAsync(values, t);

        var rows = new List<ProgressRow>(unitTargets.Count);
        var chains = unitTargets.GroupBy(t => (t.Indicator.IndicatorId, t.UnitId)).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Year).ToList());
        for (var i = 0; i < unitTargets.Count; i++)
        {
            var t = unitTargets[i];
            var chain = chains[(t.Indicator.IndicatorId, t.UnitId)];
            var annual = actuals[i] is { } a ? AnnualTarget(chain, baselines[chain[0].Id], a.Period.Year) : null;
            rows.Add(Row(t, t.Value, false, baselines[t.Id], actuals[i], 1, actuals[i] is null ? 0 : 1, annual));
        }
        if (query.RollUp && query.Unit is null) rows.AddRange(await RollUpAsync(catalog, targets, unitTargets, baselines, values, cutoff));
        var order = catalog.Indicators.ToDictionary(i => i.Key, i => i.Position);
        return rows
            .OrderBy(r => order[r.Indicator])
            .ThenBy(r => r.ScopeKind switch { "city" => 0, "region" => 1, _ => 2 })
            .ThenBy(r => r.ScopeKind == "unit" ? catalog.FindUnit(r.Scope)!.Position : catalog.Groups.ToList().FindIndex(g => g.Name == r.Scope))
            .ThenBy(r => r.Year)
            .ToList();
    }

    private static decimal Min(int year, decimal? cutoff) => cutoff is { } c && c < year ? c : year;

    /// <summary>
    /// Where progress is measured from: the baseline the target states; else, for a running total or a reduction,
    /// zero at the baseline year (they count from it); else the approved value reported for the baseline year.
    /// </summary>
    private static async Task<(decimal Value, string Source, bool Demo)?> BaselineAsync(ApprovedValues values, AssessmentTarget t)
    {
        if (t.BaselineValue is { } stated) return (stated, "stated", t.Demo);
        if (t.Indicator.Kind is IndicatorKinds.Cumulative or IndicatorKinds.Decrease) return (0m, "implied", false);
        return await values.AtAsync(t.UnitId!.Value, t.Indicator.IndicatorId, BaselineKey(t)) is { } reported ? (reported.Value, "reported", reported.Demo) : null;
    }

    /// <summary>The period whose value is the baseline year's: the year itself, its fourth quarter, or its December.</summary>
    private static PeriodKey BaselineKey(AssessmentTarget t) =>
        PeriodKey.FromOrdinal(t.Indicator.Frequency, (long)(t.ImpliedBaselineYear + 1) * Frequencies.PerYear(t.Indicator.Frequency) - 1);

    /// <summary>
    /// The target for one year on the path of a unit's stated targets (the same path <see cref="AssessmentTargetStore.Paths"/> lists):
    /// stated where a target is for that year, else derived on the segment from the previous stated value (or the baseline) to the next.
    /// </summary>
    private static AnnualTargetStep? AnnualTarget(List<AssessmentTarget> chain, (decimal Value, string Source, bool Demo)? baseline, int year)
    {
        var next = chain.FindIndex(c => c.Year >= year);
        if (next < 0) return null;
        var to = chain[next];
        if (to.Year == year) return new AnnualTargetStep(year, to.Value, false, to.Id);
        var (fromYear, fromValue) = next > 0 ? (chain[next - 1].Year, (decimal?)chain[next - 1].Value) : (chain[0].ImpliedBaselineYear, baseline?.Value);
        if (fromValue is not { } v || fromYear >= year) return null;
        return new AnnualTargetStep(year, AnnualPath.ValueAt(fromYear, v, to.Year, to.Value, to.Indicator.Kind != IndicatorKinds.Growing, year), true, null);
    }

    private static ProgressRow Row(AssessmentTarget t, decimal targetValue, bool derived, (decimal Value, string Source, bool Demo)? baseline, CountedValue? actual,
        int members, int reported, AnnualTargetStep? annual, string? forcedStatus = null)
    {
        var demo = t.Demo || baseline?.Demo == true || actual?.Demo == true;
        var status = forcedStatus ?? (actual is null ? ProgressStatuses.NoData : baseline is null ? ProgressStatuses.NoBaseline : null);
        Progress? p = null;
        var baselineYear = t.ImpliedBaselineYear;
        if (status is null && baselineYear < t.Year)
        {
            p = ProgressCalculator.Compute(new ProgressInput(IndicatorKinds.ToKind(t.Indicator.Kind), baseline!.Value.Value, baselineYear, targetValue, t.Year,
                actual!.Value, actual.Period.Time));
            status = p.Status;
        }
        status ??= ProgressStatuses.NoBaseline;
        return new ProgressRow(t.Id, t.Indicator.PlanId, t.Indicator.Key, t.Indicator.Name, t.Indicator.Unit, t.Indicator.Kind, t.ScopeKind, t.ScopeName, t.Year,
            targetValue, t.Comparator, derived, t.Origin, t.Document, t.Lines, t.Printed.Length == 0 ? null : t.Printed,
            baseline is null ? null : baselineYear, Decimals.Normalize(baseline?.Value), baseline?.Source, Decimals.Normalize(actual?.Value), actual?.Period.Code,
            members, reported, p?.Completion, p?.Elapsed, p?.ActualGrowth, p?.RequiredGrowth, p?.Projected, p?.Gap, status, ProgressStatuses.Chinese(status),
            annual, demo);
    }

    /// <summary>
    /// Sums of units into groups and the city, for indicators that add up (aggregation = sum), over groups whose every
    /// member reports the indicator. The target is the group's stated one, else the sum of its members' targets (derived);
    /// the actual is the sum for the latest period every member has reported.
    /// </summary>
    private static async Task<List<ProgressRow>> RollUpAsync(MonitoringCatalog catalog, IReadOnlyList<AssessmentTarget> targets, IReadOnlyList<AssessmentTarget> unitTargets,
        Dictionary<string, (decimal Value, string Source, bool Demo)?> baselines, ApprovedValues values, decimal? cutoff)
    {
        var rows = new List<ProgressRow>();
        var indicators = targets.Select(t => t.Indicator).DistinctBy(i => i.IndicatorId).Where(i => i.Sums).ToList();
        var groupTargets = targets.Where(t => t.ScopeKind != "unit").ToList();
        var unitTargetsOf = unitTargets.ToLookup(t => t.Indicator.IndicatorId);
        foreach (var indicator in indicators)
        {
            var reporters = catalog.Reporters(indicator);
            var scopes = catalog.Groups.Where(g => g.Members.Count > 0 && g.Members.All(reporters.Contains))
                .Select(g => (Kind: "region", GroupId: (long?)g.Id, Name: g.Name, Members: (IReadOnlyList<long>)g.Members)).ToList();
            if (catalog.Units.All(u => reporters.Contains(u.Id))) scopes.Insert(0, ("city", null, "全市", catalog.Units.Select(u => u.Id).ToList()));
            var byUnit = unitTargetsOf[indicator.IndicatorId].ToLookup(t => t.UnitId!.Value);
            foreach (var scope in scopes)
            {
                var stated = groupTargets.Where(t => t.Indicator.IndicatorId == indicator.IndicatorId && t.ScopeKind == scope.Kind && t.GroupId == scope.GroupId).ToList();
                var years = stated.Select(t => t.Year)
                    .Concat(byUnit[scope.Members[0]].Select(t => t.Year).Where(y => scope.Members.All(m => byUnit[m].Any(t => t.Year == y))))
                    .Distinct().Order().ToList();
                foreach (var year in years)
                {
                    var own = stated.FirstOrDefault(t => t.Year == year);
                    var parts = scope.Members.Select(m => byUnit[m].FirstOrDefault(t => t.Year == year)).ToList();
                    var complete = parts.All(p => p is not null);
                    var targetValue = own?.Value ?? parts.Sum(p => p!.Value);
                    var template = own ?? new AssessmentTarget($"sum:{indicator.Key}:{scope.Name}:{year}", indicator, scope.Kind, null, scope.GroupId, scope.Name,
                        year, targetValue, "eq", parts[0]!.BaselineYear, null, "", "sum", null, null, null, parts.Any(p => p!.Demo), 0);
                    (decimal Value, string Source, bool Demo)? baseline = own?.BaselineValue is { } b ? (b, "stated", own.Demo)
                        : indicator.Kind is IndicatorKinds.Cumulative or IndicatorKinds.Decrease ? (0m, "implied", false)
                        : complete && parts.All(p => baselines.GetValueOrDefault(p!.Id) is not null)
                            ? (parts.Sum(p => baselines[p!.Id]!.Value.Value), "sum", parts.Any(p => baselines[p!.Id]!.Value.Demo))
                            : null;
                    var (actual, reported) = await SumAsync(values, indicator, scope.Members, Min(year, cutoff));
                    rows.Add(Row(template, targetValue, own is null, baseline, actual, scope.Members.Count, reported, null,
                        actual is null && reported > 0 ? ProgressStatuses.Incomplete : null));
                }
            }
        }
        return rows;
    }

    /// <summary>The sum over the members for the latest period (up to maxTime) that every member has an approved value for.</summary>
    private static async Task<(CountedValue? Sum, int Reported)> SumAsync(ApprovedValues values, MonitoredIndicator indicator, IReadOnlyList<long> members, decimal maxTime)
    {
        var latest = await values.LatestAsync(members.Select(m => (m, indicator.IndicatorId, indicator.Frequency, maxTime)).ToList());
        var reported = latest.Count(v => v is not null);
        // Try the periods from the most recent any member reported, back a few periods, until one is complete.
        var candidates = latest.Where(v => v is not null).Select(v => v!.Period.Ordinal).Distinct().OrderDescending().ToList();
        if (candidates.Count == 0) return (null, 0);
        for (var ordinal = candidates[0]; ordinal >= candidates[0] - 8; ordinal--)
        {
            var key = PeriodKey.FromOrdinal(indicator.Frequency, ordinal);
            await values.EnsureAtAsync(members.Select(m => (m, key)));
            decimal sum = 0;
            var demo = false;
            var all = true;
            foreach (var m in members)
            {
                if (await values.AtAsync(m, indicator.IndicatorId, key) is not { } v) { all = false; break; }
                sum += v.Value;
                demo |= v.Demo;
            }
            if (all) return (new CountedValue(sum, demo, key), members.Count);
        }
        return (null, reported);
    }
}
