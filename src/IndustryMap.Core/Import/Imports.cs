using Dapper;
using IndustryMap.Storage;

namespace IndustryMap.Import;

public sealed record ImportRun(long Id, string Folder, string Fingerprint, string ImportedBy, string ImportedAt, string Summary);

public static class Imports
{
    public static async Task<long> CountAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM import_runs");
    }

    public static async Task<ImportRun?> LatestAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QueryFirstOrDefaultAsync<ImportRun>(
            "SELECT id, folder, fingerprint, imported_by, imported_at, summary FROM import_runs ORDER BY id DESC LIMIT 1");
    }
}
