using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IndustryMap.Spreadsheets;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Chains;

/// <summary>The chain template and the map editing over HTTP (issue 12 §6): download, upload back, refusals with every problem named.</summary>
public class ChainTemplateHttpTests
{
    /// <summary>A filled-in template creating the chain <paramref name="key"/> in 万州区 (also used by the authorisation matrix).</summary>
    public static byte[] NewChainWorkbook(string key) => Xlsx.Write(
        XlsxSheet.Table("产业链", ["编号", "名称", "所属单元", "版本"], [[key, "测试产业链", "万州区", null]]),
        XlsxSheet.Table("环节", ["编号", "阶段", "名称"], [["a", "上游", "零部件"], ["b", "中游", "整机"]]),
        XlsxSheet.Table("企业", ["环节编号", "名称", "类型", "所在地"], [["a", "某零部件公司", "企业", "本区县"]]),
        XlsxSheet.Table("关系", ["上游环节编号", "下游环节编号"], [["a", "b"]]));

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TheTemplate_IsDownloaded_AndUploadedBack_ABlankOneIsRefusedNamingSheetRowAndColumn(string engine)
    {
        await using var app = await SecuredApp.CreateAsync(engine);
        using var anonymous = app.As(null);
        using var download = await anonymous.GetAsync("/api/chains/na-vivo/template.xlsx");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Xlsx.ContentType, download.Content.Headers.ContentType?.MediaType);
        var workbook = await download.Content.ReadAsByteArrayAsync();
        var chain = await anonymous.GetFromJsonAsync<JsonElement>("/api/chains/na-vivo");
        var version = chain.GetProperty("version").GetInt64();

        using var officer = app.As(People.Nanan);
        var imported = await HttpAssert.Json(await officer.PostAsync("/api/units/" + Uri.EscapeDataString("南岸区") + "/chains/import", new ByteArrayContent(workbook)),
            HttpStatusCode.OK);
        Assert.Equal((version + 1, false), (imported.GetProperty("version").GetInt64(), imported.GetProperty("created").GetBoolean()));
        Assert.Equal(chain.GetProperty("nodes").GetArrayLength(), imported.GetProperty("nodes").GetInt32());

        var blank = await anonymous.GetByteArrayAsync("/api/chains/template.xlsx?unit=" + Uri.EscapeDataString("南岸区"));
        var detail = await HttpAssert.Problem(await officer.PostAsync("/api/units/" + Uri.EscapeDataString("南岸区") + "/chains/import", new ByteArrayContent(blank)),
            HttpStatusCode.BadRequest, "chain_invalid");
        Assert.Contains("工作表“产业链”第 2 行“编号”", detail, StringComparison.Ordinal);
        Assert.Contains("工作表“产业链”第 2 行“名称”", detail, StringComparison.Ordinal);

        // A new chain from a workbook, by the administrator for 万州区.
        using var admin = app.As(People.Admin);
        var created = await HttpAssert.Json(await admin.PostAsync("/api/units/" + Uri.EscapeDataString("万州区") + "/chains/import",
            new ByteArrayContent(NewChainWorkbook("wz-http-test"))), HttpStatusCode.Created);
        Assert.Equal(("wz-http-test", "万州区", 2), (created.GetProperty("id").GetString(), created.GetProperty("unit").GetString(), created.GetProperty("nodes").GetInt32()));
        var listed = await anonymous.GetFromJsonAsync<JsonElement>("/api/chains?unit=" + Uri.EscapeDataString("万州区"));
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("id").GetString() == "wz-http-test");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TheMap_IsEditedAsJson_AndABadFieldIsNamedByItsPath(string engine)
    {
        await using var app = await SecuredApp.CreateAsync(engine);
        using var officer = app.As(People.Wanzhou);
        var chain = await officer.GetFromJsonAsync<JsonElement>("/api/chains/wz-auto");
        var nodes = chain.GetProperty("nodes").EnumerateArray().Select(n => new
        {
            id = n.GetProperty("id").GetString(), stage = n.GetProperty("stage").GetString(), name = n.GetProperty("name").GetString(),
            products = n.GetProperty("products").EnumerateArray().Select(p => p.GetString()).ToList(),
            members = n.GetProperty("members").EnumerateArray().Select(m => new
            {
                name = m.GetProperty("name").GetString(), kind = m.GetProperty("kind").GetString(), location = m.GetProperty("location").GetString(),
            }).ToList(),
        }).ToList();
        var url = "/api/units/" + Uri.EscapeDataString("万州区") + "/chains/wz-auto/map";
        var version = chain.GetProperty("version").GetInt64();

        var bad = nodes.Select((n, i) => i == 0 ? n with { stage = "最上游" } : n).ToList();
        var refused = await HttpAssert.Json(await officer.PutAsJsonAsync(url, new { version, nodes = bad, edges = Array.Empty<object>() }), HttpStatusCode.BadRequest);
        Assert.Equal("unknown_stage", refused.GetProperty("code").GetString());
        Assert.Equal("nodes[0].stage", refused.GetProperty("errors")[0].GetProperty("field").GetString());

        var saved = await HttpAssert.Json(await officer.PutAsJsonAsync(url, new { version, nodes, edges = Array.Empty<object>() }), HttpStatusCode.OK);
        Assert.Equal((version + 1, 0), (saved.GetProperty("version").GetInt64(), saved.GetProperty("edges").GetInt32()));
        var after = await officer.GetFromJsonAsync<JsonElement>("/api/chains/wz-auto");
        Assert.Equal(0, after.GetProperty("edges").GetArrayLength());
        Assert.Equal(chain.GetProperty("nodes").GetArrayLength(), after.GetProperty("nodes").GetArrayLength());

        var stale = await officer.PutAsJsonAsync(url, new { version, nodes, edges = Array.Empty<object>() });
        await HttpAssert.Problem(stale, HttpStatusCode.Conflict, "version_conflict");
    }
}
