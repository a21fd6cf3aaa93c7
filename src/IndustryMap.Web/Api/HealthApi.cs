using Dapper;
using IndustryMap.Import;
using IndustryMap.Storage;

namespace IndustryMap.Web.Api;

public static class HealthApi
{
    public sealed record Health(string Status, string Engine, string Target, IReadOnlyList<int> Migrations, string? DataImportedAt, string? DataFingerprint);

    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", GetHealth).AllowAnonymous().WithName("Health").WithTags("health").WithSummary("Liveness and readiness: the store answers and is migrated.");

    private static async Task<IResult> GetHealth(Database database)
    {
        try
        {
            var migrations = await new Migrator(database).AppliedAsync();
            var latest = await Imports.LatestAsync(database);
            return Results.Ok(new Health("ok", database.Dialect.Name, database.Dialect.Describe(), migrations, latest?.ImportedAt, latest?.Fingerprint));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "store_unavailable", $"数据库不可用：{ex.Message}", $"store unavailable: {ex.Message}");
        }
    }
}
