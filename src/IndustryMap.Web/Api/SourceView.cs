using IndustryMap.Provenance;

namespace IndustryMap.Web.Api;

/// <summary>How a fact's provenance appears in the API: where to read it, and a link that returns the text.</summary>
public sealed record SourceView(string? Document, string? Lines, int? From, int? To, string? Href, string? Url, string? EnteredBy, string? EnteredAt)
{
    public static SourceView Of(Source s) => new(s.Document, s.LinesText, s.FromLine, s.ToLine ?? s.FromLine,
        s.Document is null || s.FromLine is null ? null : $"/api/documents/{s.Document}/lines/{s.LinesText}",
        s.Url, s.EnteredBy, s.EnteredAt);
}
