using IndustryMap.Provenance;

namespace IndustryMap.Import;

/// <summary>The seed-data folder parsed and checked, ready to be written in one transaction.</summary>
public sealed record SeedDataset(
    string Folder,
    string Fingerprint,
    Source Curation,
    IReadOnlyList<DocumentSeed> Documents,
    IReadOnlyList<UnitSeed> Units,
    IReadOnlyList<GroupSeed> Groups,
    IReadOnlyList<GroupMemberSeed> GroupMembers,
    IReadOnlyList<TaxonomySeed> Taxonomies,
    IReadOnlyList<IndustrySeed> Industries,
    IReadOnlyList<CrosswalkSeed> Crosswalk,
    IReadOnlyList<DesignationSeed> Designations,
    PlanData PlanData)
{
    /// <summary>The placement reference lists (keywords, restricted products); empty when the folder has none.</summary>
    public PlacementReference Placement { get; init; } = PlacementReference.Empty;

    /// <summary>The published pages of seed-data/public/sources.csv that public-tier rows cite (decision 0010).</summary>
    public IReadOnlyList<PublicSource> PublicSources { get; init; } = [];

    /// <summary>reference/industry_vocabulary.csv: printed words and the catalog nodes or product words they mean.</summary>
    public IReadOnlyList<IndustryMap.Catalog.VocabularyEntry> Vocabulary { get; init; } = [];
    /// <summary>The industry chains (issue 12); empty when no folder has chain files.</summary>
    public Chains.ChainData Chains { get; init; } = IndustryMap.Chains.ChainData.Empty;

    public IReadOnlyDictionary<string, int> Counts() => new Dictionary<string, int>
    {
        ["documents"] = Documents.Count,
        ["document_lines"] = Documents.Sum(d => d.Lines.Count),
        ["units"] = Units.Count,
        ["groups"] = Groups.Count,
        ["group_members"] = GroupMembers.Count,
        ["industries"] = Industries.Count,
        ["crosswalk"] = Crosswalk.Count,
        ["layout_designations"] = Designations.Count,
        ["public_sources"] = PublicSources.Count,
        ["industry_vocabulary"] = Vocabulary.Count,
        ["plans"] = PlanData.Plans.Count,
        ["indicators"] = PlanData.Indicators.Count,
        ["targets"] = PlanData.Targets.Count,
        ["cascades"] = PlanData.Cascades.Count,
        ["parks"] = PlanData.Parks.Count,
        ["enterprises"] = PlanData.Enterprises.Count,
        ["projects"] = PlanData.Projects.Count,
        ["project_totals"] = PlanData.ProjectTotals.Count,
        ["tasks"] = PlanData.Tasks.Count,
        ["industry_keywords"] = Placement.Keywords.Count,
        ["restricted_products"] = Placement.RestrictedProducts.Count,
        ["chains"] = Chains.Chains.Count,
        ["chain_nodes"] = Chains.Chains.Sum(c => c.Nodes.Count),
        ["chain_members"] = Chains.Chains.Sum(c => c.Nodes.Sum(n => n.Members.Count)),
    };
}

public sealed record DocumentSeed(
    string Id, string Folder, string Title, string? Issuer, string? Number, string? IssuedOn, string? Period,
    string? Kind, LineRange? TitleLines, string? Note, IReadOnlyList<string> Lines, string Sha256);

public sealed record UnitSeed(string Name, string FullName, string? Code, string Kind, IReadOnlyList<string> Aliases, int Position, string? Note, Source Source);

public sealed record GroupSeed(string Name, string Kind, string? Parent, int Position, string? Note, Source Source);

public sealed record GroupMemberSeed(string Group, string Unit, Source Source);

public sealed record TaxonomySeed(string Id, string Name, string? DocumentId, string? Note);

/// <summary>An industry item merged over every file that names it; <see cref="Sources"/> keeps each mention.</summary>
public sealed record IndustrySeed(
    string Taxonomy, string Level, string Name, string? Parent, string? ParentBasis, string? Tier, int? TierRank,
    int Position, IReadOnlyList<string> Aliases, string? Note, IReadOnlyList<IndustryMention> Sources);

public sealed record IndustryMention(Source Source, string? Note);

public sealed record CrosswalkSeed(string FromTaxonomy, string FromName, string ToTaxonomy, string ToName, string Relation, string? Note, Source Source);

public sealed record DesignationSeed(
    int Edition, string Unit, string Role, int Position, string Printed, string Industry, string? Detail,
    string? Flag, string? Note, Source Source)
{
    /// <summary>The file the row was read from, when it is not its document's layout.csv (public/layout-YYYY.csv).</summary>
    public string? File { get; init; }
}
