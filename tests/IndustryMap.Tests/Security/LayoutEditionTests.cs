using IndustryMap.Layout;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IndustryMap.Audit;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Security;

/// <summary>The administrator's layout editions: draft, designations within LayoutRules, publish, then immutable.</summary>
[Collection(SecuredCollection.Name)]
public class LayoutEditionTests(SecuredApps apps)
{
    private static IEnumerable<long> Years(JsonElement editions) => editions.EnumerateArray().Select(e => e.GetProperty("year").GetInt64());

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Draft_CopiedFrom2023_IsInternal_KeepsTheCaps_ThenPublishedAndFrozen(string engine)
    {
        var app = await apps.Get(engine);
        using var admin = app.As(People.Admin);
        using var anonymous = app.As(null);
        using var viewer = app.As(People.Viewer);

        var draft = await HttpAssert.Json(await admin.PostAsJsonAsync("/api/layouts", new { year = 2026, title = "2026年产业地图区县布局（草稿）", copyFrom = 2023 }),
            HttpStatusCode.Created);
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal(People.Admin, draft.GetProperty("createdBy").GetString());

        // A draft is internal: anonymous visitors neither list nor read it; signed-in users do.
        Assert.DoesNotContain(2026L, Years(await anonymous.GetFromJsonAsync<JsonElement>("/api/layouts")));
        await HttpAssert.Problem(await anonymous.GetAsync("/api/layouts/2026"), HttpStatusCode.NotFound, "edition_not_found");
        var copied = await viewer.GetFromJsonAsync<JsonElement>("/api/layouts/2026");
        Assert.Equal((await anonymous.GetFromJsonAsync<JsonElement>("/api/layouts/2023")).GetArrayLength(), copied.GetArrayLength());
        Assert.All(copied.EnumerateArray(), d =>
        {
            Assert.Equal(People.Admin, d.GetProperty("source").GetProperty("enteredBy").GetString()); // who copied it …
            // … and where the document (seed tier) or the public page (public tier, decision 0010) says it
            var source = d.GetProperty("source");
            if (d.GetProperty("sourceTier").GetString() == "public")
                Assert.False(string.IsNullOrEmpty(source.GetProperty("public").GetProperty("url").GetString()));
            else
                Assert.False(string.IsNullOrEmpty(source.GetProperty("lines").GetString()));
        });

        // 万州区 already has its 2 dominant industries: a third breaks the published cap, cited in the refusal.
        var refused = await HttpAssert.Json(await admin.PostAsJsonAsync("/api/layouts/2026/designations",
            new { unit = "万州区", role = "dominant", industry = "新能源材料" }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("layout_cap_exceeded", refused.GetProperty("code").GetString());
        Assert.Contains("产业地图（2023年）说明", refused.GetProperty("rule").GetString());

        // 两江新区 may have 3 dominant industries, not 4: the copy holds its 3 (public tier, decision 0010), a 4th is refused.
        var liangjiang = await viewer.GetFromJsonAsync<JsonElement>("/api/layouts/2026?unit=" + Uri.EscapeDataString("两江新区") + "&role=dominant");
        Assert.Equal(LayoutRules.MaxDominant("两江新区"), liangjiang.GetArrayLength());
        await HttpAssert.Problem(await admin.PostAsJsonAsync("/api/layouts/2026/designations",
            new { unit = "重庆两江新区", role = "dominant", industry = "集成电路" }), HttpStatusCode.UnprocessableEntity, "layout_cap_exceeded");

        // A unit with no recorded layout gets designations entered by people, up to its cap.
        var unit = (await viewer.GetFromJsonAsync<JsonElement>("/api/layouts/2023/summary")).GetProperty("notRecordedUnits")[0].GetString()!;
        var cap = LayoutRules.MaxDominant(unit);
        long lastId = 0;
        foreach (var industry in new[] { "新能源材料", "轻合金材料", "生物医药" }.Take(cap))
        {
            var added = await HttpAssert.Json(await admin.PostAsJsonAsync("/api/layouts/2026/designations",
                new { unit, role = "dominant", industry, source = new { document = "000", lines = "24" } }), HttpStatusCode.Created);
            Assert.Equal(People.Admin, added.GetProperty("enteredBy").GetString());
            Assert.Equal(24, added.GetProperty("srcFrom").GetInt64());
            lastId = added.GetProperty("id").GetInt64();
        }
        await HttpAssert.Problem(await admin.PostAsJsonAsync("/api/layouts/2026/designations",
            new { unit, role = "dominant", industry = "集成电路" }), HttpStatusCode.UnprocessableEntity, "layout_cap_exceeded");

        var rows = await viewer.GetFromJsonAsync<JsonElement>("/api/layouts/2026?unit=" + Uri.EscapeDataString(unit));
        Assert.Equal(cap, rows.GetArrayLength());
        Assert.Equal(Enumerable.Range(1, cap).Select(i => (long)i), rows.EnumerateArray().Select(r => r.GetProperty("position").GetInt64()));

        await HttpAssert.Json(await admin.DeleteAsync($"/api/layouts/2026/designations/{lastId}"), HttpStatusCode.OK);
        await HttpAssert.Problem(await admin.DeleteAsync($"/api/layouts/2026/designations/{lastId}"), HttpStatusCode.NotFound, "designation_not_found");
        Assert.Equal(cap - 1, (await viewer.GetFromJsonAsync<JsonElement>("/api/layouts/2026?unit=" + Uri.EscapeDataString(unit))).GetArrayLength());

        var published = await HttpAssert.Json(await admin.PostAsync("/api/layouts/2026/publish", null), HttpStatusCode.OK);
        Assert.Equal("published", published.GetProperty("status").GetString());
        Assert.Equal(People.Admin, published.GetProperty("publishedBy").GetString());
        Assert.Contains(2026L, Years(await anonymous.GetFromJsonAsync<JsonElement>("/api/layouts")));

        await HttpAssert.Problem(await admin.PostAsJsonAsync("/api/layouts/2026/designations",
            new { unit = "渝中区", role = "characteristic", industry = "新能源材料" }), HttpStatusCode.Conflict, "edition_published");
        await HttpAssert.Problem(await admin.PostAsync("/api/layouts/2026/publish", null), HttpStatusCode.Conflict, "edition_published");
        await HttpAssert.Problem(await admin.PostAsync("/api/layouts/2023/publish", null), HttpStatusCode.Conflict, "edition_published");

        var actions = (await AuditLog.QueryAsync(app.Store.Database, new AuditFilter(Entity: "layout_editions", EntityKey: "2026"))).Select(e => e.Action);
        Assert.Equal(["layout.edition.create", "layout.edition.publish"], actions);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task BadDesignations_AreRefusedWithTheirReason(string engine)
    {
        var app = await apps.Get(engine);
        using var admin = app.As(People.Admin);
        await HttpAssert.Json(await admin.PostAsJsonAsync("/api/layouts", new { year = 2027, title = "2027年草稿" }), HttpStatusCode.Created);
        await HttpAssert.Problem(await admin.PostAsJsonAsync("/api/layouts", new { year = 2027, title = "again" }), HttpStatusCode.Conflict, "edition_exists");
        await HttpAssert.Problem(await admin.PostAsJsonAsync("/api/layouts", new { year = 1900, title = "too old" }), HttpStatusCode.BadRequest, "invalid_fields");
        await HttpAssert.Problem(await admin.PostAsJsonAsync("/api/layouts", new { year = 2029, title = "t", copyFrom = 1999 }), HttpStatusCode.BadRequest, "copy_source_not_found");

        async Task Refused(object body, string code) =>
            await HttpAssert.Problem(await admin.PostAsJsonAsync("/api/layouts/2027/designations", body), HttpStatusCode.BadRequest, code);
        await Refused(new { unit = "不存在区", role = "dominant", industry = "新能源材料" }, "unknown_unit");
        await Refused(new { unit = "万州区", role = "dominant", industry = "不存在的产业" }, "unknown_industry");
        await Refused(new { unit = "万州区", role = "leading", industry = "新能源材料" }, "invalid_fields");
        await Refused(new { unit = "万州区", role = "dominant", industry = "新能源材料", source = new { document = "000", lines = "999999" } }, "invalid_source");
        await HttpAssert.Problem(await admin.PostAsJsonAsync("/api/layouts/2099/designations", new { unit = "万州区", role = "dominant", industry = "新能源材料" }),
            HttpStatusCode.NotFound, "edition_not_found");

        await HttpAssert.Json(await admin.PostAsJsonAsync("/api/layouts/2027/designations", new { unit = "万州", role = "dominant", industry = "新能源材料" }),
            HttpStatusCode.Created);
        await HttpAssert.Problem(await admin.PostAsJsonAsync("/api/layouts/2027/designations", new { unit = "万州区", role = "characteristic", industry = "新能源材料" }),
            HttpStatusCode.Conflict, "designation_exists");
    }
}
