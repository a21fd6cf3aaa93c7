using IndustryMap.Provenance;

namespace IndustryMap.Chains;

/// <summary>A chain as read from the store: its nodes with their members, its edges, each fact with its source.</summary>
public sealed record Chain(
    long Id, string Key, string Name, string? PrintedTitle, string ScopeKind, string? Unit, IReadOnlyList<string> Industries,
    string? Collection, string? AdminLeader, string? EnterpriseLeader, string? EnterpriseLeaderBasis, int? LocalPrinted, Source? LocalPrintedSource,
    string? Quality, string? Note, long Version, Source Source, IReadOnlyList<ChainNode> Nodes, IReadOnlyList<ChainEdge> Edges);

public sealed record ChainNode(
    string Key, string? Segment, string Stage, string Name, IReadOnlyList<string> Products, Source? ProductSource, IReadOnlyList<string> Catalog,
    string? Quality, string? Note, Source Source, IReadOnlyList<ChainMember> Members);

public sealed record ChainEdge(string From, string To, string Basis, string? Note, Source Source);

/// <summary>A member of a node; <see cref="RegistryUnit"/> is the unit of the registry enterprise it is linked to.</summary>
public sealed record ChainMember(
    string Name, string Kind, string? Location, string? LocationBasis, string? Registry, string? RegistryUnit, string? Quality, string? Note, Source Source)
{
    public bool IsEnterprise => Kind == "enterprise";
    public bool IsLocal => IsEnterprise && Location == ChainLocations.Unit;
}

/// <summary>A collection of chain maps a document promises, with how many of them were loaded.</summary>
public sealed record ChainCollection(string Key, string Title, int? Declared, int Loaded, string? Quality, string? Note, Source Source);

/// <summary>A supplier-localisation figure as printed (表1-1, L154).</summary>
public sealed record Localisation(string? Field, string Enterprise, string? Registry, int? Suppliers, int? LocalSuppliers, string Share,
    Source? TableSource, string? Quality, string? Note, Source Source);
