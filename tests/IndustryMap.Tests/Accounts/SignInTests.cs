using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using IndustryMap.Accounts;
using IndustryMap.Authorization;
using IndustryMap.Tests.Infrastructure;
using IndustryMap.Web.Accounts;

namespace IndustryMap.Tests.Accounts;

/// <summary>Sign-in, sessions, lockout, rate limit, tokens and the reads that need an account (issue 4 §1–2).</summary>
[Collection(SecuredCollection.Name)]
public class SignInTests(SecuredApps apps)
{
    private static async Task<JsonElement> Session(HttpClient client) => await client.GetFromJsonAsync<JsonElement>("/api/session");

    private static async Task CreateUser(SecuredApp app, string name, Role role = Role.Viewer, string? unit = null) =>
        await UserAccounts.CreateAsync(app.Store.Database, Actor.System("tests"), new NewUser(name, null, role, unit), new Passwords().Hash(People.Password));

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SignIn_WithTheForm_SetsAnHttpOnlySameSiteCookie_AndTheSessionSaysWho(string engine)
    {
        var app = await apps.Get(engine);
        using var browser = app.Browser();
        Assert.False((await Session(browser)).GetProperty("signedIn").GetBoolean());

        var response = await SecuredApp.SignInAsync(browser, People.Wanzhou, People.Password, "/index.html");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/index.html", response.Headers.Location?.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SignInSchemes.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var session = await Session(browser);
        Assert.True(session.GetProperty("signedIn").GetBoolean());
        Assert.Equal(People.Wanzhou, session.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("万州区", session.GetProperty("user").GetProperty("unit").GetString());
        Assert.Equal("cookie", session.GetProperty("via").GetString());
        Assert.False(string.IsNullOrEmpty(session.GetProperty("antiforgery").GetProperty("token").GetString()));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SignIn_UnknownUserAndWrongPassword_AreRefusedAlike(string engine)
    {
        var app = await apps.Get(engine);
        using var browser = app.Browser();
        var unknown = await SecuredApp.SignInAsync(browser, "no-such-user", People.Password);
        var wrong = await SecuredApp.SignInAsync(browser, People.Viewer, "not-the-password");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        static string Alert(string page) => System.Text.RegularExpressions.Regex.Match(page, "<p class=\"error\" role=\"alert\">(.*?)</p>").Groups[1].Value;
        var a = Alert(await unknown.Content.ReadAsStringAsync());
        Assert.NotEmpty(a);
        Assert.Equal(a, Alert(await wrong.Content.ReadAsStringAsync()));
        Assert.False((await Session(browser)).GetProperty("signedIn").GetBoolean());
    }

    [Fact]
    public async Task SignIn_WithoutTheFormsAntiforgeryToken_IsRefused()
    {
        var app = await apps.Get(Engines.Sqlite);
        using var browser = app.Browser();
        var response = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = People.Viewer, ["password"] = People.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False((await Session(browser)).GetProperty("signedIn").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task FiveWrongPasswords_LockTheAccount_EvenTheRightPasswordIsRefused_UntilAnAdministratorEnablesIt(string engine)
    {
        var app = await apps.Get(engine);
        await CreateUser(app, "lockout-" + engine);
        using var browser = app.Browser();
        for (var i = 0; i < LockoutRules.MaxFailures; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SecuredApp.SignInAsync(browser, "lockout-" + engine, "wrong-password-" + i)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await SecuredApp.SignInAsync(browser, "lockout-" + engine, People.Password)).StatusCode);
        var user = (await UserAccounts.FindAsync(app.Store.Database, "lockout-" + engine))!;
        Assert.NotNull(user.LockedUntil);
        await using (var connection = await app.Store.Database.OpenAsync())
        {
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'user.lock' AND entity_key = @name", new { name = user.Name }));
        }

        using var admin = app.As(People.Admin);
        await HttpAssert.Json(await admin.PostAsync($"/api/users/{user.Name}/enable", null), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Redirect, (await SecuredApp.SignInAsync(browser, user.Name, People.Password)).StatusCode);
    }

    [Fact]
    public async Task SignIn_IsRateLimitedPerClient()
    {
        await using var app = await SecuredApp.CreateAsync(Engines.Sqlite, new Dictionary<string, string> { ["INDUSTRYMAP_SIGNIN_PER_MINUTE"] = "3" });
        using var browser = app.Browser();
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await SecuredApp.SignInAsync(browser, "nobody", "wrong-password")).StatusCode);
        var limited = await SecuredApp.SignInAsync(browser, People.Viewer, People.Password);
        await HttpAssert.Problem(limited, HttpStatusCode.TooManyRequests, "too_many_attempts");
        Assert.Equal("60", limited.Headers.GetValues("Retry-After").Single());
        // Only sign-in is limited: the API keeps answering.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/units")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task DisablingAnAccount_EndsItsSessionAndStopsItsTokens(string engine)
    {
        var app = await apps.Get(engine);
        var name = "to-disable-" + engine;
        await CreateUser(app, name);
        var token = (await ApiTokens.CreateAsync(app.Store.Database, Actor.System("tests"), name, "tests", null)).Token;
        using var browser = app.Browser();
        await SecuredApp.SignInAsync(browser, name, People.Password);
        Assert.True((await Session(browser)).GetProperty("signedIn").GetBoolean());
        using var machine = app.CreateClient();
        machine.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await machine.GetAsync("/api/units/万州区/profile")).StatusCode);

        using var admin = app.As(People.Admin);
        var disabled = await HttpAssert.Json(await admin.PostAsync($"/api/users/{name}/disable", null), HttpStatusCode.OK);
        Assert.True(disabled.GetProperty("disabled").GetBoolean());

        Assert.False((await Session(browser)).GetProperty("signedIn").GetBoolean());
        await HttpAssert.Problem(await machine.GetAsync("/api/units/万州区/profile"), HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SecuredApp.SignInAsync(browser, name, People.Password)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ApiToken_IsShownOnce_StoredOnlyAsAHash_AndRevocableByItsOwner(string engine)
    {
        var app = await apps.Get(engine);
        using var viewer = app.As(People.Viewer);
        var created = await HttpAssert.Json(await viewer.PostAsJsonAsync("/api/tokens", new { name = "nightly export", expiresInDays = 30 }), HttpStatusCode.Created);
        var token = created.GetProperty("token").GetString()!;
        var id = created.GetProperty("record").GetProperty("id").GetInt64();
        Assert.StartsWith(ApiTokens.Scheme, token);

        var list = await viewer.GetStringAsync("/api/tokens");
        Assert.Contains("nightly export", list);
        Assert.DoesNotContain(token, list);
        await using (var connection = await app.Store.Database.OpenAsync())
        {
            var stored = (await connection.QueryAsync<string>("SELECT prefix || '|' || token_sha256 FROM api_tokens")).ToList();
            Assert.DoesNotContain(stored, s => s.Contains(token, StringComparison.Ordinal));
            Assert.Contains(stored, s => s.EndsWith(ApiTokens.Sha256(token), StringComparison.Ordinal));
        }

        using var machine = app.CreateClient();
        machine.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(People.Viewer, (await Session(machine)).GetProperty("user").GetProperty("name").GetString());
        await HttpAssert.Json(await viewer.DeleteAsync($"/api/tokens/{id}"), HttpStatusCode.OK);
        await HttpAssert.Problem(await machine.GetAsync("/api/session"), HttpStatusCode.Unauthorized, "invalid_token");
        await HttpAssert.Problem(await viewer.DeleteAsync($"/api/tokens/{id}"), HttpStatusCode.Conflict, "token_revoked");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Passwords_AreStoredAsSaltedPbkdf2Hashes(string engine)
    {
        var app = await apps.Get(engine);
        using var admin = app.As(People.Admin);
        foreach (var name in new[] { "salted-a-" + engine, "salted-b-" + engine })
        {
            await HttpAssert.Json(await admin.PostAsJsonAsync("/api/users", new { name, role = "viewer", password = "the-same-password-1" }), HttpStatusCode.Created);
        }
        await using var connection = await app.Store.Database.OpenAsync();
        var hashes = (await connection.QueryAsync<string>("SELECT password_hash FROM users WHERE name LIKE 'salted-%' ORDER BY name")).ToList();
        Assert.Equal(2, hashes.Count);
        Assert.NotEqual(hashes[0], hashes[1]);
        Assert.All(hashes, h =>
        {
            Assert.DoesNotContain("the-same-password-1", h);
            Assert.Equal(0x01, Convert.FromBase64String(h)[0]); // ASP.NET Core Identity format V3: PBKDF2, salt and iteration count inside
        });
        var audit = await connection.QueryAsync<string>("SELECT after_json FROM audit_log WHERE action = 'user.create'");
        Assert.All(audit, a => Assert.DoesNotContain(hashes[0], a));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ChangingOnesPassword_KeepsThisSession_EndsTheOthers(string engine)
    {
        var app = await apps.Get(engine);
        var name = "changer-" + engine;
        await CreateUser(app, name);
        using var here = app.Browser();
        using var elsewhere = app.Browser();
        await SecuredApp.SignInAsync(here, name, People.Password);
        await SecuredApp.SignInAsync(elsewhere, name, People.Password);

        using var change = new HttpRequestMessage(HttpMethod.Put, "/api/me/password")
        {
            Content = JsonContent.Create(new { currentPassword = People.Password, newPassword = "a-brand-new-password" }),
        };
        change.Headers.Add("X-CSRF-TOKEN", await SecuredApp.CsrfTokenAsync(here));
        Assert.Equal(HttpStatusCode.NoContent, (await here.SendAsync(change)).StatusCode);

        Assert.True((await Session(here)).GetProperty("signedIn").GetBoolean());
        Assert.False((await Session(elsewhere)).GetProperty("signedIn").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await SecuredApp.SignInAsync(elsewhere, name, People.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SecuredApp.SignInAsync(elsewhere, name, "a-brand-new-password")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task CookieWrites_NeedTheAntiforgeryHeader_TokenWritesDoNot(string engine)
    {
        var app = await apps.Get(engine);
        using var browser = app.Browser();
        await SecuredApp.SignInAsync(browser, People.Nanan, People.Password);
        var body = new { contactPerson = "王五", version = 0 };
        await HttpAssert.Problem(await browser.PutAsJsonAsync("/api/units/南岸区/profile", body), HttpStatusCode.BadRequest, "antiforgery_failed");

        using var forged = new HttpRequestMessage(HttpMethod.Put, "/api/units/南岸区/profile") { Content = JsonContent.Create(body) };
        forged.Headers.Add("X-CSRF-TOKEN", "not-a-token");
        await HttpAssert.Problem(await browser.SendAsync(forged), HttpStatusCode.BadRequest, "antiforgery_failed");
        Assert.Equal(0, (await IndustryMap.Units.UnitProfiles.GetAsync(app.Store.Database, "南岸区"))!.Version);

        using var proper = new HttpRequestMessage(HttpMethod.Put, "/api/units/南岸区/profile") { Content = JsonContent.Create(body) };
        proper.Headers.Add("X-CSRF-TOKEN", await SecuredApp.CsrfTokenAsync(browser));
        await HttpAssert.Json(await browser.SendAsync(proper), HttpStatusCode.OK);

        using var machine = app.As(People.Nanan);
        await HttpAssert.Json(await machine.PutAsJsonAsync("/api/units/南岸区/profile", new { contactPerson = "赵六", version = 1 }), HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task InternalReads_NeedAnAccount_AdministrativeReadsTheAdministrator(string engine)
    {
        var app = await apps.Get(engine);
        using var anonymous = app.As(null);
        using var viewer = app.As(People.Viewer);
        using var admin = app.As(People.Admin);
        foreach (var url in new[] { "/api/audit", "/api/users", "/api/audit/export.csv", "/api/audit/verify" })
        {
            await HttpAssert.Problem(await anonymous.GetAsync(url), HttpStatusCode.Unauthorized, "sign_in_required");
            await HttpAssert.Problem(await viewer.GetAsync(url), HttpStatusCode.Forbidden, "forbidden");
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
        }
        await HttpAssert.Problem(await anonymous.GetAsync("/api/units/万州区/profile"), HttpStatusCode.Unauthorized, "sign_in_required");
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/units/万州区/profile")).StatusCode);
        // Published data stays public.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/layouts/2023")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/documents/000/lines/1-3")).StatusCode);
    }

    [Fact]
    public async Task AnonymousReading_CanBeTurnedOff()
    {
        await using var app = await SecuredApp.CreateAsync(Engines.Sqlite, new Dictionary<string, string> { ["INDUSTRYMAP_ANONYMOUS_READ"] = "false" });
        using var anonymous = app.As(null);
        await HttpAssert.Problem(await anonymous.GetAsync("/api/units"), HttpStatusCode.Unauthorized, "sign_in_required");
        await HttpAssert.Problem(await anonymous.GetAsync("/api/layouts/2023"), HttpStatusCode.Unauthorized, "sign_in_required");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/signin")).StatusCode);
        Assert.False((await Session(anonymous)).GetProperty("anonymousRead").GetBoolean());
        using var viewer = app.As(People.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/units")).StatusCode);
    }

    [Theory]
    [InlineData("/units/万州区", "/units/万州区")]
    [InlineData("/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData(null, "/")]
    public void SignIn_ReturnsOnlyToPagesOfThisSite(string? returnUrl, string expected) => Assert.Equal(expected, SignInPages.LocalOrHome(returnUrl));
}
