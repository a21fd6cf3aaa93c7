using IndustryMap.Layout;
using IndustryMap.Storage;
using IndustryMap.Units;
using IndustryMap.Web.Api;
using IndustryMap.Web.Layout;

namespace IndustryMap.Web.Units;

public static class UnitsApi
{
    public sealed record UnitView(string Name, string FullName, string? Code, string Kind, IReadOnlyList<string> Groups, IReadOnlyList<string> Aliases,
        IReadOnlyList<long> LayoutEditions, string? Note, SourceView Source);

    public sealed record EditionView(long Year, string Title, string Status, IReadOnlyList<LayoutApi.DesignationView> Dominant,
        IReadOnlyList<LayoutApi.DesignationView> Characteristic);

    public sealed record UnitProfile(UnitView Unit, IReadOnlyList<EditionView> Layouts, IReadOnlyList<long> NotRecordedIn);

    public sealed record GroupView(string Name, string Kind, string? Parent, IReadOnlyList<string> Members, string? Note, SourceView Source);

    public static void MapUnitsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("units");
        api.MapGet("/units", ListUnits).Produces<IReadOnlyList<UnitView>>().WithName("ListUnits").WithSummary("Every planning unit with its code, groups and the layout editions that record it.");
        api.MapGet("/units/{unit}", GetUnit).Produces<UnitProfile>().WithName("GetUnitProfile").WithSummary("One unit by name, alias or code: groups and its designations in every layout edition.");
        api.MapGet("/groups", ListGroups).Produces<IReadOnlyList<GroupView>>().WithName("ListGroups").WithSummary("The groupings: 一区两群, its 片区 and the 渝西 set.");
    }

    private static async Task<Dictionary<string, List<long>>> EditionsByUnit(Database database)
    {
        var result = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var edition in await LayoutQueries.EditionsAsync(database))
        {
            foreach (var unit in (await LayoutQueries.DesignationsAsync(database, (int)edition.Year)).Select(d => d.Unit).Distinct())
            {
                (result.TryGetValue(unit, out var list) ? list : result[unit] = []).Add(edition.Year);
            }
        }
        return result;
    }

    private static UnitView View(PlanningUnit u, IReadOnlyList<long> editions) =>
        new(u.Name, u.FullName, u.Code, u.Kind, u.Groups, u.Aliases, editions, u.Note, SourceView.Of(u.Source));

    private static async Task<IResult> ListUnits(Database database)
    {
        var editions = await EditionsByUnit(database);
        var units = await UnitQueries.ListAsync(database);
        return Results.Ok(units.Select(u => View(u, editions.GetValueOrDefault(u.Name) ?? [])).ToList());
    }

    private static async Task<IResult> GetUnit(string unit, Database database)
    {
        var found = await UnitQueries.FindAsync(database, unit);
        if (found is null) return Problems.NotFound("unit_not_found", $"没有名为“{unit}”的规划单元", $"no planning unit '{unit}'");
        var layouts = new List<EditionView>();
        var notRecorded = new List<long>();
        foreach (var edition in await LayoutQueries.EditionsAsync(database))
        {
            var rows = (await LayoutQueries.DesignationsAsync(database, (int)edition.Year, new LayoutFilter(Unit: found.Name)))
                .Select(LayoutApi.DesignationView.Of).ToList();
            if (rows.Count == 0)
            {
                notRecorded.Add(edition.Year);
                continue;
            }
            layouts.Add(new EditionView(edition.Year, edition.Title, edition.Status,
                rows.Where(r => r.Role == LayoutRoles.Dominant).ToList(), rows.Where(r => r.Role == LayoutRoles.Characteristic).ToList()));
        }
        return Results.Ok(new UnitProfile(View(found, layouts.Select(l => l.Year).ToList()), layouts, notRecorded));
    }

    private static async Task<IResult> ListGroups(Database database) =>
        Results.Ok((await UnitQueries.GroupsAsync(database)).Select(g => new GroupView(g.Name, g.Kind, g.Parent, g.Members, g.Note, SourceView.Of(g.Source))).ToList());
}
