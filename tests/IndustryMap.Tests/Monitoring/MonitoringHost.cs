using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using IndustryMap.Accounts;
using IndustryMap.Authorization;
using IndustryMap.Monitoring;
using IndustryMap.Storage;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Monitoring;

/// <summary>
/// A seeded store on one engine with the real app in front of it and one API token per role: the administrator, unit
/// officers of 江津区, 合川区 and 万州区, a viewer and an investment officer. Requests go over HTTP with
/// <c>Authorization: Bearer</c>, as machine clients make them.
/// </summary>
public sealed class MonitoringHost : IAsyncDisposable
{
    public const string Admin = "admin";
    public const string Jiangjin = "jiangjin";
    public const string Hechuan = "hechuan";
    public const string Wanzhou = "wanzhou";
    public const string Viewer = "viewer";
    public const string Investment = "investment";

    public static readonly Actor SystemActor = Actor.System("tests");

    public TestStore Store { get; }
    public AppFactory App { get; }
    public Database Database => Store.Database;
    private readonly Dictionary<string, string> _tokens;

    private MonitoringHost(TestStore store, AppFactory app, Dictionary<string, string> tokens)
    {
        Store = store;
        App = app;
        _tokens = tokens;
    }

    public static async Task<MonitoringHost> StartAsync(string engine, Func<Database, Task>? prepare = null)
    {
        var store = await TestStore.SeededAsync(engine);
        var tokens = new Dictionary<string, string>();
        foreach (var (name, role, unit) in new (string, Role, string?)[]
                 {
                     (Admin, Role.Admin, null), (Jiangjin, Role.Unit, "江津区"), (Hechuan, Role.Unit, "合川区"), (Wanzhou, Role.Unit, "万州区"),
                     (Viewer, Role.Viewer, null), (Investment, Role.Investment, null),
                 })
        {
            // The password hash is never checked: these users sign in with their API token.
            await UserAccounts.CreateAsync(store.Database, SystemActor, new NewUser(name, null, role, unit), "unused-hash");
            tokens[name] = (await ApiTokens.CreateAsync(store.Database, SystemActor, name, "tests", 1)).Token;
        }
        if (prepare is not null) await prepare(store.Database);
        var app = new AppFactory(store);
        using (app.CreateClient()) { }
        return new MonitoringHost(store, app, tokens);
    }

    /// <summary>A client acting as <paramref name="who"/> (null: anonymous).</summary>
    public HttpClient Client(string? who)
    {
        var client = App.CreateClient();
        if (who is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[who]);
        return client;
    }

    public async Task<(int Status, JsonElement Body)> Send(string? who, HttpMethod method, string url, object? body = null)
    {
        using var client = Client(who);
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && (response.Content.Headers.ContentType?.MediaType?.Contains("json") ?? false) ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return ((int)response.StatusCode, json);
    }

    public async Task<JsonElement> Ok(string? who, HttpMethod method, string url, object? body = null)
    {
        var (status, json) = await Send(who, method, url, body);
        Assert.True(status is >= 200 and < 300, $"{method} {url} as {who} → {status}: {json}");
        return json;
    }

    public Task<JsonElement> Get(string url, string who = Admin) => Ok(who, HttpMethod.Get, url);

    public async Task<byte[]> Bytes(string url, string who = Admin)
    {
        using var client = Client(who);
        using var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Store.DisposeAsync();
    }
}

/// <summary>Test data straight into the store: approved values for a unit and period, as if entered, submitted and approved.</summary>
public static class MonitoringData
{
    public static async Task ConfigureAsync(Database database, string plan, string code, string frequency, string reporters = "plan", string? kind = null) =>
        await MonitoringSetup.ConfigureIndicatorAsync(database, MonitoringHost.SystemActor, plan, code, new IndicatorSettings(frequency, kind, reporters));

    public static async Task PeriodsAsync(Database database, params string[] codes)
    {
        foreach (var code in codes) await PeriodStore.OpenAsync(database, MonitoringHost.SystemActor, code);
    }

    /// <summary>An approved submission with the given values ("yx2027/ind01" → value); demo marks them synthetic.</summary>
    public static async Task ApprovedAsync(Database database, string unit, string period, IReadOnlyDictionary<string, decimal> values, bool demo = false,
        string state = SubmissionStates.Approved)
    {
        await database.InTransactionAsync(async (connection, transaction) =>
        {
            var unitId = await connection.ExecuteScalarAsync<long>("SELECT id FROM units WHERE name = @unit", new { unit }, transaction);
            var periodId = await connection.ExecuteScalarAsync<long>("SELECT id FROM reporting_periods WHERE code = @period", new { period }, transaction);
            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO submissions (unit_id, period_id, state, version, is_demo, created_by, created_at, updated_by, updated_at, submitted_by, submitted_at)
                VALUES (@unitId, @periodId, @state, 1, @demo, 'tests', '2025-01-01T00:00:00.000Z', 'tests', '2025-01-01T00:00:00.000Z', 'tests', '2025-01-01T00:00:00.000Z')
                RETURNING id
                """, new { unitId, periodId, state, demo = demo ? 1L : 0L }, transaction);
            foreach (var (key, value) in values)
            {
                var parts = key.Split('/');
                var indicatorId = await connection.ExecuteScalarAsync<long>("SELECT id FROM indicators WHERE plan_id = @plan AND code = @code",
                    new { plan = parts[0], code = parts[1] }, transaction);
                await connection.ExecuteAsync("INSERT INTO submission_values (submission_id, indicator_id, value, is_demo) VALUES (@id, @indicatorId, @value, @demo)",
                    new { id, indicatorId, value, demo = demo ? 1L : 0L }, transaction);
            }
            return 0;
        });
    }

    public static Dictionary<string, decimal> Values(params (string Indicator, decimal Value)[] values) => values.ToDictionary(v => v.Indicator, v => v.Value);
}
