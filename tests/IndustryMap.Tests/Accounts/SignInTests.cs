using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using IndustryMap.Accounts;
using IndustryMap.Audit;
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
        static string Alert(string page) => System.Text.RegularExpressions.Regex.Match(page, "<p class=\"error\" role=\"alert\"[^>]*>(.*?)</p>").Groups[1].Value;
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

    /// <summary>Issue 10 §4: five anonymous wrong guesses used to lock the administrator out for 15 minutes, again and again.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task WrongGuessesByOthers_NeverLockTheOwnerOut_OfTheirDevice(string engine)
    {
        var app = await apps.Get(engine);
        var name = "guessed-" + engine;
        await CreateUser(app, name, Role.Admin);
        using var owner = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await SecuredApp.SignInAsync(owner, name, People.Password)).StatusCode);
        await SignOut(owner);

        // An attacker from another browser: far more wrong guesses than the old lockout allowed.
        using var attacker = app.Browser();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? throttled = null;
        for (var i = 0; i < 30 && throttled is null; i++)
        {
            var response = await SecuredApp.SignInAsync(attacker, name, "wrong-guess-number-" + i);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) throttled = response;
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, ThrottleRules.PerClient), statuses.Take(ThrottleRules.PerClient));
        Assert.NotNull(throttled); // the attacker is slowed down …
        Assert.True(int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("尝试次数过多", WebUtility.HtmlDecode(await throttled.Content.ReadAsStringAsync()));
        // Guessing on as each wait runs out doubles the wait (1 s, 2 s, 4 s, 8 s …): after three more failures the
        // attacker waits at least 8 s, long enough to show on a slow machine that …
        for (int failures = 0, i = 0; failures < 3 && i < 200; i++)
        {
            var response = await SecuredApp.SignInAsync(attacker, name, "more-wrong-guesses-" + i);
            if (response.StatusCode == HttpStatusCode.Unauthorized) failures++;
            else await Task.Delay(200);
        }
        // … while it waits even the right password is not checked (no oracle).
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SecuredApp.SignInAsync(attacker, name, People.Password)).StatusCode);

        // The owner's browser signed in before: its attempts count apart, so the owner gets in at once.
        Assert.Equal(HttpStatusCode.Redirect, (await SecuredApp.SignInAsync(owner, name, People.Password)).StatusCode);
        Assert.True((await Session(owner)).GetProperty("signedIn").GetBoolean());
        var user = (await UserAccounts.FindAsync(app.Store.Database, name))!;
        Assert.Null(user.LockedUntil); // no account lock at all

        // The administrator lifts the attacker's waits with `enable` (e.g. a colleague locked out of a new laptop).
        using var admin = app.As(People.Admin);
        await HttpAssert.Json(await admin.PostAsync($"/api/users/{name}/enable", null), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SecuredApp.SignInAsync(attacker, name, "one-more-wrong-guess")).StatusCode);
    }

    /// <summary>Issue 10 §5: 40 wrong current passwords at 17/s drew no 429, and the 41st changed the password.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PasswordChange_IsThrottledLikeSignIn_AndIsNoOracle(string engine)
    {
        var app = await apps.Get(engine);
        var name = "oracle-" + engine;
        await CreateUser(app, name);
        var token = (await ApiTokens.CreateAsync(app.Store.Database, Actor.System("tests"), name, "stolen", null)).Token;
        using var thief = app.CreateClient();
        thief.DefaultRequestHeaders.Authorization = new("Bearer", token);
        HttpResponseMessage? throttled = null;
        for (var i = 0; i < 40 && throttled is null; i++)
        {
            var response = await thief.PutAsJsonAsync("/api/me/password", new { currentPassword = "guess-number-" + i, newPassword = "taken-over-account-1" });
            if (response.StatusCode == HttpStatusCode.TooManyRequests) throttled = response;
            else await HttpAssert.Problem(response, HttpStatusCode.BadRequest, "wrong_password");
        }
        Assert.NotNull(throttled);
        var detail = await HttpAssert.Problem(throttled, HttpStatusCode.TooManyRequests, "too_many_attempts");
        Assert.Contains("尝试次数过多", detail);
        Assert.NotEmpty(throttled.Headers.GetValues("Retry-After").Single());
        // The right current password is not even checked while the thief waits: the password stays the owner's.
        await HttpAssert.Problem(await thief.PutAsJsonAsync("/api/me/password", new { currentPassword = People.Password, newPassword = "taken-over-account-1" }),
            HttpStatusCode.TooManyRequests, "too_many_attempts");
        var user = (await UserAccounts.FindAsync(app.Store.Database, name))!;
        Assert.Equal(PasswordCheck.Success, new Passwords().Verify(user.PasswordHash, People.Password));
    }

    private static async Task SignOut(HttpClient browser)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signout");
        request.Headers.Add("X-CSRF-TOKEN", await SecuredApp.CsrfTokenAsync(browser));
        var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Issue 10 §6: a cookie copied before sign-out still worked after it.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SignOut_EndsTheSessionOnTheServer_ACopiedCookieIsRefused(string engine)
    {
        var app = await apps.Get(engine);
        using var browser = app.Browser();
        var signIn = await SecuredApp.SignInAsync(browser, People.Viewer, People.Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SignInSchemes.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];

        using var copy = app.As(null);
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.True((await Session(copy)).GetProperty("signedIn").GetBoolean()); // the copy works while the session is open

        await SignOut(browser);
        Assert.False((await Session(browser)).GetProperty("signedIn").GetBoolean());
        Assert.False((await Session(copy)).GetProperty("signedIn").GetBoolean());
        await HttpAssert.Problem(await copy.GetAsync("/api/units/万州区/profile"), HttpStatusCode.Unauthorized, "sign_in_required");
    }

    /// <summary>Issue 10 §6: API tokens survived a password change; now the change can revoke them, and says how many still work.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PasswordChange_OffersToRevokeTheUsersTokens(string engine)
    {
        var app = await apps.Get(engine);
        var name = "revoker-" + engine;
        await CreateUser(app, name);
        var tokens = new List<string>();
        for (var i = 0; i < 2; i++) tokens.Add((await ApiTokens.CreateAsync(app.Store.Database, Actor.System("tests"), name, "laptop " + i, null)).Token);
        using var machine = app.CreateClient();
        machine.DefaultRequestHeaders.Authorization = new("Bearer", tokens[0]);

        var kept = await HttpAssert.Json(await machine.PutAsJsonAsync("/api/me/password", new { currentPassword = People.Password, newPassword = "second-password-for-tokens" }),
            HttpStatusCode.OK);
        Assert.Equal(0, kept.GetProperty("revokedTokens").GetInt32());
        Assert.Equal(2, kept.GetProperty("activeTokens").GetInt32()); // what the page offers to revoke

        var revoked = await HttpAssert.Json(await machine.PutAsJsonAsync("/api/me/password",
            new { currentPassword = "second-password-for-tokens", newPassword = "third-password-for-tokens", revokeTokens = true }), HttpStatusCode.OK);
        Assert.Equal(2, revoked.GetProperty("revokedTokens").GetInt32());
        Assert.Equal(0, revoked.GetProperty("activeTokens").GetInt32());
        foreach (var token in tokens)
        {
            using var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            await HttpAssert.Problem(await client.GetAsync("/api/session"), HttpStatusCode.Unauthorized, "invalid_token");
        }
        Assert.Equal(2, (await AuditLog.QueryAsync(app.Store.Database, new AuditFilter(Action: "token.revoke", Actor: name))).Count);
    }

    /// <summary>Issue 10 §9: signing in again while signed in answered 500.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ASecondSignIn_WhileSignedIn_IsRefusedClearly(string engine)
    {
        var app = await apps.Get(engine);
        using var browser = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await SecuredApp.SignInAsync(browser, People.Investment, People.Password)).StatusCode);
        foreach (var who in new[] { People.Investment, People.Viewer })
        {
            var again = await SecuredApp.SignInAsync(browser, who, People.Password);
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("请先退出登录", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
        }
        Assert.Equal(People.Investment, (await Session(browser)).GetProperty("user").GetProperty("name").GetString());
    }

    /// <summary>Issue 10 §3: "/\t/host" passed the check (a browser reads it as //host); CR, LF or non-ASCII gave a 500 after a good sign-in.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SignIn_WithAHostileReturnUrl_GoesHome_NeverOffSite_NeverA500(string engine)
    {
        var app = await apps.Get(engine);
        foreach (var returnUrl in new[] { "/\t/evil.example", "/\n/evil.example", "/a\r\nSet-Cookie: x=1", "/units/万州区", "/\\evil.example", "/\u0001x", "/\u007fx" })
        {
            using var browser = app.Browser();
            var response = await SecuredApp.SignInAsync(browser, People.Nanan, People.Password, returnUrl);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{Uri.EscapeDataString(returnUrl)}: {(int)response.StatusCode}");
            Assert.Equal("/", response.Headers.Location?.OriginalString);
        }
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
        Assert.Equal(HttpStatusCode.OK, (await here.SendAsync(change)).StatusCode);

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
    [InlineData("/units/%E4%B8%87%E5%B7%9E%E5%8C%BA?tab=1", "/units/%E4%B8%87%E5%B7%9E%E5%8C%BA?tab=1")]
    [InlineData("/units/万州区", "/")]          // not plain ASCII: cannot go into a Location header as it is
    [InlineData("/\t/evil.example", "/")]      // browsers drop the tab and read //evil.example
    [InlineData("/\n/evil.example", "/")]
    [InlineData("/x\r\nSet-Cookie: a=b", "/")]
    [InlineData("/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData(null, "/")]
    public void SignIn_ReturnsOnlyToPagesOfThisSite(string? returnUrl, string expected) => Assert.Equal(expected, SignInPages.LocalOrHome(returnUrl));
}
