namespace IndustryMap.Intake;

/// <summary>A document's text as line-numbered lines (line 1 first), as the seed documents are stored.</summary>
public sealed record IntakeLines(IReadOnlyList<string> Lines)
{
    public static IntakeLines Of(string text) =>
        new(text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').TrimEnd('\n').Split('\n'));
}

/// <summary>The scope of a document or a target: city, region, unit, cluster, industry, park (targets.scope_kind).</summary>
public sealed record IntakeScope(string Kind, string? Name)
{
    public static readonly IntakeScope City = new("city", null);
}

/// <summary>
/// A proposed target (issue 16 §2): indicator and scope as printed, year (null when the text gives none: never
/// guessed), value and unit as printed with the normalised copy (亿元, 亩), comparator, cumulative, baseline, the
/// lines it stands on and how sure the extractor is (0–1).
/// </summary>
public sealed record TargetProposal(
    string Indicator,
    string ScopeKind,
    string? Scope,
    int? Year,
    decimal Value,
    decimal? ValueHigh,
    string? Unit,
    decimal? Normalized,
    decimal? NormalizedHigh,
    string? NormalizedUnit,
    string Comparator,
    bool Cumulative,
    int? YearFrom,
    int? BaselineYear,
    decimal? BaselineValue,
    string Printed,
    string SourceKind,
    int From,
    int To,
    decimal Confidence,
    string Period = "year");

/// <summary>A statement that names a unit's 主导/特色/支柱 (or 重点/优势) industries, mapped onto the catalog.</summary>
public sealed record DesignationProposal(
    string Role,
    string RolePrinted,
    string Printed,
    IReadOnlyList<string> Industries,
    string ScopeKind,
    string? Scope,
    int From,
    int To,
    decimal Confidence);

/// <summary>A park or project row read from a table: name, investment, land, period and stage words as printed.</summary>
public sealed record ProjectProposal(
    string Kind,
    string Name,
    decimal? Investment,
    string? InvestmentUnit,
    decimal? InvestmentYi,
    decimal? Land,
    string? LandUnit,
    decimal? LandMu,
    string? Period,
    string? Stage,
    int From,
    int To,
    decimal Confidence);

public sealed record IntakeProposals(
    IReadOnlyList<TargetProposal> Targets,
    IReadOnlyList<DesignationProposal> Designations,
    IReadOnlyList<ProjectProposal> Parks,
    IReadOnlyList<ProjectProposal> Projects);

/// <summary>
/// What the extractor knows besides the text: the planning units (names and aliases), the catalog's industry names
/// and the shared vocabulary (seed-data/reference/industry_vocabulary.csv). Never the hand-encoded target rows.
/// </summary>
public sealed record IntakeDictionary(
    IReadOnlyDictionary<string, string> Units,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Industries,
    Catalog.IndustryVocabulary? Vocabulary)
{
    public static readonly IntakeDictionary Empty = new(new Dictionary<string, string>(), [], [], null);

    /// <summary>The member units of each region (unit_group_members), for "各区每年均有…" in a regional plan.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> RegionMembers { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
