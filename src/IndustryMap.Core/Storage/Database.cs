using System.Data;
using System.Data.Common;
using IndustryMap.Configuration;

namespace IndustryMap.Storage;

/// <summary>Opens connections for the configured engine. Features own their SQL and run it through Dapper.</summary>
public sealed class Database(ISqlDialect dialect)
{
    // Columns are snake_case in SQL and PascalCase in C#; Dapper maps one to the other.
    static Database()
    {
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        Dapper.SqlMapper.AddTypeHandler(new DecimalHandler());
    }

    public ISqlDialect Dialect { get; } = dialect;

    public static Database For(IndustryMapOptions options) => options.Engine switch
    {
        StorageEngine.Postgres => new Database(new PostgresDialect(options.PostgresConnectionString!)),
        _ => ForSqliteFile(options.SqlitePath),
    };

    public static Database ForSqliteFile(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        return new Database(new SqliteDialect(path));
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = Dialect.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            await Dialect.PrepareAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction: all of it is stored, or none of it. The data version
    /// (<see cref="DataVersion"/>) advances in the same transaction, so readers never serve a response built before it.
    /// </summary>
    public Task<T> InTransactionAsync<T>(
        Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken = default) =>
        InTransactionAsync(work, advancesDataVersion: true, cancellationToken);

    /// <summary>
    /// As above; <paramref name="advancesDataVersion"/> is false only for the migrator, which runs before the
    /// data_version table exists, and for bookkeeping that no read shows (sessions, throttling counters).
    /// </summary>
    public async Task<T> InTransactionAsync<T>(
        Func<DbConnection, DbTransaction, Task<T>> work, bool advancesDataVersion, CancellationToken cancellationToken = default)
    {
        using var turn = await Dialect.WriterTurnAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var result = await work(connection, transaction);
        if (advancesDataVersion)
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, DataVersion.AdvanceSql, transaction: transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
