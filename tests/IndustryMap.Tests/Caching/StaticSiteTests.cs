using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Dapper;
using IndustryMap.Storage;
using IndustryMap.Tests.Infrastructure;
using IndustryMap.Tests.Security;
using IndustryMap.Web.Caching;
using IndustryMap.Web.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace IndustryMap.Tests.Caching;

/// <summary>
/// Issue 17: the site's files are compressed once, when the app is built (decision 0030), and the pages refer to them
/// under one fingerprint that may be cached for a year.
/// </summary>
[Collection(SecuredCollection.Name)]
public partial class StaticSiteTests(SecuredApps apps)
{
    private static string WebRoot => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    [GeneratedRegex("src=\"(/static/[0-9a-f]{12}/lib/echarts/echarts\\.min\\.js)\"")]
    private static partial Regex EchartsReference();

    private static HttpRequestMessage Get(string url, string? acceptEncoding = null, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null) request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return request;
    }

    [Fact]
    public async Task AFingerprintedAsset_IsServedPrecompressed_ImmutableAndIdenticalEachTime()
    {
        var app = await apps.Get(Engines.Sqlite);
        using var client = app.As(null);
        var site = app.Services.GetRequiredService<StaticSite>();

        var page = await client.GetStringAsync("/cluster.html");
        var url = EchartsReference().Match(page).Groups[1].Value;
        Assert.Equal($"/static/{site.Fingerprint}/lib/echarts/echarts.min.js", url);

        using var first = await client.SendAsync(Get(url, "br"));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("br", Assert.Single(first.Content.Headers.ContentEncoding));
        Assert.Equal("public, max-age=31536000, immutable", first.Headers.CacheControl?.ToString());
        var sent = await first.Content.ReadAsByteArrayAsync();
        // The bytes the build made (the file in the output's site-pack, named by the hash of what it encodes), not a
        // compression made for this request or at start; and they decode to the file on disk.
        Assert.Equal(site.Find("/lib/echarts/echarts.min.js")!.Brotli, sent);
        var plainHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(site.Find("/lib/echarts/echarts.min.js")!.Plain)).ToLowerInvariant();
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, SitePack.FolderName, plainHash + ".br")), sent);
        await using (var brotli = new BrotliStream(new MemoryStream(sent), CompressionMode.Decompress))
        using (var decoded = new MemoryStream())
        {
            await brotli.CopyToAsync(decoded);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(WebRoot, "lib", "echarts", "echarts.min.js")), decoded.ToArray());
        }
        Assert.True(sent.Length < new FileInfo(Path.Combine(WebRoot, "lib", "echarts", "echarts.min.js")).Length / 3, $"Brotli gave {sent.Length} bytes");

        using var gzip = await client.SendAsync(Get(url, "gzip"));
        Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
        Assert.Equal(site.Find("/lib/echarts/echarts.min.js")!.Gzip, await gzip.Content.ReadAsByteArrayAsync());

        using var again = await client.SendAsync(Get(url, "br", ifNoneMatch: first.Headers.ETag!.ToString()));
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task APlainPath_IsRevalidated_AndAnotherFingerprintIsNotImmutable()
    {
        var app = await apps.Get(Engines.Sqlite);
        using var client = app.As(null);
        using var plain = await client.SendAsync(Get("/js/common.js"));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(plain.Content.Headers.ContentEncoding); // no Accept-Encoding, no coding
        Assert.Equal("no-cache", plain.Headers.CacheControl?.ToString());
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(WebRoot, "js", "common.js")), await plain.Content.ReadAsByteArrayAsync());

        // A page of an older deploy still gets the current file, but not with a promise to keep it for a year.
        using var old = await client.SendAsync(Get("/static/000000000000/js/common.js"));
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal("no-cache", old.Headers.CacheControl?.ToString());

        using var missing = await client.SendAsync(Get($"/static/{app.Services.GetRequiredService<StaticSite>().Fingerprint}/js/nosuch.js"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task ASignedInUser_MayCacheTheStaticFiles_ButNotTheData()
    {
        var app = await apps.Get(Engines.Sqlite);
        using var viewer = app.As(People.Viewer);
        var site = app.Services.GetRequiredService<StaticSite>();
        using var asset = await viewer.SendAsync(Get($"/static/{site.Fingerprint}/css/app.css", "br"));
        Assert.Equal("public, max-age=31536000, immutable", asset.Headers.CacheControl?.ToString());
        using var data = await viewer.SendAsync(Get("/api/layouts/2023"));
        Assert.Equal("no-store", data.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task TheBuild_CompressedEveryFile_SoNothingIsCompressedAtStart()
    {
        var app = await apps.Get(Engines.Sqlite);
        var site = app.Services.GetRequiredService<StaticSite>();
        Assert.Empty(site.CompressedAtStart);
        var compressed = site.Assets.Where(a => a.Brotli is not null).ToList();
        Assert.Contains(compressed, a => a.Path == "/lib/echarts/echarts.min.js");
        Assert.Contains(compressed, a => a.Path == "/index.html"); // a page: its fingerprinted bytes were packed by the build
        Assert.Equal(2 * compressed.Count, Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, SitePack.FolderName)).Length);
    }

    [Fact]
    public void APackedVariant_IsUsedOnlyForTheBytesItEncodes()
    {
        var root = Directory.CreateTempSubdirectory("static-pack-").FullName;
        try
        {
            var web = Directory.CreateDirectory(Path.Combine(root, "wwwroot")).FullName;
            var pack = Path.Combine(root, SitePack.FolderName);
            Directory.CreateDirectory(Path.Combine(web, "js"));
            File.WriteAllText(Path.Combine(web, "js", "a.js"), string.Concat(Enumerable.Repeat("export const a = 1;\n", 40)));
            File.WriteAllText(Path.Combine(web, "js", "b.js"), string.Concat(Enumerable.Repeat("export const b = 2;\n", 40)));
            File.WriteAllText(Path.Combine(web, "js", "tiny.js"), "1;");
            Assert.Equal(2, SitePack.Write(web, pack)); // tiny.js is below the size worth compressing

            var packed = StaticSite.Load(web, pack);
            Assert.Empty(packed.CompressedAtStart);
            var a = packed.Find("/js/a.js")!;
            var aHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(a.Plain)).ToLowerInvariant();
            Assert.Equal(File.ReadAllBytes(Path.Combine(pack, aHash + ".br")), a.Brotli);
            Assert.Null(packed.Find("/js/tiny.js")!.Brotli);

            // A file changed after the build: its variant is made at start, never the old one served.
            File.WriteAllText(Path.Combine(web, "js", "a.js"), string.Concat(Enumerable.Repeat("export const a = 3;\n", 40)));
            // A pack file with the right name and the wrong bytes is not served either.
            var b = packed.Find("/js/b.js")!;
            var bHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(b.Plain)).ToLowerInvariant();
            File.WriteAllBytes(Path.Combine(pack, bHash + ".gz"), SitePack.Compress(a.Plain).Gzip);
            var rebuilt = StaticSite.Load(web, pack);
            Assert.Equal(["/js/a.js", "/js/b.js"], rebuilt.CompressedAtStart);
            using var gzip = new GZipStream(new MemoryStream(rebuilt.Find("/js/b.js")!.Gzip!), CompressionMode.Decompress);
            using var decoded = new MemoryStream();
            gzip.CopyTo(decoded);
            Assert.Equal(b.Plain, decoded.ToArray());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void TheFingerprint_ChangesWithAnyFile_AndThePagesReferToIt()
    {
        var root = Directory.CreateTempSubdirectory("static-site-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "js"));
            File.WriteAllText(Path.Combine(root, "index.html"), """<link href="/css/a.css"><script src="/js/a.js"></script><a href="/unit.html">x</a>""");
            File.WriteAllText(Path.Combine(root, "js", "a.js"), "export const a = 1;");
            var before = StaticSite.Load(root);
            File.WriteAllText(Path.Combine(root, "js", "a.js"), "export const a = 2;");
            var after = StaticSite.Load(root);
            Assert.NotEqual(before.Fingerprint, after.Fingerprint);
            var html = System.Text.Encoding.UTF8.GetString(after.Find("/index.html")!.Plain);
            Assert.Equal($"""<link href="/static/{after.Fingerprint}/css/a.css"><script src="/static/{after.Fingerprint}/js/a.js"></script><a href="/unit.html">x</a>""", html);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

/// <summary>The version gate: few queries for many callers, never a version read before the caller arrived.</summary>
public class VersionGateTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EveryCaller_SeesTheWritesCommittedBeforeItAsked(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var gate = new VersionGate(store.Database);
        using var stop = new CancellationTokenSource();
        // Readers keep the gate busy, so that most calls below join a batch.
        var readers = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested) await gate.CurrentAsync();
        })).ToList();
        try
        {
            for (var i = 0; i < 40; i++)
            {
                await store.Database.InTransactionAsync((c, t) => c.ExecuteAsync("UPDATE units SET note = note WHERE name = '渝中区'", transaction: t));
                var committed = await DataVersion.CurrentAsync(store.Database);
                Assert.True(await gate.CurrentAsync() >= committed, $"write {i}: the gate answered a version older than {committed}");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task CallersArrivingTogether_ShareAQuery(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var gate = new VersionGate(store.Database);
        var expected = await DataVersion.CurrentAsync(store.Database);
        var calls = Enumerable.Range(0, 64).Select(_ => gate.CurrentAsync()).ToList();
        Assert.All(await Task.WhenAll(calls), v => Assert.Equal(expected, v));
        Assert.InRange(gate.Queries, 1, 8);
    }
}
