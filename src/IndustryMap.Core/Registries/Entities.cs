namespace IndustryMap.Registries;

/// <summary>One firm with every mention of it (document, lines, tier as that source states it) — issue 15.</summary>
public sealed record EnterpriseEntity(string Name, string? Unit, IReadOnlyList<string> Tiers, IReadOnlyList<string> Labels, string? Industry, IReadOnlyList<EnterpriseRow> Mentions)
{
    /// <summary>The tiers the mentions state, each with the mentions that state it; two or more is 分级不一.</summary>
    public IReadOnlyList<(string Tier, IReadOnlyList<EnterpriseRow> Mentions)> TierStatements =>
        Mentions.SelectMany(m => Split(m.Tiers).Select(t => (Tier: t, Mention: m))).GroupBy(x => x.Tier)
            .Select(g => (g.Key, (IReadOnlyList<EnterpriseRow>)g.Select(x => x.Mention).ToList())).ToList();

    internal static IEnumerable<string> Split(string? list) => list?.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}

/// <summary>One project with every row that prints it (中国华录 printed twice in seed 004 附件三 is one project, two mentions).</summary>
public sealed record ProjectEntity(string Key, ProjectRow Project, IReadOnlyList<ProjectRow> Mentions);

/// <summary>Mentions grouped into entities: a pure function of the registry rows.</summary>
public static class Entities
{
    /// <summary>Mentions of one firm: the same unit and the same firm name (a mention that names its 附件 listing carries it in entity).</summary>
    public static IReadOnlyList<EnterpriseEntity> Enterprises(IEnumerable<EnterpriseRow> mentions) =>
        mentions.GroupBy(m => (m.Unit, m.EntityName)).Select(g =>
        {
            var rows = g.ToList();
            // The listing (the mention whose name is the firm's) speaks first.
            var main = rows.FirstOrDefault(r => r.Entity is null && r.Name == g.Key.EntityName) ?? rows[0];
            return new EnterpriseEntity(g.Key.EntityName, g.Key.Unit,
                rows.SelectMany(r => EnterpriseEntity.Split(r.Tiers)).Distinct().ToList(),
                rows.SelectMany(r => EnterpriseEntity.Split(r.Labels)).Distinct().ToList(),
                main.Industry ?? rows.Select(r => r.Industry).FirstOrDefault(i => i is not null), rows);
        }).ToList();

    /// <summary>Each row is its own project unless its entity names the serial of another row of the library that it repeats.</summary>
    public static IReadOnlyList<ProjectEntity> Projects(IEnumerable<ProjectRow> mentions)
    {
        var rows = mentions.ToList();
        var first = rows.Where(r => r.Entity is null && r.Serial is not null).GroupBy(r => (r.Library, r.Serial)).ToDictionary(g => g.Key, g => g.First());
        ProjectRow Main(ProjectRow r) => r.Entity is { } e && first.TryGetValue((r.Library, e), out var main) ? main : r;
        return rows.GroupBy(Main).Select(g => new ProjectEntity(
            $"{g.Key.Library}#{g.Key.Serial ?? g.Key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}", g.Key, g.ToList())).ToList();
    }
}
