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

        var findings = ConsistencyRules.Conflicts(targets)
            .Concat(ConsistencyRules.UnitCascades(targets, members, units))
            .Concat(ConsistencyRules.DeclaredCascades(targets, cascades))
            .Concat(ConsistencyRules.GrowthRates(targets, indicators, plans))
            .Concat(ConsistencyRules.ProjectTotals(projects, totals))
            .ToList();
        var libraryPlan = projects.GroupBy(p => p.Library).ToDictionary(g => g.Key, g => plans.Values.FirstOrDefault(p => p.DocumentId == g.First().SrcDocument)?.Id);
        // Project libraries belong to the plan of their document.
        findings = findings.Select(f => f.Kind == FindingKinds.ProjectTotal && libraryPlan.GetValueOrDefault(f.Plan) is { } p ? f with { Plan = p } : f).ToList();
        return plan is null ? findings : findings.Where(f => f.Plan == plan).ToList();
    }
}
