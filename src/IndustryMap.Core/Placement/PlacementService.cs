using IndustryMap.Storage;

namespace IndustryMap.Placement;

/// <summary>What a placement reads: the catalog (lexicon, units, layout, parks, lists) and the context (register, pipeline).</summary>
public sealed record PlacementState(PlacementCatalog Catalog, PlacementContext Context);

/// <summary>
/// Places projects against the stored data. The catalog and the context (first-contact register, pipeline) are built
/// once per data version: each call reads the data version (one query on one row, decision 0017: every committed write
/// advances it) and reuses both while it has not moved, so a placement makes no other round trip (issue 13 §8, decision
/// 0024). Any committed write — an import in this process or another (`industrymap import` while the server runs), a
/// layout edition published, a project accepted from an intake document into a registry — is seen by the next
/// placement: decision 0029 made the registries part of the score, so a catalog kept per import run would place
/// against stale data. Concurrent callers share one rebuild (about 0.3 s). One instance per store.
/// </summary>
public sealed class PlacementService(Database database)
{
    /// <summary>The clock for "this year" (the 渝西 floor, a Beijing year): the store's injected clock.</summary>
    public TimeProvider Clock => database.Clock;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Snapshot? _snapshot;

    // The state with the data version read before it was loaded: a write landing meanwhile has a newer version, so the
    // next call loads again.
    private sealed record Snapshot(long DataVersion, int Year, PlacementState State)
    {
        // -1: a store that predates the data version (migration 0019): nothing can be reused safely.
        public bool Holds(long dataVersion, int year) => dataVersion >= 0 && DataVersion == dataVersion && Year == year;
    }

    public Database Database => database;

    /// <summary>The catalog and context as of a moment after this call began: one version query when nothing changed.</summary>
    public async Task<PlacementState> StateAsync(CancellationToken cancellationToken = default)
    {
        var dataVersion = await DataVersion.CurrentAsync(database, cancellationToken);
        var year = IndustryMap.Time.BeijingTime.Year(Clock);
        if (_snapshot is { } kept && kept.Holds(dataVersion, year)) return kept.State;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Callers that waited while another loaded this version take its state.
            if (_snapshot is { } again && again.Holds(dataVersion, year)) return again.State;
            var state = new PlacementState(await PlacementCatalog.LoadAsync(database, cancellationToken),
                await PlacementContextQueries.LoadAsync(database, year, cancellationToken));
            _snapshot = new Snapshot(dataVersion, year, state);
            return state;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<PlacementCatalog> CatalogAsync(CancellationToken cancellationToken = default) => (await StateAsync(cancellationToken)).Catalog;

    /// <summary>Forgets the catalog and context; the next placement rebuilds them.</summary>
    public void Invalidate() => _snapshot = null;

    public async Task<PlacementResult> PlaceAsync(PlacementRequest request, CancellationToken cancellationToken = default)
    {
        var state = await StateAsync(cancellationToken);
        return PlacementEngine.Place(state.Catalog, request, state.Context);
    }
}
