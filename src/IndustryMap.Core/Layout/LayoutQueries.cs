using Dapper;
using IndustryMap.Provenance;
using IndustryMap.Storage;

namespace IndustryMap.Layout;

public sealed record LayoutEdition(long Year, string Title, string Status, long Units, long Designations);

public sealed class DesignationRow : ProvenanceRow
{
    public long Year { get; set; }
    public string Unit { get; set; } = "";
    public long UnitPosition { get; set; }
    public string Role { get; set; } = "";
    public long Position { get; set; }
    public string Industry { get; set; } = "";
    public string? Cluster { get; set; }
    public string? Tier { get; set; }
    public string Printed { get; set; } = "";
    public string? Detail { get; set; }
    public string? Flag { get; set; }
    public string? Note { get; set; }
}

public sealed record LayoutFilter(string? Unit = null, string? Industry = null, string? Cluster = null, string? Role = null);

public static class LayoutQueries
{
    /// <summary>The layout editions; drafts only when asked for (they are internal until published, issue 4 §2).</summary>
    public static async Task<IReadOnlyList<LayoutEdition>> EditionsAsync(Database database, bool includeDrafts = false)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<LayoutEdition>(
            """
            SELECT e.year, e.title, e.status, COUNT(DISTINCT d.unit_id) AS units, COUNT(d.id) AS designations
            FROM layout_editions e LEFT JOIN layout_designations d ON d.edition_id = e.id
            WHERE e.status = 'published' OR @includeDrafts
            GROUP BY e.id, e.year, e.title, e.status ORDER BY e.year
            """, new { includeDrafts })).ToList();
    }

    /// <summary>
    /// Every designation of an edition, dominant before characteristic, in unit order. The cluster is the
    /// designated industry's top-level ancestor in the 33618 catalog (sub-industries sit one or two levels down).
    /// </summary>
    public static async Task<IReadOnlyList<DesignationRow>> DesignationsAsync(Database database, int year, LayoutFilter? filter = null)
    {
        filter ??= new LayoutFilter();
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<DesignationRow>(
            $"""
            SELECT e.year, u.name AS unit, u.position AS unit_position, d.role, d.position, i.name AS industry,
                   COALESCE(gp.name, p.name, i.name) AS cluster, COALESCE(gp.tier, p.tier, i.tier) AS tier,
                   d.printed, d.detail, d.flag, d.note,
                   d.src_document, d.src_from, d.src_to, d.src_url, d.entered_by, d.entered_at, {ProvenanceRow.PublicColumns("d")}
            FROM layout_designations d
            JOIN layout_editions e ON e.id = d.edition_id
            JOIN units u ON u.id = d.unit_id
            JOIN industries i ON i.id = d.industry_id
            LEFT JOIN industries p ON p.id = i.parent_id
            LEFT JOIN industries gp ON gp.id = p.parent_id
            {ProvenanceRow.PublicJoin("d")}
            WHERE e.year = @year
              AND (@unit IS NULL OR u.name = @unit)
              AND (@industry IS NULL OR i.name = @industry)
              AND (@cluster IS NULL OR COALESCE(gp.name, p.name, i.name) = @cluster)
              AND (@role IS NULL OR d.role = @role)
            ORDER BY u.position, CASE d.role WHEN 'dominant' THEN 0 ELSE 1 END, d.position
            """, new { year = (long)year, unit = filter.Unit, industry = filter.Industry, cluster = filter.Cluster, role = filter.Role })).ToList();
    }
}

/// <summary>One unit's layout tier in an edition: seed, public, entered, or null (not recorded).</summary>
public sealed record UnitCoverage(string Unit, string? Tier, long Designations, IReadOnlyList<string> Sources);

/// <summary>How many units an edition records from the seed documents, from public sources, entered by people, or not at all.</summary>
public sealed record LayoutCoverage(long Year, int Units, int Seed, int Public, int Entered, int NotRecorded,
    IReadOnlyList<string> NotRecordedUnits, IReadOnlyList<UnitCoverage> PerUnit);

public static class LayoutCoverageQueries
{
    /// <summary>
    /// A unit's tier is the tier of its designations; a unit mixing tiers (a public layout plus a person's entry)
    /// counts under the first of seed, public, entered that it has (decision 0010).
    /// </summary>
    public static async Task<LayoutCoverage> CoverageAsync(Database database, int year)
    {
        var rows = await LayoutQueries.DesignationsAsync(database, year);
        await using var connection = await database.OpenAsync();
        var units = (await connection.QueryAsync<string>("SELECT name FROM units ORDER BY position")).ToList();
        var byUnit = rows.ToLookup(r => r.Unit);
        var perUnit = units.Select(u =>
        {
            var own = byUnit[u].ToList();
            var tiers = own.Select(r => r.SourceTier).ToHashSet();
            string? tier = own.Count == 0 ? null : SourceTiers.All.First(tiers.Contains);
            var sources = own.Select(r => r.ToSource()).Select(s => s.Public?.Url ?? s.Document ?? s.EnteredBy ?? "")
                .Where(s => s.Length > 0).Distinct().ToList();
            return new UnitCoverage(u, tier, own.Count, sources);
        }).ToList();
        return new LayoutCoverage(year, units.Count,
            perUnit.Count(u => u.Tier == SourceTiers.Seed), perUnit.Count(u => u.Tier == SourceTiers.Public),
            perUnit.Count(u => u.Tier == SourceTiers.Entered), perUnit.Count(u => u.Tier is null),
            perUnit.Where(u => u.Tier is null).Select(u => u.Unit).ToList(), perUnit);
    }
}
