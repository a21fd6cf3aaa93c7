using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using IndustryMap.Storage;
using IndustryMap.Tests.Infrastructure;
using IndustryMap.Tests.Security;

namespace IndustryMap.Tests.Caching;

/// <summary>
/// Issue 17: public reads are served from bytes built once per data version. What must hold: a write is seen by the
/// next read (also one made by another app instance on the same store, or straight in the store), unchanged data is
/// answered 304, and a response built for one audience is never served to another.
/// </summary>
public class ReadCacheTests
{
    private static async Task<(HttpStatusCode Status, string? ETag, string Body, HttpResponseMessage Response)> Get(HttpClient client, string url, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        var response = await client.SendAsync(request);
        return (response.StatusCode, response.Headers.ETag?.ToString(), await response.Content.ReadAsStringAsync(), response);
    }

    private static async Task<string?> FullNameOf(HttpClient client, string unit)
    {
        var json = JsonDocument.Parse((await Get(client, "/api/units/" + Uri.EscapeDataString(unit))).Body).RootElement;
        return json.GetProperty("unit").GetProperty("fullName").GetString();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task AWriteByAnotherInstanceOrStraightInTheStore_IsSeenByTheNextRead(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        await using var first = new AppFactory(store);
        await using var second = new AppFactory(store);
        using var a = first.CreateClient();
        using var b = second.CreateClient();

        var before = await FullNameOf(a, "万州区");
        Assert.Equal(before, await FullNameOf(a, "万州区")); // now built and cached by instance A
        Assert.Equal(before, await FullNameOf(b, "万州区"));

        // A write that no instance made (the CLI, another server): only the data version tells the instances.
        await store.Database.InTransactionAsync((connection, transaction) =>
            connection.ExecuteAsync("UPDATE units SET full_name = @name WHERE name = '万州区'", new { name = "重庆市万州区（测试）" }, transaction));
        Assert.Equal("重庆市万州区（测试）", await FullNameOf(a, "万州区"));
        Assert.Equal("重庆市万州区（测试）", await FullNameOf(b, "万州区"));

        // A write through instance B's own API is seen by instance A's next read.
        var layoutsBefore = JsonDocument.Parse((await Get(a, "/api/layouts/2023?unit=" + Uri.EscapeDataString("万州区"))).Body).RootElement.GetArrayLength();
        await store.Database.InTransactionAsync((connection, transaction) =>
            connection.ExecuteAsync("DELETE FROM layout_designations WHERE id = (SELECT MIN(d.id) FROM layout_designations d JOIN units u ON u.id = d.unit_id WHERE u.name = '万州区')", transaction: transaction));
        var layoutsAfter = JsonDocument.Parse((await Get(a, "/api/layouts/2023?unit=" + Uri.EscapeDataString("万州区"))).Body).RootElement.GetArrayLength();
        Assert.Equal(layoutsBefore - 1, layoutsAfter);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task UnchangedData_Is304_AndAWriteGivesANewETag(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        await using var app = new AppFactory(store);
        using var client = app.CreateClient();

        var first = await Get(client, "/api/checks");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.NotNull(first.ETag);
        Assert.Equal("public, no-cache", first.Response.Headers.CacheControl?.ToString());

        var again = await Get(client, "/api/checks", first.ETag);
        Assert.Equal(HttpStatusCode.NotModified, again.Status);
        Assert.Equal("", again.Body);

        // Another URL has another tag, even for the same version.
        var other = await Get(client, "/api/layouts/2023");
        Assert.NotEqual(first.ETag, other.ETag);
        Assert.Equal(HttpStatusCode.OK, (await Get(client, "/api/checks", other.ETag)).Status);

        await store.Database.InTransactionAsync((connection, transaction) =>
            connection.ExecuteAsync("UPDATE units SET note = 'changed' WHERE name = '渝中区'", transaction: transaction));
        var afterWrite = await Get(client, "/api/checks", first.ETag);
        Assert.Equal(HttpStatusCode.OK, afterWrite.Status);
        Assert.NotEqual(first.ETag, afterWrite.ETag);
        Assert.Equal(first.Body, afterWrite.Body); // the checks did not change, but nothing stale was promised either
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TheDataVersion_AdvancesWithEveryCommittedWrite_AndNotWithARolledBackOne(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var before = await DataVersion.CurrentAsync(store.Database);
        Assert.True(before > 0, "the seed import is a write");
        await store.Database.InTransactionAsync((c, t) => c.ExecuteAsync("UPDATE units SET note = note WHERE name = '渝中区'", transaction: t));
        Assert.Equal(before + 1, await DataVersion.CurrentAsync(store.Database));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Database.InTransactionAsync<int>(async (c, t) =>
        {
            await c.ExecuteAsync("UPDATE units SET note = 'x' WHERE name = '渝中区'", transaction: t);
            throw new InvalidOperationException("refused midway");
        }));
        Assert.Equal(before + 1, await DataVersion.CurrentAsync(store.Database));
    }
}

/// <summary>The cache keys responses by audience: what a signed-in user may see never reaches anyone else.</summary>
[Collection(SecuredCollection.Name)]
public class ReadCacheAudienceTests(SecuredApps apps)
{
    private static IEnumerable<long> Years(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().Select(e => e.GetProperty("year").GetInt64());

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ADraftSeenBySignedInUsers_IsNeverServedToAnonymousVisitors(string engine)
    {
        var app = await apps.Get(engine);
        using var admin = app.As(People.Admin);
        using var viewer = app.As(People.Viewer);
        using var wanzhou = app.As(People.Wanzhou);
        using var anonymous = app.As(null);

        await HttpAssert.Json(await admin.PostAsJsonAsync("/api/layouts", new { year = 2041, title = "缓存测试草稿", copyFrom = 2023 }), HttpStatusCode.Created);
        try
        {
            // Each order of first reader: a signed-in reader first, then anonymous, then signed-in again.
            for (var round = 0; round < 2; round++)
            {
                var seenByViewer = await viewer.GetAsync("/api/layouts");
                Assert.Contains(2041L, Years(await seenByViewer.Content.ReadAsStringAsync()));
                Assert.Equal("no-store", seenByViewer.Headers.CacheControl?.ToString()); // SecurityHeaders: nothing of a signed-in user is stored
                var seenByAnonymous = await anonymous.GetAsync("/api/layouts");
                Assert.DoesNotContain(2041L, Years(await seenByAnonymous.Content.ReadAsStringAsync()));
                Assert.Equal("public, no-cache", seenByAnonymous.Headers.CacheControl?.ToString());
                Assert.NotEqual(seenByViewer.Headers.ETag?.ToString(), seenByAnonymous.Headers.ETag?.ToString());
                Assert.Contains(2041L, Years(await wanzhou.GetStringAsync("/api/layouts")));
                Assert.Contains(2041L, Years(await admin.GetStringAsync("/api/layouts")));
            }
            // The viewer's tag does not make anonymous visitors skip their own response.
            var viewerTag = (await viewer.GetAsync("/api/layouts")).Headers.ETag!.ToString();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/layouts");
            request.Headers.TryAddWithoutValidation("If-None-Match", viewerTag);
            var response = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(2041L, Years(await response.Content.ReadAsStringAsync()));
        }
        finally
        {
            await app.Store.Database.InTransactionAsync(async (c, t) =>
            {
                await c.ExecuteAsync("DELETE FROM layout_designations WHERE edition_id = (SELECT id FROM layout_editions WHERE year = 2041)", transaction: t);
                return await c.ExecuteAsync("DELETE FROM layout_editions WHERE year = 2041", transaction: t);
            });
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task WhenAnonymousReadIsOff_TheCacheDoesNotAnswerAnonymousVisitors(string engine)
    {
        await using var app = await SecuredApp.CreateAsync(engine, new Dictionary<string, string> { ["INDUSTRYMAP_ANONYMOUS_READ"] = "false" });
        using var viewer = app.As(People.Viewer);
        using var anonymous = app.As(null);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/layouts/2023")).StatusCode); // cached for viewers now
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/layouts/2023")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task BrotliIsServedFromTheCache_AndDecodesToThePlainBody(string engine)
    {
        var app = await apps.Get(engine);
        using var plainClient = app.As(null);
        var plain = await plainClient.GetStringAsync("/api/layouts/2023");
        using var brClient = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/layouts/2023");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        var response = await brClient.SendAsync(request);
        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        await using var brotli = new System.IO.Compression.BrotliStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(brotli);
        Assert.Equal(plain, await reader.ReadToEndAsync());
    }
}
