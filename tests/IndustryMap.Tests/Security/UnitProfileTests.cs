using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IndustryMap.Audit;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Security;

/// <summary>Concurrent edits of one record: the second gets a clear conflict, never a silent overwrite (issue 4 §6).</summary>
[Collection(SecuredCollection.Name)]
public class UnitProfileTests(SecuredApps apps)
{
    private static string Url(string unit) => "/api/units/" + Uri.EscapeDataString(unit) + "/profile";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TwoEditsOfTheSameVersion_TheSecondGets409NamingTheRecord_AndNothingIsOverwritten(string engine)
    {
        var app = await apps.Get(engine);
        using var officer = app.As(People.Wanzhou);
        using var admin = app.As(People.Admin);
        var read = await HttpAssert.Json(await officer.GetAsync(Url("万州区")), HttpStatusCode.OK);
        var version = read.GetProperty("version").GetInt64();

        // Both read the same version; the officer saves first.
        await HttpAssert.Json(await officer.PutAsJsonAsync(Url("万州区"), new { contactPerson = "张三", phone = "023-58888888", version }), HttpStatusCode.OK);
        var conflict = await HttpAssert.Json(await admin.PutAsJsonAsync(Url("万州"), new { contactPerson = "李四", version }), HttpStatusCode.Conflict);

        Assert.Equal("edit_conflict", conflict.GetProperty("code").GetString());
        Assert.Equal("unit_profiles/万州区", conflict.GetProperty("record").GetString());
        var detail = conflict.GetProperty("detail").GetString()!;
        Assert.Contains("万州区", detail);
        Assert.Contains(People.Wanzhou, detail);
        Assert.Equal(version + 1, conflict.GetProperty("currentVersion").GetInt64());

        var now = await HttpAssert.Json(await admin.GetAsync(Url("万州区")), HttpStatusCode.OK);
        Assert.Equal("张三", now.GetProperty("contactPerson").GetString());
        Assert.Equal(People.Wanzhou, now.GetProperty("enteredBy").GetString());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TenSimultaneousEditsOfOneVersion_ExactlyOneWins(string engine)
    {
        var app = await apps.Get(engine);
        var clients = Enumerable.Range(0, 10).Select(_ => app.As(People.Admin)).ToList();
        var responses = await Task.WhenAll(clients.Select((c, i) => c.PutAsJsonAsync(Url("城口县"), new { contactPerson = "编辑者" + i, version = 0 })));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>();
        var stored = await HttpAssert.Json(await clients[0].GetAsync(Url("城口县")), HttpStatusCode.OK);
        Assert.Equal(1, stored.GetProperty("version").GetInt64());
        Assert.Equal(winner.GetProperty("contactPerson").GetString(), stored.GetProperty("contactPerson").GetString());
        var audit = await AuditLog.QueryAsync(app.Store.Database, new AuditFilter(Entity: "unit_profiles", EntityKey: "城口县"));
        Assert.Single(audit);
        foreach (var c in clients) c.Dispose();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task IfMatch_CarriesTheVersion_AndEverySaveIsAuditedWithBeforeAndAfter(string engine)
    {
        var app = await apps.Get(engine);
        using var admin = app.As(People.Admin);
        var first = await admin.PutAsJsonAsync(Url("巫山县"), new { contactPerson = "第一版", version = 0 });
        Assert.Equal("\"v1\"", first.Headers.ETag?.Tag);

        using var second = new HttpRequestMessage(HttpMethod.Put, Url("巫山县")) { Content = JsonContent.Create(new { contactPerson = "第二版", description = "简介" }) };
        second.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"v1\""));
        var saved = await admin.SendAsync(second);
        await HttpAssert.Json(saved, HttpStatusCode.OK);
        Assert.Equal("\"v2\"", saved.Headers.ETag?.Tag);

        using var stale = new HttpRequestMessage(HttpMethod.Put, Url("巫山县")) { Content = JsonContent.Create(new { contactPerson = "过时" }) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"v1\""));
        await HttpAssert.Problem(await admin.SendAsync(stale), HttpStatusCode.Conflict, "edit_conflict");
        await HttpAssert.Problem(await admin.PutAsJsonAsync(Url("巫山县"), new { contactPerson = "没有版本" }), HttpStatusCode.BadRequest, "version_required");

        var entries = await AuditLog.QueryAsync(app.Store.Database, new AuditFilter(Entity: "unit_profiles", EntityKey: "巫山县"));
        Assert.Equal(2, entries.Count);
        Assert.Null(entries[0].BeforeJson);
        Assert.Contains("第一版", entries[1].BeforeJson);
        Assert.Contains("第二版", entries[1].AfterJson);
        Assert.All(entries, e => Assert.Equal(People.Admin, e.Actor));
        Assert.True(string.CompareOrdinal(entries[0].At, entries[1].At) <= 0);
    }

    [Theory]
    [InlineData("contactPerson", 51, "too_long")]
    [InlineData("phone", 31, "too_long")]
    [InlineData("description", 501, "too_long")]
    public async Task OverlongFields_AreRefusedNamingTheField(string field, int length, string code)
    {
        var app = await apps.Get(Engines.Sqlite);
        using var admin = app.As(People.Admin);
        var value = field == "phone" ? new string('1', length) : new string('长', length);
        var body = new Dictionary<string, object?> { [field] = value, ["version"] = 0 };
        var problem = await HttpAssert.Json(await admin.PutAsJsonAsync(Url("奉节县"), body), HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(0, (await IndustryMap.Units.UnitProfiles.GetAsync(app.Store.Database, "奉节县"))!.Version);
    }

    [Theory]
    [InlineData("phone", "call me maybe", "invalid_phone")]
    [InlineData("contactPerson", "张\u0000三", "control_character")]
    [InlineData("contactPerson", "张\u202e三", "control_character")]
    public async Task MalformedFields_AreRefused(string field, string value, string code)
    {
        var app = await apps.Get(Engines.Sqlite);
        using var admin = app.As(People.Admin);
        var problem = await HttpAssert.Json(await admin.PutAsJsonAsync(Url("巫溪县"), new Dictionary<string, object?> { [field] = value, ["version"] = 0 }),
            HttpStatusCode.BadRequest);
        Assert.Equal(code, problem.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(0, (await IndustryMap.Units.UnitProfiles.GetAsync(app.Store.Database, "巫溪县"))!.Version);
    }
}
