namespace IndustryMap.Provenance;

/// <summary>The provenance columns every fact table carries, as read by Dapper (snake_case → PascalCase).</summary>
public abstract class ProvenanceRow
{
    public string? SrcDocument { get; set; }
    public long? SrcFrom { get; set; }
    public long? SrcTo { get; set; }
    public string? SrcUrl { get; set; }
    public string? EnteredBy { get; set; }
    public string? EnteredAt { get; set; }

    public Source ToSource() => new(SrcDocument, (int?)SrcFrom, (int?)SrcTo, SrcUrl, EnteredBy, EnteredAt);

    public const string Columns = "src_document, src_from, src_to, src_url, entered_by, entered_at";
}
