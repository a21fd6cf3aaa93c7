using IndustryMap.Storage;

namespace IndustryMap.Placement;

/// <summary>
/// Places projects against the stored data. The catalog (lexicon, units, layout, parks, lists) is built once and
/// kept; each call checks the latest import run (one indexed query) and rebuilds after an import, whether the import
/// ran in this process or in another (`industrymap import` while the server runs). One instance per store.
/// </summary>
public sealed class PlacementService(Database database)
{
    /// <summary>The clock for "this year" (the 渝西 floor, a Beijing year): the store's injected clock.</summary>
    public TimeProvider Clock => database.Clock;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile PlacementCatalog? _catalog;

    public Database Database => database;

    public async Task<PlacementCatalog> CatalogAsync(CancellationToken cancellationToken = default)
    {
        var version = await PlacementCatalog.CurrentVersionAsync(database, cancellationToken);
        if (_catalog is { } current && current.Version == version) return current;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_catalog is { } again && again.Version == version) return again;
            var catalog = await PlacementCatalog.LoadAsync(database, cancellationToken);
            _catalog = catalog;
            return catalog;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the catalog; the next placement rebuilds it.</summary>
    public void Invalidate() => _catalog = null;

    public async Task<PlacementResult> PlaceAsync(PlacementRequest request, CancellationToken cancellationToken = default)
    {
        var catalog = await CatalogAsync(cancellationToken);
        var context = await PlacementContextQueries.LoadAsync(database, IndustryMap.Time.BeijingTime.Year(Clock), cancellationToken);
        return PlacementEngine.Place(catalog, request, context);
    }
}
