using IndustryMap.Configuration;
using IndustryMap.Storage;
using IndustryMap.Web.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace IndustryMap.Cli;

/// <summary>Opening the configured store for a verb, by the same rules as the web host.</summary>
internal static class CliStore
{
    /// <summary>The configured store with the system clock: the command line's one composition root for time.</summary>
    public static Database Open(IndustryMapOptions options) => Database.For(options, TimeProvider.System);


    /// <summary>
    /// For verbs that write (user, token): the embedded SQLite store is readied as the app readies it on its first
    /// run (migrated, seed data loaded), so `industrymap user add` works on a fresh install; PostgreSQL must already
    /// be migrated (exit 3 otherwise), because it is never changed behind the operator's back.
    /// </summary>
    public static async Task<Database> ReadyAsync(CancellationToken cancellationToken)
    {
        var options = IndustryMapOptions.FromEnvironment();
        var database = CliStore.Open(options);
        await new DatabaseStartup(database, options, NullLogger<DatabaseStartup>.Instance).StartingAsync(cancellationToken);
        return database;
    }

    /// <summary>For verbs that only read or verify: the store must be migrated; nothing is changed.</summary>
    public static async Task<Database?> MigratedAsync(CancellationToken cancellationToken)
    {
        var database = CliStore.Open(IndustryMapOptions.FromEnvironment());
        var pending = await new Migrator(database).PendingAsync(cancellationToken);
        if (pending.Count == 0) return database;
        await Console.Error.WriteLineAsync($"{database.Dialect.Describe()} is not migrated: run `industrymap db migrate` first.");
        return null;
    }
}
