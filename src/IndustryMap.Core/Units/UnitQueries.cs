using Dapper;
using IndustryMap.Provenance;
using IndustryMap.Storage;

namespace IndustryMap.Units;

public sealed class UnitRow : ProvenanceRow
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string FullName { get; set; } = "";
    public string? Code { get; set; }
    public string Kind { get; set; } = "";
    public long Position { get; set; }
    public string? Note { get; set; }
}

public sealed record PlanningUnit(
    long Id, string Name, string FullName, string? Code, string Kind, string? Note, IReadOnlyList<string> Groups,
    IReadOnlyList<string> Aliases, Source Source);

public sealed class GroupRow : ProvenanceRow
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? Parent { get; set; }
    public string? Note { get; set; }
}

public sealed record UnitGroup(string Name, string Kind, string? Parent, string? Note, IReadOnlyList<string> Members, Source Source);

public static class UnitQueries
{
    public static async Task<IReadOnlyList<PlanningUnit>> ListAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        var units = await connection.QueryAsync<UnitRow>(
            $"SELECT id, name, full_name, code, kind, position, note, {ProvenanceRow.Columns} FROM units ORDER BY position");
        var groups = (await connection.QueryAsync<(long UnitId, string Group)>(
                "SELECT m.unit_id, g.name FROM unit_group_members m JOIN unit_groups g ON g.id = m.group_id ORDER BY g.position"))
            .ToLookup(x => x.UnitId, x => x.Group);
        var aliases = (await connection.QueryAsync<(long UnitId, string Alias)>("SELECT unit_id, alias FROM unit_aliases ORDER BY alias"))
            .ToLookup(x => x.UnitId, x => x.Alias);
        return units.Select(u => new PlanningUnit(u.Id, u.Name, u.FullName, u.Code, u.Kind, u.Note, groups[u.Id].ToList(),
            aliases[u.Id].ToList(), u.ToSource())).ToList();
    }

    /// <summary>Finds a unit by its name, full name or an alias.</summary>
    public static async Task<PlanningUnit?> FindAsync(Database database, string nameOrAlias)
    {
        var units = await ListAsync(database);
        return units.FirstOrDefault(u => u.Name == nameOrAlias || u.FullName == nameOrAlias || u.Aliases.Contains(nameOrAlias))
               ?? units.FirstOrDefault(u => u.Code == nameOrAlias);
    }

    public static async Task<IReadOnlyList<UnitGroup>> GroupsAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        var groups = await connection.QueryAsync<GroupRow>(
            $"""
             SELECT g.id, g.name, g.kind, p.name AS parent, g.note, g.src_document, g.src_from, g.src_to, g.src_url, g.entered_by, g.entered_at
             FROM unit_groups g LEFT JOIN unit_groups p ON p.id = g.parent_id ORDER BY g.position
             """);
        var members = (await connection.QueryAsync<(long GroupId, string Unit)>(
                "SELECT m.group_id, u.name FROM unit_group_members m JOIN units u ON u.id = m.unit_id ORDER BY u.position"))
            .ToLookup(x => x.GroupId, x => x.Unit);
        return groups.Select(g => new UnitGroup(g.Name, g.Kind, g.Parent, g.Note, members[g.Id].ToList(), g.ToSource())).ToList();
    }
}
