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

    // The public page a row cites (tables with src_public: layout_designations, parks, enterprises), read with
    // PublicColumns/PublicJoin; empty for other tables.
    public string? SrcPublic { get; set; }
    public string? PubUrl { get; set; }
    public string? PubTitle { get; set; }
    public string? PubPublisher { get; set; }
    public string? PubPublished { get; set; }
    public string? PubRetrieved { get; set; }

    public Source ToSource() => new(SrcDocument, (int?)SrcFrom, (int?)SrcTo, SrcUrl ?? PubUrl, EnteredBy, EnteredAt,
        SrcPublic is null || PubUrl is null ? null : new PublicSource(SrcPublic, PubUrl, PubTitle ?? "", PubPublisher ?? "", PubPublished, PubRetrieved ?? ""));

    /// <summary>The tier of <see cref="ToSource"/>: seed, public or entered (decision 0010).</summary>
    public string SourceTier => ToSource().Tier;

    public const string Columns = "src_document, src_from, src_to, src_url, entered_by, entered_at";

    /// <summary>
    /// The public-page columns of a table with src_public (alias <paramref name="table"/>), joined as
    /// <paramref name="page"/> by <see cref="PublicJoin"/>: <c>SELECT …, {PublicColumns("d", "ps")} FROM x d {PublicJoin("d", "ps")}</c>.
    /// </summary>
    public static string PublicColumns(string table, string page = "ps") =>
        $"{table}.src_public, {page}.url AS pub_url, {page}.title AS pub_title, {page}.publisher AS pub_publisher, " +
        $"{page}.published AS pub_published, {page}.retrieved AS pub_retrieved";

    public static string PublicJoin(string table, string page = "ps") => $"LEFT JOIN public_sources {page} ON {page}.id = {table}.src_public";
}
