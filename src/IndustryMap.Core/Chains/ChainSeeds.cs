using IndustryMap.Provenance;

namespace IndustryMap.Chains;

/// <summary>The stages a chain node may have; the printed segment words (上游零部件, 中游模组组装 …) are kept beside it.</summary>
public static class ChainNodeStages
{
    public static readonly string[] All = ["material", "upstream", "midstream", "downstream", "terminal"];
}

/// <summary>Where a chain member is relative to the chain's scope: in the unit, elsewhere in Chongqing, outside the city, or not stated.</summary>
public static class ChainLocations
{
    public const string Unit = "unit";
    public const string Chongqing = "chongqing";
    public const string Outside = "outside";
    public const string Unknown = "unknown";
    public static readonly string[] All = [Unit, Chongqing, Outside, Unknown];
}

/// <summary>The chain part of the seed data set.</summary>
public sealed record ChainData(IReadOnlyList<ChainCollectionSeed> Collections, IReadOnlyList<ChainSeed> Chains, IReadOnlyList<LocalisationSeed> Localisation)
{
    public static readonly ChainData Empty = new([], [], []);
}

/// <summary>A set of chain maps a document promises (附件二: 7 maps), with how many it declares.</summary>
public sealed record ChainCollectionSeed(string Key, string DocumentId, string Title, int? Declared, string? Quality, string? Note, Source Source);

public sealed record ChainSeed(
    string Key, string? Collection, string DocumentId, string Name, string? PrintedTitle, string ScopeKind, string? Unit,
    IReadOnlyList<string> Industries, string? AdminLeader, string? EnterpriseLeader, string? EnterpriseLeaderBasis, int? LocalPrinted,
    LineRange? LocalPrintedLines, int Position, string? Quality, string? Note, Source Source,
    IReadOnlyList<ChainNodeSeed> Nodes, IReadOnlyList<ChainEdgeSeed> Edges);

public sealed record ChainNodeSeed(
    string Chain, string Key, string? Segment, string Stage, string Name, IReadOnlyList<string> Products, LineRange? ProductLines,
    IReadOnlyList<string> Catalog, int Position, string? Quality, string? Note, Source Source, IReadOnlyList<ChainMemberSeed> Members);

public sealed record ChainEdgeSeed(string Chain, string From, string To, string Basis, string? Note, Source Source);

public sealed record ChainMemberSeed(
    string Chain, string Node, string Name, string Kind, string? Location, string? LocationBasis, string? Registry, int Position,
    string? Quality, string? Note, Source Source);

/// <summary>A supplier-localisation figure (表1-1 and L154 of seed 004).</summary>
public sealed record LocalisationSeed(
    string DocumentId, string? Field, string Enterprise, string? Registry, int? Suppliers, int? LocalSuppliers, string Share,
    LineRange? TableLines, int Position, string? Quality, string? Note, Source Source);
