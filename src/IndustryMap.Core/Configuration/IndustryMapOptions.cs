using IndustryMap.Writing;
using System.Globalization;

namespace IndustryMap.Configuration;

public enum StorageEngine { Sqlite, Postgres }

/// <summary>
/// What a deployment configures. Read from three environment variables (README "Configuration"):
/// INDUSTRYMAP_DATA (data directory), INDUSTRYMAP_DB (sqlite | postgres), INDUSTRYMAP_PG (Npgsql connection string).
/// </summary>
public sealed record IndustryMapOptions
{
    public const string DataVariable = "INDUSTRYMAP_DATA";
    public const string EngineVariable = "INDUSTRYMAP_DB";
    public const string PostgresVariable = "INDUSTRYMAP_PG";
    public const string SeedVariable = "INDUSTRYMAP_SEED";

    public required string DataDirectory { get; init; }
    public StorageEngine Engine { get; init; } = StorageEngine.Sqlite;
    public string? PostgresConnectionString { get; init; }

    /// <summary>The seed-data folder loaded on the embedded store's first run: the one shipped with the application, or INDUSTRYMAP_SEED.</summary>
    public string SeedDataDirectory { get; init; } = Path.Combine(AppContext.BaseDirectory, "seed-data");

    public string SqlitePath => Path.Combine(DataDirectory, "industrymap.db");
    public string UploadsDirectory => Path.Combine(DataDirectory, "uploads");

    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData,
            Environment.SpecialFolderOption.DoNotVerify), "industrymap");

    /// <summary>Builds options from a lookup (environment variables or configuration) and validates them.</summary>
    public static IndustryMapOptions From(Func<string, string?> lookup)
    {
        var data = lookup(DataVariable);
        var engineText = lookup(EngineVariable);
        var engine = string.IsNullOrWhiteSpace(engineText)
            ? StorageEngine.Sqlite
            : engineText.Trim().ToLower(CultureInfo.InvariantCulture) switch
            {
                "sqlite" => StorageEngine.Sqlite,
                "postgres" or "postgresql" => StorageEngine.Postgres,
                _ => throw RefusedException.Setup("invalid_engine", $"{EngineVariable}=“{engineText}”不是存储引擎：应为 sqlite（默认）或 postgres",
                    $"{EngineVariable}='{engineText}' is not an engine: use 'sqlite' (default) or 'postgres'."),
            };
        var pg = lookup(PostgresVariable);
        if (engine == StorageEngine.Postgres && string.IsNullOrWhiteSpace(pg))
        {
            throw RefusedException.Setup("postgres_connection_missing", $"{EngineVariable}=postgres 需要设置 {PostgresVariable}（PostgreSQL 连接字符串）",
                $"{EngineVariable}=postgres needs {PostgresVariable}, a connection string such as 'Host=localhost;Database=industrymap;Username=industrymap;Password=…'.");
        }

        var seed = lookup(SeedVariable);
        var options = new IndustryMapOptions
        {
            DataDirectory = string.IsNullOrWhiteSpace(data) ? DefaultDataDirectory : Path.GetFullPath(data),
            Engine = engine,
            PostgresConnectionString = pg,
        };
        return string.IsNullOrWhiteSpace(seed) ? options : options with { SeedDataDirectory = Path.GetFullPath(seed) };
    }

    public static IndustryMapOptions FromEnvironment() => From(Environment.GetEnvironmentVariable);
}
