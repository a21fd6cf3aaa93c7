using System.Globalization;

namespace IndustryMap.Provenance;

/// <summary>
/// Where a fact came from: lines of a source document, another public source (URL), or a person and a time.
/// Every stored fact carries one (DEVELOPERS.md "Provenance").
/// </summary>
public sealed record Source(
    string? Document = null, int? FromLine = null, int? ToLine = null,
    string? Url = null, string? EnteredBy = null, string? EnteredAt = null)
{
    public static Source Lines(string document, LineRange range) => new(document, range.From, range.To);
    public static Source FromUrl(string url) => new(Url: url);
    public static Source Person(string who, string when) => new(EnteredBy: who, EnteredAt: when);

    public string? LinesText => FromLine is null ? null : new LineRange(FromLine.Value, ToLine ?? FromLine.Value).ToString();
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
