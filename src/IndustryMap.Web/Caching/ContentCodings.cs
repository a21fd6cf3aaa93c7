using Microsoft.Extensions.Primitives;

namespace IndustryMap.Web.Caching;

/// <summary>Which precompressed variant a request accepts (RFC 9110 §12.5.3), and whether its cached copy is current:
/// shared by the read cache and the static site.</summary>
public static class ContentCodings
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";

    public static string? Choose(StringValues acceptEncoding)
    {
        var header = acceptEncoding.ToString();
        if (header.Length == 0) return null;
        if (Accepts(header, Brotli)) return Brotli;
        if (Accepts(header, Gzip)) return Gzip;
        return null;
    }

    private static bool Accepts(string acceptEncoding, string coding) =>
        acceptEncoding.Split(',', StringSplitOptions.TrimEntries).Any(part =>
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            return pieces[0].Equals(coding, StringComparison.OrdinalIgnoreCase)
                && !pieces.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000");
        });

    /// <summary>
    /// If-None-Match by weak comparison (RFC 9110 §13.1.2: a GET compares tags ignoring "W/"), so the browser's copy of
    /// a weak or strong tag is recognised either way.
    /// </summary>
    public static bool IfNoneMatch(HttpRequest request, string etag)
    {
        var ours = Opaque(etag);
        foreach (var value in request.Headers.IfNoneMatch)
        {
            if (value is null) continue;
            foreach (var candidate in value.Split(',', StringSplitOptions.TrimEntries))
            {
                if (candidate == "*" || Opaque(candidate) == ours) return true;
            }
        }
        return false;
    }

    private static string Opaque(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
}
