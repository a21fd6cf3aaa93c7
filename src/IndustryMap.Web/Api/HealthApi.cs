using IndustryMap.Authorization;
using IndustryMap.Import;
using IndustryMap.Storage;
using IndustryMap.Web.Authorization;

namespace IndustryMap.Web.Api;

public static class HealthApi
{
    /// <summary>What anyone may know: the service is up (200) or its store is not (503).</summary>
    public sealed record Health(string Status);

    /// <summary>What only the administrator sees: which store, where, migrated how far, and which data.</summary>
    public sealed record HealthDetails(string Status, string Engine, string Target, IReadOnlyList<int> Migrations, string? DataImportedAt, string? DataFingerprint);

    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", GetHealth).AllowAnonymous().Produces<HealthDetails>().WithName("Health").WithTags("health")
            .WithSummary("Liveness and readiness: the store answers and is migrated. Anonymous callers get only the status; the administrator also the engine, target, migrations and data.");

    private static async Task<IResult> GetHealth(HttpContext http, Database database)
    {
        // The database path or connection target and error texts are for the operator only (issue 10 §10).
        var details = http.User.ToActor() is { } actor && WriteRules.Administer(actor).Allowed;
        try
        {
            var migrations = await new Migrator(database).AppliedAsync();
            if (!details) return Results.Ok(new Health("ok"));
            var latest = await Imports.LatestAsync(database);
            return Results.Ok(new HealthDetails("ok", database.Dialect.Name, database.Dialect.Describe(), migrations, latest?.ImportedAt, latest?.Fingerprint));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            return details
                ? Problems.Of(StatusCodes.Status503ServiceUnavailable, "store_unavailable", $"数据库不可用：{ex.Message}", $"store unavailable: {ex.Message}")
                : Problems.Of(StatusCodes.Status503ServiceUnavailable, "store_unavailable", "数据库不可用", "store unavailable");
        }
    }
}
