using IndustryMap.Writing;
using IndustryMap.Configuration;
using IndustryMap.Import;
using IndustryMap.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IndustryMap.Web.Storage;

public static class StorageSetup
{
    public static IServiceCollection AddIndustryMapStorage(this IServiceCollection services, IndustryMapOptions options)
    {
        services.AddSingleton(options);
        // The one clock (tests replace it with a FakeTimeProvider); people's dates come from BeijingTime.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => Database.For(options, sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<DatabaseStartup>();
        return services;
    }
}

/// <summary>
/// Readies the store before the server takes requests (IHostedLifecycleService.StartingAsync runs before any
/// StartAsync, including the server's). The embedded SQLite default migrates itself and, when new, loads the
/// seed data: a newcomer's first run needs no other step. PostgreSQL is never changed behind the operator's
/// back: pending migrations stop the start with the command to run.
/// </summary>
public sealed class DatabaseStartup(Database database, IndustryMapOptions options, ILogger<DatabaseStartup> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var migrator = new Migrator(database);
        if (options.Engine == StorageEngine.Postgres)
        {
            var pending = await migrator.PendingAsync(cancellationToken);
            if (pending.Count > 0)
            {
                throw RefusedException.Setup("migrations_pending",
                    $"{database.Dialect.Describe()} 有 {pending.Count} 个待执行的迁移：请先运行 industrymap db migrate（新数据库再运行 industrymap import seed-data）",
                    $"{database.Dialect.Describe()} has {pending.Count} pending migration(s) ({string.Join(", ", pending.Select(p => $"{p.Version:D4}_{p.Name}"))}). " +
                    "Run `industrymap db migrate` (and `industrymap import seed-data` on a new database) first.");
            }
            return;
        }
        var applied = await migrator.MigrateAsync(cancellationToken);
        foreach (var m in applied) logger.LogInformation("Applied migration {Version:D4}_{Name} to {Target}", m.Version, m.Name, database.Dialect.Describe());
        if (await Imports.CountAsync(database) == 0)
        {
            var result = await SeedImporter.ImportAsync(database, options.SeedDataDirectory, "system: first run", cancellationToken);
            logger.LogInformation("Loaded the seed data from {Folder}: {Counts}", options.SeedDataDirectory, string.Join(", ", result.Counts.Select(c => $"{c.Key}={c.Value}")));
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
