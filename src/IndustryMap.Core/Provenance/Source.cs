using System.Globalization;

namespace IndustryMap.Provenance;

/// <summary>
/// Where a fact came from: lines of a source document, a published web page (<see cref="Public"/>, or a bare
/// <see cref="Url"/> for reference rows), or a person and a time. Every stored fact carries one.
/// </summary>
public sealed record Source(
    string? Document = null, int? FromLine = null, int? ToLine = null,
    string? Url = null, string? EnteredBy = null, string? EnteredAt = null, PublicSource? Public = null)
{
    public static Source Lines(string document, LineRange range) => new(document, range.From, range.To);
    public static Source FromUrl(string url) => new(Url: url);
    public static Source Person(string who, string when) => new(EnteredBy: who, EnteredAt: when);
    /// <summary>A fact read from a public page (seed-data/public/sources.csv); <see cref="Url"/> repeats the page's address.</summary>
    public static Source FromPublic(PublicSource page) => new(Url: page.Url, Public: page);

    public string? LinesText => FromLine is null ? null : new LineRange(FromLine.Value, ToLine ?? FromLine.Value).ToString();

    /// <summary>
    /// The provenance tier (issue 11 §1, decision 0010): <c>public</c> for a published page, <c>seed</c> for a
    /// seed document's lines, <c>public</c> for a bare URL, <c>entered</c> for a person; derived, never stored.
    /// </summary>
    public string Tier => SourceTiers.Of(this);
}

/// <summary>The three provenance tiers of designations, parks and enterprises (decision 0010).</summary>
public static class SourceTiers
{
    public const string Seed = "seed";
    public const string Public = "public";
    public const string Entered = "entered";

    public static readonly IReadOnlyList<string> All = [Seed, Public, Entered];

    public static string Of(Source s) =>
        s.Public is not null ? Public
        : s.Document is not null ? Seed
        : s.Url is not null ? Public
        : Entered;

    /// <summary>The Chinese label shown with a tier.</summary>
    public static string Chinese(string tier) => tier switch
    {
        Seed => "来自种子文件",
        Public => "来自公开资料",
        _ => "人工录入",
    };
}

/// <summary>
/// A published web page that states facts (seed-data/public/sources.csv, table public_sources): its address,
/// title, publisher, publication date (YYYY-MM-DD or YYYY-MM) and the date it was read (YYYY-MM-DD).
/// The rows citing it keep the names exactly as the page prints them; no sentences are copied.
/// </summary>
public sealed record PublicSource(string Id, string Url, string Title, string Publisher, string? Published, string Retrieved, string? Note = null)
{
    /// <summary>Only http(s) addresses are stored and linked (a javascript: or file: URL would be a hazard in a page).</summary>
    public static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) &&
        !string.IsNullOrEmpty(uri.Host);
}

/// <summary>A 1-based inclusive range of lines, written "40" or "285-289".</summary>
public readonly record struct LineRange(int From, int To)
{
    public const int MaxSpan = 2000;

    public static bool TryParse(string? text, out LineRange range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().Split(['-', '–', '—'], 2);
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)) return false;
        var to = from;
        if (parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out to)) return false;
        if (from < 1 || to < from) return false;
        range = new LineRange(from, to);
        return true;
    }

    public override string ToString() => From == To
        ? From.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{From}-{To}");
}
