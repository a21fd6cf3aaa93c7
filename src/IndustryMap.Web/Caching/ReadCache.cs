using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using IndustryMap.Web.Authorization;
using Microsoft.Net.Http.Headers;

namespace IndustryMap.Web.Caching;

/// <summary>
/// Public reads served from bytes built once per data version (issue 17). The published data changes only when someone
/// writes, and every committed write advances <see cref="DataVersion"/>; so a GET under one of <see cref="Prefixes"/> is
/// answered from the bytes built for (version, audience, path and query), with an ETag that a browser revalidates
/// (304) and Brotli/gzip variants compressed once. The audience is the caller's role and unit: responses that depend on
/// who asks (drafts for signed-in users) are never served across roles. Runs after authorisation, so a caller the
/// endpoint refuses never reaches the cache.
/// </summary>
public sealed class ReadCache(VersionGate versions, ILogger<ReadCache> logger)
{
    /// <summary>The read routes whose responses are a function of the stored data, the caller's audience and the URL.</summary>
    public static readonly IReadOnlyList<PathString> Prefixes =
    [
        "/api/layouts", "/api/units", "/api/groups", "/api/clusters", "/api/taxonomies", "/api/industries", "/api/plans",
        "/api/targets", "/api/indicators", "/api/checks", "/api/parks", "/api/enterprises", "/api/projects", "/api/tasks",
        "/api/search", "/api/documents", "/api/tables", "/api/chains",
    ];

    /// <summary>Bounds so that many distinct search strings cannot grow memory without limit.</summary>
    public const int MaxEntries = 4096;
    public const long MaxEntryBytes = 8 << 20;
    public const long MaxTotalBytes = 256 << 20;

    private const string Anonymous = "anonymous";
    private static readonly object VersionItem = new();

    private sealed record Entry(string ContentType, string? ContentDisposition, byte[] Plain, string ETag)
    {
        public byte[]? Brotli;
        public byte[]? Gzip;
    }

    private sealed class Generation(long version)
    {
        public long Version { get; } = version;
        public ConcurrentDictionary<string, Entry> Entries { get; } = new(StringComparer.Ordinal);
        public long Bytes;
    }

    private volatile Generation _current = new(-1);

    /// <summary>
    /// The fast path, before routing and authentication: a GET that carries neither a cookie nor an Authorization header
    /// is anonymous, and an anonymous response already built for this version passed authorisation when it was built
    /// (only 200s are kept). Anything else goes on to the full pipeline and <see cref="InvokeAsync"/>.
    /// </summary>
    public async Task ServeBuiltAnonymousAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || !IsCached(request.Path)
            || request.Headers.ContainsKey(HeaderNames.Cookie) || request.Headers.ContainsKey(HeaderNames.Authorization))
        {
            await next(context);
            return;
        }
        var version = await versions.CurrentAsync();
        context.Items[VersionItem] = version; // read after this request arrived: the full path may use it too
        var current = _current;
        if (version >= 0 && current.Version == version && current.Entries.TryGetValue(Key(Anonymous, context), out var entry))
        {
            await ServeAsync(context, entry, Anonymous);
            return;
        }
        await next(context);
    }

    /// <summary>The full path, after authorisation: serve or build the response for this caller's audience.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || !IsCached(context.Request.Path) || context.GetEndpoint() is null)
        {
            await next(context);
            return;
        }
        var version = context.Items.TryGetValue(VersionItem, out var read) ? (long)read! : await versions.CurrentAsync();
        if (version < 0)
        {
            await next(context);
            return;
        }
        var generation = GenerationFor(version);
        var audience = Audience(context);
        var key = Key(audience, context);
        if (!generation.Entries.TryGetValue(key, out var entry))
        {
            entry = await BuildAsync(context, next, version, key);
            if (entry is null) return; // not cacheable: the endpoint has already answered
            if (generation.Entries.Count < MaxEntries && Interlocked.Add(ref generation.Bytes, entry.Plain.Length) <= MaxTotalBytes)
            {
                generation.Entries.TryAdd(key, entry);
            }
        }
        await ServeAsync(context, entry, audience);
    }

    public static bool IsCached(PathString path) => Prefixes.Any(p => path.StartsWithSegments(p));

    /// <summary>Who the response is for: responses may differ by role (drafts) and unit, never by anything else of the caller.</summary>
    public static string Audience(HttpContext context) => context.User.ToActor() is { } actor
        ? actor.Role + ":" + (actor.Unit ?? "")
        : Anonymous;

    private static string Key(string audience, HttpContext context) =>
        audience + "\n" + context.Request.Path.Value + "\n" + context.Request.QueryString.Value;

    private Generation GenerationFor(long version)
    {
        var current = _current;
        if (current.Version == version) return current;
        var fresh = new Generation(version);
        // A newer version replaces the generation; an older one (a read racing a write) is served uncached-for-later.
        if (version > current.Version) Interlocked.CompareExchange(ref _current, fresh, current);
        return fresh;
    }

    private async Task<Entry?> BuildAsync(HttpContext context, RequestDelegate next, long version, string key)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var response = context.Response;
        var cacheable = response.StatusCode == StatusCodes.Status200OK
            && !response.Headers.ContainsKey(HeaderNames.SetCookie)
            && !response.Headers.ContainsKey(HeaderNames.ContentEncoding)
            // An endpoint with its own ETag (a record's edit version, for If-Match) keeps it: not ours to replace.
            && !response.Headers.ContainsKey(HeaderNames.ETag)
            && buffer.Length <= MaxEntryBytes;
        if (!cacheable)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
            return null;
        }
        var plain = buffer.ToArray();
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 6).ToLowerInvariant();
        logger.LogDebug("read cache: built {Path} for version {Version} ({Bytes} bytes)", context.Request.Path, version, plain.Length);
        string? disposition = response.Headers.ContentDisposition.Count > 0 ? response.Headers.ContentDisposition.ToString() : null;
        return new Entry(response.ContentType ?? "application/octet-stream", disposition, plain, $"W/\"v{version}-{hash}\"");
    }

    private static async Task ServeAsync(HttpContext context, Entry entry, string audience)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.ETag = entry.ETag;
        // Public data may sit in shared caches but is revalidated on every use. For a signed-in audience SecurityHeaders
        // answers "no-store" (whatever a signed-in user sees may be theirs alone); this default never reaches them.
        headers.CacheControl = audience == Anonymous ? "public, no-cache" : "private, no-cache";
        headers.Vary = "Accept-Encoding, Cookie, Authorization";
        if (ContentCodings.IfNoneMatch(context.Request, entry.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentLength = null;
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = entry.ContentType;
        if (entry.ContentDisposition is not null) headers.ContentDisposition = entry.ContentDisposition;
        var body = entry.Plain;
        var coding = entry.Plain.Length >= 1024 ? ContentCodings.Choose(context.Request.Headers.AcceptEncoding) : null;
        if (coding == ContentCodings.Brotli)
        {
            body = entry.Brotli ??= Compress(entry.Plain, s => new BrotliStream(s, CompressionLevel.Optimal, leaveOpen: true));
        }
        else if (coding == ContentCodings.Gzip)
        {
            body = entry.Gzip ??= Compress(entry.Plain, s => new GZipStream(s, CompressionLevel.Optimal, leaveOpen: true));
        }
        if (coding is not null) headers.ContentEncoding = coding;
        response.ContentLength = body.Length;
        await response.BodyWriter.WriteAsync(body, context.RequestAborted);
    }

    private static byte[] Compress(byte[] plain, Func<Stream, Stream> wrap)
    {
        using var output = new MemoryStream();
        using (var compressor = wrap(output)) compressor.Write(plain);
        return output.ToArray();
    }
}
