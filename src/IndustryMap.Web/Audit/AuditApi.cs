using IndustryMap.Web.Api;
using System.Text;
using System.Text.Json;
using IndustryMap.Audit;
using IndustryMap.Storage;
using IndustryMap.Web.Authorization;

namespace IndustryMap.Web.Audit;

/// <summary>The audit log for the administrator: browse (JSON, paged), export (CSV) and verify the hash chain.</summary>
public static class AuditApi
{
    public sealed record EntryView(long Id, string At, string Actor, string? ActorRole, string Action, string Entity, string EntityKey,
        JsonElement? Before, JsonElement? After, string PrevHash, string Hash)
    {
        public static EntryView Of(AuditEntry e) => new(e.Id, e.At, e.Actor, e.ActorRole, e.Action, e.Entity, e.EntityKey,
            Parse(e.BeforeJson), Parse(e.AfterJson), e.PrevHash, e.Hash);

        private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
    }

    public sealed record Page(IReadOnlyList<EntryView> Entries, long? Next);

    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit").WithTags("audit").RequireRule(Rules.Administer);
        api.MapGet("/", List).Produces<Page>().WithName("ListAudit")
            .WithSummary("Audit entries in order, filtered by entity, key, actor, action, from/to (ISO-8601 UTC); paged with after= and limit= (≤ 1000).");
        api.MapGet("/export.csv", ExportCsv).ProducesFile(ResponseDeclarations.Csv).WithName("ExportAudit").WithSummary("The filtered audit log as CSV (UTF-8 with BOM, for spreadsheets).");
        api.MapGet("/verify", Verify).Produces<AuditVerification>().WithName("VerifyAudit").WithSummary("Walk the hash chain: intact, or the first altered entry.");
    }

    private static AuditFilter Filter(string? entity, string? key, string? actor, string? action, string? from, string? to, long? after, int? limit) =>
        new(entity, key, actor, action, from, to, after, Math.Clamp(limit ?? 100, 1, 1000));

    private static async Task<IResult> List(string? entity, string? key, string? actor, string? action, string? from, string? to, long? after, int? limit,
        Database database)
    {
        var filter = Filter(entity, key, actor, action, from, to, after, limit);
        var rows = await AuditLog.QueryAsync(database, filter);
        return Results.Ok(new Page(rows.Select(EntryView.Of).ToList(), rows.Count == filter.Limit ? rows[^1].Id : null));
    }

    private static async Task ExportCsv(string? entity, string? key, string? actor, string? action, string? from, string? to, HttpContext http, Database database)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"audit.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(true), leaveOpen: true);
        await AuditLog.WriteCsvAsync(database, Filter(entity, key, actor, action, from, to, null, null), writer);
    }

    private static async Task<IResult> Verify(string? head, Database database) => Results.Ok(await AuditLog.VerifyAsync(database, head));
}
