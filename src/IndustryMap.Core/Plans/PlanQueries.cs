using Dapper;
using IndustryMap.Provenance;
using IndustryMap.Storage;

namespace IndustryMap.Plans;

public sealed class PlanRow : ProvenanceRow
{
    public string Id { get; set; } = "";
    public string DocumentId { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Issuer { get; set; }
    public long? PeriodStart { get; set; }
    public long? PeriodEnd { get; set; }
    public string ScopeKind { get; set; } = "";
    public string? Scope { get; set; }
    public string? Note { get; set; }
    public long Indicators { get; set; }
    public long Targets { get; set; }
}

public sealed class IndicatorRow : ProvenanceRow
{
    public long Id { get; set; }
    public string PlanId { get; set; } = "";
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Unit { get; set; }
    public string? Attribute { get; set; }
    public string? Direction { get; set; }
    public long Cumulative { get; set; }
    public string Aggregation { get; set; } = "";
    public string? Category { get; set; }
    public long? GrowthOfId { get; set; }
    public string? GrowthOf { get; set; }
    public string? Note { get; set; }
}

public sealed class TargetRow : ProvenanceRow
{
    public long Id { get; set; }
    public long IndicatorId { get; set; }
    public string PlanId { get; set; } = "";
    public string IndicatorCode { get; set; } = "";
    public string IndicatorName { get; set; } = "";
    public string? Attribute { get; set; }
    public string? Direction { get; set; }
    public long Cumulative { get; set; }
    public string Aggregation { get; set; } = "";
    public string ScopeKind { get; set; } = "";
    public string? Scope { get; set; }
    public long? UnitId { get; set; }
    public long? GroupId { get; set; }
    public long? Year { get; set; }
    public string Comparator { get; set; } = "";
    public decimal Value { get; set; }
    public decimal? ValueHigh { get; set; }
    public string? Unit { get; set; }
    public decimal? NormalizedValue { get; set; }
    public decimal? NormalizedHigh { get; set; }
    public string? NormalizedUnit { get; set; }
    public string Printed { get; set; } = "";
    public long? BaselineYear { get; set; }
    public decimal? BaselineValue { get; set; }
    public string SourceKind { get; set; } = "";
    public string? Quality { get; set; }
    public string? Note { get; set; }

    /// <summary>What the value speaks for: year (at or for <see cref="Year"/>), each_year (one of a yearly series),
    /// average (a period average over <see cref="YearFrom"/>–<see cref="Year"/>), sum (the total over that period).</summary>
    public string Period { get; set; } = "year";

    public long? YearFrom { get; set; }

    /// <summary>The value compared across rows: normalised where a unit converts, so 1.4 万亿元 equals 14000 亿元.</summary>
    public (decimal Low, decimal? High, string? Unit) Comparable =>
        NormalizedValue is { } n ? (Decimals.Normalize(n), Decimals.Normalize(NormalizedHigh), NormalizedUnit) : (Decimals.Normalize(Value), Decimals.Normalize(ValueHigh), Unit);

    /// <summary>The indicator a fact is about: the row's own, or the stored one it states the same measure as (indicators.same_as_id,
    /// set when a reviewer accepts a target from an uploaded plan — issue 16, decision 0016).</summary>
    public long FactIndicatorId { get; set; }

    public (long Indicator, string ScopeKind, string? Scope, long? Year, string Period, long? YearFrom) Fact =>
        (FactIndicatorId == 0 ? IndicatorId : FactIndicatorId, ScopeKind, Scope, Year, Period, YearFrom);

    /// <summary>A value at or for one year (not a period average or total, and with a known year).</summary>
    public bool IsYearValue => Year is not null && Period is "year" or "each_year";
}

public sealed record TargetFilter(string? Plan = null, string? Scope = null, int? Year = null, string? Indicator = null, string? ScopeKind = null);

public static class PlanQueries
{
    public static async Task<IReadOnlyList<PlanRow>> PlansAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<PlanRow>(
            """
            SELECT p.id, p.document_id, p.title, p.issuer, p.period_start, p.period_end, p.scope_kind, p.scope, p.note,
                   p.src_document, p.src_from, p.src_to, p.src_url, p.entered_by, p.entered_at,
                   (SELECT COUNT(*) FROM indicators i WHERE i.plan_id = p.id) AS indicators,
                   (SELECT COUNT(*) FROM targets t JOIN indicators i ON i.id = t.indicator_id WHERE i.plan_id = p.id) AS targets
            FROM plans p ORDER BY p.document_id, p.id
            """)).ToList();
    }

    public static async Task<IReadOnlyList<IndicatorRow>> IndicatorsAsync(Database database, string? plan = null)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<IndicatorRow>(
            """
            SELECT i.id, i.plan_id, i.code, i.name, i.unit, i.attribute, i.direction, i.cumulative, i.aggregation, i.category, i.growth_of_id,
                   g.code AS growth_of, i.note, i.src_document, i.src_from, i.src_to, i.src_url, i.entered_by, i.entered_at
            FROM indicators i LEFT JOIN indicators g ON g.id = i.growth_of_id
            WHERE @plan IS NULL OR i.plan_id = @plan
            ORDER BY i.plan_id, i.position
            """, new { plan })).ToList();
    }

    /// <summary>Targets with their indicator. <paramref name="filter"/>.Indicator matches the indicator's id or its name.</summary>
    public static async Task<IReadOnlyList<TargetRow>> TargetsAsync(Database database, TargetFilter? filter = null)
    {
        filter ??= new TargetFilter();
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<TargetRow>(
            """
            SELECT t.id, t.indicator_id, COALESCE(i.same_as_id, i.id) AS fact_indicator_id, i.plan_id, i.code AS indicator_code, i.name AS indicator_name, i.attribute, i.direction, i.cumulative,
                   i.aggregation, t.scope_kind, t.scope, t.unit_id, t.group_id, t.year, t.comparator, t.value, t.value_high, t.unit,
                   t.normalized_value, t.normalized_high, t.normalized_unit, t.printed, t.baseline_year, t.baseline_value, t.source_kind,
                   t.quality, t.note, t.period, t.year_from, t.src_document, t.src_from, t.src_to, t.src_url, t.entered_by, t.entered_at
            FROM targets t JOIN indicators i ON i.id = t.indicator_id
            WHERE (@plan IS NULL OR i.plan_id = @plan)
              AND (@scope IS NULL OR t.scope = @scope)
              AND (@scopeKind IS NULL OR t.scope_kind = @scopeKind)
              AND (@year IS NULL OR t.year = @year)
              AND (@indicator IS NULL OR i.code = @indicator OR i.name = @indicator)
            ORDER BY i.plan_id, i.position, t.position
            """, new { plan = filter.Plan, scope = filter.Scope, scopeKind = filter.ScopeKind, year = (long?)filter.Year, indicator = filter.Indicator })).ToList();
    }

    /// <summary>
    /// For each target, the other rows that state a different value for the same fact (indicator, scope, year).
    /// Conflicts are computed from every stored row, so a filtered query still sees the rows it filtered out;
    /// pass <paramref name="all"/> when the caller already holds every row, to skip loading them again.
    /// </summary>
    public static async Task<ILookup<long, TargetRow>> ConflictsAsync(Database database, IReadOnlyList<TargetRow> targets, IReadOnlyList<TargetRow>? all = null) =>
        Conflicts(targets, all ?? (targets.Count == 0 ? [] : await TargetsAsync(database)), await Equivalences.LoadAsync(database));

    /// <summary>The rows of the same fact that state a different value; a restatement (an equivalent measure word or
    /// unit spelling, or rounding to the printed precision, <see cref="Equivalences"/>) is not a conflict.</summary>
    public static ILookup<long, TargetRow> Conflicts(IEnumerable<TargetRow> targets, IEnumerable<TargetRow> all, Equivalences equivalences)
    {
        var wanted = targets.Select(t => t.Fact.Indicator).ToHashSet();
        var facts = all.Where(t => wanted.Contains(t.Fact.Indicator)).GroupBy(t => t.Fact).ToList();
        return facts.SelectMany(f => f.SelectMany(t => f.Where(o => equivalences.Compare(o, t) == Sameness.Different).Select(o => (t.Id, Other: o))))
            .ToLookup(x => x.Id, x => x.Other);
    }
}
