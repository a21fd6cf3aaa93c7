using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using IndustryMap.Storage;
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
public sealed class ReadCache(RequestDelegate next, Database database, ILogger<ReadCache> logger)
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

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || !IsCached(context.Request.Path) || context.GetEndpoint() is null)
        {
            await next(context);
            return;
        }
        var version = await CurrentVersionAsync(context.RequestAborted);
        if (version < 0)
        {
            await next(context);
            return;
        }
        var generation = GenerationFor(version);
        var key = Key(context);
        if (!generation.Entries.TryGetValue(key, out var entry))
        {
            entry = await BuildAsync(context, version, key);
            if (entry is null) return; // not cacheable: the endpoint has already answered
            if (generation.Entries.Count < MaxEntries && Interlocked.Add(ref generation.Bytes, entry.Plain.Length) <= MaxTotalBytes)
            {
                generation.Entries.TryAdd(key, entry);
            }
        }
        await ServeAsync(context, entry);
    }

    public static bool IsCached(PathString path) => Prefixes.Any(p => path.StartsWithSegments(p));

    /// <summary>Who the response is for: responses may differ by role (drafts) and unit, never by anything else of the caller.</summary>
    public static string Audience(HttpContext context) => context.User.ToActor() is { } actor
        ? actor.Role + ":" + (actor.Unit ?? "")
        : "anonymous";

    private static string Key(HttpContext context) =>
        Audience(context) + "\n" + context.Request.Path.Value + "\n" + context.Request.QueryString.Value;

    private Generation GenerationFor(long version)
    {
        var current = _current;
        if (current.Version == version) return current;
        var fresh = new Generation(version);
        // A newer version replaces the generation; an older one (a read racing a write) is served uncached-for-later.
        if (version > current.Version) Interlocked.CompareExchange(ref _current, fresh, current);
        return fresh;
    }

    // One small query per request: the only way a write by another instance or by the CLI is seen by the very next read.
    private async Task<long> CurrentVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await DataVersion.ReadAsync(connection, cancellationToken);
    }

    private async Task<Entry?> BuildAsync(HttpContext context, long version, string key)
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

    private static async Task ServeAsync(HttpContext context, Entry entry)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.ETag = entry.ETag;
        // Public data may sit in shared caches but is revalidated on every use. For a signed-in audience SecurityHeaders
        // answers "no-store" (whatever a signed-in user sees may be theirs alone); this default never reaches them.
        headers.CacheControl = Audience(context) == "anonymous" ? "public, no-cache" : "private, no-cache";
        headers.Vary = "Accept-Encoding, Cookie, Authorization";
        if (IfNoneMatch(context.Request, entry.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentLength = null;
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = entry.ContentType;
        if (entry.ContentDisposition is not null) headers.ContentDisposition = entry.ContentDisposition;
        var body = entry.Plain;
        var accepted = context.Request.Headers.AcceptEncoding.ToString();
        if (entry.Plain.Length >= 1024 && Accepts(accepted, "br"))
        {
            body = entry.Brotli ??= Compress(entry.Plain, s => new BrotliStream(s, CompressionLevel.Optimal, leaveOpen: true));
            headers.ContentEncoding = "br";
        }
        else if (entry.Plain.Length >= 1024 && Accepts(accepted, "gzip"))
        {
            body = entry.Gzip ??= Compress(entry.Plain, s => new GZipStream(s, CompressionLevel.Optimal, leaveOpen: true));
            headers.ContentEncoding = "gzip";
        }
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static bool IfNoneMatch(HttpRequest request, string etag)
    {
        foreach (var value in request.Headers.IfNoneMatch)
        {
            if (value is null) continue;
            foreach (var candidate in value.Split(',', StringSplitOptions.TrimEntries))
            {
                if (candidate == "*" || candidate == etag || "W/" + candidate == etag || candidate == etag[2..]) return true;
            }
        }
        return false;
    }

    private static bool Accepts(string acceptEncoding, string coding) =>
        acceptEncoding.Split(',', StringSplitOptions.TrimEntries).Any(part =>
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            return pieces[0].Equals(coding, StringComparison.OrdinalIgnoreCase) && !pieces.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000");
        });

    private static byte[] Compress(byte[] plain, Func<Stream, Stream> wrap)
    {
        using var output = new MemoryStream();
        using (var compressor = wrap(output)) compressor.Write(plain);
        return output.ToArray();
    }
}
