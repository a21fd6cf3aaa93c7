using IndustryMap.Provenance;

namespace IndustryMap.Web.Api;

/// <summary>
/// How a fact's provenance appears in the API: where to read it, and a link that returns the text. <see cref="Tier"/>
/// is seed, public or entered (decision 0010); <see cref="Public"/> names the published page of a public row.
/// </summary>
public sealed record SourceView(string? Document, string? Lines, int? From, int? To, string? Href, string? Url, string? EnteredBy, string? EnteredAt,
    string Tier, PublicSourceView? Public)
{
    public static SourceView Of(Source s) => new(s.Document, s.LinesText, s.FromLine, s.ToLine ?? s.FromLine,
        s.Document is null || s.FromLine is null ? null : $"/api/documents/{s.Document}/lines/{s.LinesText}",
        s.Url, s.EnteredBy, s.EnteredAt, s.Tier, s.Public is null ? null : PublicSourceView.Of(s.Public));
}

/// <summary>A published page as the API shows it; <see cref="Url"/> is always http(s) (checked on import and by the table).</summary>
public sealed record PublicSourceView(string Id, string Url, string Title, string Publisher, string? Published, string Retrieved)
{
    public static PublicSourceView Of(PublicSource p) => new(p.Id, p.Url, p.Title, p.Publisher, p.Published, p.Retrieved);
}
