using IndustryMap.Web.Caching;
using IndustryMap.Web.Security;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace IndustryMap.Web.Pages;

/// <summary>
/// The files under wwwroot, read once when the app starts with their Brotli and gzip variants, which the build made
/// (<see cref="SitePack"/>; issue 17: echarts.min.js took 12–13 ms of Brotli per request). No request compresses
/// anything. The site has one fingerprint, a hash of every file: the pages refer to their scripts, styles and libraries
/// under <c>/static/{fingerprint}/…</c>, which is cached for a year (immutable), and a module's relative imports resolve
/// under the same fingerprint, so a page never mixes files of two deploys. The pages themselves and the plain paths stay
/// "no-cache" with an ETag (a deploy is seen at once). See decisions 0023 and 0030.
/// </summary>
public sealed class StaticSite
{
    public const string StaticPrefix = SitePack.StaticPrefix;
    private const string Immutable = "public, max-age=31536000, immutable";

    public sealed record Asset(string Path, string ContentType, byte[] Plain, byte[]? Brotli, byte[]? Gzip, string ETag);

    private readonly Dictionary<string, Asset> _assets;

    // Variants compressed at start, by content hash, for the life of the process: a second app in the same process
    // (the tests start hundreds on folders of their own) finds them made.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<(byte[] Brotli, byte[] Gzip)>> Compressed = new();

    /// <summary>A hash of every file of the site (12 hex digits).</summary>
    public string Fingerprint { get; }

    /// <summary>The paths of the compressible files whose variants were not in the build's pack and were made at start.</summary>
    public IReadOnlyList<string> CompressedAtStart { get; }

    private StaticSite(string fingerprint, Dictionary<string, Asset> assets, IReadOnlyList<string> compressedAtStart)
    {
        Fingerprint = fingerprint;
        _assets = assets;
        CompressedAtStart = compressedAtStart;
    }

    public IReadOnlyCollection<Asset> Assets => _assets.Values;

    /// <summary>The asset at a site path such as <c>/js/common.js</c>, or null.</summary>
    public Asset? Find(string path) => _assets.GetValueOrDefault(path);

    /// <summary>
    /// Reads every file under <paramref name="webRoot"/> and takes each compressible file's variants from
    /// <paramref name="packFolder"/> (the build's <c>site-pack</c>); a file the pack lacks is compressed now.
    /// </summary>
    public static StaticSite Load(string webRoot, string? packFolder = null)
    {
        var types = ContentTypes();
        var site = SitePack.Read(webRoot);
        var built = site.Files.AsParallel().Select(file =>
        {
            var type = types.TryGetContentType(file.Path, out var t) ? t : "application/octet-stream";
            var etag = "\"" + file.Hash[..16] + "\"";
            if (!file.Compressible) return (Asset: new Asset(file.Path, type, file.Bytes, null, null, etag), AtStart: false);
            var packed = packFolder is null ? null : SitePack.ReadVariants(packFolder, file);
            var (brotli, gzip) = packed ?? Compressed.GetOrAdd(file.Hash, _ => new Lazy<(byte[], byte[])>(() => SitePack.Compress(file.Bytes))).Value;
            return (Asset: new Asset(file.Path, type, file.Bytes, brotli, gzip, etag), AtStart: packed is null);
        }).ToList();
        var assets = built.ToDictionary(b => b.Asset.Path, b => b.Asset, StringComparer.Ordinal);
        var atStart = built.Where(b => b.AtStart).Select(b => b.Asset.Path).Order(StringComparer.Ordinal).ToList();
        return new StaticSite(site.Fingerprint, assets, atStart);
    }

    /// <summary>
    /// Serves GET and HEAD for the site's files: <c>/static/{fingerprint}/path</c> (immutable when the fingerprint is
    /// this deploy's; a page of an older deploy still gets the current file, revalidated), and the plain paths, with
    /// <c>index.html</c> for a directory. Anything else goes on.
    /// </summary>
    public async Task ServeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            await next(context);
            return;
        }
        var path = request.Path.Value ?? "/";
        string cacheControl;
        if (request.Path.StartsWithSegments(StaticPrefix, out var rest) && rest.Value is { Length: > 1 } tail && tail.IndexOf('/', 1) is var slash and > 1)
        {
            cacheControl = tail[1..slash] == Fingerprint ? Immutable : "no-cache";
            path = tail[slash..];
        }
        else
        {
            cacheControl = request.Path.StartsWithSegments("/lib") ? "public, max-age=86400" : "no-cache";
        }
        if (path.EndsWith('/')) path += "index.html";
        if (Find(path) is not { } asset)
        {
            await next(context);
            return;
        }
        var response = context.Response;
        var headers = response.Headers;
        // The same bytes for every caller: SecurityHeaders need not forbid caching for a signed-in one.
        context.Items[SecurityHeaders.SameForEveryCaller] = true;
        headers.CacheControl = cacheControl;
        headers.ETag = asset.ETag;
        if (asset.Brotli is not null) headers.Vary = HeaderNames.AcceptEncoding;
        if (ContentCodings.IfNoneMatch(request, asset.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.ContentType = asset.ContentType;
        var body = asset.Plain;
        var coding = asset.Brotli is null ? null : ContentCodings.Choose(request.Headers.AcceptEncoding);
        if (coding == ContentCodings.Brotli) body = asset.Brotli!;
        else if (coding == ContentCodings.Gzip) body = asset.Gzip!;
        if (coding is not null) headers.ContentEncoding = coding;
        response.ContentLength = body.Length;
        if (HttpMethods.IsGet(request.Method)) await response.BodyWriter.WriteAsync(body, context.RequestAborted);
    }

    private static FileExtensionContentTypeProvider ContentTypes()
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".geojson"] = "application/geo+json";
        types.Mappings[".mjs"] = "text/javascript";
        return types;
    }
}
