using System.Net;
using System.Text.Json;
using IndustryMap.Import;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Api;

[Collection(ApiCollection.Name)]
public class ReadApiTests(ApiFixture fixture)
{
    private static IEnumerable<JsonElement> Items(JsonElement array) => array.EnumerateArray();
    private static string Str(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Units_Returns41UnitsWithCodesAndGroups(string engine)
    {
        var app = await fixture.App(engine);
        var units = Items(await app.GetJson("/api/units")).ToList();
        Assert.Equal(41, units.Count);
        var wanzhou = units.Single(u => Str(u, "name") == "万州区");
        Assert.Equal("500101", Str(wanzhou, "code"));
        Assert.Contains("渝东北三峡库区城镇群", wanzhou.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal([2023L], wanzhou.GetProperty("layoutEditions").EnumerateArray().Select(e => e.GetInt64()));
        var yuzhong = units.Single(u => Str(u, "name") == "渝中区");
        Assert.Empty(yuzhong.GetProperty("layoutEditions").EnumerateArray());
    }

    /// <summary>The issue's check: 24 units in the 2023 layout from the seeds, and every seed row's source lines contain its industry (public rows: PublicSourceTests).</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Layout2023_Covers24Units_AndEverySourceLinkReturnsTextContainingTheIndustry(string engine)
    {
        var app = await fixture.App(engine);
        var rows = Items(await app.GetJson("/api/layouts/2023")).Where(r => Str(r, "sourceTier") == "seed").ToList();
        Assert.Equal(24, rows.Select(r => Str(r, "unit")).Distinct().Count());
        Assert.All(rows, r => Assert.Contains(Str(r, "role"), new[] { "dominant", "characteristic" }));
        foreach (var row in rows)
        {
            var source = row.GetProperty("source");
            var document = Str(source, "document");
            var lines = Str(source, "lines");
            var excerpt = await app.GetJson($"/api/documents/{document}/lines/{lines}");
            var text = SeedReader.Compact(excerpt.GetProperty("lines").EnumerateArray().Select(l => Str(l, "text")));
            var wanted = row.TryGetProperty("flag", out _) ? Str(row, "printed") : Str(row, "industry");
            Assert.True(SeedReader.ContainsAsPrinted(text, wanted), $"{Str(row, "unit")}: '{wanted}' not in {document}:{lines}");
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task UnitProfile_FindsByAlias_AndSaysWhereTheLayoutIsNotRecorded(string engine)
    {
        var app = await fixture.App(engine);
        var wanzhou = await app.GetJson("/api/units/" + Uri.EscapeDataString("万州"));
        Assert.Equal("万州区", Str(wanzhou.GetProperty("unit"), "name"));
        var edition = Assert.Single(wanzhou.GetProperty("layouts").EnumerateArray());
        Assert.Equal(2, edition.GetProperty("dominant").GetArrayLength());
        Assert.Equal(4, edition.GetProperty("characteristic").GetArrayLength());

        var yuzhong = await app.GetJson("/api/units/" + Uri.EscapeDataString("渝中区"));
        Assert.Empty(yuzhong.GetProperty("layouts").EnumerateArray());
        Assert.Equal([2023L], yuzhong.GetProperty("notRecordedIn").EnumerateArray().Select(e => e.GetInt64()));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Clusters_ListsTiersAndSubIndustries(string engine)
    {
        var app = await fixture.App(engine);
        var clusters = Items(await app.GetJson("/api/clusters")).ToList();
        var materials = clusters.Single(c => Str(c, "name") == "先进材料");
        Assert.Equal("万亿级主导产业集群", Str(materials, "tier"));
        Assert.Contains(materials.GetProperty("subIndustries").EnumerateArray(), s => Str(s, "name") == "精密铜材");
        Assert.Equal(12, clusters.Count(c => c.GetProperty("tierRank").GetInt64() <= 3));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_FindsOneAndTwoCharacterChineseSubstrings(string engine)
    {
        var app = await fixture.App(engine);
        var wan = await app.GetJson("/api/search?q=" + Uri.EscapeDataString("万"));
        var units = wan.GetProperty("units").EnumerateArray().Select(u => Str(u, "name")).ToList();
        Assert.Contains("万州区", units);
        Assert.Contains("万盛经开区", units);
        Assert.All(wan.GetProperty("units").EnumerateArray(), u => Assert.Contains("万", Str(u, "matchedOn")));

        var copper = await app.GetJson("/api/search?q=" + Uri.EscapeDataString("铜材"));
        Assert.Contains(copper.GetProperty("industries").EnumerateArray(), i => Str(i, "name") == "精密铜材" && Str(i, "cluster") == "先进材料");
        Assert.All(copper.GetProperty("industries").EnumerateArray().Concat(copper.GetProperty("products").EnumerateArray()),
            i => Assert.Contains("铜材", Str(i, "matchedOn")));

        // LIKE wildcards are matched literally, not as wildcards.
        var percent = await app.GetJson("/api/search?q=%25");
        Assert.Empty(percent.GetProperty("units").EnumerateArray());
        Assert.Empty(percent.GetProperty("industries").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task DocumentLines_ReturnsTheCitedText(string engine)
    {
        var app = await fixture.App(engine);
        var excerpt = await app.GetJson("/api/documents/000/lines/39-40");
        var lines = excerpt.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([39L, 40L], lines.Select(l => l.GetProperty("number").GetInt64()));
        Assert.Equal(SeedData.DocumentLines("000")[39], Str(lines[1], "text"));
        var document = await app.GetJson("/api/documents/000");
        Assert.Equal("渝府办发〔2023〕87号", Str(document, "number"));
    }

    [Theory]
    [InlineData("/api/units/%E4%B8%8D%E5%AD%98%E5%9C%A8", 404, "unit_not_found")]
    [InlineData("/api/documents/000/lines/900-901", 404, "lines_out_of_range")]
    [InlineData("/api/documents/999/lines/1-2", 404, "document_not_found")]
    [InlineData("/api/documents/000/lines/abc", 400, "malformed_lines")]
    [InlineData("/api/layouts/1999", 404, "edition_not_found")]
    [InlineData("/api/layouts/2023?role=boss", 400, "unknown_role")]
    [InlineData("/api/search?q=", 400, "query_required")]
    public async Task Errors_AreProblemDocumentsWithAStableCode(string url, int status, string code)
    {
        var app = await fixture.App(Engines.Sqlite);
        using var client = app.CreateClient();
        var response = await client.GetAsync(url);
        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, Str(problem, "code"));
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(Str(problem, "detail")));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Health_TellsAnonymousVisitorsOnlyThatTheServiceIsUp(string engine)
    {
        // The engine, database path, migrations and data are the administrator's (Security/HardeningTests, issue 10 §10).
        var app = await fixture.App(engine);
        var health = await app.GetJson("/health");
        Assert.Equal("ok", Str(health, "status"));
        Assert.False(health.TryGetProperty("target", out _));
        Assert.False(health.TryGetProperty("engine", out _));
    }

    [Fact]
    public async Task OpenApi_DescribesTheReadApi()
    {
        var app = await fixture.App(Engines.Sqlite);
        var paths = (await app.GetJson("/openapi/v1.json")).GetProperty("paths");
        foreach (var path in new[] { "/api/units", "/api/clusters", "/api/layouts/{year}", "/api/documents/{document}/lines/{range}", "/api/search", "/health" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI has no {path}");
        }
    }

    [Fact]
    public async Task HomePage_IsServedInChinese()
    {
        var app = await fixture.App(Engines.Sqlite);
        using var client = app.CreateClient();
        var html = await client.GetStringAsync("/");
        Assert.Contains("lang=\"zh-CN\"", html);
        Assert.Contains("产业地图", html);
    }
}
