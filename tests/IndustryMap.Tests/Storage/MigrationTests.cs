using Dapper;
using IndustryMap.Storage;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Storage;

public class MigrationTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Migrate_AppliesEveryScriptOnceInOrder(string engine)
    {
        await using var store = await TestStore.CreateAsync(engine);
        var migrator = new Migrator(store.Database);
        var available = migrator.Available();
        Assert.NotEmpty(available);
        Assert.Equal(available.Select(m => m.Version).Order(), available.Select(m => m.Version));

        var first = await migrator.MigrateAsync();
        Assert.Equal(available.Count, first.Count);
        Assert.Empty(await migrator.MigrateAsync());
        Assert.Equal(available.Select(m => m.Version), await migrator.AppliedAsync());

        await using var connection = await store.Database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM layout_designations"));
    }

    [Fact]
    public void BothEngines_HaveTheSameMigrations() =>
        Assert.Equal(Migrator.Load("sqlite").Select(m => (m.Version, m.Name)), Migrator.Load("postgres").Select(m => (m.Version, m.Name)));

    [Fact]
    public async Task Sqlite_RunsInWalModeWithForeignKeys()
    {
        await using var store = await TestStore.CreateAsync(Engines.Sqlite);
        await using var connection = await store.Database.OpenAsync();
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
        Assert.True(await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout") >= 1000);
    }
}
