using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using IndustryMap.Web.Caching;
using IndustryMap.Web.Security;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace IndustryMap.Web.Pages;

/// <summary>
/// The files under wwwroot, read and compressed once when the app starts (issue 17: echarts.min.js took 12–13 ms of
/// Brotli per request). Each file is kept as its bytes plus a Brotli and a gzip variant made at the highest quality, so
/// no request compresses anything. The site has one fingerprint, a hash of every file: the pages refer to their
/// scripts, styles and libraries under <c>/static/{fingerprint}/…</c>, which is cached for a year (immutable), and a
/// module's relative imports resolve under the same fingerprint, so a page never mixes files of two deploys. The pages
/// themselves and the plain paths stay "no-cache" with an ETag (a deploy is seen at once). See decision 0023.
/// </summary>
public sealed partial class StaticSite
{
    public const string StaticPrefix = "/static";
    private const string Immutable = "public, max-age=31536000, immutable";

    /// <summary>The smallest file worth compressing; below it the headers cost more than the bytes saved.</summary>
    private const int CompressFrom = 256;

    public sealed record Asset(string Path, string ContentType, byte[] Plain, byte[]? Brotli, byte[]? Gzip, string ETag);

    private readonly Dictionary<string, Asset> _assets;

    // Compressed variants by content hash, for the life of the process: a second app in the same process (the tests
    // start hundreds) finds them made.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<(byte[] Brotli, byte[] Gzip)>> Compressed = new();

    /// <summary>A hash of every file of the site (12 hex digits).</summary>
    public string Fingerprint { get; }

    private StaticSite(string fingerprint, Dictionary<string, Asset> assets)
    {
        Fingerprint = fingerprint;
        _assets = assets;
    }

    public IReadOnlyCollection<Asset> Assets => _assets.Values;

    /// <summary>The asset at a site path such as <c>/js/common.js</c>, or null.</summary>
    public Asset? Find(string path) => _assets.GetValueOrDefault(path);

    /// <summary>Reads and compresses every file under <paramref name="webRoot"/>.</summary>
    public static StaticSite Load(string webRoot)
    {
        var types = ContentTypes();
        var files = Directory.Exists(webRoot)
            ? Directory.EnumerateFiles(webRoot, "*", SearchOption.AllDirectories)
                .Select(file => ("/" + Path.GetRelativePath(webRoot, file).Replace('\\', '/'), File.ReadAllBytes(file)))
                .OrderBy(f => f.Item1, StringComparer.Ordinal)
                .ToList()
            : [];
        using var site = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, bytes) in files)
        {
            site.AppendData(Encoding.UTF8.GetBytes(path + "\n" + bytes.Length + "\n"));
            site.AppendData(bytes);
        }
        var fingerprint = Convert.ToHexString(site.GetHashAndReset(), 0, 6).ToLowerInvariant();

        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        var built = files.AsParallel().Select(file =>
        {
            var (path, bytes) = file;
            var type = types.TryGetContentType(path, out var t) ? t : "application/octet-stream";
            if (path.EndsWith(".html", StringComparison.Ordinal)) bytes = Encoding.UTF8.GetBytes(Fingerprinted(Encoding.UTF8.GetString(bytes), fingerprint));
            var hash = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
            var etag = "\"" + hash[..16] + "\"";
            if (bytes.Length < CompressFrom || !IsText(type)) return new Asset(path, type, bytes, null, null, etag);
            var (brotli, gzip) = Compressed.GetOrAdd(hash, _ => new Lazy<(byte[], byte[])>(() => (Brotli(bytes), Gzip(bytes)))).Value;
            return new Asset(path, type, bytes, brotli, gzip, etag);
        }).ToList();
        foreach (var asset in built) assets[asset.Path] = asset;
        return new StaticSite(fingerprint, assets);
    }

    /// <summary>The pages' references to their scripts, styles and libraries, rewritten under the site fingerprint.</summary>
    public static string Fingerprinted(string html, string fingerprint) =>
        PageReference().Replace(html, match => $"{match.Groups[1].Value}=\"{StaticPrefix}/{fingerprint}/{match.Groups[2].Value}");

    [GeneratedRegex("""\b(src|href)="/(js/|css/|lib/)""")]
    private static partial Regex PageReference();

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

    private static bool IsText(string type) =>
        type.StartsWith("text/", StringComparison.Ordinal) || type is "application/javascript" or "application/json" or "application/geo+json"
            or "image/svg+xml" or "image/x-icon";

    private static byte[] Brotli(byte[] plain)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(plain.Length));
        try
        {
            // Quality 11, window 22: the slowest and smallest; it runs once per file per start.
            if (!BrotliEncoder.TryCompress(plain, buffer, out var written, quality: 11, window: 22)) throw new InvalidOperationException("Brotli failed");
            return buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Gzip(byte[] plain)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(plain);
        return output.ToArray();
    }
}
