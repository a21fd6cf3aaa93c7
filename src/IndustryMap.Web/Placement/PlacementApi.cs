using System.Text;
using IndustryMap.Writing;
using IndustryMap.Placement;
using IndustryMap.Web.Api;
using IndustryMap.Web.Authorization;
using IndustryMap.Web.Security;
using IndustryMap.Spreadsheets;

namespace IndustryMap.Web.Placement;

/// <summary>
/// Project placement (issue 6): POST /api/placements places one project, POST /api/placements/batch a CSV of them.
/// Placement writes nothing, but it is the investment officers' tool (issue 4 §2: 招商 own placements and the
/// pipeline), so both require the investment rule (investment officers and the administrator).
/// </summary>
public static class PlacementApi
{
    public sealed record PlacementBody(string? Description, decimal? AmountYi, decimal? LandMu, string? Origin, bool? ForeignInvested, string? Investor,
        string? FirstContactUnit);

    public sealed record EvidenceView(string Word, string Kind, string? Via, bool Partial, double Score, SourceView? Source);

    public sealed record IndustryView(string Name, string Level, string Cluster, double Score, IReadOnlyList<string> Matched, IReadOnlyList<EvidenceView> Evidence);

    /// <summary>A reason in both languages (<c>text</c> Chinese, <c>textEn</c> English; names as printed).</summary>
    public sealed record ReasonView(string Rule, string RuleName, string Text, SourceView Source, SourceView? Evidence, double? Weight = null,
        string? RuleNameEn = null, string? TextEn = null);

    public sealed record ParkView(string Name, string? Level, IReadOnlyList<string> FocusIndustries, IReadOnlyList<string> Matched, decimal? PlannedAreaMu,
        string Land, string Text, SourceView Source, string? TextEn = null);

    /// <summary>
    /// A ranked unit; <c>rank</c>–<c>rankTo</c> is its tie group's range (<c>tied</c>: 并列 with others of equal priority and
    /// score); <c>unknown</c>: the signals not known for the unit (layout, plan, registry, parks), which neither add nor take away.
    /// </summary>
    public sealed record CandidateView(string Unit, int Rank, int RankTo, bool Tied, string RankText, double Score, double BaseScore, double EvidenceScore,
        int Priority, bool IsYuxi, bool IsDuikou, IReadOnlyList<ReasonView> Reasons, IReadOnlyList<ParkView> Parks, IReadOnlyList<string> Unknown);

    public sealed record PlacementView(string Description, int? Edition, bool MatchesNothing, string Summary, IReadOnlyList<IndustryView> Industries,
        IReadOnlyList<CandidateView> Candidates, IReadOnlyList<ReasonView> Notes, IReadOnlyList<ReasonView> Warnings, string? SummaryEn = null,
        PlacementWeights? Weights = null);

    public sealed record BatchRowView(int Line, string Id, string Status, IReadOnlyList<Refusal> Problems, PlacementView? Placement);

    public sealed record BatchView(int Rows, int Placed, int NoMatch, int Invalid, IReadOnlyList<BatchRowView> Results);

    public static void MapPlacementApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/placements").WithTags("placement");
        api.MapPost("", Place).RequireRule(Rules.Investment).Produces<PlacementView>().WithName("PlaceProject")
            .WithSummary("Place a project: description (Chinese free text), amountYi, landMu, origin (outside_city|within_city), foreignInvested, investor, " +
                         "firstContactUnit → industries [{name, score, matched}] and all units ranked [{unit, rank, rankTo, tied, score, reasons [{rule, text, source, weight}], parks}] " +
                         "(equal priority and score share a rank range: 并列); no candidates when the description matches nothing. " +
                         "Investment officers and the administrator.");
        api.MapPost("/batch", Batch).RequireRule(Rules.Investment).WithMetadata(UploadBodyLimit.Instance).Produces<BatchView>().AlsoAsFile(ResponseDeclarations.Csv, ResponseDeclarations.Xlsx).WithName("PlaceProjectsBatch")
            .WithSummary("Place a CSV of projects (text/csv body; columns description, id, amountYi, landMu, origin, foreignInvested, investor, firstContactUnit). " +
                         "JSON by default; ?format=csv or ?format=xlsx for a spreadsheet with the top three units per row. A bad row is reported with its line and field.");
    }

    private static async Task<IResult> Place(PlacementBody body, PlacementService service, CancellationToken cancellationToken)
    {
        // One state for validation and placement: one version query per request (decision 0024).
        var state = await service.StateAsync(cancellationToken);
        var (request, problems) = PlacementRequests.Validate(
            new PlacementInput(body.Description, body.AmountYi, body.LandMu, body.Origin, body.ForeignInvested, body.Investor, body.FirstContactUnit), state.Catalog);
        if (request is null) return Invalid(problems);
        return Results.Ok(View(PlacementEngine.Place(state.Catalog, request, state.Context)));
    }

    public static IResult Invalid(IReadOnlyList<Refusal> problems) =>
        Problems.Of(StatusCodes.Status400BadRequest, problems[0].Code, string.Join("；", problems.Select(p => p.Message)), string.Join("; ", problems.Select(p => p.MessageEn)),
            new Dictionary<string, object?> { ["errors"] = problems });

    private static async Task<IResult> Batch(HttpRequest http, string? format, PlacementService service, CancellationToken cancellationToken)
    {
        string text;
        using (var reader = new StreamReader(http.Body, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        var catalog = await service.CatalogAsync(cancellationToken);
        var rows = PlacementBatchCsv.Parse(text, catalog); // a file that cannot be read is refused (400, RefusalProblems)
        var results = await PlacementBatch.PlaceAsync(service, rows, cancellationToken);
        if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Text(PlacementBatchCsv.ToCsv(rows, results), "text/csv; charset=utf-8", Encoding.UTF8);
        }
        if (string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return Results.File(Xlsx.Write(XlsxSheet.Table("落地推荐", PlacementBatchCsv.OutputHeadings, PlacementBatchCsv.Cells(rows, results))), Xlsx.ContentType, "落地推荐.xlsx");
        }
        var views = rows.Select((r, i) => new BatchRowView(r.Line, r.Id,
            results[i] is null ? "invalid" : results[i]!.MatchesNothing ? "no_match" : "placed", r.Problems, results[i] is { } p ? View(p, 5) : null)).ToList();
        return Results.Ok(new BatchView(rows.Count, views.Count(v => v.Status == "placed"), views.Count(v => v.Status == "no_match"),
            views.Count(v => v.Status == "invalid"), views));
    }

    public static ReasonView View(PlacementReason r) => new(r.Rule, r.RuleName, r.Text, SourceView.Of(r.Source), r.Evidence is { } e ? SourceView.Of(e) : null, r.Weight,
        r.RuleNameEn, r.TextEn ?? r.Text);

    public static PlacementView View(PlacementResult result, int? candidates = null) => new(
        result.Request.Description, result.Edition, result.MatchesNothing, result.Summary,
        result.Industries.Select(i => new IndustryView(i.Name, i.Node.Level, i.Cluster, i.Score, i.Matched.Select(m => m.Word).Distinct().ToList(),
            i.Matched.Select(m => new EvidenceView(m.Word, m.Kind, m.Via, m.Partial, m.Score, m.Source is { } s ? SourceView.Of(s) : null)).ToList())).ToList(),
        result.Candidates.Take(candidates ?? int.MaxValue).Select(c => new CandidateView(c.Unit, c.Rank, c.RankTo, c.Tied, c.RankText, c.Score, c.BaseScore, c.EvidenceScore, c.Priority, c.IsYuxi, c.IsDuikou,
            c.Reasons.Select(View).ToList(),
            c.Parks.Select(p => new ParkView(p.Name, p.Level, p.FocusIndustries, p.Matched, p.PlannedAreaMu, p.Land, p.Text, SourceView.Of(p.Source), p.TextEn ?? p.Text)).ToList(),
            c.Unknown)).ToList(),
        result.Notes.Select(View).ToList(), result.Warnings.Select(View).ToList(), result.SummaryEn ?? result.Summary,
        candidates is null ? result.Weights : null); // a batch row leaves the weights out: 10,000 copies of one record
}

public static class PlacementSetup
{
    /// <summary>One placement service per store: it keeps the lexicon and rebuilds it after an import.</summary>
    public static IServiceCollection AddIndustryMapPlacement(this IServiceCollection services) =>
        services.AddSingleton(sp => new PlacementService(sp.GetRequiredService<IndustryMap.Storage.Database>()));
}
