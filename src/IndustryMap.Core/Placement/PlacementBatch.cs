namespace IndustryMap.Placement;

/// <summary>Places many projects at once: one catalog and one context for the whole batch, spread over the cores.</summary>
public static class PlacementBatch
{
    public const int MaxRows = 20_000;

    public static async Task<IReadOnlyList<PlacementResult>> PlaceAsync(PlacementService service, IReadOnlyList<PlacementRequest> requests,
        CancellationToken cancellationToken = default)
    {
        var (catalog, context) = await service.StateAsync(cancellationToken);
        var results = new PlacementResult[requests.Count];
        Parallel.For(0, requests.Count, new ParallelOptions { CancellationToken = cancellationToken },
            i => results[i] = PlacementEngine.Place(catalog, requests[i], context));
        return results;
    }

    /// <summary>Places the valid rows of a parsed batch file; invalid rows get no result (their problems say why).</summary>
    public static async Task<IReadOnlyList<PlacementResult?>> PlaceAsync(PlacementService service, IReadOnlyList<BatchRow> rows,
        CancellationToken cancellationToken = default)
    {
        var valid = rows.Where(r => r.Request is not null).ToList();
        var placed = await PlaceAsync(service, valid.Select(r => r.Request!).ToList(), cancellationToken);
        var byRow = valid.Select((r, i) => (r, placed[i])).ToDictionary(x => x.r, x => x.Item2);
        return rows.Select(r => byRow.GetValueOrDefault(r)).ToList();
    }
}
