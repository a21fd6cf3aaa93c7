using System.Globalization;
using System.Text.Json;
using IndustryMap.Monitoring;
using IndustryMap.Storage;
using IndustryMap.Web.Api;
using IndustryMap.Web.Authorization;
using IndustryMap.Writing;

namespace IndustryMap.Web.Monitoring;

/// <summary>
/// Plan monitoring over HTTP (issue 7 §7): periods and submissions (form, template, upload, the workflow), assessment
/// targets and their yearly path, progress, the 赛马 and bulletins. Every read needs a signed-in user (monitoring data is
/// internal, issue 4 §2); a unit officer writes their own unit's reports (<see cref="Rules.UnitData"/>, route value
/// <c>{unit}</c>); approvals, returns, unlocks, indexes, targets, periods and bulletins are the administrator's.
/// </summary>
public static class MonitoringApi
{
    public sealed record ValueRequest(string? Indicator, JsonElement? Value, string? Unit, string? Note);

    public sealed record SaveRequest(long? Version, IReadOnlyList<ValueRequest>? Values);

    public sealed record ActionRequest(long? Version, string? Comment, string? Reason);

    public sealed record PeriodRequest(string? Code, string? DueOn);

    public sealed record IndicatorRequest(string? Frequency, string? Kind, string? Reporters, decimal? MinValue, decimal? MaxValue, bool? Required,
        decimal? ChangeWarningShare, int? Position);

    public sealed record TargetRequest(string? Indicator, string? Unit, string? Group, int? Year, decimal? Value, int? BaselineYear, decimal? BaselineValue, string? Note);

    /// <summary>The assessment target as set: its id and what was asked.</summary>
    public sealed record TargetSet(long Id, string? Indicator, string? Unit, string? Group, int? Year, decimal? Value);

    public sealed record IndexRequest(long? Version, string? Name, string? Frequency, string? Normalization, IReadOnlyList<string>? Groups,
        IReadOnlyList<IndexIndicatorSetting>? Indicators);

    public sealed record BulletinRequest(long? Version, string? Number, string? Title);

    public sealed record IndicatorView(string Indicator, string Plan, string Code, string Name, string? Unit, string Frequency, string FrequencyName, string Kind,
        string KindName, string Reporters, int ReporterCount, bool Sums, decimal? MinValue, decimal? MaxValue, bool Required, decimal ChangeWarningShare, bool Demo,
        string EnteredBy, string EnteredAt);

    public sealed record PeriodView(string Code, string Name, string Frequency, string StartsOn, string EndsOn, string DueOn, bool Demo, string CreatedBy);

    public sealed record SubmissionView(string Record, string Unit, string Period, string State, string StateName, long Version, bool Demo, string UpdatedBy,
        string UpdatedAt, string? SubmittedAt, string? ReviewedBy, string? ReviewedAt, string? Comment);

    public sealed record IndexView(string Code, string Name, string Frequency, string Normalization, string NormalizationName, long Version, bool Demo,
        IReadOnlyList<string> Groups, IReadOnlyList<IndexIndicatorView> Indicators, string EnteredBy, string EnteredAt);

    public sealed record DrillDown(string Unit, string Period, IReadOnlyList<DrillDownLine> Rankings);

    public sealed record DrillDownLine(string Index, string IndexName, string Group, RankingLine Line);

    public static void MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("monitoring");

        api.MapGet("/monitoring/indicators", ListIndicators).RequireRule(Rules.SignedIn).Produces<IReadOnlyList<IndicatorView>>().WithName("ListMonitoredIndicators")
            .WithSummary("The monitored indicators: frequency, kind, who reports them, validation range. Signed-in users.");
        api.MapPut("/monitoring/indicators/{plan}/{code}", ConfigureIndicator).RequireRule(Rules.Administer).Produces<IndicatorView>().WithName("ConfigureMonitoredIndicator")
            .WithSummary("Monitor an indicator or change how: frequency (year|quarter|month), kind, reporters (plan|all), minValue, maxValue, required, changeWarningShare. Administrator.");
        api.MapPost("/monitoring/targets", SetTarget).RequireRule(Rules.Administer).Produces<TargetSet>().WithName("SetAssessmentTarget")
            .WithSummary("Set an assessment target the plans do not state (seed 001 §七（三）): indicator, unit or group (or neither: the city), year, value, baseline. Administrator.");

        api.MapGet("/periods", ListPeriods).RequireRule(Rules.SignedIn).Produces<IReadOnlyList<PeriodView>>().WithName("ListPeriods").WithSummary("Reporting periods with their deadlines (filter: frequency).");
        api.MapPost("/periods", OpenPeriod).RequireRule(Rules.Administer).Produces<PeriodView>(StatusCodes.Status201Created).WithName("OpenPeriod")
            .WithSummary("Open a reporting period: code (2024, 2024Q2, 2024-05) and optional dueOn (yyyy-MM-dd; default the 15th of the next month, 31 March for a year). Administrator.");
        api.MapGet("/periods/{period}/reporting", ReportingRate).RequireRule(Rules.SignedIn).Produces<ReportingRate>().WithName("GetReportingRate")
            .WithSummary("Who has submitted for a period, who is late, who has not started.");

        api.MapGet("/submissions", ListSubmissions).RequireRule(Rules.SignedIn).Produces<IReadOnlyList<SubmissionView>>().WithName("ListSubmissions").WithSummary("Submissions (filters: period, unit, state).");
        api.MapGet("/submissions/{unit}/{period}", GetSubmission).RequireRule(Rules.SignedIn).Produces<SubmissionForm>().WithName("GetSubmission")
            .WithSummary("A unit's report for a period: the form's lines with values, previous values and checks; state, version (also as ETag), history.");
        api.MapPut("/submissions/{unit}/{period}", SaveSubmission).RequireRule(Rules.UnitData).Produces<SubmissionForm>().WithName("SaveSubmission")
            .WithSummary("Save values into the draft: {version, values: [{indicator: \"yx2027/ind01\", value, unit?, note?}]}. The unit's officer or the administrator; a stale version gets 409.");
        api.MapPost("/submissions/{unit}/{period}/upload", Upload).RequireRule(Rules.UnitData).Produces<SubmissionForm>().WithName("UploadSubmission")
            .WithSummary("Save the values of a filled-in template (.xlsx or CSV, as the body or a multipart file; ?version= or If-Match). All rows are read first: one bad row saves nothing.");
        api.MapGet("/submissions/{unit}/{period}/template.xlsx", (string unit, string period, Database db) => Template(unit, period, db, xlsx: true))
            .RequireRule(Rules.SignedIn).ProducesFile(ResponseDeclarations.Xlsx).WithName("DownloadSubmissionTemplateXlsx").WithSummary("The Excel template of the report, filled with what is stored.");
        api.MapGet("/submissions/{unit}/{period}/template.csv", (string unit, string period, Database db) => Template(unit, period, db, xlsx: false))
            .RequireRule(Rules.SignedIn).ProducesFile(ResponseDeclarations.Csv).WithName("DownloadSubmissionTemplateCsv").WithSummary("The CSV (UTF-8) template of the report.");
        api.MapPost("/submissions/{unit}/{period}/submit", (string unit, string period, ActionRequest? r, HttpContext h, Database db) =>
                Transition(unit, period, SubmissionActions.Submit, r, h, db))
            .RequireRule(Rules.UnitData).Produces<SubmissionForm>().WithName("SubmitSubmission").WithSummary("Submit for review: refused with 422 and every failing check when a value is missing or out of range.");
        api.MapPost("/submissions/{unit}/{period}/approve", (string unit, string period, ActionRequest? r, HttpContext h, Database db) =>
                Transition(unit, period, SubmissionActions.Approve, r, h, db))
            .RequireRule(Rules.Administer).Produces<SubmissionForm>().WithName("ApproveSubmission").WithSummary("Approve and lock. Administrator.");
        api.MapPost("/submissions/{unit}/{period}/return", (string unit, string period, ActionRequest? r, HttpContext h, Database db) =>
                Transition(unit, period, SubmissionActions.Return, r, h, db))
            .RequireRule(Rules.Administer).Produces<SubmissionForm>().WithName("ReturnSubmission").WithSummary("Return to the unit with a comment (required). Administrator.");
        api.MapPost("/submissions/{unit}/{period}/unlock", (string unit, string period, ActionRequest? r, HttpContext h, Database db) =>
                Transition(unit, period, SubmissionActions.Unlock, r, h, db))
            .RequireRule(Rules.Administer).Produces<SubmissionForm>().WithName("UnlockSubmission").WithSummary("Reopen an approved report as a draft, with a reason (required). Administrator.");

        api.MapGet("/targets/annual", AnnualTargets).RequireRule(Rules.SignedIn).Produces<IReadOnlyList<AnnualTargets>>().WithName("GetAnnualTargets")
            .WithSummary("The yearly path to each assessment target (filters: plan, unit, indicator); years between stated values are derived and marked so.");
        api.MapGet("/progress", GetProgress).RequireRule(Rules.SignedIn).Produces<IReadOnlyList<ProgressRow>>().WithName("GetProgress")
            .WithSummary("Progress of every assessment target with approved actuals (filters: plan, unit, indicator, period = as of; includeDemo, default true), rolled up to groups and the city where the indicator sums.");

        api.MapGet("/rankings", GetRankings).RequireRule(Rules.SignedIn).Produces<IReadOnlyList<RankingResult>>().WithName("GetRankings")
            .WithSummary("The 赛马 of a period (?period=2025Q3, optional index, includeDemo): rank, score and rank change per peer group, each score with the approved values behind it.");
        api.MapGet("/rankings/indexes", ListIndexes).RequireRule(Rules.SignedIn).Produces<IReadOnlyList<IndexView>>().WithName("ListRankingIndexes").WithSummary("The composite indexes.");
        api.MapPut("/rankings/indexes/{code}", SaveIndex).RequireRule(Rules.Administer).Produces<IndexView>().WithName("SaveRankingIndex")
            .WithSummary("Create (version 0) or change an index: name, frequency, normalization (minmax|zscore|rank), groups, indicators [{indicator, measure (value|growth|completion), weight}]. Administrator.");
        api.MapGet("/rankings/{period}/units/{unit}", GetDrillDown).RequireRule(Rules.SignedIn).Produces<DrillDown>().WithName("GetRankingDrillDown")
            .WithSummary("One unit's ranks in a period, with each indicator score and the submitted values behind it.");

        api.MapGet("/bulletins", ListBulletins).RequireRule(Rules.SignedIn).Produces<IReadOnlyList<BulletinSummary>>().WithName("ListBulletins");
        api.MapGet("/bulletins/{period}", GetBulletin).RequireRule(Rules.SignedIn).Produces<BulletinContent>().WithName("GetBulletin")
            .WithSummary("The bulletin of a period as JSON (includeDemo, default true): the reviewed text, or a draft built now.");
        api.MapGet("/bulletins/{period}.docx", (string period, bool? includeDemo, Database db) => BulletinFile(period, includeDemo, db, docx: true))
            .RequireRule(Rules.SignedIn).ProducesFile(ResponseDeclarations.Docx).WithName("GetBulletinDocx").WithSummary("The bulletin as a Word document. Demo data only with ?includeDemo=true.");
        api.MapGet("/bulletins/{period}.xlsx", (string period, bool? includeDemo, Database db) => BulletinFile(period, includeDemo, db, docx: false))
            .RequireRule(Rules.SignedIn).ProducesFile(ResponseDeclarations.Xlsx).WithName("GetBulletinXlsx").WithSummary("The bulletin as an Excel workbook. Demo data only with ?includeDemo=true.");
        api.MapPut("/bulletins/{period}", SaveBulletin).RequireRule(Rules.Administer).Produces<BulletinSummary>().WithName("SaveBulletinDraft")
            .WithSummary("Create or edit the draft: number (文号), title. Administrator.");
        api.MapPost("/bulletins/{period}/review", (string period, ActionRequest? r, HttpContext h, Database db) => ReviewBulletin(period, r, h, db))
            .RequireRule(Rules.Administer).Produces<BulletinSummary>().WithName("ReviewBulletin").WithSummary("The review step: draft → reviewed; freezes the text. Administrator.");
        api.MapPost("/bulletins/{period}/reopen", (string period, ActionRequest? r, HttpContext h, Database db) => ReopenBulletin(period, r, h, db))
            .RequireRule(Rules.Administer).Produces<BulletinSummary>().WithName("ReopenBulletin").WithSummary("Back to draft, with a reason. Administrator.");
    }

    // ------------------------------------------------------------------ set-up

    private static IndicatorView View(MonitoringCatalog catalog, MonitoredIndicator i) => new(i.Key, i.PlanId, i.Code, i.Name, i.Unit, i.Frequency,
        Frequencies.Chinese(i.Frequency), i.Kind, IndicatorKinds.Chinese(i.Kind), i.Reporters, catalog.Reporters(i).Count, i.Sums, Decimals.Normalize(i.MinValue),
        Decimals.Normalize(i.MaxValue), i.Required == 1, Decimals.Normalize(i.WarningShare), i.IsDemo == 1, i.EnteredBy, i.EnteredAt);

    private static async Task<IResult> ListIndicators(Database database)
    {
        var catalog = await MonitoringCatalog.LoadAsync(database);
        return Results.Ok(catalog.Indicators.Select(i => View(catalog, i)).ToList());
    }

    private static async Task<IResult> ConfigureIndicator(string plan, string code, IndicatorRequest request, HttpContext http, Database database)
    {
        if (request.Frequency is null) return Problems.BadRequest("frequency_required", "请给出报送频率（frequency）", "frequency is required");
        var saved = await MonitoringSetup.ConfigureIndicatorAsync(database, http.RequireActor(), plan, code, new IndicatorSettings(request.Frequency, request.Kind,
            request.Reporters ?? "plan", request.MinValue, request.MaxValue, request.Required ?? true, request.ChangeWarningShare, request.Position));
        return Results.Ok(View(await MonitoringCatalog.LoadAsync(database), saved));
    }

    private static async Task<IResult> SetTarget(TargetRequest request, HttpContext http, Database database)
    {
        if (request.Indicator is null || request.Year is null || request.Value is null)
        {
            return Problems.BadRequest("target_incomplete", "请给出指标（indicator）、年份（year）和目标值（value）", "indicator, year and value are required");
        }
        var id = await AssessmentTargetStore.SetAsync(database, http.RequireActor(), request.Indicator, request.Unit, request.Group, request.Year.Value,
            request.Value.Value, request.BaselineYear, request.BaselineValue, request.Note);
        return Results.Ok(new TargetSet(id, request.Indicator, request.Unit, request.Group, request.Year, request.Value));
    }

    private static PeriodView View(PeriodRow p) => new(p.Code, p.Key.Chinese, p.Frequency, p.StartsOn, p.EndsOn, p.DueOn, p.IsDemo == 1, p.CreatedBy);

    private static async Task<IResult> ListPeriods(string? frequency, Database database) =>
        Results.Ok((await PeriodStore.ListAsync(database, frequency)).Select(View).ToList());

    private static async Task<IResult> OpenPeriod(PeriodRequest request, HttpContext http, Database database)
    {
        DateOnly? due = null;
        if (request.DueOn is { Length: > 0 } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return Problems.BadRequest("invalid_due_date", $"截止日期“{text}”须为 yyyy-MM-dd", "dueOn must be yyyy-MM-dd");
            }
            due = parsed;
        }
        var period = await PeriodStore.OpenAsync(database, http.RequireActor(), request.Code ?? "", due);
        return Results.Created($"/api/periods/{Uri.EscapeDataString(period.Code)}/reporting", View(period));
    }

    private static async Task<IResult> ReportingRate(string period, bool? includeDemo, Database database) =>
        Results.Ok(await Submissions.ReportingRateAsync(database, period, includeDemo ?? true));

    // ------------------------------------------------------------------ submissions

    private static async Task<IResult> ListSubmissions(string? period, string? unit, string? state, Database database) =>
        Results.Ok((await Submissions.ListAsync(database, period, unit, state)).Select(s => new SubmissionView(Submissions.RecordName(s.Unit, s.Period), s.Unit, s.Period,
            s.State, Submissions.StateName(s.State), s.Version, s.IsDemo == 1, s.UpdatedBy, s.UpdatedAt, s.SubmittedAt, s.ReviewedBy, s.ReviewedAt, s.Comment)).ToList());

    private static IResult Form(SubmissionForm form, HttpContext http)
    {
        http.Response.Headers.ETag = string.Create(CultureInfo.InvariantCulture, $"\"v{form.Version}\"");
        return Results.Ok(form);
    }

    private static async Task<IResult> GetSubmission(string unit, string period, HttpContext http, Database database) =>
        Form(await Submissions.GetFormAsync(database, unit, period), http);

    /// <summary>The version a write is based on: in the body, or as If-Match: "v3". Required: a write that does not say what it saw could overwrite anything.</summary>
    private static long RequireVersion(long? fromBody, HttpContext http)
    {
        var version = fromBody;
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (version is null && ifMatch.Length > 0 && long.TryParse(ifMatch.Trim('"', 'W', '/').TrimStart('v'), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            version = parsed;
        }
        if (version is null && http.Request.Query["version"].ToString() is { Length: > 0 } q && long.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var fromQuery))
        {
            version = fromQuery;
        }
        if (version is null or < 0)
        {
            throw RefusedException.Invalid("version_required", "请给出所修改记录的版本号（version，或 If-Match 请求头；尚未填报为 0）",
                "say which version you edited (version, or the If-Match header; 0 for a report not started)");
        }
        return version.Value;
    }

    private static string? Text(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { } v => v.GetRawText(),
    };

    private static async Task<IResult> SaveSubmission(string unit, string period, SaveRequest request, HttpContext http, Database database)
    {
        var version = RequireVersion(request.Version, http);
        var values = (request.Values ?? []).Select(v => new ValueInput(v.Indicator ?? "", Text(v.Value), v.Unit, v.Note)).ToList();
        return Form(await Submissions.SaveAsync(database, http.RequireActor(), unit, period, version, values), http);
    }

    private static async Task<IResult> Upload(string unit, string period, HttpContext http, Database database)
    {
        var version = RequireVersion(null, http);
        // The body is capped before it is buffered by the request-body limit (INDUSTRYMAP_MAX_BODY_KB; BodyLimits: a declared
        // length over it is refused unread, a chunked body cut off at it); what it unpacks to is capped by SubmissionFiles.Read.
        // An .xlsx is a zip read from its end, so the bounded body is buffered rather than streamed.
        byte[] content;
        var name = "上传的文件";
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync();
            var file = form.Files.FirstOrDefault();
            if (file is null) return Problems.BadRequest("file_required", "请选择要上传的填报文件", "attach the filled-in template");
            if (!string.IsNullOrWhiteSpace(file.FileName)) name = Path.GetFileName(file.FileName);
            using var memory = new MemoryStream();
            await file.CopyToAsync(memory);
            content = memory.ToArray();
        }
        else
        {
            using var memory = new MemoryStream();
            await http.Request.Body.CopyToAsync(memory);
            content = memory.ToArray();
        }
        var values = SubmissionFiles.Read(content, name);
        return Form(await Submissions.SaveAsync(database, http.RequireActor(), unit, period, version, values), http);
    }

    private static async Task<IResult> Template(string unit, string period, Database database, bool xlsx)
    {
        var form = await Submissions.GetFormAsync(database, unit, period);
        var name = $"{form.Unit}-{form.Period}-填报模板";
        return xlsx
            ? Results.File(SubmissionFiles.Xlsx(form), BulletinFiles.XlsxContentType, name + ".xlsx")
            : Results.File(SubmissionFiles.Csv(form), "text/csv; charset=utf-8", name + ".csv");
    }

    private static async Task<IResult> Transition(string unit, string period, string action, ActionRequest? request, HttpContext http, Database database)
    {
        var version = RequireVersion(request?.Version, http);
        var comment = action == SubmissionActions.Unlock ? request?.Reason ?? request?.Comment : request?.Comment;
        return Form(await Submissions.TransitionAsync(database, http.RequireActor(), unit, period, action, version, comment), http);
    }

    // ------------------------------------------------------------------ targets, progress, rankings

    private static async Task<IResult> AnnualTargets(string? plan, string? unit, string? indicator, bool? includeDemo, Database database)
    {
        await using var connection = await database.OpenAsync();
        var catalog = await MonitoringCatalog.LoadAsync(connection);
        var include = includeDemo ?? true;
        var targets = await AssessmentTargetStore.LoadAsync(connection, catalog, new TargetFilter(plan, unit, indicator, include));
        // The baselines progress uses (stated, or reported for the baseline year) come with the progress rows.
        var progress = await ProgressReport.ComputeAsync(connection, catalog, new ProgressQuery(plan, unit, indicator, null, include, RollUp: false));
        var baselines = progress.Where(p => p.BaselineValue is not null).GroupBy(p => p.Target).ToDictionary(g => g.Key, g => g.First());
        return Results.Ok(AssessmentTargetStore.Paths(targets.Where(t => t.ScopeKind == "unit" || t.BaselineValue is not null),
            t => t.BaselineValue is { } b ? (b, "stated") : baselines.TryGetValue(t.Id, out var p) ? (p.BaselineValue!.Value, p.BaselineSource!) : null));
    }

    private static async Task<IResult> GetProgress(string? plan, string? unit, string? indicator, string? period, bool? includeDemo, Database database)
    {
        if (unit is not null && await IndustryMap.Units.UnitQueries.FindAsync(database, unit) is { } found) unit = found.Name;
        return Results.Ok(await ProgressReport.ComputeAsync(database, new ProgressQuery(plan, unit, indicator, period, includeDemo ?? true)));
    }

    private static async Task<IResult> GetRankings(string? period, string? index, bool? includeDemo, Database database)
    {
        if (string.IsNullOrWhiteSpace(period))
        {
            return Problems.BadRequest("period_required", "请给出报告期（?period=2025Q3）", "give the period (?period=2025Q3)");
        }
        return Results.Ok(await Rankings.RankAsync(database, period, index, includeDemo ?? true));
    }

    private static IndexView View(RankingIndexDef x) => new(x.Code, x.Name, x.Frequency, x.Normalization, RankingMeasures.NormalizationChinese(x.Normalization), x.Version,
        x.Demo, x.Groups.Select(g => g.Name).ToList(),
        x.Indicators.Select(i => new IndexIndicatorView(i.Key, i.Indicator.Name, i.Measure, RankingMeasures.Chinese(i.Measure), i.Weight, i.HigherIsBetter)).ToList(),
        x.EnteredBy, x.EnteredAt);

    private static async Task<IResult> ListIndexes(Database database) => Results.Ok((await Rankings.IndexesAsync(database)).Select(View).ToList());

    private static async Task<IResult> SaveIndex(string code, IndexRequest request, HttpContext http, Database database)
    {
        var version = RequireVersion(request.Version, http);
        var saved = await Rankings.SaveIndexAsync(database, http.RequireActor(), code, new IndexSettings(request.Name ?? "", request.Frequency ?? "",
            request.Normalization ?? "", request.Groups ?? [], request.Indicators ?? []), version);
        return Results.Ok(View(saved));
    }

    private static async Task<IResult> GetDrillDown(string period, string unit, string? index, bool? includeDemo, Database database)
    {
        var found = await IndustryMap.Units.UnitQueries.FindAsync(database, unit);
        if (found is null) return Problems.NotFound("unit_not_found", $"没有名为“{unit}”的规划单元", $"no planning unit '{unit}'");
        var rankings = await Rankings.RankAsync(database, period, index, includeDemo ?? true);
        var lines = rankings.SelectMany(r => r.Groups.SelectMany(g => g.Units.Where(u => u.Unit == found.Name)
            .Select(u => new DrillDownLine(r.Index, r.IndexName, g.Group, u)))).ToList();
        return Results.Ok(new DrillDown(found.Name, PeriodKey.Parse(period).Code, lines));
    }

    // ------------------------------------------------------------------ bulletins

    private static async Task<IResult> ListBulletins(Database database) => Results.Ok(await Bulletins.ListAsync(database));

    private static async Task<IResult> GetBulletin(string period, bool? includeDemo, Database database) =>
        Results.Ok(await Bulletins.GetAsync(database, period, includeDemo ?? true));

    /// <summary>Exports leave demo values out unless asked for (issue 7 §6).</summary>
    private static async Task<IResult> BulletinFile(string period, bool? includeDemo, Database database, bool docx)
    {
        var content = await Bulletins.GetAsync(database, period, includeDemo ?? false);
        var name = $"通报-{content.Period}{(content.Demo ? "-演示数据" : "")}";
        return docx
            ? Results.File(BulletinFiles.Docx(content), BulletinFiles.DocxContentType, name + ".docx")
            : Results.File(BulletinFiles.Xlsx(content), BulletinFiles.XlsxContentType, name + ".xlsx");
    }

    private static async Task<IResult> SaveBulletin(string period, BulletinRequest request, HttpContext http, Database database) =>
        Results.Ok(await Bulletins.SaveDraftAsync(database, http.RequireActor(), period, request.Number, request.Title, RequireVersion(request.Version, http)));

    private static async Task<IResult> ReviewBulletin(string period, ActionRequest? request, HttpContext http, Database database) =>
        Results.Ok(await Bulletins.ReviewAsync(database, http.RequireActor(), period, RequireVersion(request?.Version, http)));

    private static async Task<IResult> ReopenBulletin(string period, ActionRequest? request, HttpContext http, Database database) =>
        Results.Ok(await Bulletins.ReopenAsync(database, http.RequireActor(), period, RequireVersion(request?.Version, http), request?.Reason ?? request?.Comment));
}
