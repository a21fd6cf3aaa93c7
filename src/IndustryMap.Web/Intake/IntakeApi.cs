using System.Text;
using System.Text.Json;
using IndustryMap.Intake;
using IndustryMap.Storage;
using IndustryMap.Web.Api;
using IndustryMap.Web.Authorization;
using IndustryMap.Web.Security;

namespace IndustryMap.Web.Intake;

/// <summary>
/// Document intake over HTTP (issue 16, decision 0016). The rule lets signed-in users through; the document's scope is
/// then checked by <see cref="IndustryMap.Authorization.WriteRules.TakeInPlan"/> (the administrator, or a unit officer
/// for their own unit). Uploads are capped by INDUSTRYMAP_MAX_UPLOAD_MB and by <see cref="IntakeLimits"/>.
/// </summary>
public static class IntakeApi
{
    public sealed record TextBody(string? Text, string? Title, string? Scope, string? Issuer, string? IssuedOn);

    /// <summary>
    /// What the reviewer changed before accepting: a target's fields (indicator … cumulative) or a park's or project's
    /// (name, investment, investmentUnit, clearInvestment, land, landUnit, clearLand, period, stage).
    /// </summary>
    public sealed record EditBody(string? Indicator, string? ScopeKind, string? Scope, int? Year, bool? ClearYear, decimal? Value, decimal? ValueHigh, string? Unit,
        string? Comparator, bool? Cumulative, string? Name = null, decimal? Investment = null, string? InvestmentUnit = null, bool? ClearInvestment = null,
        decimal? Land = null, string? LandUnit = null, bool? ClearLand = null, string? Period = null, string? Stage = null)
    {
        public TargetEdit? ToTargetEdit() =>
            Indicator is null && ScopeKind is null && Scope is null && Year is null && ClearYear is null && Value is null && ValueHigh is null && Unit is null
            && Comparator is null && Cumulative is null
                ? null
                : new TargetEdit(Indicator, ScopeKind, Scope, Year, ClearYear ?? false, Value, ValueHigh, Unit, Comparator, Cumulative);

        public ProjectEdit? ToProjectEdit() =>
            Name is null && Investment is null && InvestmentUnit is null && ClearInvestment is null && Land is null && LandUnit is null && ClearLand is null
            && Period is null && Stage is null
                ? null
                : new ProjectEdit(Name, Investment, ClearInvestment ?? false, InvestmentUnit, Land, ClearLand ?? false, LandUnit, Period, Stage);
    }

    /// <summary>One decision; <c>edition</c>: the draft layout edition (year) an accepted designation enters, the newest draft when left out.</summary>
    public sealed record DecisionBody(long? Proposal, string? Kind, string? Action, EditBody? Edit, int? Edition = null);

    public sealed record DecisionsBody(IReadOnlyList<DecisionBody>? Decisions);

    public static void MapIntakeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/intake").WithTags("intake");
        api.MapPost("", Upload).RequireRule(Rules.SignedIn).Produces<IntakeView>(StatusCodes.Status201Created).WithMetadata(UploadBodyLimit.Instance).WithName("UploadPlan")
            .Accepts<IFormFile>("multipart/form-data", "application/json")
            .WithSummary("Take in a plan: a multipart file (.txt, .docx, .pdf; fields title, issuer, issuedOn, scope) or JSON {text, title, scope}. Stores it byte " +
                         "for byte with its line-numbered text and returns {document, proposals: {targets, designations, parks, projects}}. The administrator, or a unit officer for their unit.");
        api.MapGet("", List).RequireRule(Rules.SignedIn).Produces<IReadOnlyList<IntakeDocumentRow>>().WithName("ListIntakes").WithSummary("Uploaded plans, newest first.");
        api.MapGet("/{id:long}", Get).RequireRule(Rules.SignedIn).Produces<IntakeView>().WithName("GetIntake")
            .WithSummary("One uploaded plan with its proposals, each with its lines, confidence, status, the reviewer's decision and stored data it contradicts.");
        api.MapGet("/{id:long}/file", File).RequireRule(Rules.SignedIn).ProducesFile("application/octet-stream", "text/plain", "application/pdf", ResponseDeclarations.Docx).WithName("GetIntakeFile").WithSummary("The uploaded file, byte for byte.");
        api.MapPost("/{id:long}/decisions", Decide).RequireRule(Rules.SignedIn).Produces<IntakeView>().WithName("DecideIntake")
            .WithSummary("Accept (optionally with edit — a target's indicator, scopeKind, scope, year, clearYear, value, valueHigh, unit, comparator, cumulative; " +
                         "a park's or project's name, investment, investmentUnit, clearInvestment, land, landUnit, clearLand, period, stage) or reject " +
                         "proposals: {decisions: [{proposal, action}] or [{kind: \"target\", action}]}; edition: the draft layout edition (year) accepted designations " +
                         "enter, the newest draft when left out — all or nothing, each audited. Accepted targets appear in /api/targets, parks and projects in the registries.");
    }

    private static async Task<IResult> Upload(HttpContext http, Database database)
    {
        var actor = http.RequireActor();
        NewIntake input;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync();
            if (form.Files.Count != 1) return Problems.BadRequest("one_file_expected", "请上传一个规划文件（.txt、.docx 或 .pdf）", "upload exactly one file (.txt, .docx or .pdf)");
            var file = form.Files[0];
            using var memory = new MemoryStream();
            await file.CopyToAsync(memory);
            input = new NewIntake(string.IsNullOrWhiteSpace(file.FileName) ? "上传的文件" : Path.GetFileName(file.FileName), memory.ToArray(),
                form["title"].FirstOrDefault(), form["issuer"].FirstOrDefault(), form["issuedOn"].FirstOrDefault(), form["scope"].FirstOrDefault());
        }
        else
        {
            var body = await http.Request.ReadFromJsonAsync<TextBody>();
            if (body?.Text is null) return Problems.BadRequest("text_required", "请提供规划文本（text）或上传文件", "give the plan's text (text) or upload a file");
            input = new NewIntake((body.Title ?? "text") + ".txt", Encoding.UTF8.GetBytes(body.Text), body.Title, body.Issuer, body.IssuedOn, body.Scope, FromJson: true);
        }
        var detail = await IntakeStore.CreateAsync(database, actor, input);
        return Results.Created($"/api/intake/{detail.Document.Id}", IntakeViews.Of(detail));
    }

    private static async Task<IResult> List(Database database) => Results.Ok(await IntakeStore.ListAsync(database));

    private static async Task<IResult> Get(long id, Database database) =>
        await IntakeStore.GetAsync(database, id) is { } detail
            ? Results.Ok(IntakeViews.Of(detail))
            : Problems.NotFound("intake_not_found", $"没有编号为 {id} 的上传文件", $"no intake {id}");

    private static async Task<IResult> File(long id, Database database)
    {
        if (await IntakeStore.FileAsync(database, id) is not { } file) return Problems.NotFound("intake_not_found", $"没有编号为 {id} 的上传文件", $"no intake {id}");
        var type = file.Kind switch
        {
            "pdf" => "application/pdf",
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            _ => "text/plain; charset=utf-8",
        };
        return Results.File(file.Content, type, file.Name);
    }

    private static async Task<IResult> Decide(long id, DecisionsBody body, HttpContext http, Database database)
    {
        var decisions = (body.Decisions ?? []).Select(d => new IntakeDecision(d.Proposal, d.Kind, d.Action ?? "", d.Edit?.ToTargetEdit(), d.Edit?.ToProjectEdit(), d.Edition)).ToList();
        return Results.Ok(IntakeViews.Of(await IntakeStore.DecideAsync(database, http.RequireActor(), id, decisions)));
    }
}
