using System.Data;
using System.Data.Common;
using IndustryMap.Configuration;

namespace IndustryMap.Storage;

/// <summary>
/// Opens connections for the configured engine. Features own their SQL and run it through Dapper. It also carries the
/// one clock (<see cref="Clock"/>, injected: <c>TimeProvider.System</c> in the app, a fake one in tests): every stored
/// timestamp is <see cref="UtcStamp"/>, every "today" is <see cref="Today"/> (a Beijing date, decision 0018).
/// </summary>
public sealed class Database(ISqlDialect dialect, TimeProvider clock)
{
    // Columns are snake_case in SQL and PascalCase in C#; Dapper maps one to the other.
    static Database()
    {
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
        Dapper.SqlMapper.AddTypeHandler(new DecimalHandler());
    }

    public ISqlDialect Dialect { get; } = dialect;

    /// <summary>The clock of every write through this store.</summary>
    public TimeProvider Clock { get; } = clock;

    /// <summary>Now, as the ISO-8601 UTC text every timestamp column holds.</summary>
    public string UtcStamp() => Timestamps.Stamp(Clock.GetUtcNow().UtcDateTime);

    /// <summary>Today's date in Beijing (the plans', deadlines' and registers' calendar).</summary>
    public DateOnly Today() => IndustryMap.Time.BeijingTime.Today(Clock);

    /// <summary>The configured store; the data folder is created (or tightened) with mode 0700 first.</summary>
    public static Database For(IndustryMapOptions options, TimeProvider clock)
    {
        DataFolder.Secure(options.DataDirectory);
        return options.Engine switch
        {
            StorageEngine.Postgres => new Database(new PostgresDialect(options.PostgresConnectionString!), clock),
            _ => ForSqliteFile(options.SqlitePath, clock),
        };
    }

    /// <summary>An SQLite file: created with mode 0600 if new, tightened to 0600 (with its -wal/-shm) if not.</summary>
    public static Database ForSqliteFile(string path, TimeProvider clock)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        DataFolder.SecureDatabaseFile(path);
        return new Database(new SqliteDialect(path), clock);
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
        var connection = await OpenAsync(cancellationToken);
        DbTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            var result = await work(connection, transaction);
            if (advancesDataVersion)
            {
                await Dapper.SqlMapper.ExecuteAsync(connection, DataVersion.AdvanceSql, transaction: transaction);
            }
            await transaction.CommitAsync(cancellationToken);
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
            return result;
        }
        catch (Exception)
        {
            // The caller must see why the write failed. After some errors (SQLite: "database or disk is full", an I/O
            // error) the engine has already rolled back, and every later rollback — ours, the transaction's dispose,
            // the connection's close — fails with "cannot rollback - no transaction is active", which used to replace
            // the real error (issue 10 §9). Those follow-up failures are dropped; the original is rethrown.
            if (transaction is not null)
            {
                await QuietlyAsync(() => transaction.RollbackAsync(CancellationToken.None));
                await QuietlyAsync(() => transaction.DisposeAsync().AsTask());
            }
            await QuietlyAsync(() => connection.DisposeAsync().AsTask());
            throw;
        }
    }

    private static async Task QuietlyAsync(Func<Task> cleanup)
    {
        try
        {
            await cleanup();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ObjectDisposedException)
        {
            // nothing left to undo: the engine already rolled back, or the connection is gone
        }
    }
}
