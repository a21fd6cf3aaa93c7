using Dapper;
using IndustryMap.Plans;
using IndustryMap.Provenance;
using IndustryMap.Registries;
using IndustryMap.Storage;

namespace IndustryMap.Checks;

/// <summary>Loads what the rules need and runs every rule: `industrymap check`, GET /api/checks.</summary>
public static class ConsistencyReport
{
    private sealed class CascadeRow : ProvenanceRow
    {
        public string PlanId { get; set; } = "";
        public string Code { get; set; } = "";
        public long WholeIndicatorId { get; set; }
        public string WholeScopeKind { get; set; } = "";
        public string? WholeScope { get; set; }
        public long Id { get; set; }
        public string PartsScopeKind { get; set; } = "";
        public string? Parts { get; set; }
        public long Year { get; set; }
        public string Relation { get; set; } = "";
        public string? Note { get; set; }
    }

    private sealed class CountRow
    {
        public string PlanId { get; set; } = "";
        public string Code { get; set; } = "";
        public long IndicatorId { get; set; }
        public string ScopeKind { get; set; } = "";
        public string? Scope { get; set; }
        public long? Year { get; set; }
        public string Registry { get; set; } = "";
        public string RowsDocument { get; set; } = "";
        public long RowsFrom { get; set; }
        public long RowsTo { get; set; }
        public string? Tier { get; set; }
        public string? Note { get; set; }
    }

    public static async Task<IReadOnlyList<Finding>> RunAsync(Database database, string? plan = null)
    {
        var targets = await PlanQueries.TargetsAsync(database);
        var indicators = await PlanQueries.IndicatorsAsync(database);
        var plans = (await PlanQueries.PlansAsync(database)).ToDictionary(p => p.Id);
        var projects = await RegistryQueries.ProjectsAsync(database);
        var totals = await RegistryQueries.ProjectTotalsAsync(database);
        await using var connection = await database.OpenAsync();
        var members = (await connection.QueryAsync<(long GroupId, long UnitId)>("SELECT group_id, unit_id FROM unit_group_members"))
            .GroupBy(m => m.GroupId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<long>)g.Select(m => m.UnitId).ToHashSet());
        var units = (await connection.QueryAsync<long>("SELECT id FROM units")).ToHashSet();
        var cascadeParts = (await connection.QueryAsync<(long CascadeId, long IndicatorId)>("SELECT cascade_id, indicator_id FROM cascade_parts"))
            .ToLookup(p => p.CascadeId, p => p.IndicatorId);
        var cascades = (await connection.QueryAsync<CascadeRow>(
                "SELECT id, plan_id, code, whole_indicator_id, whole_scope_kind, whole_scope, parts_scope_kind, parts, year, relation, note, " +
                "src_document, src_from, src_to, src_url, entered_by, entered_at FROM cascades ORDER BY id"))
            .Select(c => new CascadeDefinition(c.PlanId, c.Code, c.WholeIndicatorId, c.WholeScopeKind, c.WholeScope, cascadeParts[c.Id].ToHashSet(), c.PartsScopeKind,
                c.Parts?.Split('|') ?? [], (int)c.Year, c.Relation, c.Note, c.ToSource()));

        var equivalences = await Equivalences.LoadAsync(database);
        var counts = (await connection.QueryAsync<CountRow>(
                "SELECT plan_id, code, indicator_id, scope_kind, scope, year, registry, rows_document, rows_from, rows_to, tier, note FROM count_checks ORDER BY id"))
            .Select(c => new CountDefinition(c.PlanId, c.Code, c.IndicatorId, c.ScopeKind, c.Scope, c.Year, c.Registry, c.RowsDocument, c.RowsFrom, c.RowsTo, c.Tier, c.Note)).ToList();
        var shares = (await connection.QueryAsync<ShareDefinition>(
                "SELECT plan_id AS plan, code, share_indicator_id, share_scope_kind, share_scope, part_indicator_id, part_scope_kind, part_scope, " +
                "whole_indicator_id, whole_scope_kind, whole_scope, year FROM share_checks ORDER BY id")).ToList();
        var parkAreas = (await connection.QueryAsync<ParkAreaDefinition>(
                "SELECT plan_id AS plan, code, indicator_id, scope_kind, scope, year, rows_document, rows_from, rows_to, relation FROM park_area_checks ORDER BY id")).ToList();
        var parks = parkAreas.Count == 0 ? [] : await RegistryQueries.ParksAsync(database);
        var enterprises = await RegistryQueries.EnterprisesAsync(database);
        var planOfDocument = plans.Values.GroupBy(p => p.DocumentId).ToDictionary(g => g.Key, g => g.First().Id);

        var findings = ConsistencyRules.Conflicts(targets, equivalences)
            .Concat(ConsistencyRules.UnitCascades(targets, members, units))
            .Concat(ConsistencyRules.DeclaredCascades(targets, cascades))
            .Concat(ConsistencyRules.GrowthRates(targets, indicators, plans))
            .Concat(ConsistencyRules.Shares(targets, shares))
            .Concat(ConsistencyRules.ParkAreas(targets, parkAreas, parks))
            .Concat(ConsistencyRules.Counts(targets, counts, enterprises))
            .Concat(ConsistencyRules.Tiers(enterprises, planOfDocument))
            .Concat(ConsistencyRules.ProjectTotals(projects, totals))
            .ToList();
        // Project libraries belong to the plan of their document.
        var libraryPlan = projects.GroupBy(p => p.Library).ToDictionary(g => g.Key, g => g.First().SrcDocument is { } d ? planOfDocument.GetValueOrDefault(d) : null);
        findings = findings.Select(f => libraryPlan.GetValueOrDefault(f.Plan) is { } p ? f with { Plan = p } : f).ToList();
        return plan is null ? findings : findings.Where(f => f.Plan == plan).ToList();
    }
}
