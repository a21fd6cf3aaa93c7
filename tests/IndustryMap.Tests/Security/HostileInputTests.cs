using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using IndustryMap.Export;
using IndustryMap.Tests.Infrastructure;
using IndustryMap.Text;

namespace IndustryMap.Tests.Security;

/// <summary>
/// Markup, attribute-breaking and SQL-breaking text stored through the write endpoints comes back as the same text
/// from the API, the pages and the exports, never as markup or SQL, and the database is unharmed (issue 4 §5).
/// </summary>
[Collection(SecuredCollection.Name)]
public class HostileInputTests(SecuredApps apps)
{
    private const string Script = "<script>alert(1)</script>";
    private const string Attribute = "\" onmouseover=alert(1) x=\"";
    private const string Sql = "'; DROP TABLE units; --";
    private const string Formula = "=HYPERLINK(\"http://evil.example\",\"点击\")";

    private static void Inert(string rawJson)
    {
        // The JSON encoder escapes < > & ' " inside strings: the bytes on the wire contain no markup at all.
        Assert.DoesNotContain("<script", rawJson, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\" onmouseover", rawJson, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task HostileText_IsStoredVerbatim_ReturnedInert_AndTheDatabaseIsUnharmed(string engine)
    {
        var app = await apps.Get(engine);
        using var admin = app.As(People.Admin);
        using var anonymous = app.As(null);

        var edition = await admin.PostAsJsonAsync("/api/layouts", new { year = 2040, title = Script + Attribute, note = Sql });
        await HttpAssert.Json(edition, HttpStatusCode.Created);
        var designation = await admin.PostAsJsonAsync("/api/layouts/2040/designations",
            new { unit = "渝中区", role = "characteristic", industry = "新能源材料", printed = Script, detail = Attribute, note = Sql + Formula });
        var stored = await HttpAssert.Json(designation, HttpStatusCode.Created);
        Inert(await designation.Content.ReadAsStringAsync());
        Assert.Equal(Script, stored.GetProperty("printed").GetString());
        Assert.Equal(Attribute, stored.GetProperty("detail").GetString());
        Assert.Equal(Sql + Formula, stored.GetProperty("note").GetString());

        var profile = await admin.PutAsJsonAsync("/api/units/大足区/profile", new { contactPerson = Sql, description = Script + Attribute + Formula, version = 0 });
        Assert.Equal(Sql, (await HttpAssert.Json(profile, HttpStatusCode.OK)).GetProperty("contactPerson").GetString());
        var user = await admin.PostAsJsonAsync("/api/users", new { name = "hostile-" + engine, displayName = Script, role = "viewer", password = "hostile-password-1" });
        Assert.Equal(Script, (await HttpAssert.Json(user, HttpStatusCode.Created)).GetProperty("displayName").GetString());
        Inert(await user.Content.ReadAsStringAsync());
        await HttpAssert.Json(await admin.PostAsJsonAsync("/api/tokens", new { name = Attribute }), HttpStatusCode.Created);
        await HttpAssert.Json(await admin.PostAsync("/api/layouts/2040/publish", null), HttpStatusCode.OK);

        // Read back by the public: the same text, as data.
        var published = await anonymous.GetAsync("/api/layouts/2040");
        var rawPublished = await published.Content.ReadAsStringAsync();
        Inert(rawPublished);
        Assert.Equal("application/json", published.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", published.Headers.GetValues("X-Content-Type-Options").Single());
        var row = JsonDocument.Parse(rawPublished).RootElement.EnumerateArray().Single();
        Assert.Equal(Script, row.GetProperty("printed").GetString());
        Assert.Equal(Sql + Formula, row.GetProperty("note").GetString());
        Inert(await (await admin.GetAsync("/api/units/大足区/profile")).Content.ReadAsStringAsync());
        Inert(await (await admin.GetAsync("/api/users")).Content.ReadAsStringAsync());
        Inert(await (await admin.GetAsync("/api/audit?limit=1000")).Content.ReadAsStringAsync());

        // The database is unharmed: every table is there, the units intact, the text stored as typed.
        await using (var connection = await app.Store.Database.OpenAsync())
        {
            Assert.Equal(41, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM units"));
            Assert.Equal(Sql, await connection.ExecuteScalarAsync<string>(
                "SELECT p.contact_person FROM unit_profiles p JOIN units u ON u.id = p.unit_id WHERE u.name = '大足区'"));
            Assert.Equal(Script + Attribute, await connection.ExecuteScalarAsync<string>("SELECT title FROM layout_editions WHERE year = 2040"));
        }

        // The data export (CSV, as the CLI writes it) carries the same text in properly quoted cells.
        var csv = (await DataExport.TableAsync(app.Store.Database, "layouts")).ToCsv();
        var record = Csv.Parse(csv).Single(r => r.Fields[0] == "2040");
        Assert.Contains(Script, record.Fields);
        Assert.Contains(Attribute, record.Fields);

        // The audit export is a CSV attachment, not a page; the values are inside it as text.
        var auditCsv = await admin.GetAsync("/api/audit/export.csv");
        Assert.Equal("text/csv", auditCsv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment", auditCsv.Content.Headers.ContentDisposition?.ToString());
        var cells = Csv.Parse(await auditCsv.Content.ReadAsStringAsync()).SelectMany(r => r.Fields).ToList();
        Assert.Contains(cells, c => c.Contains("\\u003Cscript\\u003E", StringComparison.Ordinal) || c.Contains("<script>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSignInPage_EncodesWhatItEchoes()
    {
        var app = await apps.Get(Engines.Sqlite);
        using var browser = app.Browser();
        var page = await browser.GetStringAsync("/signin?returnUrl=" + Uri.EscapeDataString("\"><script>alert(1)</script>"));
        Assert.DoesNotContain("<script>alert(1)", page);
        Assert.Contains("name=\"returnUrl\" value=\"/\"", page); // not a local path: replaced, not echoed

        var failed = await SecuredApp.SignInAsync(browser, Attribute + Script, "wrong-password");
        var html = await failed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        Assert.DoesNotContain(Script, html);
        Assert.DoesNotContain("\" onmouseover", html);
        Assert.Contains("&quot; onmouseover=alert(1) x=&quot;&lt;script&gt;", html);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    [InlineData("/api/units")]
    [InlineData("/signin")]
    [InlineData("/api/no-such-thing")]
    [InlineData("/api/audit")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string url)
    {
        var app = await apps.Get(Engines.Sqlite);
        using var client = app.As(null);
        var response = await client.GetAsync(url);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("style-src 'self';", csp);
        Assert.DoesNotContain("unsafe-", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task ResponsesCarryingASecret_AreNotCompressedOverHttps()
    {
        var app = await apps.Get(Engines.Sqlite);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip");
        async Task<ICollection<string>> Encoding(HttpRequestMessage request) => (await client.SendAsync(request)).Content.Headers.ContentEncoding;
        Assert.Contains("gzip", await Encoding(new(HttpMethod.Get, "/api/units"))); // compression is on …
        Assert.Empty(await Encoding(new(HttpMethod.Get, "/api/session")));       // … but not next to an anti-forgery token
        Assert.Empty(await Encoding(new(HttpMethod.Get, "/signin")));
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = JsonContent.Create(new { name = "breach" }) };
        create.Headers.Authorization = new("Bearer", app.TokenOf(People.Viewer));
        Assert.Empty(await Encoding(create));                                   // … nor a new API token
    }

    [Fact]
    public void ThePagesScripts_BuildTheDomFromText_NeverFromHtmlStrings()
    {
        // With CSP forbidding inline script, the remaining way to run stored markup is an HTML sink in our own scripts.
        var root = Path.Combine(SeedData.RepositoryRoot, "src", "IndustryMap.Web", "wwwroot");
        var sinks = new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function(" };
        var scripts = Directory.EnumerateFiles(root, "*.js", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).StartsWith("lib", StringComparison.Ordinal)) // vendored libraries, not our code
            .ToList();
        Assert.NotEmpty(scripts);
        var found = scripts.SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, i, line)))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && sinks.Any(s => x.line.Contains(s, StringComparison.Ordinal)))
            .Select(x => $"{Path.GetRelativePath(root, x.f)}:{x.i + 1}: {x.line.Trim()}").ToList();
        Assert.True(found.Count == 0, "HTML sinks in the pages' scripts (use textContent / createElement):\n" + string.Join("\n", found));
        Assert.All(Directory.EnumerateFiles(root, "*.html", SearchOption.AllDirectories), f =>
            Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex("<script(?![^>]*\\bsrc=)[^>]*>"), File.ReadAllText(f)));
    }

    [Fact]
    public async Task OverlongText_IsRefused_NamingTheField()
    {
        var app = await apps.Get(Engines.Sqlite);
        using var admin = app.As(People.Admin);
        var problem = await HttpAssert.Json(await admin.PostAsJsonAsync("/api/layouts", new { year = 2041, title = new string('标', 101) }), HttpStatusCode.BadRequest);
        Assert.Equal("title", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Contains("标题", problem.GetProperty("detail").GetString());
        await HttpAssert.Problem(await admin.PostAsJsonAsync("/api/layouts", new { year = 2041, title = "ok\u0007" }), HttpStatusCode.BadRequest, "invalid_fields");
        Assert.Null(await IndustryMap.Layout.LayoutEditing.FindEditionAsync(app.Store.Database, 2041));
    }

    [Fact]
    public async Task RequestBodies_AreLimited_DeclaredOrNot()
    {
        var app = await apps.Get(Engines.Sqlite);
        using var admin = app.As(People.Admin);
        var big = "{\"contactPerson\":\"" + new string('x', 300 * 1024) + "\",\"version\":0}";
        var declared = await admin.PutAsync("/api/units/荣昌区/profile", new StringContent(big, Encoding.UTF8, "application/json"));
        await HttpAssert.Problem(declared, HttpStatusCode.RequestEntityTooLarge, "request_too_large");

        var undeclared = new StreamContent(new NoLengthStream(Encoding.UTF8.GetBytes(big)));
        undeclared.Headers.ContentType = new("application/json");
        var chunked = await admin.PutAsync("/api/units/荣昌区/profile", undeclared);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal(0, (await IndustryMap.Units.UnitProfiles.GetAsync(app.Store.Database, "荣昌区"))!.Version);
    }

    /// <summary>A body whose length is not known in advance (sent chunked).</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
