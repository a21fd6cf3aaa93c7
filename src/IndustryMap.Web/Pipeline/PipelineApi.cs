using IndustryMap.Pipeline;
using IndustryMap.Placement;
using IndustryMap.Registries;
using IndustryMap.Storage;
using IndustryMap.Web.Api;
using IndustryMap.Web.Authorization;
using IndustryMap.Spreadsheets;

namespace IndustryMap.Web.Pipeline;

/// <summary>
/// The project pipeline (issue 6): placed projects and their dated stages. Investment officers and the administrator
/// write (issue 4 §2); signed-in users read, including the reports by stage and unit and the 渝西 50 亿元 floor.
/// </summary>
public static class PipelineApi
{
    public sealed record ProjectBody(string? Name, string? Description, string? Unit, string? Park, decimal? AmountYi, decimal? LandMu, string? Origin,
        bool? ForeignInvested, string? Investor, long? FirstContact, string? Stage, string? StageOn, string? Note);

    /// <summary>One project and the placement it was given when it was added (as stored, null when none).</summary>
    public sealed record ProjectDetail(ProjectView Project, System.Text.Json.JsonElement? Placement);

    /// <summary>The 渝西 floor (亿元, with its clause) and each unit's projects measured against it.</summary>
    public sealed record YuxiFloorView(decimal FloorYi, SourceView Source, IReadOnlyList<YuxiFloorRow> Rows);

    public sealed record MoveBody(string? Stage, string? StageOn, string? Note, long? Version);

    public sealed record EventView(string Stage, string StageChinese, string StageOn, string? Note, string RecordedBy, string RecordedAt);

    public sealed record ProjectView(long Id, string Name, string Description, string? Investor, string Unit, string? Park, string? Industry, string? Cluster,
        decimal? AmountYi, decimal? LandMu, string? Origin, bool ForeignInvested, long? FirstContact, long? PlacementRank, string Stage, string StageChinese,
        string StageOn, string? StartedOn, long Version, string CreatedBy, string CreatedAt, string UpdatedBy, string UpdatedAt, IReadOnlyList<EventView> Events);

    public static void MapPipelineApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/pipeline").WithTags("pipeline");
        api.MapPost("", Create).RequireRule(Rules.Investment).Produces<ProjectView>(StatusCodes.Status201Created).WithName("AddPipelineProject")
            .WithSummary("Enter a placed project into the pipeline: name, description, unit (where it goes), park, amountYi, landMu, origin, foreignInvested, " +
                         "investor, firstContact (register entry), stage (default negotiating), stageOn. Its placement at that moment is kept with it.");
        api.MapPost("/{id:long}/stages", Move).RequireRule(Rules.Investment).Produces<ProjectView>().WithName("MovePipelineProject")
            .WithSummary("Move a project forward to a later stage with its date (stage, stageOn, note, version for optimistic concurrency).");
        api.MapGet("", List).RequireRule(Rules.SignedIn).Produces<IReadOnlyList<ProjectView>>().WithName("ListPipelineProjects").WithSummary("Pipeline projects with their stage history; filters: unit, stage.");
        api.MapGet("/{id:long}", Get).RequireRule(Rules.SignedIn).Produces<ProjectDetail>().WithName("GetPipelineProject").WithSummary("One project, its stages and its placement snapshot.");
        api.MapGet("/export.xlsx", Export).RequireRule(Rules.SignedIn).ProducesFile(ResponseDeclarations.Xlsx).WithName("ExportPipeline")
            .WithSummary("The pipeline as an Excel workbook: one row per project with its stage, dates and who entered and changed it.");
        api.MapGet("/report", Report).RequireRule(Rules.SignedIn).Produces<IReadOnlyList<StageCount>>().WithName("PipelineByStageAndUnit")
            .WithSummary("Projects and investment (亿元) by unit and stage.");
        api.MapGet("/yuxi-floor", YuxiFloor).RequireRule(Rules.SignedIn).Produces<YuxiFloorView>().WithName("PipelineYuxiFloor")
            .WithSummary("For each 渝西 district and year: investment of newly attracted projects that started construction, against the 50 亿元 floor (seed 001 L544-546).");
    }

    public static ProjectView View(PipelineProject p) => new(p.Id, p.Name, p.Description, p.Investor, p.Unit, p.Park, p.Industry, p.Cluster,
        p.AmountYi is { } a ? Decimals.Normalize(a) : null, p.LandMu is { } l ? Decimals.Normalize(l) : null, p.Origin, p.ForeignInvested != 0, p.FirstContact,
        p.PlacementRank, p.Stage, ProjectLifecycle.Chinese(p.Stage), p.StageOn, p.StartedOn, p.Version, p.CreatedBy, p.CreatedAt, p.UpdatedBy, p.UpdatedAt,
        p.Events.Select(e => new EventView(e.Stage, ProjectLifecycle.Chinese(e.Stage), e.StageOn, e.Note, e.RecordedBy, e.RecordedAt)).ToList());

    private static async Task<IResult> Create(ProjectBody body, HttpContext http, Database database, PlacementService placement, CancellationToken cancellationToken)
    {
        var project = await ProjectPipeline.CreateAsync(database, placement, http.RequireActor(), new NewPipelineProject(body.Name, body.Description, body.Unit,
            body.Park, body.AmountYi, body.LandMu, body.Origin, body.ForeignInvested ?? false, body.Investor, body.FirstContact, body.Stage, body.StageOn, body.Note),
            cancellationToken);
        return Results.Created($"/api/pipeline/{project.Id}", View(project));
    }

    private static async Task<IResult> Move(long id, MoveBody body, HttpContext http, Database database, CancellationToken cancellationToken) =>
        Results.Ok(View(await ProjectPipeline.MoveAsync(database, http.RequireActor(), id, new StageMove(body.Stage, body.StageOn, body.Note, body.Version),
            cancellationToken)));

    private static async Task<IResult> List(string? unit, string? stage, Database database)
    {
        if (stage is not null && !PipelineRules.IsStage(stage))
        {
            return Problems.BadRequest("unknown_stage", $"未知的项目阶段“{stage}”", $"unknown stage '{stage}'");
        }
        return Results.Ok((await ProjectPipeline.ListAsync(database, new ProjectPipeline.Filter(unit, stage))).Select(View).ToList());
    }

    private static async Task<IResult> Get(long id, Database database)
    {
        var project = await ProjectPipeline.FindAsync(database, id);
        if (project is null) return Problems.NotFound("project_not_found", $"项目库中没有第 {id} 号项目", $"no pipeline project {id}");
        var snapshot = await ProjectPipeline.PlacementSnapshotAsync(database, id);
        return Results.Ok(new ProjectDetail(View(project), snapshot is null ? null : System.Text.Json.JsonDocument.Parse(snapshot).RootElement));
    }

    private static async Task<IResult> Export(Database database)
    {
        var projects = await ProjectPipeline.ListAsync(database);
        string[] headings = ["编号", "项目名称", "投资方", "落户单元", "园区", "产业", "集群", "投资额（亿元）", "用地（亩）", "来源", "外资", "阶段", "阶段日期",
            "开工日期", "录入人", "录入时间", "最后修改人", "最后修改时间"];
        var rows = projects.Select(p => (IReadOnlyList<object?>)
        [
            (decimal)p.Id, p.Name, p.Investor, p.Unit, p.Park, p.Industry, p.Cluster, p.AmountYi is { } a ? Decimals.Normalize(a) : null,
            p.LandMu is { } l ? Decimals.Normalize(l) : null, Origins.Chinese(p.Origin), p.ForeignInvested != 0 ? "是" : "否", ProjectLifecycle.Chinese(p.Stage),
            p.StageOn, p.StartedOn, p.CreatedBy, p.CreatedAt, p.UpdatedBy, p.UpdatedAt,
        ]);
        return Results.File(Xlsx.Write(XlsxSheet.Table("项目库", headings, rows)), Xlsx.ContentType, "项目库.xlsx");
    }

    private static async Task<IResult> Report(Database database) => Results.Ok(await ProjectPipeline.ByStageAndUnitAsync(database));

    private static async Task<IResult> YuxiFloor(int? year, Database database) =>
        Results.Ok(new YuxiFloorView(PlacementClauses.YuxiFloorYi, SourceView.Of(PlacementClauses.YuxiFloor), await ProjectPipeline.YuxiFloorAsync(database, year)));
}
