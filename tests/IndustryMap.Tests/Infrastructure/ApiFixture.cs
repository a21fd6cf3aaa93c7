namespace IndustryMap.Tests.Infrastructure;

/// <summary>
/// One running app per engine for the read-only API tests. On SQLite the store starts empty, so the app's own
/// first-run path (migrate, load the seed data) is what gets tested; PostgreSQL is migrated and loaded the way an
/// operator would (`db migrate`, `import`), because the app never migrates PostgreSQL by itself.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly Dictionary<string, Task<(TestStore Store, AppFactory App)>> _apps = [];
    private readonly Lock _lock = new();

    public async Task<AppFactory> App(string engine)
    {
        Task<(TestStore, AppFactory)> task;
        lock (_lock)
        {
            if (!_apps.TryGetValue(engine, out task!)) _apps[engine] = task = StartAsync(engine);
        }
        return (await task).Item2;
    }

    private static async Task<(TestStore, AppFactory)> StartAsync(string engine)
    {
        var store = engine == Engines.Sqlite ? await TestStore.CreateAsync(engine) : await TestStore.SeededAsync(engine);
        var app = new AppFactory(store);
        using var client = app.CreateClient(); // starts the host, which readies the store
        return (store, app);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var task in _apps.Values.Where(t => t.IsCompletedSuccessfully))
        {
            await task.Result.App.DisposeAsync();
            await task.Result.Store.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "running apps";
}
