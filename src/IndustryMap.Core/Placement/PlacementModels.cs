using IndustryMap.Provenance;

namespace IndustryMap.Placement;

public static class Origins
{
    public const string OutsideCity = "outside_city";
    public const string WithinCity = "within_city";

    /// <summary>Accepts the API values and the Chinese words officers type in a spreadsheet.</summary>
    public static string? Parse(string? text) => text?.Trim() switch
    {
        null or "" => null,
        OutsideCity or "市外" or "市外招引" or "市外引进" => OutsideCity,
        WithinCity or "市内" or "市内转移" => WithinCity,
        _ => throw new ArgumentException(text),
    };

    public static string Chinese(string? origin) => origin switch
    {
        OutsideCity => "市外招引",
        WithinCity => "市内转移",
        _ => "未说明",
    };
}

/// <summary>A project to place: the officer's description and what they know about it.</summary>
public sealed record PlacementRequest(
    string Description,
    decimal? AmountYi = null,
    decimal? LandMu = null,
    string? Origin = null,
    bool ForeignInvested = false,
    string? Investor = null,
    string? FirstContactUnit = null);

/// <summary>One reason for (or against) a candidate, or a finding about the whole placement: the rule, the words, the clause.</summary>
/// <param name="Rule">Stable code of the rule (duikou, yuxi_auto_parts, first_contact, non_prohibited, restricted_catalogue, unit_plan, park, yuxi_floor, layout_not_recorded, no_match).</param>
/// <param name="Source">The document clause the rule implements (or the public source of a list).</param>
/// <param name="Evidence">Where the fact the rule used is printed, e.g. the unit's designation in the layout.</param>
public sealed record PlacementReason(string Rule, string Text, Source Source, Source? Evidence = null)
{
    public string RuleName => PlacementRules.RuleName(Rule);
    public string RuleNameEn => PlacementRules.RuleNameEn(Rule);

    /// <summary>The same reason in English (names of units, industries and parks stay as printed); the Chinese text when a rule gives none.</summary>
    public string? TextEn { get; init; }

    /// <summary>For an evidence rule: how much it moved the unit's score (its weight × the finding's strength).</summary>
    public double? Weight { get; init; }
}

public sealed record ParkCandidate(string Name, string? Level, IReadOnlyList<string> FocusIndustries, IReadOnlyList<string> Matched,
    decimal? PlannedAreaMu, string Land, string Text, Source Source)
{
    public string? TextEn { get; init; }
}

/// <summary>
/// A ranked unit. Units with the same priority and score share a rank range (<see cref="Rank"/>–<see cref="RankTo"/>,
/// shown as 并列): their order in the list is not a ranking (issue 13 §1).
/// </summary>
public sealed record UnitCandidate(string Unit, int Rank, double Score, int Priority, bool IsYuxi, IReadOnlyList<PlacementReason> Reasons,
    IReadOnlyList<ParkCandidate> Parks)
{
    /// <summary>The last rank of the unit's tie group (= <see cref="Rank"/> when it ties with nobody).</summary>
    public int RankTo { get; init; } = Rank;

    public bool Tied => RankTo > Rank;

    /// <summary>"3" or "3–7" (并列).</summary>
    public string RankText => Tied ? $"{Rank}–{RankTo}" : Rank.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The score before evidence (对口 and the unit's own plan), and what evidence added.</summary>
    public double BaseScore { get; init; }
    public double EvidenceScore { get; init; }

    /// <summary>Whether the unit designates the project's industry itself (对口), as the summary counts it.</summary>
    public bool IsDuikou { get; init; }

    /// <summary>
    /// The signals not known for this unit (issue 13 §2), from <see cref="PlacementSignals"/>: its layout is not recorded,
    /// no plan of it is loaded, no registry covers it, no park of it is loaded. Unknown is shown as unknown: it neither adds nor takes away.
    /// </summary>
    public IReadOnlyList<string> Unknown { get; init; } = [];
}

/// <summary>The coverage-limited signals a unit can lack (<see cref="UnitCandidate.Unknown"/>); the page names them.</summary>
public static class PlacementSignals
{
    public const string Layout = "layout";
    public const string Plan = "plan";
    public const string Registry = "registry";
    public const string Parks = "parks";

    /// <summary>
    /// The rules that read a unit's own loaded data (its plan, plan targets, registries) rather than the city's layout:
    /// decision 0032 measures and tests that they move only their unit, and only for projects the data names.
    /// </summary>
    public static readonly IReadOnlyList<string> OwnDataRules =
        [PlacementRules.UnitPlanRule, PlacementEvidence.UnitPlanFitRule, PlacementEvidence.RegistryRule, PlacementEvidence.UnitTargetRule];

    /// <summary>The signal's Chinese name, as the CLI prints it (the page has its own in both languages).</summary>
    public static string Chinese(string code) => code switch
    {
        Layout => "城市布局定位",
        Plan => "区县自身规划",
        Registry => "企业和项目名录",
        Parks => "园区名录",
        _ => code,
    };

    /// <summary>What is not known about <paramref name="unit"/>, in this order.</summary>
    public static IReadOnlyList<string> UnknownFor(UnitInfo unit)
    {
        var unknown = new List<string>(3);
        if (!unit.LayoutRecorded) unknown.Add(Layout);
        if (unit.PlanTitle is null) unknown.Add(Plan);
        if (!unit.RegistryKnown) unknown.Add(Registry);
        if (unit.Parks.Count == 0) unknown.Add(Parks);
        return unknown;
    }
}

public sealed record PlacementResult(
    PlacementRequest Request,
    int? Edition,
    IReadOnlyList<IndustryMatch> Industries,
    IReadOnlyList<UnitCandidate> Candidates,
    IReadOnlyList<PlacementReason> Notes,
    IReadOnlyList<PlacementReason> Warnings,
    string Summary)
{
    public bool MatchesNothing => Industries.Count == 0;

    /// <summary>The summary in English (names as printed).</summary>
    public string? SummaryEn { get; init; }

    /// <summary>The weights that ranked the units, for the page's caption (which would otherwise repeat them and go stale).</summary>
    public PlacementWeights Weights { get; init; } = PlacementWeights.Current;
}

/// <summary>
/// The weights of the ranking as the constants that apply them hold them: a designation's 对口 levels, the unit's own
/// plan, an existing base, a fitting park (decisions 0024, 0029). The placement page states them from here.
/// </summary>
public sealed record PlacementWeights(
    double Dominant, double Characteristic, double WholeCluster, double DominantSameCluster, double CharacteristicSameCluster,
    double PlanProduct, double PlanCrosswalk, double Registry, int RegistryFullAt, double RegistryShare, double ParkFit)
{
    public static PlacementWeights Current { get; } = new(
        PlacementRules.DominantExact, PlacementRules.CharacteristicExact, Math.Round(PlacementRules.DominantExact * PlacementRules.CoversFactor, 4),
        PlacementRules.DominantSameCluster, PlacementRules.CharacteristicSameCluster,
        Math.Round(PlacementRules.PlanNamesWeight * IndustryClassifier.PlanProductLevelScore, 4), PlacementRules.UnitPlanWeight,
        PlacementEvidence.RegistryWeight, PlacementEvidence.RegistryFullAt, PlacementEvidence.RegistryShare, PlacementEvidence.ParkFitWeight);
}

/// <summary>What the store knows beyond the catalog when a project is placed: the register and the pipeline.</summary>
public sealed record PlacementContext(
    IReadOnlyDictionary<string, IReadOnlyList<FirstContactHint>> FirstContactsByInvestor,
    IReadOnlyDictionary<(string Unit, int Year), decimal> StartedInvestment,
    int Year)
{
    /// <summary>
    /// Whether the pipeline holds data for <see cref="Year"/> (at least one stage event dated in it): only then is a
    /// district's started investment a known figure and the 50 亿元 floor reason shown (issue 13 §4).
    /// </summary>
    public bool PipelineHoldsYear { get; init; }

    /// <summary>No register, no pipeline: no year is known (the year matters only with <see cref="PipelineHoldsYear"/>).</summary>
    public static readonly PlacementContext Empty = new(new Dictionary<string, IReadOnlyList<FirstContactHint>>(), new Dictionary<(string, int), decimal>(), 0);
}

/// <summary>A register entry as a placement uses it: the unit that holds first contact with an investor.</summary>
public sealed record FirstContactHint(long Seq, string Unit, string Project, string RecordedAt);

