using System.Data.Common;
using Dapper;

namespace IndustryMap.Storage;

/// <summary>
/// The version of the published data (issue 17): one row that every committed write transaction advances in the same
/// transaction, on both engines. Readers compare it with the version their cached responses were built for, so a write
/// made by this process, another app instance on the same PostgreSQL, or the CLI on the same SQLite file is seen by
/// the next read.
/// </summary>
public static class DataVersion
{
    // An upsert (both engines): the table starts empty, and a restored backup brings its own row.
    internal const string AdvanceSql =
        "INSERT INTO data_version (id, version) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET version = data_version.version + 1";
    private const string ReadSql = "SELECT COALESCE(MAX(version), 0) FROM data_version";

    /// <summary>The current version: 0 before the first write, -1 when the store predates migration 0019 (nothing is then cached).</summary>
    public static async Task<long> CurrentAsync(Database database, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, cancellationToken);
    }

    /// <summary>Reads the version on an open connection (the read cache keeps one open for this).</summary>
    public static async Task<long> ReadAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        try
        {
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(ReadSql, cancellationToken: cancellationToken));
        }
        catch (DbException) when (!cancellationToken.IsCancellationRequested)
        {
            // No data_version table yet (a store being migrated): -1, which the cache treats as "do not cache".
            return -1;
        }
    }
}
