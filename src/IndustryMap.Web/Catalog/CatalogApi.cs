using IndustryMap.Catalog;
using IndustryMap.Storage;
using IndustryMap.Web.Api;

namespace IndustryMap.Web.Catalog;

public static class CatalogApi
{
    public sealed record IndustryView(string Name, string Level, string? Tier, string? ParentBasis, IReadOnlyList<string> Aliases, string? Note,
        IReadOnlyList<SourceView> Sources, IReadOnlyList<IndustryView> Children)
    {
        public static IndustryView Of(IndustryNode n) => new(n.Name, n.Level, n.Tier, n.ParentBasis, n.Aliases, n.Note,
            n.Sources.Select(SourceView.Of).ToList(), n.Children.Select(Of).ToList());
    }

    public sealed record ClusterView(string Name, string? Tier, long? TierRank, IReadOnlyList<string> Aliases, IReadOnlyList<SourceView> Sources,
        IReadOnlyList<IndustryView> SubIndustries, IReadOnlyList<IndustryView> Products);

    public sealed record TaxonomyView(string Id, string Name, string? Document, string? Note, IReadOnlyList<IndustryView> Industries,
        IReadOnlyList<CrosswalkView> Crosswalk);

    public sealed record CrosswalkView(string From, string ToTaxonomy, string To, string Relation, string? Note, SourceView Source);

    public static void MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("catalog");
        api.MapGet("/clusters", ListClusters).Produces<IReadOnlyList<ClusterView>>().WithName("ListClusters")
            .WithSummary("The 33618 cluster catalog: clusters with tier, sub-industries (细分产业) and key products, each with its sources.");
        api.MapGet("/taxonomies", ListTaxonomies).Produces<IReadOnlyList<Taxonomy>>().WithName("ListTaxonomies").WithSummary("The 33618 catalog and the older plans' own taxonomies.");
        api.MapGet("/taxonomies/{id}", GetTaxonomy).Produces<TaxonomyView>().WithName("GetTaxonomy").WithSummary("A taxonomy's tree and its crosswalk to 33618.");
    }

    private static async Task<IResult> ListClusters(Database database)
    {
        var tree = await CatalogQueries.TreeAsync(database, CatalogQueries.Catalog33618);
        return Results.Ok(tree.Select(c => new ClusterView(c.Name, c.Tier, c.TierRank, c.Aliases, c.Sources.Select(SourceView.Of).ToList(),
            c.Children.Where(x => x.Level != "product").Select(IndustryView.Of).ToList(),
            c.Children.Where(x => x.Level == "product").Select(IndustryView.Of).ToList())).ToList());
    }

    private static async Task<IResult> ListTaxonomies(Database database) => Results.Ok(await CatalogQueries.TaxonomiesAsync(database));

    private static async Task<IResult> GetTaxonomy(string id, Database database)
    {
        var taxonomy = (await CatalogQueries.TaxonomiesAsync(database)).FirstOrDefault(t => t.Id == id);
        if (taxonomy is null) return Problems.NotFound("taxonomy_not_found", $"没有编号为“{id}”的产业分类", $"no taxonomy '{id}'");
        var tree = await CatalogQueries.TreeAsync(database, id);
        var crosswalk = await CatalogQueries.CrosswalkAsync(database, id);
        return Results.Ok(new TaxonomyView(taxonomy.Id, taxonomy.Name, taxonomy.DocumentId, taxonomy.Note, tree.Select(IndustryView.Of).ToList(),
            crosswalk.Select(c => new CrosswalkView(c.From, c.ToTaxonomy, c.To, c.Relation, c.Note, SourceView.Of(c.Source))).ToList()));
    }
}
