using IndustryMap.Placement;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Placement;

/// <summary>The placement catalog of the seed data, loaded once per run from a seeded SQLite store (the engine is pure).</summary>
public sealed class CatalogFixture : IAsyncLifetime
{
    private TestStore? _store;

    public PlacementCatalog Catalog { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _store = await TestStore.SeededAsync(Engines.Sqlite);
        Catalog = await PlacementCatalog.LoadAsync(_store.Database);
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class CatalogCollection : ICollectionFixture<CatalogFixture>
{
    public const string Name = "placement catalog";
}
