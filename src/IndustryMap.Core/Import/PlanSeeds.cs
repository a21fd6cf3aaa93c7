using IndustryMap.Measures;
using IndustryMap.Provenance;
using IndustryMap.Registries;

namespace IndustryMap.Import;

/// <summary>Plans, targets and registries read from the documents' folders (seed-data/README.md).</summary>
public sealed record PlanData(
    IReadOnlyList<PlanSeed> Plans,
    IReadOnlyList<IndicatorSeed> Indicators,
    IReadOnlyList<TargetSeed> Targets,
    IReadOnlyList<CascadeSeed> Cascades,
    IReadOnlyList<ParkSeed> Parks,
    IReadOnlyList<EnterpriseSeed> Enterprises,
    IReadOnlyList<ProjectSeed> Projects,
    IReadOnlyList<ProjectTotalSeed> ProjectTotals,
    IReadOnlyList<TaskSeed> Tasks)
{
    public static readonly PlanData Empty = new([], [], [], [], [], [], [], [], []);

    /// <summary>Equivalent measure words and unit spellings (reference/equivalences.csv).</summary>
    public IReadOnlyList<EquivalenceSeed> Equivalences { get; init; } = [];

    /// <summary>Stated counts checked against registry rows (counts.csv).</summary>
    public IReadOnlyList<CountSeed> Counts { get; init; } = [];

    /// <summary>Stated shares checked against part ÷ whole (shares.csv, migration 0021).</summary>
    public IReadOnlyList<ShareSeed> Shares { get; init; } = [];

    /// <summary>Area targets checked against the planned areas of listed parks (park_areas.csv, migration 0021).</summary>
    public IReadOnlyList<ParkAreaSeed> ParkAreas { get; init; } = [];
}

/// <summary>A target scope: kind and scope as stored on the target rows (a unit's name, an industry, a group …).</summary>
public sealed record TargetScope(string Indicator, string Kind, string? Scope);

public sealed record ShareSeed(string Plan, string Code, TargetScope Share, TargetScope Part, TargetScope Whole, int Year, string? Note, Source Source);

public sealed record ParkAreaSeed(string Plan, string Code, string Indicator, string ScopeKind, string? Scope, int Year, string RowsDocument, LineRange Rows,
    string Relation, string? Note, Source Source);

public sealed record EquivalenceSeed(string Kind, string Term, string Equivalent, string Reason, Source Source);

public sealed record CountSeed(string Plan, string Code, string Indicator, string ScopeKind, string? Scope, int? Year, string Registry, string RowsDocument,
    LineRange Rows, string? Tier, string? Note, Source Source);

public sealed record PlanSeed(string Id, string DocumentId, string Title, string? Issuer, int? PeriodStart, int? PeriodEnd, string ScopeKind, string? Scope, string? Note, Source Source);

public sealed record IndicatorSeed(string Plan, string Code, string Name, string? Unit, string? Attribute, string? Direction, bool Cumulative,
    string Aggregation, string? Category, string? GrowthOf, int Position, string? Note, Source Source);

/// <summary>A money or area amount: exactly as printed, in the printed unit, with its normalised copy.</summary>
public sealed record Amount(decimal? Value, string? Unit, Normalized? Normalized);

public sealed record TargetSeed(string Plan, string Indicator, string ScopeKind, string? Scope, string? Unit, string? Group, (string Taxonomy, string Name)? Industry,
    int? Year, string Comparator, decimal Value, decimal? ValueHigh, string? MeasureUnit, Normalized? Normalized, Normalized? NormalizedHigh, string Printed,
    int? BaselineYear, decimal? BaselineValue, string SourceKind, int Position, string? Quality, string? Note, Source Source)
{
    /// <summary>year, each_year, average or sum (migration 0015).</summary>
    public string Period { get; init; } = "year";
    public int? YearFrom { get; init; }
}

public sealed record CascadeSeed(string Plan, string Code, string WholeIndicator, string WholeScopeKind, string? WholeScope, IReadOnlyList<string> PartsIndicators,
    string PartsScopeKind, IReadOnlyList<string> Parts, int Year, string Relation, string? Note, Source Source);

public sealed record ParkSeed(string? DocumentId, string Name, string? Unit, string? Level, string? Kind, Amount Area, IReadOnlyList<string> FocusIndustries,
    int Position, string? Quality, string? Note, Source Source)
{
    /// <summary>The registry kind (Registries/ParkKinds.cs, decision 0011): recorded for public rows, read from Kind for seed rows.</summary>
    public string? CarrierKind { get; init; }
    /// <summary>The level's words as the source prints them (public rows).</summary>
    public string? LevelPrinted { get; init; }
    /// <summary>The printed focus words mapped onto the 33618 catalog: printed word and catalog industry.</summary>
    public IReadOnlyList<FocusPair> FocusCatalog { get; init; } = [];
    /// <summary>What the printed area measures (规划面积, 占地面积 …), as printed.</summary>
    public string? AreaBasis { get; init; }
    /// <summary>The page the level is read from, when it is not the row's own page.</summary>
    public PublicSource? LevelSource { get; init; }
}


public sealed record EnterpriseSeed(string? DocumentId, string Name, string? Unit, string? Category, IReadOnlyList<string> Tiers, IReadOnlyList<string> Labels,
    string? Industry, int Position, string? Quality, string? Note, Source Source)
{
    public string? Entity { get; init; }
}

public sealed record ProjectSeed(string DocumentId, string Library, string? Serial, string Name, string? Section, string? Unit, string? Park, string? Industry,
    string? StagePrinted, string? Stage, Amount Investment, Amount Output, Amount Tax, Amount Land, string? Period, string? Owner, int Position,
    string? Quality, string? Note, Source Source)
{
    public string? Entity { get; init; }
    public string? Subsection { get; init; }
    public Amount FloorArea { get; init; } = new(null, null, null);
}

public sealed record ProjectTotalSeed(string DocumentId, string Library, string Label, string? Section, Amount Investment, Amount Output, Amount Tax, Amount Land,
    string? Quality, string? Note, Source Source)
{
    public IReadOnlyList<string> Damaged { get; init; } = [];
}

public sealed record TaskSeed(string Plan, string Code, string? Section, string Title, string? TargetText, IReadOnlyList<string> Leads,
    IReadOnlyList<string> Participants, int Position, string? Note, Source Source);
