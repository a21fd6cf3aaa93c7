using System.Data.Common;
using Dapper;
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

    /// <summary>
    /// Serialises writers of one resource (an audit chain, a record being edited) until the transaction ends, so a
    /// read-check-write sequence cannot interleave with another one.
    /// </summary>
    Task LockAsync(DbConnection connection, DbTransaction transaction, string resource);

    /// <summary>
    /// Waits, without blocking a thread, until this process may begin a write transaction; dispose to let the next
    /// one in. Null where the engine queues writers well by itself.
    /// </summary>
    ValueTask<IDisposable?> WriterTurnAsync(CancellationToken cancellationToken);

    /// <summary>The data tables of the schema with their columns, primary keys and foreign keys (schema_migrations excluded).</summary>
    Task<IReadOnlyList<TableSchema>> ReadSchemaAsync(DbConnection connection, DbTransaction? transaction = null);

    /// <summary>After rows were inserted with explicit ids: make the table's generated ids continue above them.</summary>
    Task ResyncIdentityAsync(DbConnection connection, DbTransaction transaction, TableSchema table);
}

/// <summary>
/// A column as both engines can describe it. <see cref="Type"/> is normalised: integer, text, numeric, real, boolean,
/// blob, timestamp, or the engine's own name for anything else.
/// </summary>
public sealed record ColumnSchema(string Name, string Type, bool IsIdentity, int PrimaryKeyOrdinal);

public sealed record ForeignKeySchema(IReadOnlyList<string> Columns, string ReferencedTable);

public sealed record TableSchema(string Name, IReadOnlyList<ColumnSchema> Columns, IReadOnlyList<ForeignKeySchema> ForeignKeys)
{
    public IReadOnlyList<string> PrimaryKey => Columns.Where(c => c.PrimaryKeyOrdinal > 0).OrderBy(c => c.PrimaryKeyOrdinal).Select(c => c.Name).ToList();

    /// <summary>Columns that reference this same table (a parent in a tree); restored in a second pass.</summary>
    public IReadOnlyList<string> SelfReferences => ForeignKeys.Where(f => f.ReferencedTable == Name).SelectMany(f => f.Columns).Distinct().ToList();

    /// <summary>Both engines accept double-quoted identifiers; names come from the schema, never from input.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
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

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Writers = new(StringComparer.Ordinal);

    // SQLite lets one writer in at a time. Writers of this process queue here, asynchronously and first come first
    // served, before BEGIN; the busy timeout still covers other processes (the CLI importing while the server runs).
    // The e_sqlite3 2.0.6 build that made this necessary (its busy handler slept a whole second) is gone; with SQLite
    // 3.53 the queue halves throughput of tiny transactions but bounds the worst wait (decision 0009, bench/write-load.sh).
    public async ValueTask<IDisposable?> WriterTurnAsync(CancellationToken cancellationToken)
    {
        var gate = Writers.GetOrAdd(System.IO.Path.GetFullPath(_path), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }

    // Database.InTransactionAsync begins SQLite transactions IMMEDIATE (Microsoft.Data.Sqlite does unless asked to
    // defer): the write lock is taken at BEGIN, so writers are already serialised and there is nothing more to lock.
    public Task LockAsync(DbConnection connection, DbTransaction transaction, string resource) => Task.CompletedTask;

    public async Task<IReadOnlyList<TableSchema>> ReadSchemaAsync(DbConnection connection, DbTransaction? transaction = null)
    {
        var tables = (await connection.QueryAsync<(string Name, string Sql)>(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name",
            transaction: transaction)).ToList();
        // Full-text indexes (CREATE VIRTUAL TABLE … USING fts5) and their shadow tables are derived data that only SQLite has.
        var virtualTables = tables.Where(t => t.Sql.StartsWith("CREATE VIRTUAL TABLE", StringComparison.OrdinalIgnoreCase)).Select(t => t.Name).ToList();
        var result = new List<TableSchema>();
        foreach (var (name, _) in tables)
        {
            if (virtualTables.Any(v => name == v || name.StartsWith(v + "_", StringComparison.Ordinal))) continue;
            var columns = (await connection.QueryAsync<(string Name, string Type, long Pk)>(
                "SELECT name, type, pk FROM pragma_table_info(@name) ORDER BY cid", new { name }, transaction)).ToList();
            var rowidAlias = columns.Count(c => c.Pk > 0) == 1 && columns.Single(c => c.Pk > 0).Type.Equals("INTEGER", StringComparison.OrdinalIgnoreCase);
            var foreignKeys = (await connection.QueryAsync<(long Id, string Table, string From)>(
                    "SELECT id, \"table\", \"from\" FROM pragma_foreign_key_list(@name) ORDER BY id, seq", new { name }, transaction))
                .GroupBy(f => f.Id)
                .Select(g => new ForeignKeySchema(g.Select(f => f.From).ToList(), g.First().Table))
                .ToList();
            result.Add(new TableSchema(name,
                columns.Select(c => new ColumnSchema(c.Name, Normalise(c.Type), rowidAlias && c.Pk > 0, (int)c.Pk)).ToList(), foreignKeys));
        }
        return result;
    }

    /// <summary>SQLite's affinity rules (https://www.sqlite.org/datatype3.html §3.1), with BOOL read as boolean.</summary>
    private static string Normalise(string declared)
    {
        var t = declared.ToUpperInvariant();
        if (t.Contains("INT", StringComparison.Ordinal)) return "integer";
        if (t.Contains("CHAR", StringComparison.Ordinal) || t.Contains("CLOB", StringComparison.Ordinal) || t.Contains("TEXT", StringComparison.Ordinal)) return "text";
        if (t.Length == 0 || t.Contains("BLOB", StringComparison.Ordinal)) return "blob";
        if (t.Contains("REAL", StringComparison.Ordinal) || t.Contains("FLOA", StringComparison.Ordinal) || t.Contains("DOUB", StringComparison.Ordinal)) return "real";
        if (t.Contains("BOOL", StringComparison.Ordinal)) return "boolean";
        return "numeric";
    }

    // An INTEGER PRIMARY KEY is the rowid: the next insert takes MAX(rowid) + 1 by itself.
    public Task ResyncIdentityAsync(DbConnection connection, DbTransaction transaction, TableSchema table) => Task.CompletedTask;
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

    public ValueTask<IDisposable?> WriterTurnAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);

    // A transaction-scoped advisory lock, keyed by schema and resource so that schemas sharing a server do not wait on each other.
    public Task LockAsync(DbConnection connection, DbTransaction transaction, string resource) =>
        connection.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':' || @resource))", new { resource }, transaction);

    public async Task<IReadOnlyList<TableSchema>> ReadSchemaAsync(DbConnection connection, DbTransaction? transaction = null)
    {
        var names = (await connection.QueryAsync<string>(
            """
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'
            ORDER BY table_name
            """, transaction: transaction)).ToList();
        var columns = (await connection.QueryAsync<(string Table, string Name, string Type, string Identity, string? Default)>(
                """
                SELECT table_name, column_name, data_type, is_identity, column_default FROM information_schema.columns
                WHERE table_schema = current_schema() AND is_generated <> 'ALWAYS'
                ORDER BY table_name, ordinal_position
                """, transaction: transaction))
            .ToLookup(c => c.Table);
        var keys = (await connection.QueryAsync<(string Table, string Column, long Ordinal)>(
                """
                SELECT k.table_name, k.column_name, k.ordinal_position
                FROM information_schema.table_constraints c
                JOIN information_schema.key_column_usage k ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name
                WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = current_schema()
                """, transaction: transaction))
            .ToDictionary(k => (k.Table, k.Column), k => (int)k.Ordinal);
        var foreignKeys = (await connection.QueryAsync<(string Table, string Constraint, string Referenced, string Column)>(
                """
                SELECT cl.relname, c.conname, rcl.relname, a.attname
                FROM pg_constraint c
                JOIN pg_class cl ON cl.oid = c.conrelid
                JOIN pg_namespace n ON n.oid = cl.relnamespace
                JOIN pg_class rcl ON rcl.oid = c.confrelid
                JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord) ON true
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
                WHERE c.contype = 'f' AND n.nspname = current_schema()
                ORDER BY cl.relname, c.conname, k.ord
                """, transaction: transaction))
            .ToLookup(f => f.Table);
        return names.Select(name => new TableSchema(name,
            columns[name].Select(c => new ColumnSchema(c.Name, Normalise(c.Type),
                c.Identity == "YES" || (c.Default?.StartsWith("nextval(", StringComparison.Ordinal) ?? false),
                keys.GetValueOrDefault((name, c.Name)))).ToList(),
            foreignKeys[name].GroupBy(f => f.Constraint).Select(g => new ForeignKeySchema(g.Select(f => f.Column).ToList(), g.First().Referenced)).ToList()))
            .ToList();
    }

    private static string Normalise(string type) => type switch
    {
        "bigint" or "integer" or "smallint" => "integer",
        "text" or "character varying" or "character" => "text",
        "numeric" => "numeric",
        "real" or "double precision" => "real",
        "boolean" => "boolean",
        "bytea" => "blob",
        _ when type.StartsWith("timestamp", StringComparison.Ordinal) => "timestamp",
        _ => type,
    };

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table and column names come from the schema catalog, quoted.")]
    public async Task ResyncIdentityAsync(DbConnection connection, DbTransaction transaction, TableSchema table)
    {
        foreach (var column in table.Columns.Where(c => c.IsIdentity))
        {
            await connection.ExecuteAsync(
                $"SELECT setval(pg_get_serial_sequence(@table, @column), COALESCE((SELECT MAX({TableSchema.Quote(column.Name)}) FROM {TableSchema.Quote(table.Name)}), 0) + 1, false)",
                new { table = TableSchema.Quote(table.Name), column = column.Name }, transaction);
        }
    }
}
