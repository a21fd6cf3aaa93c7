using IndustryMap.Configuration;
using IndustryMap.Import;
using IndustryMap.Storage;
using Npgsql;

namespace IndustryMap.Tests.Infrastructure;

/// <summary>
/// The engines every data test runs on. PostgreSQL comes from INDUSTRYMAP_TEST_PG (scripts/test.sh starts a real
/// server and sets it). Both engines are always listed: locally an unconfigured PostgreSQL makes its cases show as
/// skipped (<see cref="RequirePostgres"/>, xunit.v3 <c>Assert.Skip</c>); with INDUSTRYMAP_REQUIRE_PG=1 (CI) they fail
/// with a message saying why.
/// </summary>
public static class Engines
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable("INDUSTRYMAP_TEST_PG");
    public static bool PostgresRequired => Environment.GetEnvironmentVariable("INDUSTRYMAP_REQUIRE_PG") == "1";

    public static TheoryData<string> All => new() { Sqlite, Postgres };

    /// <summary>The PostgreSQL server to test on; skips the calling test when none is configured, fails when CI requires one.</summary>
    public static string RequirePostgres()
    {
        if (PostgresConnectionString is { } server) return server;
        if (PostgresRequired)
            throw new InvalidOperationException("PostgreSQL is required (INDUSTRYMAP_REQUIRE_PG=1) but INDUSTRYMAP_TEST_PG is not set: run the tests with scripts/test.sh.");
        Assert.Skip("PostgreSQL is not configured: set INDUSTRYMAP_TEST_PG (scripts/postgres.sh prints it) or run scripts/test.sh.");
        return null!; // Assert.Skip throws
    }
}

// The only SQL built here is CREATE/DROP SCHEMA with a name made from a GUID.
#pragma warning disable CA2100

/// <summary>A fresh, empty store on one engine: a temporary SQLite file, or a private schema on the PostgreSQL server.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly string? _schema;
    private readonly string? _directory;

    public string Engine { get; }
    public Database Database { get; }
    public IndustryMapOptions Options { get; }

    private TestStore(string engine, Database database, IndustryMapOptions options, string? schema, string? directory)
    {
        Engine = engine;
        Database = database;
        Options = options;
        _schema = schema;
        _directory = directory;
    }

    /// <summary>An empty store; <paramref name="clock"/> is the clock of its writes (default: the system clock).</summary>
    public static async Task<TestStore> CreateAsync(string engine, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var directory = Path.Combine(Path.GetTempPath(), "industrymap-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        if (engine == Engines.Sqlite)
        {
            var options = new IndustryMapOptions { DataDirectory = directory, SeedDataDirectory = SeedData.Folder };
            return new TestStore(engine, Database.For(options, clock), options, null, directory);
        }
        var server = Engines.RequirePostgres();
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ToString();
        var pgOptions = new IndustryMapOptions
        {
            DataDirectory = directory, Engine = StorageEngine.Postgres, PostgresConnectionString = connectionString, SeedDataDirectory = SeedData.Folder,
        };
        return new TestStore(engine, Database.For(pgOptions, clock), pgOptions, schema, directory);
    }

    /// <summary>A migrated store loaded with the repository's seed data.</summary>
    public static async Task<TestStore> SeededAsync(string engine, TimeProvider? clock = null)
    {
        var store = await CreateAsync(engine, clock);
        await new Migrator(store.Database).MigrateAsync();
        await SeedImporter.ImportAsync(store.Database, SeedData.Folder, "tests");
        return store;
    }

    /// <summary>The environment a process (the CLI, the web host) needs to use this store.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        [IndustryMapOptions.DataVariable] = Options.DataDirectory,
        [IndustryMapOptions.EngineVariable] = Engine,
        [IndustryMapOptions.PostgresVariable] = Options.PostgresConnectionString,
        [IndustryMapOptions.SeedVariable] = Options.SeedDataDirectory,
    };

    public async ValueTask DisposeAsync()
    {
        if (_schema is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Engines.PostgresConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

/// <summary>One seeded store per engine, shared by the read-only tests of a run.</summary>
public sealed class SeededStores : IAsyncLifetime
{
    private readonly Dictionary<string, Task<TestStore>> _stores = [];
    private readonly Lock _lock = new();

    public Task<TestStore> Get(string engine)
    {
        lock (_lock)
        {
            if (!_stores.TryGetValue(engine, out var store)) _stores[engine] = store = TestStore.SeededAsync(engine);
            return store;
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores.Values)
        {
            if (store.IsCompletedSuccessfully) await store.Result.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SeededCollection : ICollectionFixture<SeededStores>
{
    public const string Name = "seeded stores";
}
