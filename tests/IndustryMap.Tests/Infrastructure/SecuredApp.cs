using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using IndustryMap.Accounts;
using IndustryMap.Authorization;
using IndustryMap.Web.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IndustryMap.Tests.Infrastructure;

/// <summary>The people of the security tests: one account per role, two unit officers bound to different units.</summary>
public static class People
{
    public const string Password = "correct-horse-battery-staple";
    public const string Admin = "admin";
    public const string Wanzhou = "wz-officer";   // unit officer of 万州区
    public const string Nanan = "na-officer";     // unit officer of 南岸区
    public const string Investment = "investor";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<NewUser> All =
    [
        new(Admin, "市经济信息委管理员", Role.Admin, null),
        new(Wanzhou, "万州区经济信息委", Role.Unit, "万州区"),
        new(Nanan, "南岸区经济信息委", Role.Unit, "南岸区"),
        new(Investment, "市招商投资局", Role.Investment, null),
        new(Viewer, "只读用户", Role.Viewer, null),
    ];
}

/// <summary>
/// The real application on a seeded store with one account and one API token per role: the harness of the
/// authorisation, hostile-input, conflict and load tests. <paramref name="settings"/> are configuration values
/// (INDUSTRYMAP_ANONYMOUS_READ, INDUSTRYMAP_MAX_UPLOAD_MB …).
/// </summary>
public sealed class SecuredApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string> _tokens = [];
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly TimeProvider? _clock;

    public TestStore Store { get; }

    private SecuredApp(TestStore store, IReadOnlyDictionary<string, string> settings, TimeProvider? clock)
    {
        Store = store;
        _settings = settings;
        _clock = clock;
    }

    /// <summary>The app; <paramref name="clock"/> (default: the system clock) is the store's and the app's one clock.</summary>
    public static async Task<SecuredApp> CreateAsync(string engine, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null)
    {
        var store = await TestStore.SeededAsync(engine, clock);
        var all = new Dictionary<string, string> { ["INDUSTRYMAP_SIGNIN_PER_MINUTE"] = "10000" };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) all[k] = v;
        var app = new SecuredApp(store, all, clock);
        var passwords = new Passwords();
        var hash = passwords.Hash(People.Password); // one hash for all: each check still costs a full PBKDF2
        var system = Actor.System("tests");
        foreach (var person in People.All)
        {
            await UserAccounts.CreateAsync(store.Database, system, person, hash);
            app._tokens[person.Name] = (await ApiTokens.CreateAsync(store.Database, system, person.Name, "tests", null)).Token;
        }
        using var _ = app.CreateClient(); // start the host now
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Store.Environment) builder.UseSetting(key, value ?? "");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        if (_clock is { } clock) builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }

    public string TokenOf(string person) => _tokens[person];

    /// <summary>A client that sends the person's API token; null: anonymous.</summary>
    public HttpClient As(string? person)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (person is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[person]);
        return client;
    }

    /// <summary>A browser-like client: cookies kept, no redirects followed.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the HTML form as a browser does; returns the response of the form post.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string name, string password, string? returnUrl = null)
    {
        var page = await (await browser.GetAsync("/signin")).Content.ReadAsStringAsync();
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["name"] = name, ["password"] = password, ["returnUrl"] = returnUrl ?? "/",
        }));
    }

    /// <summary>The anti-forgery token a page of a signed-in browser sends with its writes.</summary>
    public static async Task<string> CsrfTokenAsync(HttpClient browser)
    {
        var session = await browser.GetFromJsonAsync<JsonElement>("/api/session");
        return session.GetProperty("antiforgery").GetProperty("token").GetString()!;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Store.DisposeAsync();
    }
}

public static class HttpAssert
{
    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}, expected {(int)expected}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<string> Problem(HttpResponseMessage response, HttpStatusCode expected, string code)
    {
        var json = await Json(response, expected);
        Assert.Equal(code, json.GetProperty("code").GetString());
        return json.GetProperty("detail").GetString()!;
    }
}

/// <summary>One secured app per engine, shared by the tests of a collection (each test uses its own records).</summary>
public sealed class SecuredApps : IAsyncLifetime
{
    private readonly Dictionary<string, Task<SecuredApp>> _apps = [];
    private readonly Lock _lock = new();

    public Task<SecuredApp> Get(string engine)
    {
        lock (_lock)
        {
            if (!_apps.TryGetValue(engine, out var app)) _apps[engine] = app = SecuredApp.CreateAsync(engine);
            return app;
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsCompletedSuccessfully)) await app.Result.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SecuredCollection : ICollectionFixture<SecuredApps>
{
    public const string Name = "secured apps";
}
