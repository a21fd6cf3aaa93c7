namespace IndustryMap.Placement;

/// <summary>Places many projects at once: one catalog and one context for the whole batch, spread over the cores.</summary>
public static class PlacementBatch
{
    public const int MaxRows = 20_000;

    public static async Task<IReadOnlyList<PlacementResult>> PlaceAsync(PlacementService service, IReadOnlyList<PlacementRequest> requests,
        CancellationToken cancellationToken = default)
    {
        var catalog = await service.CatalogAsync(cancellationToken);
        var context = await PlacementContextQueries.LoadAsync(service.Database, DateTime.UtcNow.Year, cancellationToken);
        var results = new PlacementResult[requests.Count];
        Parallel.For(0, requests.Count, new ParallelOptions { CancellationToken = cancellationToken },
            i => results[i] = PlacementEngine.Place(catalog, requests[i], context));
        return results;
    }
}
