using IndustryMap.Authorization;
using IndustryMap.Layout;
using IndustryMap.Storage;
using IndustryMap.Web.Api;
using IndustryMap.Web.Authorization;

namespace IndustryMap.Web.Layout;

public static class LayoutApi
{
    public sealed record DesignationView(string Unit, string Role, long Position, string Industry, string? Cluster, string? Tier, string Printed,
        string? Detail, string? Flag, string? Note, SourceView Source)
    {
        /// <summary>seed, public or entered (decision 0010); a public row's page is <c>source.public</c>.</summary>
        public string SourceTier => Source.Tier;

        /// <summary>The product words of <see cref="Detail"/>, linked to this designation (issue 11 §4).</summary>
        public IReadOnlyList<string> Products => IndustryMap.Catalog.DesignationProducts.Of(Detail);

        public static DesignationView Of(DesignationRow d) =>
            new(d.Unit, d.Role, d.Position, d.Industry, d.Cluster, d.Tier, d.Printed, d.Detail, d.Flag, d.Note, SourceView.Of(d.ToSource()));
    }

    public static void MapLayoutApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/layouts").WithTags("layout");
        api.MapGet("/", ListEditions).Produces<IReadOnlyList<LayoutEdition>>().WithName("ListLayoutEditions").WithSummary("The layout editions and how many units each records.");
        api.MapGet("/{year:int}/summary", GetSummary).Produces<LayoutCoverage>().WithName("GetLayoutSummary")
            .WithSummary("How many units the edition records from the seed documents, from public sources, entered by people, and not at all; per unit its tier and sources.");
        api.MapGet("/{year:int}", GetEdition).Produces<IReadOnlyList<DesignationView>>().WithName("GetLayoutEdition")
            .WithSummary("One row per designation (dominant 主导 / characteristic 特色) with its source lines; filters: unit, industry, cluster, role.");
    }

    /// <summary>Drafts are shown to signed-in users only (ReadRules.InternalData).</summary>
    private static bool SeesDrafts(HttpContext http) => ReadRules.InternalData(http.User.ToActor()).Allowed;

    private static async Task<IResult> ListEditions(Database database, HttpContext http) => Results.Ok(await LayoutQueries.EditionsAsync(database, SeesDrafts(http)));

    private static async Task<IResult> GetSummary(int year, Database database, HttpContext http)
    {
        var editions = await LayoutQueries.EditionsAsync(database, SeesDrafts(http));
        if (editions.All(e => e.Year != year))
        {
            return Problems.NotFound("edition_not_found", $"没有 {year} 年版产业地图布局", $"no layout edition {year}");
        }
        return Results.Ok(await LayoutCoverageQueries.CoverageAsync(database, year));
    }

    private static async Task<IResult> GetEdition(int year, string? unit, string? industry, string? cluster, string? role, Database database, HttpContext http)
    {
        if (role is not null && role is not (LayoutRoles.Dominant or LayoutRoles.Characteristic))
        {
            return Problems.BadRequest("unknown_role", $"角色“{role}”无效，应为 dominant 或 characteristic", $"role '{role}' must be dominant or characteristic");
        }
        var editions = await LayoutQueries.EditionsAsync(database, SeesDrafts(http));
        if (editions.All(e => e.Year != year))
        {
            return Problems.NotFound("edition_not_found", $"没有 {year} 年版产业地图布局", $"no layout edition {year}");
        }
        var rows = await LayoutQueries.DesignationsAsync(database, year, new LayoutFilter(unit, industry, cluster, role));
        return Results.Ok(rows.Select(DesignationView.Of).ToList());
    }
}
