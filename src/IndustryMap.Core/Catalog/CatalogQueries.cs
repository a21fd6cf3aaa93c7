using Dapper;
using IndustryMap.Provenance;
using IndustryMap.Storage;

namespace IndustryMap.Catalog;

public sealed record Taxonomy(string Id, string Name, string? DocumentId, string? Note);

public sealed class IndustryRow
{
    public long Id { get; set; }
    public string TaxonomyId { get; set; } = "";
    public string Level { get; set; } = "";
    public string Name { get; set; } = "";
    public long? ParentId { get; set; }
    public string? ParentBasis { get; set; }
    public string? Tier { get; set; }
    public long? TierRank { get; set; }
    public long Position { get; set; }
    public string? Note { get; set; }
}

public sealed class MentionRow : ProvenanceRow
{
    public long IndustryId { get; set; }
    public string? Note { get; set; }
}

/// <summary>An industry with its children, aliases and every source that names it.</summary>
public sealed record IndustryNode(
    long Id, string Taxonomy, string Level, string Name, string? ParentBasis, string? Tier, long? TierRank, string? Note,
    IReadOnlyList<string> Aliases, IReadOnlyList<Source> Sources, IReadOnlyList<IndustryNode> Children);

public sealed record CrosswalkLink(string FromTaxonomy, string From, string ToTaxonomy, string To, string Relation, string? Note, Source Source);

public static class CatalogQueries
{
    public const string Catalog33618 = "33618";

    public static async Task<IReadOnlyList<Taxonomy>> TaxonomiesAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<Taxonomy>("SELECT id, name, document_id, note FROM taxonomies ORDER BY id")).ToList();
    }

    /// <summary>The taxonomy as a forest of top-level items (clusters) ordered by tier and position.</summary>
    public static async Task<IReadOnlyList<IndustryNode>> TreeAsync(Database database, string taxonomy)
    {
        await using var connection = await database.OpenAsync();
        var rows = (await connection.QueryAsync<IndustryRow>(
            "SELECT id, taxonomy_id, level, name, parent_id, parent_basis, tier, tier_rank, position, note FROM industries WHERE taxonomy_id = @taxonomy",
            new { taxonomy })).ToList();
        var mentions = (await connection.QueryAsync<MentionRow>(
                $"""
                 SELECT m.industry_id, m.note, m.src_document, m.src_from, m.src_to, m.src_url, m.entered_by, m.entered_at
                 FROM industry_mentions m JOIN industries i ON i.id = m.industry_id WHERE i.taxonomy_id = @taxonomy
                 ORDER BY m.src_document, m.src_from
                 """, new { taxonomy }))
            .ToLookup(m => m.IndustryId, m => m.ToSource());
        var aliases = (await connection.QueryAsync<(long IndustryId, string Alias)>(
                "SELECT a.industry_id, a.alias FROM industry_aliases a JOIN industries i ON i.id = a.industry_id WHERE i.taxonomy_id = @taxonomy",
                new { taxonomy }))
            .ToLookup(a => a.IndustryId, a => a.Alias);
        var children = rows.ToLookup(r => r.ParentId);

        IndustryNode Build(IndustryRow r) => new(r.Id, r.TaxonomyId, r.Level, r.Name, r.ParentBasis, r.Tier, r.TierRank, r.Note,
            aliases[r.Id].ToList(), mentions[r.Id].ToList(), children[r.Id].OrderBy(c => c.Position).Select(Build).ToList());

        return children[null].OrderBy(r => r.TierRank ?? long.MaxValue).ThenBy(r => r.Position).Select(Build).ToList();
    }

    public static async Task<IReadOnlyList<CrosswalkLink>> CrosswalkAsync(Database database, string? fromTaxonomy = null)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync(
            """
            SELECT f.taxonomy_id AS from_taxonomy, f.name AS from_name, t.taxonomy_id AS to_taxonomy, t.name AS to_name,
                   c.relation, c.note, c.src_document, c.entered_by, c.entered_at
            FROM industry_crosswalk c JOIN industries f ON f.id = c.from_industry_id JOIN industries t ON t.id = c.to_industry_id
            WHERE @fromTaxonomy IS NULL OR f.taxonomy_id = @fromTaxonomy
            ORDER BY f.taxonomy_id, f.position, t.position
            """, new { fromTaxonomy });
        return rows.Select(r => new CrosswalkLink((string)r.from_taxonomy, (string)r.from_name, (string)r.to_taxonomy, (string)r.to_name,
            (string)r.relation, (string?)r.note, new Source((string?)r.src_document, EnteredBy: (string?)r.entered_by, EnteredAt: (string?)r.entered_at))).ToList();
    }
}
