using IndustryMap.Storage;

namespace IndustryMap.Web.Caching;

/// <summary>
/// Reads the data version for many concurrent requests with few queries. A caller is answered by a query that
/// started after it arrived, never by one already running: so a write committed before a request arrived is always
/// seen by that request (decision 0017), while sixteen requests arriving together share one query instead of sixteen
/// (issue 17: the per-request version query was the largest cost of a cached read). At most one query runs at a time;
/// the callers that arrive meanwhile wait for the next one, which starts as soon as the running one ends.
/// </summary>
public sealed class VersionGate(Database database)
{
    private readonly Lock _lock = new();
    // The callers waiting for the next query, which has not started yet.
    private TaskCompletionSource<long>? _next;
    private bool _running;

    /// <summary>The number of version queries run so far (the batching bench and tests read it).</summary>
    public long Queries => Interlocked.Read(ref _queries);
    private long _queries;

    /// <summary>The data version as of a moment after this call began (-1 when the store predates migration 0019).</summary>
    public Task<long> CurrentAsync()
    {
        TaskCompletionSource<long>? start = null;
        Task<long> mine;
        lock (_lock)
        {
            _next ??= new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            mine = _next.Task;
            if (!_running)
            {
                _running = true;
                start = _next;
                _next = null;
            }
        }
        if (start is not null) _ = Task.Run(() => RunAsync(start));
        return mine;
    }

    private async Task RunAsync(TaskCompletionSource<long> batch)
    {
        while (true)
        {
            // Everyone in this batch arrived before this line: they joined while the batch was still waiting.
            try
            {
                Interlocked.Increment(ref _queries);
                batch.SetResult(await DataVersion.CurrentAsync(database));
            }
            catch (Exception e)
            {
                batch.SetException(e);
            }
            lock (_lock)
            {
                if (_next is null)
                {
                    _running = false;
                    return;
                }
                batch = _next;
                _next = null;
            }
        }
    }
}
