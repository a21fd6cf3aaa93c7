using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;

namespace IndustryMap.Storage;

public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// Applies the ordered SQL scripts embedded under Storage/Migrations/{engine}/NNNN_name.sql, each in its own
/// transaction, and records them in schema_migrations. Both engines have transactional DDL, so a failed
/// script leaves no half-made schema.
/// </summary>
public sealed class Migrator(Database database)
{
    private const string CreateHistory = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    BIGINT NOT NULL PRIMARY KEY,
            name       TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """;

    public IReadOnlyList<Migration> Available() => Load(database.Dialect.MigrationsFolder);

    public static IReadOnlyList<Migration> Load(string folder)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"migrations/{folder}/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                var underscore = file.IndexOf('_', StringComparison.Ordinal);
                var version = int.Parse(file[..underscore], CultureInfo.InvariantCulture);
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new Migration(version, file[(underscore + 1)..], reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)
            .ToList();
    }

    public async Task<IReadOnlyList<int>> AppliedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(CreateHistory);
        return (await connection.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version"))
            .Select(v => (int)v).ToList();
    }

    public async Task<IReadOnlyList<Migration>> PendingAsync(CancellationToken cancellationToken = default)
    {
        var applied = (await AppliedAsync(cancellationToken)).ToHashSet();
        return Available().Where(m => !applied.Contains(m.Version)).ToList();
    }

    /// <summary>Applies every pending migration in order (or only those <paramref name="only"/> accepts: a restore rebuilds the backup's schema first) and returns the ones applied.</summary>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken = default, Func<Migration, bool>? only = null)
    {
        var pending = (await PendingAsync(cancellationToken)).Where(m => only?.Invoke(m) ?? true).ToList();
        foreach (var migration in pending)
        {
            await database.InTransactionAsync(async (connection, transaction) =>
            {
                await connection.ExecuteAsync(migration.Sql, transaction: transaction);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                    new { migration.Version, migration.Name, AppliedAt = database.UtcStamp() }, transaction);
                return 0;
            }, advancesDataVersion: false, cancellationToken);
        }
        return pending;
    }
}

/// <summary>
/// Timestamps as ISO-8601 UTC text: sortable, identical on both engines, round-trips in backups. "Now" is never read
/// here: it comes from the store's injected clock (<see cref="Database.UtcStamp"/>).
/// </summary>
public static class Timestamps
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Stamp(DateTime utc) => utc.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture);

    public static DateTime Parse(string stamp) =>
        DateTime.Parse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
