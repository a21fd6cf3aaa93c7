using System.Data.Common;
using System.Globalization;
using Dapper;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Storage;
using IndustryMap.Writing;

namespace IndustryMap.Monitoring;

/// <summary>
/// A target that progress is judged against, in the indicator's own unit: stated by a plan (seed targets: a document
/// and lines), or set for monitoring (monitoring_targets: by the city, or synthetic demo data). Scope is a unit, a group
/// (a region such as 渝西地区) or the city.
/// </summary>
public sealed record AssessmentTarget(
    string Id, MonitoredIndicator Indicator, string ScopeKind, long? UnitId, long? GroupId, string ScopeName, int Year, decimal Value, string Comparator,
    int? BaselineYear, decimal? BaselineValue, string Printed, string Origin, string? Document, string? Lines, string? EnteredBy, bool Demo, int Alternatives)
{
    public const string FromPlan = "plan";
    public const string FromMonitoring = "monitoring";

    /// <summary>The baseline year the plan implies when a target does not state one: the year before the plan starts (2027 targets of a 2023–2027 plan: 2022).</summary>
    public int ImpliedBaselineYear => BaselineYear ?? (int)((Indicator.PlanStart ?? Year) - 1);
}

/// <param name="IndicatorIds">Only these monitored indicators (what a ranking needs); null: all.</param>
public sealed record TargetFilter(string? Plan = null, string? Unit = null, string? Indicator = null, bool IncludeDemo = true, IReadOnlySet<long>? IndicatorIds = null);

/// <summary>One year on the way to a target: stated by the plan, or derived by <see cref="AnnualPath"/> (and marked so).</summary>
public sealed record AnnualTargetStep(int Year, decimal Value, bool Derived, string? TargetId);

public sealed record AnnualTargets(string Indicator, string IndicatorName, string? Unit, string Kind, string ScopeKind, string Scope, int? BaselineYear,
    decimal? BaselineValue, string? BaselineSource, bool Demo, IReadOnlyList<AnnualTargetStep> Steps);

/// <summary>Reads the assessment targets of the monitored indicators and derives their yearly path (issue 7 §2).</summary>
public static class AssessmentTargetStore
{
    private sealed class Row
    {
        public long Id { get; set; }
        public long IndicatorId { get; set; }
        public string ScopeKind { get; set; } = "";
        public string? Scope { get; set; }
        public long? UnitId { get; set; }
        public long? GroupId { get; set; }
        public long Year { get; set; }
        public string Comparator { get; set; } = "";
        public object? Value { get; set; }
        public string? Unit { get; set; }
        public long? BaselineYear { get; set; }
        public object? BaselineValue { get; set; }
        public string Printed { get; set; } = "";
        public string SourceKind { get; set; } = "";
        public long Position { get; set; }
        public string? SrcDocument { get; set; }
        public long? SrcFrom { get; set; }
        public long? SrcTo { get; set; }
        public string? EnteredBy { get; set; }
        public long IsDemo { get; set; }
    }

    /// <summary>
    /// The targets of monitored indicators for units, groups and the city. Rows that state a different value for the
    /// same indicator, scope and year are conflicts (seed-data README): one is used — a table row before prose, then the
    /// first printed; a monitoring target only where the plans state none — and the others are counted in Alternatives.
    /// Plan rows for years before the plan starts are the plan's baseline figures, not targets.
    /// </summary>
    public static async Task<IReadOnlyList<AssessmentTarget>> LoadAsync(DbConnection connection, MonitoringCatalog catalog, TargetFilter filter)
    {
        var indicators = catalog.Indicators
            .Where(i => filter.Plan is null || i.PlanId == filter.Plan)
            .Where(i => filter.Indicator is null || i.Key == filter.Indicator || i.Code == filter.Indicator || i.Name == filter.Indicator)
            .Where(i => filter.IndicatorIds is null || filter.IndicatorIds.Contains(i.IndicatorId))
            .ToDictionary(i => i.IndicatorId);
        // Read only the wanted indicators' rows: at city scale there is a target per unit and indicator. The ids are the catalog's
        // numbers, written into the statement (a list parameter is expanded by Dapper on SQLite but sent as an array to Npgsql).
        var ids = string.Join(",", indicators.Keys.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        if (indicators.Count == 0) return [];
        long? unitFilter = filter.Unit is null ? null : catalog.FindUnit(filter.Unit)?.Id ?? -1;
        var groups = catalog.Groups.ToDictionary(g => g.Id);

#pragma warning disable CA2100 // only the catalog's numeric ids are spliced in
        var planRows = await connection.QueryAsync<Row>(
            $"""
             SELECT t.id, t.indicator_id, t.scope_kind, t.scope, t.unit_id, t.group_id, t.year, t.comparator,
                    t.value, t.unit, t.baseline_year, t.baseline_value, t.printed, t.source_kind, t.position, t.src_document, t.src_from, t.src_to,
                    t.entered_by, 0 AS is_demo
             FROM targets t
             WHERE t.scope_kind IN ('unit', 'region', 'city') AND t.year IS NOT NULL AND t.indicator_id IN ({ids})
             """);
        // Monitoring targets can be one per unit and indicator (150,000 at city scale): read with a plain reader, not mapped by reflection.
        var monitoringRows = new List<Row>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText =
                $"SELECT id, indicator_id, unit_id, group_id, year, value, baseline_year, baseline_value, entered_by, is_demo FROM monitoring_targets WHERE indicator_id IN ({ids})";
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var indicatorId = reader.GetInt64(1);
                if (!indicators.ContainsKey(indicatorId)) continue;
                long? unitId = reader.IsDBNull(2) ? null : reader.GetInt64(2);
                long? groupId = reader.IsDBNull(3) ? null : reader.GetInt64(3);
                monitoringRows.Add(new Row
                {
                    Id = reader.GetInt64(0), IndicatorId = indicatorId, UnitId = unitId, GroupId = groupId,
                    ScopeKind = unitId is not null ? "unit" : groupId is not null ? "region" : "city", Year = reader.GetInt64(4), Comparator = "eq",
                    Value = reader.GetValue(5), BaselineYear = reader.IsDBNull(6) ? null : reader.GetInt64(6), BaselineValue = reader.IsDBNull(7) ? null : reader.GetValue(7),
                    SourceKind = "monitoring", Position = reader.GetInt64(0), EnteredBy = reader.GetString(8), IsDemo = reader.GetInt64(9),
                });
            }
        }
        var candidates = new List<(AssessmentTarget Target, int Rank)>();
        foreach (var (row, origin) in planRows.Select(r => (r, AssessmentTarget.FromPlan)).Concat(monitoringRows.Select(r => (r, AssessmentTarget.FromMonitoring))))
        {
            if (!indicators.TryGetValue(row.IndicatorId, out var indicator)) continue;
            if (row.IsDemo == 1 && !filter.IncludeDemo) continue;
            if (origin == AssessmentTarget.FromPlan && row.Year < (indicator.PlanStart ?? 0)) continue;
            if (row.ScopeKind == "unit" && row.UnitId is null || row.ScopeKind == "region" && row.GroupId is null) continue;
            if (unitFilter is { } u && (row.ScopeKind != "unit" || row.UnitId != u)) continue;
            // Plan targets are in the document's unit (1.4 万亿元); monitoring needs the indicator's (亿元).
            var value = ValueReader.Decimal(row.Value);
            var converted = origin == AssessmentTarget.FromPlan ? ValueRules.ToIndicatorUnit(value!.Value, row.Unit, indicator.Unit) : value;
            if (converted is null) continue;
            var baseline = ValueReader.Decimal(row.BaselineValue);
            var baselineConverted = baseline is { } b && origin == AssessmentTarget.FromPlan ? ValueRules.ToIndicatorUnit(b, row.Unit, indicator.Unit) : baseline;
            var scopeName = row.ScopeKind switch
            {
                "unit" => catalog.Unit(row.UnitId!.Value).Name,
                "region" => groups.TryGetValue(row.GroupId!.Value, out var g) ? g.Name : row.Scope ?? "",
                _ => "全市",
            };
            var lines = row.SrcDocument is null ? null
                : row.SrcTo is { } to && to != row.SrcFrom ? string.Create(CultureInfo.InvariantCulture, $"{row.SrcFrom}-{to}")
                : row.SrcFrom?.ToString(CultureInfo.InvariantCulture);
            var target = new AssessmentTarget((origin == AssessmentTarget.FromPlan ? "t" : "m") + row.Id.ToString(CultureInfo.InvariantCulture), indicator,
                row.ScopeKind, row.UnitId, row.GroupId, scopeName, (int)row.Year, Decimals.Normalize(converted.Value), row.Comparator, (int?)row.BaselineYear,
                Decimals.Normalize(baselineConverted), row.Printed, origin, row.SrcDocument, lines, row.EnteredBy, row.IsDemo == 1, 0);
            var rank = origin == AssessmentTarget.FromPlan ? (row.SourceKind == "table" ? 0 : 1) : 2;
            candidates.Add((target, rank));
        }
        // Group by fact in one pass (at city scale there is a target per unit and indicator, and almost every group has one row).
        var facts = new Dictionary<(long, string, long?, long?, int), List<(AssessmentTarget Target, int Rank)>>();
        foreach (var c in candidates)
        {
            var key = (c.Target.Indicator.IndicatorId, c.Target.ScopeKind, c.Target.UnitId, c.Target.GroupId, c.Target.Year);
            if (!facts.TryGetValue(key, out var list)) facts[key] = list = [];
            list.Add(c);
        }
        return facts.Values
            .Select(g =>
            {
                if (g.Count == 1) return g[0].Target;
                var ordered = g.OrderBy(c => c.Rank).ThenBy(c => c.Target.Id, StringComparer.Ordinal).ToList();
                var chosen = ordered[0].Target;
                // A table row without a baseline borrows the one a prose row for the same fact states.
                var baseline = chosen.BaselineValue is null ? ordered.Select(o => o.Target).FirstOrDefault(o => o.BaselineValue is not null) : null;
                return chosen with
                {
                    Alternatives = ordered.Count(o => o.Target.Value != chosen.Value),
                    BaselineYear = chosen.BaselineYear ?? baseline?.BaselineYear, BaselineValue = chosen.BaselineValue ?? baseline?.BaselineValue,
                };
            })
            .OrderBy(t => t.Indicator.Position).ThenBy(t => t.ScopeKind == "unit" ? 1 : 0).ThenBy(t => t.UnitId is { } id ? catalog.Unit(id).Position : 0)
            .ThenBy(t => t.Year)
            .ToList();
    }

    /// <summary>
    /// The yearly path of each indicator and scope (issue 7 §2): from the baseline to each stated target in turn —
    /// constant growth for levels, linear for shares, counts, running totals and reductions — every year between two
    /// stated values derived and marked so.
    /// </summary>
    public static IReadOnlyList<AnnualTargets> Paths(IEnumerable<AssessmentTarget> targets, Func<AssessmentTarget, (decimal Value, string Source)?> baselineOf)
    {
        var result = new List<AnnualTargets>();
        foreach (var chain in targets.GroupBy(t => (t.Indicator.IndicatorId, t.ScopeKind, t.UnitId, t.GroupId)))
        {
            var ordered = chain.OrderBy(t => t.Year).ToList();
            var first = ordered[0];
            var baseline = baselineOf(first);
            var steps = new List<AnnualTargetStep>();
            var linear = first.Indicator.Kind != IndicatorKinds.Growing;
            int? fromYear = baseline is null ? null : first.ImpliedBaselineYear;
            decimal? fromValue = baseline?.Value;
            foreach (var target in ordered)
            {
                if (fromYear is { } y && fromValue is { } v && target.Year > y)
                {
                    foreach (var step in AnnualPath.Derive(y, v, target.Year, target.Value, linear))
                    {
                        steps.Add(new AnnualTargetStep(step.Year, step.Value, step.Derived, step.Derived ? null : target.Id));
                    }
                }
                else if (steps.All(s => s.Year != target.Year))
                {
                    steps.Add(new AnnualTargetStep(target.Year, target.Value, false, target.Id));
                }
                fromYear = target.Year;
                fromValue = target.Value;
            }
            result.Add(new AnnualTargets(first.Indicator.Key, first.Indicator.Name, first.Indicator.Unit, first.Indicator.Kind, first.ScopeKind, first.ScopeName,
                baseline is null ? null : first.ImpliedBaselineYear, baseline?.Value, baseline?.Source, ordered.Any(t => t.Demo), steps));
        }
        return result;
    }

    /// <summary>The administrator sets (or replaces) an assessment target for a unit, a group or the city.</summary>
    public static async Task<long> SetAsync(Database database, Actor actor, string indicatorKey, string? unit, string? group, int year, decimal value,
        int? baselineYear, decimal? baselineValue, string? note)
    {
        MonitoringSetup.RequireAdmin(actor);
        FieldRules.ThrowIfAny([FieldRules.Text("note", "说明", note, 200)]);
        if (unit is not null && group is not null)
        {
            throw RefusedException.Invalid("invalid_scope", "目标的范围只能是一个单元或一个片区", "a target is for one unit or one group, not both");
        }
        if (baselineYear is { } by && by >= year)
        {
            throw RefusedException.Invalid("invalid_baseline", "基期须早于目标年份", "the baseline year must come before the target year");
        }
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var catalog = await MonitoringCatalog.LoadAsync(connection, transaction);
            var indicator = catalog.Find(indicatorKey)
                            ?? throw RefusedException.NotFound("indicator_not_monitored", $"“{indicatorKey}”不是监测指标", $"'{indicatorKey}' is not a monitored indicator");
            long? unitId = unit is null ? null : catalog.FindUnit(unit)?.Id ?? throw RefusedException.NotFound("unit_not_found", $"没有名为“{unit}”的规划单元", $"no unit '{unit}'");
            long? groupId = group is null ? null : catalog.Group(group)?.Id ?? throw RefusedException.NotFound("group_not_found", $"没有名为“{group}”的片区", $"no group '{group}'");
            var existing = await connection.QueryFirstOrDefaultAsync<long?>(
                """
                SELECT id FROM monitoring_targets WHERE indicator_id = @IndicatorId AND year = @Year
                  AND ((unit_id IS NULL AND @UnitId IS NULL) OR unit_id = @UnitId) AND ((group_id IS NULL AND @GroupId IS NULL) OR group_id = @GroupId)
                """, new { indicator.IndicatorId, Year = (long)year, UnitId = unitId, GroupId = groupId }, transaction);
            var values = new
            {
                indicator.IndicatorId, UnitId = unitId, GroupId = groupId, Year = (long)year, Value = value, BaselineYear = (long?)baselineYear, BaselineValue = baselineValue,
                Note = FieldRules.Clean(note), By = actor.Name, At = database.UtcStamp(), Id = existing,
            };
            var id = existing is null
                ? await connection.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO monitoring_targets (indicator_id, unit_id, group_id, year, value, baseline_year, baseline_value, note, is_demo, entered_by, entered_at)
                    VALUES (@IndicatorId, @UnitId, @GroupId, @Year, @Value, @BaselineYear, @BaselineValue, @Note, 0, @By, @At) RETURNING id
                    """, values, transaction)
                : await connection.ExecuteAsync(
                    """
                    UPDATE monitoring_targets SET value = @Value, baseline_year = @BaselineYear, baseline_value = @BaselineValue, note = @Note, is_demo = 0,
                        entered_by = @By, entered_at = @At WHERE id = @Id
                    """, values, transaction) * 0 + existing.Value;
            await AuditLog.AppendAsync(connection, transaction, database, actor, "monitoring.target.set", "monitoring_targets",
                $"{indicator.Key}/{unit ?? group ?? "全市"}/{year}", null,
                new { indicator.Key, unit, group, year, value, baselineYear, baselineValue, note });
            return id;
        });
    }
}
