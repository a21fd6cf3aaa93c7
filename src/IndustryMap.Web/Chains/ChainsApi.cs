using System.Globalization;
using System.Text;
using IndustryMap.Chains;
using IndustryMap.Spreadsheets;
using IndustryMap.Storage;
using IndustryMap.Text;
using IndustryMap.Web.Api;
using IndustryMap.Web.Authorization;
using IndustryMap.Web.Security;
using IndustryMap.Web.Tables;

namespace IndustryMap.Web.Chains;

/// <summary>Industry chains (issue 12): the maps, their nodes and members with sources, and the gap lists (补链清单).</summary>
public static class ChainsApi
{
    public sealed record ChainSummaryView(string Id, string Name, string? PrintedTitle, string ScopeKind, string? Unit, IReadOnlyList<string> Industries,
        IReadOnlyList<string> Clusters, string? Collection, string? AdminLeader, string? EnterpriseLeader, int Nodes, int Enterprises, int Local,
        int Gaps, string? Quality, SourceView Source);

    public sealed record MemberView(string Name, string Kind, string? Location, string? LocationBasis, string? Registry, string? RegistryUnit,
        string? Quality, string? Note, SourceView Source);

    public sealed record NodeView(string Id, string? Segment, string Stage, string Name, IReadOnlyList<string> Products, SourceView? ProductSource,
        IReadOnlyList<string> Catalog, string Status, int Enterprises, int Local, decimal? Share, string? Quality, string? Note, SourceView Source,
        IReadOnlyList<MemberView> Members);

    public sealed record EdgeView(string From, string To, string Basis, string? Note, SourceView Source);

    public sealed record ChainView(string Id, string Name, string? PrintedTitle, string ScopeKind, string? Unit, IReadOnlyList<string> Industries,
        IReadOnlyList<string> Clusters, string? Collection, string? AdminLeader, string? EnterpriseLeader, string? EnterpriseLeaderBasis, int? LocalPrinted,
        SourceView? LocalPrintedSource, int Enterprises, int Local, decimal? Share, string? Quality, string? Note, long Version, SourceView Source,
        IReadOnlyList<NodeView> Nodes, IReadOnlyList<EdgeView> Edges);

    /// <summary>A chain's head after an edit (issue 12 §6).</summary>
    public sealed record ChainHeadView(string Id, string? AdminLeader, string? EnterpriseLeader, string? Note, long Version);

    /// <summary>A chain's map after it was replaced: the new version and how many nodes, members and edges it has.</summary>
    public sealed record ChainMapCounts(string Id, long Version, int Nodes, int Members, int Edges);

    /// <summary>A chain imported from the template: created (201) or replaced (200).</summary>
    public sealed record ChainImported(string Id, string Name, string? Unit, long Version, int Nodes, int Members, int Edges, bool Created);

    public sealed record CollectionView(string Id, string Title, int? Declared, int Loaded, string? Quality, string? Note, SourceView Source);

    public sealed record LocalisationView(string? Field, string Enterprise, string? Registry, int? Suppliers, int? LocalSuppliers, string Share,
        SourceView? TableSource, string? Quality, string? Note, SourceView Source);

    public static void MapChainsApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/units/{unit}/chains/{id}", Update).RequireRule(Rules.UnitData).Produces<ChainHeadView>().WithTags("chains").WithName("UpdateChain")
            .WithSummary("Edit a chain's 行政链长, 链主 and note: the unit officer of the chain's unit or the administrator; body names the version edited (409 when stale).");
        app.MapPut("/api/units/{unit}/chains/{id}/map", UpdateMap).RequireRule(Rules.UnitData).Produces<ChainMapCounts>().WithTags("chains").WithName("UpdateChainMap")
            .WithSummary("Replace a chain's nodes, members and edges (JSON: version, nodes[{id, segment, stage, name, products, catalog, note, members[{name, kind, location, registry, note}]}], edges[{from, to, note}]): the unit officer of the chain's unit or the administrator. All checked first; one bad field changes nothing (400, every problem in details.errors); 409 when the version is stale.");
        app.MapPost("/api/units/{unit}/chains/import", Import).RequireRule(Rules.UnitData).Produces<ChainImported>().Produces<ChainImported>(StatusCodes.Status201Created).WithMetadata(UploadBodyLimit.Instance).WithTags("chains")
            .WithName("ImportChain")
            .WithSummary("Import a chain from the .xlsx template (the body, or a multipart file): a new id creates the chain in the unit (201), an existing one of the unit is replaced when the workbook's 版本 is current. All-or-nothing; every problem names file, sheet, row and column.");
        var api = app.MapGroup("/api/chains").WithTags("chains");
        api.MapGet("/template.xlsx", BlankTemplate).ProducesFile(ResponseDeclarations.Xlsx).WithName("ChainTemplate").WithSummary("The empty .xlsx chain template (?unit= fills in the unit).");
        api.MapGet("", List).Produces<IReadOnlyList<ChainSummaryView>>().WithName("ListChains").WithSummary("Industry chains with node, enterprise, local and gap counts; filters: unit, cluster.");
        api.MapGet("/collections", Collections).Produces<IReadOnlyList<CollectionView>>().WithName("ListChainCollections")
            .WithSummary("The sets of chain maps documents promise (附件二: 7) with how many were printed and loaded, and the data-quality note.");
        api.MapGet("/localisation", LocalisationList).Produces<IReadOnlyList<LocalisationView>>().WithName("ListChainLocalisation")
            .WithSummary("Supplier localisation of key enterprises as printed (seed 004 表1-1 and L154).");
        api.MapGet("/gaps.{format}", AllGaps).ProducesFile(ResponseDeclarations.Csv, ResponseDeclarations.Xlsx).WithName("ExportChainGaps").WithSummary("Every chain's gap list (补链清单) as .xlsx or .csv; filter: unit.");
        api.MapGet("/{id}", One).Produces<ChainView>().WithName("GetChain").WithSummary("One chain: nodes with segment, products, catalog items, members (location, registry link) and sources; edges.");
        api.MapGet("/{id}/template.xlsx", ChainTemplate).ProducesFile(ResponseDeclarations.Xlsx).WithName("ChainTemplateFilled")
            .WithSummary("The .xlsx template filled with the chain (head with its version, nodes, members, edges and where each row comes from): edit and import it back.");
        api.MapGet("/{id}/gaps", Gaps).Produces<ChainGapReport>().AlsoAsFile(ResponseDeclarations.Csv, ResponseDeclarations.Xlsx).WithName("GetChainGaps")
            .WithSummary("The chain's gap list: per node gap/weak/strong, local share, candidate outside suppliers and covering units; ?format=csv or xlsx.");
    }

    private static async Task<IResult> List(string? unit, string? cluster, Database database)
    {
        var clusters = await ChainClusters.MapAsync(database);
        var chains = await ChainQueries.ChainsAsync(database, unit);
        return Results.Ok(chains.Where(c => cluster is null || ChainClusters.Of(c, clusters).Contains(cluster)).Select(c =>
        {
            var report = ChainGapAnalysis.Analyse(c, []);
            return new ChainSummaryView(c.Key, c.Name, c.PrintedTitle, c.ScopeKind, c.Unit, c.Industries, ChainClusters.Of(c, clusters), c.Collection,
                c.AdminLeader, c.EnterpriseLeader, c.Nodes.Count, report.Enterprises, report.Local, report.Gaps.Count(), c.Quality, SourceView.Of(c.Source));
        }).ToList());
    }

    private static async Task<IResult> Update(string unit, string id, ChainHeadEdit edit, HttpContext http, Database database)
    {
        var chain = await ChainEditing.UpdateHeadAsync(database, http.RequireActor(), unit, id, edit);
        return Results.Ok(new ChainHeadView(chain.Key, chain.AdminLeader, chain.EnterpriseLeader, chain.Note, chain.Version));
    }

    private static async Task<IResult> UpdateMap(string unit, string id, ChainMapEdit edit, HttpContext http, Database database)
    {
        var chain = await ChainMapEditing.ReplaceMapAsync(database, http.RequireActor(), unit, id, edit);
        return Results.Ok(new ChainMapCounts(chain.Key, chain.Version, chain.Nodes.Count, chain.Nodes.Sum(n => n.Members.Count), chain.Edges.Count));
    }

    private static async Task<IResult> Import(string unit, HttpContext http, Database database)
    {
        // The body is capped by the upload limit (INDUSTRYMAP_MAX_UPLOAD_MB); what it unpacks to by XlsxReader's limits.
        var name = "上传的文件";
        using var memory = new MemoryStream();
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync();
            var file = form.Files.FirstOrDefault();
            if (file is null) return Problems.BadRequest("file_required", "请选择要导入的产业链模板（.xlsx）", "attach the filled-in chain template (.xlsx)");
            if (!string.IsNullOrWhiteSpace(file.FileName)) name = Path.GetFileName(file.FileName);
            await file.CopyToAsync(memory);
        }
        else
        {
            await http.Request.Body.CopyToAsync(memory);
        }
        var draft = ChainWorkbook.Read(memory.ToArray(), name);
        var (chain, created) = await ChainMapEditing.ImportAsync(database, http.RequireActor(), unit, draft, ChainWorkbook.Places(name));
        var view = new ChainImported(chain.Key, chain.Name, chain.Unit, chain.Version, chain.Nodes.Count, chain.Nodes.Sum(n => n.Members.Count), chain.Edges.Count, created);
        return created ? Results.Created($"/api/chains/{Uri.EscapeDataString(chain.Key)}", view) : Results.Ok(view);
    }

    private static IResult BlankTemplate(string? unit) =>
        Results.File(ChainWorkbook.Write(null, unit), Xlsx.ContentType, "产业链导入模板.xlsx");

    private static async Task<IResult> ChainTemplate(string id, Database database) =>
        await ChainQueries.ChainAsync(database, id) is { } chain
            ? Results.File(ChainWorkbook.Write(chain, chain.Unit), Xlsx.ContentType, $"产业链-{chain.Name}.xlsx")
            : NotFound(id);

    private static async Task<IResult> Collections(Database database) =>
        Results.Ok((await ChainQueries.CollectionsAsync(database)).Select(c => new CollectionView(c.Key, c.Title, c.Declared, c.Loaded, c.Quality, c.Note,
            SourceView.Of(c.Source))).ToList());

    private static async Task<IResult> LocalisationList(Database database) =>
        Results.Ok((await ChainQueries.LocalisationAsync(database)).Select(l => new LocalisationView(l.Field, l.Enterprise, l.Registry, l.Suppliers,
            l.LocalSuppliers, l.Share, l.TableSource is null ? null : SourceView.Of(l.TableSource), l.Quality, l.Note, SourceView.Of(l.Source))).ToList());

    private static async Task<IResult> One(string id, Database database)
    {
        if (await ChainQueries.ChainAsync(database, id) is not { } chain) return NotFound(id);
        var clusters = await ChainClusters.MapAsync(database);
        var report = ChainGapAnalysis.Analyse(chain, []);
        var byNode = report.Nodes.ToDictionary(n => n.Node);
        return Results.Ok(new ChainView(chain.Key, chain.Name, chain.PrintedTitle, chain.ScopeKind, chain.Unit, chain.Industries,
            ChainClusters.Of(chain, clusters), chain.Collection, chain.AdminLeader, chain.EnterpriseLeader, chain.EnterpriseLeaderBasis, chain.LocalPrinted,
            chain.LocalPrintedSource is null ? null : SourceView.Of(chain.LocalPrintedSource), report.Enterprises, report.Local, report.Share, chain.Quality,
            chain.Note, chain.Version, SourceView.Of(chain.Source),
            chain.Nodes.Select(n => new NodeView(n.Key, n.Segment, n.Stage, n.Name, n.Products, n.ProductSource is null ? null : SourceView.Of(n.ProductSource),
                n.Catalog, byNode[n.Key].Status, byNode[n.Key].Enterprises, byNode[n.Key].Local, byNode[n.Key].Share, n.Quality, n.Note, SourceView.Of(n.Source),
                n.Members.Select(m => new MemberView(m.Name, m.Kind, m.Location, m.LocationBasis, m.Registry, m.RegistryUnit, m.Quality, m.Note,
                    SourceView.Of(m.Source))).ToList())).ToList(),
            chain.Edges.Select(e => new EdgeView(e.From, e.To, e.Basis, e.Note, SourceView.Of(e.Source))).ToList()));
    }

    private static async Task<IResult> Gaps(string id, string? format, Database database)
    {
        if (format is not (null or "json" or "csv" or "xlsx")) return UnknownFormat(format);
        if (await ChainQueries.GapsAsync(database, id) is not { } report) return NotFound(id);
        return format is null or "json" ? Results.Ok(report) : File([report], format, $"补链清单-{report.Name}");
    }

    private static async Task<IResult> AllGaps(string format, string? unit, Database database)
    {
        if (format is not ("csv" or "xlsx")) return UnknownFormat(format);
        return File(await ChainQueries.AllGapsAsync(database, unit), format, unit is null ? "补链清单" : $"补链清单-{unit}");
    }

    private static IResult File(IEnumerable<ChainGapReport> reports, string format, string name)
    {
        var rows = ChainGapTable.Rows(reports).ToList();
        if (format == "xlsx")
        {
            return Results.File(Xlsx.Write(XlsxSheet.Table("补链清单", ChainGapTable.Headings, rows)), Xlsx.ContentType, $"{name}.xlsx");
        }
        var csv = new StringBuilder();
        csv.Append(Csv.Line(ChainGapTable.Headings)).Append("\r\n");
        foreach (var row in rows) csv.Append(Csv.Line(row.Select(Cell))).Append("\r\n");
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", $"{name}.csv");
    }

    private static string? Cell(object? value) => value switch
    {
        null => null,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static IResult UnknownFormat(string? format) =>
        Problems.BadRequest("unknown_format", $"不支持的格式“{format}”（应为 json、csv 或 xlsx）", $"unknown format '{format}' (json, csv or xlsx)");

    private static IResult NotFound(string id) => Problems.NotFound("chain_not_found", $"没有产业链“{id}”", $"no chain '{id}'");
}
