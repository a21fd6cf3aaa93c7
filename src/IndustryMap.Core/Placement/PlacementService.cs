using IndustryMap.Storage;

namespace IndustryMap.Placement;

/// <summary>What a placement reads: the catalog (lexicon, units, layout, parks, lists) and the context (register, pipeline).</summary>
public sealed record PlacementState(PlacementCatalog Catalog, PlacementContext Context);

/// <summary>
/// Places projects against the stored data. The catalog is built once per import run and the context (first-contact
/// register, pipeline) once per data version: each call reads the data version (one query on one row, decision 0017:
/// every committed write advances it) and reuses both while it has not moved, so a placement makes no other round trip
/// (issue 13 §8, decision 0024). When it has moved, the catalog is rebuilt only if the latest import run changed,
/// whether the import ran in this process or in another (`industrymap import` while the server runs). One instance per store.
/// </summary>
public sealed class PlacementService(Database database)
{
    /// <summary>The clock for "this year" (the 渝西 floor, a Beijing year): the store's injected clock.</summary>
    public TimeProvider Clock => database.Clock;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile PlacementCatalog? _catalog;
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(long DataVersion, int Year, PlacementState State);

    public Database Database => database;

    /// <summary>The catalog and context as of a moment after this call began: one version query when nothing changed.</summary>
    public async Task<PlacementState> StateAsync(CancellationToken cancellationToken = default)
    {
        var dataVersion = await DataVersion.CurrentAsync(database, cancellationToken);
        var year = IndustryMap.Time.BeijingTime.Year(Clock);
        // -1: a store that predates the data version (migration 0019): nothing can be reused safely.
        if (dataVersion >= 0 && _snapshot is { } s && s.DataVersion == dataVersion && s.Year == year) return s.State;
        var catalog = await LoadCatalogAsync(cancellationToken);
        var context = await PlacementContextQueries.LoadAsync(database, year, cancellationToken);
        var state = new PlacementState(catalog, context);
        // Read before loading: a write landing meanwhile has a newer version, so the next call loads again.
        if (dataVersion >= 0) _snapshot = new Snapshot(dataVersion, year, state);
        return state;
    }

    public async Task<PlacementCatalog> CatalogAsync(CancellationToken cancellationToken = default) => (await StateAsync(cancellationToken)).Catalog;

    private async Task<PlacementCatalog> LoadCatalogAsync(CancellationToken cancellationToken)
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

    /// <summary>Forgets the catalog and context; the next placement rebuilds them.</summary>
    public void Invalidate()
    {
        _catalog = null;
        _snapshot = null;
    }

    public async Task<PlacementResult> PlaceAsync(PlacementRequest request, CancellationToken cancellationToken = default)
    {
        var state = await StateAsync(cancellationToken);
        return PlacementEngine.Place(state.Catalog, request, state.Context);
    }
}
