using Dapper;
using IndustryMap.Storage;

namespace IndustryMap.Search;

// Property-mapped, not positional: SQLite reports an expression column whose first value is NULL as a BLOB,
// which defeats Dapper's constructor matching; property setters convert per value.
public sealed record UnitHit
{
    public string Name { get; init; } = "";
    public string FullName { get; init; } = "";
    public string? Code { get; init; }
    public string MatchedOn { get; init; } = "";
}

public sealed record IndustryHit
{
    public string Name { get; init; } = "";
    public string Level { get; init; } = "";
    public string Taxonomy { get; init; } = "";
    public string? Parent { get; init; }
    public string? Cluster { get; init; }
    public string MatchedOn { get; init; } = "";
}

public sealed record SearchResult(string Query, IReadOnlyList<UnitHit> Units, IReadOnlyList<IndustryHit> Industries, IReadOnlyList<IndustryHit> Products)
{
    /// <summary>
    /// Designations (latest published layout) whose industry the query means through the vocabulary, or whose printed
    /// words or detail print the query or one of its product aliases (issue 11 §4): 锂电池 finds the units printing 动力电池.
    /// </summary>
    public IReadOnlyList<DesignationHit> Designations { get; init; } = [];
}

/// <summary>A designation found by a search, with what it matched on (a catalog node or a printed word).</summary>
public sealed record DesignationHit(string Unit, long Year, string Role, string Industry, string Printed, string? Detail,
    IReadOnlyList<string> Products, string SourceTier, string MatchedOn);

public static class SearchQueries
{
    public const int MaxQueryLength = 100;
    public const int Limit = 50;

    /// <summary>Escapes LIKE wildcards so a user's "%" or "_" matches itself.</summary>
    public static string ContainsPattern(string query) =>
        "%" + query.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal).ToLowerInvariant() + "%";

    /// <summary>
    /// Substring search over unit names (and aliases) and industry names (and aliases) of every taxonomy.
    /// Chinese has no word boundaries, so a plain substring match is what users expect: "汽" finds every car industry.
    /// </summary>
    public static async Task<SearchResult> SearchAsync(Database database, string query)
    {
        // Traditional input finds what simplified finds (issue 11 §4): the catalog and the seeds print simplified.
        var folded = Text.ChineseScript.ToSimplified(query.Trim());
        var pattern = ContainsPattern(folded);
        await using var connection = await database.OpenAsync();
        var units = (await connection.QueryAsync<UnitHit>(
            """
            SELECT u.name, u.full_name, u.code,
                   CASE WHEN lower(u.name) LIKE @pattern ESCAPE '\' THEN u.name
                        WHEN lower(u.full_name) LIKE @pattern ESCAPE '\' THEN u.full_name
                        ELSE (SELECT MIN(a.alias) FROM unit_aliases a WHERE a.unit_id = u.id AND lower(a.alias) LIKE @pattern ESCAPE '\') END AS matched_on
            FROM units u
            WHERE lower(u.name) LIKE @pattern ESCAPE '\' OR lower(u.full_name) LIKE @pattern ESCAPE '\'
               OR EXISTS (SELECT 1 FROM unit_aliases a WHERE a.unit_id = u.id AND lower(a.alias) LIKE @pattern ESCAPE '\')
            ORDER BY u.position
            """, new { pattern })).Take(Limit).ToList();
        var industries = (await connection.QueryAsync<IndustryHit>(
            """
            SELECT i.name, i.level, i.taxonomy_id AS taxonomy, p.name AS parent, COALESCE(gp.name, p.name, i.name) AS cluster,
                   CASE WHEN lower(i.name) LIKE @pattern ESCAPE '\' THEN i.name
                        ELSE (SELECT MIN(a.alias) FROM industry_aliases a WHERE a.industry_id = i.id AND lower(a.alias) LIKE @pattern ESCAPE '\') END AS matched_on
            FROM industries i
            LEFT JOIN industries p ON p.id = i.parent_id
            LEFT JOIN industries gp ON gp.id = p.parent_id
            WHERE lower(i.name) LIKE @pattern ESCAPE '\'
               OR EXISTS (SELECT 1 FROM industry_aliases a WHERE a.industry_id = i.id AND lower(a.alias) LIKE @pattern ESCAPE '\')
            ORDER BY CASE i.taxonomy_id WHEN '33618' THEN 0 ELSE 1 END, i.taxonomy_id,
                     CASE i.level WHEN 'cluster' THEN 0 WHEN 'sub_industry' THEN 1 ELSE 2 END, length(i.name), i.position
            """, new { pattern })).ToList();
        var designations = await DesignationsAsync(database, folded);
        return new SearchResult(query,
            units,
            industries.Where(i => i.Level != "product").Take(Limit).ToList(),
            industries.Where(i => i.Level == "product").Take(Limit).ToList()) { Designations = designations };
    }

    /// <summary>
    /// Designation hits: the query resolved through the vocabulary (风电设备 → 新能源技术装备产品) matches designated
    /// industries; the query and its product aliases (one step) are looked for in the printed words and the detail.
    /// A single character is not looked for in the printed words: "电" would find every part list.
    /// </summary>
    public static async Task<IReadOnlyList<DesignationHit>> DesignationsAsync(Database database, string query)
    {
        query = Text.ChineseScript.ToSimplified(query);
        if (query.Length == 0) return [];
        var vocabulary = await VocabularyQueries.LoadAsync(database);
        var editions = await Layout.LayoutQueries.EditionsAsync(database);
        if (editions.Count == 0) return [];
        var year = (int)editions[^1].Year;
        var rows = await Layout.LayoutQueries.DesignationsAsync(database, year);
        var industries = vocabulary.Resolve(query);
        var words = query.Length < 2 ? new HashSet<string>() : vocabulary.ExpandProduct(query).Where(w => w.Length >= 2).ToHashSet(StringComparer.Ordinal);
        var hits = new List<DesignationHit>();
        foreach (var d in rows)
        {
            var text = d.Printed + "|" + d.Detail;
            var matched = industries.Contains(d.Industry) ? d.Industry : words.FirstOrDefault(w => text.Contains(w, StringComparison.Ordinal));
            if (matched is null) continue;
            hits.Add(new DesignationHit(d.Unit, d.Year, d.Role, d.Industry, d.Printed, d.Detail, Catalog.DesignationProducts.Of(d.Detail),
                d.SourceTier, matched));
        }
        return hits.Take(Limit * 4).ToList();
    }
}
