using IndustryMap.Storage;

namespace IndustryMap.Placement;

/// <summary>Reads what a placement uses from the register and the pipeline (filled in by those features).</summary>
public static class PlacementContextQueries
{
    public static Task<PlacementContext> LoadAsync(Database database, int year, CancellationToken cancellationToken = default) =>
        Task.FromResult(PlacementContext.Empty with { Year = year });
}
