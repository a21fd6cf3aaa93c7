using Dapper;
using IndustryMap.Provenance;
using IndustryMap.Storage;

namespace IndustryMap.Registries;

public sealed class ParkRow : ProvenanceRow
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string? Unit { get; set; }
    public string? Level { get; set; }
    public string? Kind { get; set; }
    public decimal? PlannedArea { get; set; }
    public string? AreaUnit { get; set; }
    public decimal? AreaMu { get; set; }
    public decimal? AreaKm2 { get; set; }
    public string? FocusIndustries { get; set; }
    public string? Quality { get; set; }
    public string? Note { get; set; }
}

public sealed class EnterpriseRow : ProvenanceRow
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string? Unit { get; set; }
    public string? Category { get; set; }
    public string? Tiers { get; set; }
    public string? Labels { get; set; }
    public string? Industry { get; set; }
    public string? Quality { get; set; }
    public string? Note { get; set; }

    /// <summary>The firm this mention names when the document lists it under another name (附件四's), else null.</summary>
    public string? Entity { get; set; }

    /// <summary>The firm: the name of its listing, or the mention's own name.</summary>
    public string EntityName => Entity ?? Name;
}

public sealed class ProjectRow : ProvenanceRow
{
    public long Id { get; set; }
    public string Library { get; set; } = "";
    public string? Serial { get; set; }
    public string Name { get; set; } = "";
    public string? Section { get; set; }
    public string? Unit { get; set; }
    public string? Park { get; set; }
    public string? Industry { get; set; }
    public string? StagePrinted { get; set; }
    public string? Stage { get; set; }
    public decimal? Investment { get; set; }
    public string? InvestmentUnit { get; set; }
    public decimal? InvestmentYi { get; set; }
    public decimal? Output { get; set; }
    public string? OutputUnit { get; set; }
    public decimal? OutputYi { get; set; }
    public decimal? Tax { get; set; }
    public string? TaxUnit { get; set; }
    public decimal? TaxYi { get; set; }
    public decimal? Land { get; set; }
    public string? LandUnit { get; set; }
    public decimal? LandMu { get; set; }
    public string? Period { get; set; }
    public string? Owner { get; set; }
    public string? Quality { get; set; }
    public string? Note { get; set; }

    /// <summary>The serial of the row this one repeats (the same project printed twice), else null.</summary>
    public string? Entity { get; set; }

    /// <summary>The annex sub-heading the row is printed under (kept as printed; <see cref="Industry"/> is read from the description).</summary>
    public string? Subsection { get; set; }

    public decimal? FloorArea { get; set; }
    public string? FloorAreaUnit { get; set; }

}

public sealed class ProjectTotalRow : ProvenanceRow
{
    public long Id { get; set; }
    public string Library { get; set; } = "";
    public string Label { get; set; } = "";
    public string? Section { get; set; }
    public decimal? Investment { get; set; }
    public string? InvestmentUnit { get; set; }
    public decimal? InvestmentYi { get; set; }
    public decimal? Output { get; set; }
    public decimal? OutputYi { get; set; }
    public decimal? Tax { get; set; }
    public decimal? TaxYi { get; set; }
    public decimal? Land { get; set; }
    public decimal? LandMu { get; set; }
    public string? Quality { get; set; }
    public string? Note { get; set; }

    /// <summary>Measures whose printed cells are displaced (investment|output|tax|land): not compared.</summary>
    public string? Damaged { get; set; }
}

public sealed class TaskRow : ProvenanceRow
{
    public long Id { get; set; }
    public string PlanId { get; set; } = "";
    public string Code { get; set; } = "";
    public string? Section { get; set; }
    public string Title { get; set; } = "";
    public string? TargetText { get; set; }
    public string? Note { get; set; }
    public IReadOnlyList<string> Leads { get; set; } = [];
    public IReadOnlyList<string> Participants { get; set; } = [];
}

public sealed record RegistryFilter(string? Unit = null, string? Library = null, string? Stage = null, string? Plan = null, string? Tier = null);

/// <summary>The registries read from the documents: parks, enterprises, project libraries and tasks.</summary>
public static class RegistryQueries
{
    private const string Prov = "x.src_document, x.src_from, x.src_to, x.src_url, x.entered_by, x.entered_at";

    public static async Task<IReadOnlyList<ParkRow>> ParksAsync(Database database, RegistryFilter? filter = null)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<ParkRow>(
            $"""
             SELECT x.id, x.name, u.name AS unit, x.level, x.kind, x.planned_area, x.area_unit, x.area_mu, x.area_km2, x.focus_industries,
                    x.quality, x.note, {Prov}
             FROM parks x LEFT JOIN units u ON u.id = x.unit_id
             WHERE @unit IS NULL OR u.name = @unit
             ORDER BY x.document_id, x.position
             """, new { unit = filter?.Unit })).ToList();
    }

    public static async Task<IReadOnlyList<EnterpriseRow>> EnterprisesAsync(Database database, RegistryFilter? filter = null)
    {
        await using var connection = await database.OpenAsync();
        var tier = filter?.Tier is null ? null : "%" + filter.Tier + "%";
        return (await connection.QueryAsync<EnterpriseRow>(
            $"""
             SELECT x.id, x.name, u.name AS unit, x.category, x.tiers, x.labels, x.industry, x.quality, x.note, x.entity, {Prov}
             FROM enterprises x LEFT JOIN units u ON u.id = x.unit_id
             WHERE (@unit IS NULL OR u.name = @unit) AND (@tier IS NULL OR x.tiers LIKE @tier OR x.labels LIKE @tier)
             ORDER BY x.document_id, x.position
             """, new { unit = filter?.Unit, tier })).ToList();
    }

    public static async Task<IReadOnlyList<ProjectRow>> ProjectsAsync(Database database, RegistryFilter? filter = null)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<ProjectRow>(
            $"""
             SELECT x.id, x.library, x.serial, x.name, x.section, u.name AS unit, x.park, x.industry, x.stage_printed, x.stage,
                    x.investment, x.investment_unit, x.investment_yi, x.output, x.output_unit, x.output_yi, x.tax, x.tax_unit, x.tax_yi,
                    x.land, x.land_unit, x.land_mu, x.period, x.owner, x.quality, x.note, x.entity, x.subsection, x.floor_area, x.floor_area_unit, {Prov}
             FROM projects x LEFT JOIN units u ON u.id = x.unit_id
             WHERE (@unit IS NULL OR u.name = @unit) AND (@library IS NULL OR x.library = @library) AND (@stage IS NULL OR x.stage = @stage)
             ORDER BY x.document_id, x.position
             """, new { unit = filter?.Unit, library = filter?.Library, stage = filter?.Stage })).ToList();
    }

    public static async Task<IReadOnlyList<ProjectTotalRow>> ProjectTotalsAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<ProjectTotalRow>(
            $"""
             SELECT x.id, x.library, x.label, x.section, x.investment, x.investment_unit, x.investment_yi, x.output, x.output_yi, x.tax, x.tax_yi,
                    x.land, x.land_mu, x.quality, x.note, x.damaged, {Prov}
             FROM project_totals x ORDER BY x.document_id, x.id
             """)).ToList();
    }

    public static async Task<IReadOnlyList<TaskRow>> TasksAsync(Database database, RegistryFilter? filter = null)
    {
        await using var connection = await database.OpenAsync();
        var tasks = (await connection.QueryAsync<TaskRow>(
            $"""
             SELECT x.id, x.plan_id, x.code, x.section, x.title, x.target_text, x.note, {Prov}
             FROM tasks x
             WHERE (@plan IS NULL OR x.plan_id = @plan)
               AND (@unit IS NULL OR EXISTS (SELECT 1 FROM task_parties p JOIN units u ON u.id = p.unit_id WHERE p.task_id = x.id AND u.name = @unit))
             ORDER BY x.plan_id, x.position
             """, new { plan = filter?.Plan, unit = filter?.Unit })).ToList();
        var parties = (await connection.QueryAsync<(long TaskId, string Role, string Organisation)>(
            "SELECT task_id, role, organisation FROM task_parties ORDER BY task_id, position")).ToLookup(p => (p.TaskId, p.Role), p => p.Organisation);
        foreach (var task in tasks)
        {
            task.Leads = parties[(task.Id, "lead")].ToList();
            task.Participants = parties[(task.Id, "participating")].ToList();
        }
        return tasks;
    }
}
