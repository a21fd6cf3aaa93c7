using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IndustryMap.Import;
using IndustryMap.Placement;
using IndustryMap.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IndustryMap.Tests.Placement;

/// <summary>Placement, the register and the pipeline over HTTP, with the roles of issue 4.</summary>
[Collection(SecuredCollection.Name)]
public class PlacementApiTests(SecuredApps apps)
{
    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    /// <summary>The text of the first sheet of an .xlsx response (its cells are inline strings and numbers).</summary>
    private static async Task<string> SheetXml(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        return await reader.ReadToEndAsync();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PostPlacement_ReturnsIndustriesAndEveryUnitWithReasonsAndTheirSources(string engine)
    {
        var app = await apps.Get(engine);
        using var client = app.As(People.Investment);
        var json = await HttpAssert.Json(await client.PostAsJsonAsync("/api/placements", new
        {
            description = "年产5万吨磷酸铁锂正极材料", amountYi = 10, landMu = 200, origin = "outside_city", foreignInvested = false, investor = "某材料公司",
        }), HttpStatusCode.OK);

        var industry = json.GetProperty("industries")[0];
        Assert.Equal("新能源材料", industry.GetProperty("name").GetString());
        Assert.Contains("正极材料", industry.GetProperty("matched").EnumerateArray().Select(m => m.GetString()));
        Assert.True(industry.GetProperty("score").GetDouble() > 0.9);

        var candidates = json.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(41, candidates.Count);
        var first = candidates[0];
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
        var reason = first.GetProperty("reasons")[0];
        Assert.Equal("duikou", reason.GetProperty("rule").GetString());
        Assert.Equal("对口", reason.GetProperty("ruleName").GetString());
        var source = reason.GetProperty("source");
        Assert.Equal("000", source.GetProperty("document").GetString());
        // The source link returns the clause's text.
        var clause = await client.GetFromJsonAsync<JsonElement>(source.GetProperty("href").GetString()!);
        Assert.Contains("对口", clause.GetProperty("lines")[0].GetProperty("text").GetString());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task InvalidPlacementRequests_AreProblemsWithStableCodes(string engine)
    {
        var app = await apps.Get(engine);
        using var client = app.As(People.Admin);
        await HttpAssert.Problem(await client.PostAsJsonAsync("/api/placements", new { description = "  " }), HttpStatusCode.BadRequest, "description_required");
        await HttpAssert.Problem(await client.PostAsJsonAsync("/api/placements", new { description = new string('铜', 2001) }), HttpStatusCode.BadRequest, "description_too_long");
        await HttpAssert.Problem(await client.PostAsJsonAsync("/api/placements", new { description = "铜管", origin = "abroad" }), HttpStatusCode.BadRequest, "invalid_origin");
        await HttpAssert.Problem(await client.PostAsJsonAsync("/api/placements", new { description = "铜管", amountYi = -3 }), HttpStatusCode.BadRequest, "invalid_amount");
        var detail = await HttpAssert.Problem(await client.PostAsJsonAsync("/api/placements", new { description = "铜管", firstContactUnit = "江北新区" }),
            HttpStatusCode.BadRequest, "unknown_unit");
        Assert.Contains("江北新区", detail);
        var both = await HttpAssert.Json(await client.PostAsJsonAsync("/api/placements", new { description = "", landMu = -1 }), HttpStatusCode.BadRequest);
        Assert.Equal(["description", "landMu"], both.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Placement_IsTheInvestmentOfficersTool(string engine)
    {
        var app = await apps.Get(engine);
        var body = new { description = "铜管" };
        using (var anonymous = app.As(null)) await HttpAssert.Problem(await anonymous.PostAsJsonAsync("/api/placements", body), HttpStatusCode.Unauthorized, "sign_in_required");
        using (var viewer = app.As(People.Viewer)) await HttpAssert.Problem(await viewer.PostAsJsonAsync("/api/placements", body), HttpStatusCode.Forbidden, "forbidden");
        using (var unitOfficer = app.As(People.Wanzhou)) await HttpAssert.Problem(await unitOfficer.PostAsJsonAsync("/api/placements", body), HttpStatusCode.Forbidden, "forbidden");
        using var investment = app.As(People.Investment);
        await HttpAssert.Json(await investment.PostAsJsonAsync("/api/placements", body), HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task BatchPlacement_PlacesEveryGoodRow_AndNamesTheLineAndFieldOfABadOne(string engine)
    {
        var app = await apps.Get(engine);
        using var client = app.As(People.Investment);
        const string file = "编号,项目描述,投资额,用地,来源\nA1,年产5万吨磷酸铁锂正极材料,10,200,市外\nA2,咖啡馆连锁,,,\nA3,汽车零部件,abc,,火星\n";
        var json = await HttpAssert.Json(await client.PostAsync("/api/placements/batch", Csv(file)), HttpStatusCode.OK);
        Assert.Equal((3, 1, 1, 1), (json.GetProperty("rows").GetInt32(), json.GetProperty("placed").GetInt32(), json.GetProperty("noMatch").GetInt32(),
            json.GetProperty("invalid").GetInt32()));
        var rows = json.GetProperty("results").EnumerateArray().ToList();
        var placed = rows[0].GetProperty("placement");
        Assert.Equal("新能源材料", placed.GetProperty("industries")[0].GetProperty("name").GetString());
        Assert.Equal(5, placed.GetProperty("candidates").GetArrayLength()); // a batch row keeps the top five
        var bad = rows[2];
        Assert.Equal((4, "A3", "invalid"), (bad.GetProperty("line").GetInt32(), bad.GetProperty("id").GetString(), bad.GetProperty("status").GetString()));
        Assert.Equal(["amountYi", "origin"], bad.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("field").GetString()));

        var csv = await client.PostAsync("/api/placements/batch?format=csv", Csv(file));
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var records = IndustryMap.Text.Csv.Parse(text).ToList();
        Assert.Equal(4, records.Count);
        Assert.Equal(("A1", "placed", "新能源材料"), (records[1].Fields[1], records[1].Fields[2], records[1].Fields[3]));
        Assert.Equal("no_match", records[2].Fields[2]);
        // Each listed unit carries its rank as the API gives it: a shared range for tied units (并列).
        var header = records[0].Fields.ToList();
        var candidates = placed.GetProperty("candidates").EnumerateArray().ToList();
        for (var k = 1; k <= 3; k++)
        {
            Assert.Equal(candidates[k - 1].GetProperty("unit").GetString(), records[1].Fields[header.IndexOf($"unit_{k}")]);
            Assert.Equal(candidates[k - 1].GetProperty("rankText").GetString(), records[1].Fields[header.IndexOf($"rank_{k}")]);
        }

        var sheet = await SheetXml(await client.PostAsync("/api/placements/batch?format=xlsx", Csv(file)));
        Assert.Contains("第1名", sheet);
        Assert.Contains("新能源材料", sheet);

        await HttpAssert.Problem(await client.PostAsync("/api/placements/batch", Csv("id,what\n1,铜管\n")), HttpStatusCode.BadRequest, "missing_column");
        await HttpAssert.Problem(await client.PostAsync("/api/placements/batch", Csv("description\n\"铜管\n")), HttpStatusCode.BadRequest, "malformed_csv");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task FirstContacts_AUnitOfficerRegistersForTheirOwnUnit_ASecondUnitIsFlagged(string engine)
    {
        var app = await apps.Get(engine);
        var investor = "接口测试投资方" + Guid.NewGuid().ToString("N")[..8];
        using var wanzhou = app.As(People.Wanzhou);
        using var nanan = app.As(People.Nanan);

        var first = await HttpAssert.Json(await wanzhou.PostAsJsonAsync("/api/first-contacts",
            new { unit = "万州区", investor, project = "年产2万吨高精度铜箔项目", amountYi = 8, contactedOn = "2026-02-01" }), HttpStatusCode.Created);
        Assert.False(first.GetProperty("conflict").GetBoolean());
        Assert.Equal("wz-officer", first.GetProperty("entry").GetProperty("recordedBy").GetString());

        await HttpAssert.Problem(await nanan.PostAsJsonAsync("/api/first-contacts", new { unit = "万州区", investor, project = "另一个项目" }),
            HttpStatusCode.Forbidden, "forbidden");
        var second = await HttpAssert.Json(await nanan.PostAsJsonAsync("/api/first-contacts",
            new { unit = "南岸区", investor = "重庆" + investor + "有限公司", project = "2万吨高精度铜箔" }), HttpStatusCode.Created);
        Assert.True(second.GetProperty("conflict").GetBoolean());
        Assert.Equal("万州区", second.GetProperty("earlier").GetProperty("unit").GetString());
        var text = second.GetProperty("conflictText").GetString()!;
        Assert.Contains(first.GetProperty("entry").GetProperty("recordedAt").GetString()!, text);
        Assert.Contains(second.GetProperty("entry").GetProperty("recordedAt").GetString()!, text);

        await HttpAssert.Problem(await wanzhou.PostAsJsonAsync("/api/first-contacts", new { unit = "万州区", investor, project = "年产2万吨高精度铜箔项目" }),
            HttpStatusCode.Conflict, "already_registered");

        using var viewer = app.As(People.Viewer);
        var listed = await HttpAssert.Json(await viewer.GetAsync("/api/first-contacts?conflicts=true&investor=" + Uri.EscapeDataString(investor)), HttpStatusCode.OK);
        Assert.Equal(["万州区", "南岸区"], listed.EnumerateArray().Select(e => e.GetProperty("unit").GetString()));
        var exported = await SheetXml(await viewer.GetAsync("/api/first-contacts/export.xlsx"));
        Assert.Contains(investor, exported);
        Assert.Contains("冲突", exported);
        var verified = await HttpAssert.Json(await viewer.GetAsync("/api/first-contacts/verify"), HttpStatusCode.OK);
        Assert.True(verified.GetProperty("intact").GetBoolean());
        using var anonymous = app.As(null);
        await HttpAssert.Problem(await anonymous.GetAsync("/api/first-contacts"), HttpStatusCode.Unauthorized, "sign_in_required");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Pipeline_InvestmentOfficerEntersAndMovesAProject_TheRecordSaysWhoAndWhen(string engine)
    {
        var app = await apps.Get(engine);
        using var client = app.As(People.Investment);
        var created = await HttpAssert.Json(await client.PostAsJsonAsync("/api/pipeline", new
        {
            name = "接口测试正极材料项目", description = "年产5万吨磷酸铁锂正极材料", unit = "彭水县", amountYi = 20, origin = "outside_city", stage = "signed", stageOn = "2025-03-01",
        }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(("investor", "新能源材料"), (created.GetProperty("createdBy").GetString(), created.GetProperty("industry").GetString()));

        var moved = await HttpAssert.Json(await client.PostAsJsonAsync($"/api/pipeline/{id}/stages", new { stage = "construction", stageOn = "2025-05-20", version = 1 }),
            HttpStatusCode.OK);
        Assert.Equal(("construction", "在建", "2025-05-20", "investor"), (moved.GetProperty("stage").GetString(), moved.GetProperty("stageChinese").GetString(),
            moved.GetProperty("startedOn").GetString(), moved.GetProperty("updatedBy").GetString()));
        await HttpAssert.Problem(await client.PostAsJsonAsync($"/api/pipeline/{id}/stages", new { stage = "production", stageOn = "2025-06-01", version = 1 }),
            HttpStatusCode.Conflict, "version_conflict");
        await HttpAssert.Problem(await client.PostAsJsonAsync($"/api/pipeline/{id}/stages", new { stage = "signed", stageOn = "2025-06-01" }),
            HttpStatusCode.BadRequest, "invalid_fields");
        await HttpAssert.Problem(await client.PostAsJsonAsync("/api/pipeline/999999/stages", new { stage = "production" }), HttpStatusCode.NotFound, "project_not_found");

        using var viewer = app.As(People.Viewer);
        var project = await HttpAssert.Json(await viewer.GetAsync($"/api/pipeline/{id}"), HttpStatusCode.OK);
        Assert.Equal(2, project.GetProperty("project").GetProperty("events").GetArrayLength());
        Assert.Contains("新能源材料", project.GetProperty("placement").GetProperty("summary").GetString());
        var workbook = await SheetXml(await viewer.GetAsync("/api/pipeline/export.xlsx"));
        Assert.Contains("接口测试正极材料项目", workbook);
        Assert.Contains("在建", workbook);
        var report = await HttpAssert.Json(await viewer.GetAsync("/api/pipeline/report"), HttpStatusCode.OK);
        Assert.Contains(report.EnumerateArray(), r => r.GetProperty("unit").GetString() == "彭水县" && r.GetProperty("stage").GetString() == "construction");
        var floor = await HttpAssert.Json(await viewer.GetAsync("/api/pipeline/yuxi-floor?year=2025"), HttpStatusCode.OK);
        Assert.Equal(50, floor.GetProperty("floorYi").GetDecimal());
        Assert.Equal(8, floor.GetProperty("rows").GetArrayLength());
        Assert.Equal("001", floor.GetProperty("source").GetProperty("document").GetString());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TheLexicon_IsRebuiltAfterAnImport(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var service = new PlacementService(store.Database);
        Assert.True((await service.PlaceAsync(new PlacementRequest("精品咖啡豆烘焙"))).MatchesNothing);
        var cached = await service.CatalogAsync();
        Assert.Same(cached, await service.CatalogAsync());

        var folder = SeedData.CopyToTemp();
        CsvEdit.Append(Path.Combine(folder, "reference", "industry_keywords.csv"), new()
        {
            ["sub_industry"] = "酒水饮料", ["keyword"] = "咖啡", ["weight"] = "0.8", ["source_url"] = "https://example.org/coffee", ["note"] = "test",
        });
        await SeedImporter.ImportAsync(store.Database, folder, "tests");

        var after = await service.PlaceAsync(new PlacementRequest("精品咖啡豆烘焙"));
        Assert.Equal("酒水饮料", after.Industries[0].Name);
        Assert.NotSame(cached, await service.CatalogAsync());
    }

    [Fact]
    public async Task ThePlacementPage_IsServedWithItsScriptOnly_AndTheMapHook()
    {
        var app = await apps.Get(Engines.Sqlite);
        using var anonymous = app.As(null);
        var response = await anonymous.GetAsync("/placement.html");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        var fingerprint = app.Services.GetRequiredService<IndustryMap.Web.Pages.StaticSite>().Fingerprint;
        Assert.Contains($"<script type=\"module\" src=\"/static/{fingerprint}/js/placement.js\"></script>", html);
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>");
        Assert.Equal(2, scripts.Count); // the ECharts bundle and the page's module
        Assert.All(scripts, s => Assert.Contains(" src=\"/", s.Value)); // no inline script
        Assert.Contains("data-hook=\"placement-map\"", html);
        Assert.Contains("项目描述", html);
        var script = await anonymous.GetStringAsync("/js/placement.js");
        Assert.Contains("industrymap:placement", script);
        // Writes go through the one request helper of common.js, which sends the anti-forgery header (issue 14).
        Assert.Matches(@"import \{[^}]*\bapi\b[^}]*\} from ""\./common\.js""", script);
        Assert.Contains("antiforgery.headerName", await anonymous.GetStringAsync("/js/common.js"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task HostileNames_AreStoredVerbatim_AndLeaveEveryOutputInert(string engine)
    {
        var app = await apps.Get(engine);
        using var admin = app.As(People.Admin);
        var investor = "<script>alert(1)</script>" + Guid.NewGuid().ToString("N")[..6];
        var created = await admin.PostAsJsonAsync("/api/first-contacts", new { unit = "南岸区", investor, project = "'; DROP TABLE first_contacts; --" });
        var body = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain("<script>", body); // JSON escapes it
        Assert.Equal(investor, JsonDocument.Parse(body).RootElement.GetProperty("entry").GetProperty("investor").GetString());
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/first-contacts?investor=" + Uri.EscapeDataString(investor));
        Assert.Equal("'; DROP TABLE first_contacts; --", listed[0].GetProperty("project").GetString());

        var csv = await (await admin.PostAsync("/api/placements/batch?format=csv", Csv("id,description\n=HYPERLINK(\"http://evil\"),铜管\n"))).Content.ReadAsStringAsync();
        var row = IndustryMap.Text.Csv.Parse(csv).Skip(1).Single();
        Assert.StartsWith("'=HYPERLINK", row.Fields[1]); // a spreadsheet shows it as text, never runs it
    }
}
