using System.Data.Common;
using IndustryMap.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IndustryMap.Storage;

/// <summary>
/// The one seam between the two engines. Everything else is SQL that both accept (SQLite ≥ 3.35 has
/// RETURNING and ON CONFLICT, so inserts and upserts are written once).
/// </summary>
public interface ISqlDialect
{
    StorageEngine Engine { get; }
    string Name { get; }

    /// <summary>The folder of embedded migration scripts for this engine.</summary>
    string MigrationsFolder { get; }

    DbConnection CreateConnection();

    /// <summary>Per-connection settings that the connection string cannot carry.</summary>
    Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>A short description of the target for messages, without secrets.</summary>
    string Describe();
}

public sealed class SqliteDialect : ISqlDialect
{
    private readonly string _connectionString;
    private readonly string _path;

    static SqliteDialect() => SQLitePCL.Batteries_V2.Init();

    public SqliteDialect(string path)
    {
        _path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            ForeignKeys = true,
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy database until the command timeout runs out.
            DefaultTimeout = 30,
        }.ToString();
    }

    public StorageEngine Engine => StorageEngine.Sqlite;
    public string Name => "sqlite";
    public string MigrationsFolder => "sqlite";
    public string Path => _path;

    public DbConnection CreateConnection() => new SqliteConnection(_connectionString);

    public async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // WAL lets readers go on while one writer writes; the busy timeout makes a second writer wait, not fail.
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public string Describe() => $"SQLite {_path}";
}

public sealed class PostgresDialect(string connectionString) : ISqlDialect
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public StorageEngine Engine => StorageEngine.Postgres;
    public string Name => "postgres";
    public string MigrationsFolder => "postgres";

    public DbConnection CreateConnection() => _dataSource.CreateConnection();

    public Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public string Describe()
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}" +
               (string.IsNullOrEmpty(builder.SearchPath) ? "" : $" (schema {builder.SearchPath})");
    }
}
