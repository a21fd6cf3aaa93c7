using Microsoft.Extensions.Primitives;

namespace IndustryMap.Web.Caching;

/// <summary>Which precompressed variant a request accepts (RFC 9110 §12.5.3): Brotli first, then gzip, else none.</summary>
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
}
