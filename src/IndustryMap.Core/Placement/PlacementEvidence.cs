using System.Globalization;
using IndustryMap.Provenance;

namespace IndustryMap.Placement;

/// <summary>What an evidence rule sees about one unit: the classification, the request, the context and the unit's 对口 result.</summary>
public sealed record EvidenceInput(UnitInfo Unit, Classification Classification, PlacementRequest Request, PlacementContext Context,
    PlacementRules.DuikouResult Duikou, IReadOnlyList<ParkCandidate> Parks)
{
    /// <summary>The unit's own plan's match (<see cref="PlacementRules.UnitPlan(UnitInfo, IReadOnlyList{PlanItemMatch}, IReadOnlyList{IndustryMatch})"/>).</summary>
    public double PlanScore { get; init; }
    public IReadOnlyList<PlacementReason> PlanReasons { get; init; } = [];
}

/// <summary>
/// One finding of an evidence rule for one unit: how strongly it holds (0–1; the score moves by strength × the rule's
/// weight), what it says, and where the fact is printed.
/// </summary>
public sealed record EvidenceFinding(double Strength, string Text, Source? Evidence = null)
{
    /// <summary>The same finding in English (names stay as printed).</summary>
    public string? TextEn { get; init; }
}

/// <summary>
/// A named, weighted rule that breaks ties by evidence (issue 13 §1): product-level match with a designation's detail,
/// chain fit, the unit's registries, a fitting park, the 渝西 floor gap. A rule returns null when it knows nothing
/// about the unit — unknown is unknown: it neither adds nor takes away (§2). Other features (chains) register their
/// rules in <see cref="PlacementCatalog.EvidenceRules"/>.
/// </summary>
public interface IPlacementEvidenceRule
{
    /// <summary>Stable code, as in <see cref="PlacementReason.Rule"/>.</summary>
    string Code { get; }
    /// <summary>Chinese name shown with the reason.</summary>
    string Name { get; }
    /// <summary>The most the rule moves a unit's score.</summary>
    double Weight { get; }
    /// <summary>The clause or public source the rule implements.</summary>
    Source Source { get; }
    EvidenceFinding? Evaluate(EvidenceInput input);

    /// <summary>
    /// True for evidence that counts as fit — at the designation level (a product printed in the unit's designation) or
    /// the unit's existing base (its registries): it adds to the unit's fit. Otherwise the rule only orders units of equal fit (a tie-breaker) and cannot lift a unit above a better
    /// designation match.
    /// </summary>
    bool DesignationLevel => false;
}

/// <summary>The built-in evidence rules. Each is small and pure; weights are below the gap between two 对口 levels except where said.</summary>
public static class PlacementEvidence
{
    public const string DesignationDetailRule = "designation_detail";
    public const string RegistryRule = "registry";
    public const string ParkFitRule = "park_fit";
    public const string YuxiFloorGapRule = "yuxi_floor_gap";
    public const string UnitTargetRule = "unit_target";
    public const string UnitPlanFitRule = "unit_plan_fit";

    /// <summary>
    /// What an existing base of the same sub-industry adds to a unit's fit, full at <see cref="RegistryFullAt"/> entries
    /// (proportionally below). Chosen with <see cref="PlacementRules.PlanNamesWeight"/> on the tuning half of the project
    /// libraries (decision 0029): weights 0.05–0.3, full at 3 or 5, plan weight 0.75–0.9; the setting with the best tuning
    /// fair hit@5 whose hit@1 stays ≥ 35 % and whose invented-set hit@1 does not fall below session 4's 71.2 % (the bias
    /// guard). At most 0.3, the gap between a dominant and a characteristic designation: an existing base never inverts
    /// the layout's dominant/characteristic order on its own.
    /// </summary>
    public const double RegistryWeight = 0.3;
    public const int RegistryFullAt = 5;

    /// <summary>
    /// An existing base is a concentration: five entries of a sub-industry say more in 万州's registry (159 enterprises and
    /// projects) than in 南岸's (315). The registry counts in full at <see cref="RegistryFullAt"/> entries or this share of
    /// the unit's registry, whichever is more — so a unit with more loaded data does not gain from its size alone (issue
    /// 13 §2). Chosen on the tuning half among 0, 0.03–0.08 (decision 0029): the share that most lowers the data-rich
    /// units' unwanted top-five appearances on the invented set while the tuning half still meets fair hit@5 ≥ 70 % and
    /// hit@1 ≥ 35 % (0.06 and above fall below 35 %; 0.04 and 0.05 lower them equally, 0.04 keeps more hits).
    /// </summary>
    public const double RegistryShare = 0.04;

    /// <summary>A park whose focus matches and whose land fits (<see cref="ParkFit"/>).</summary>
    public const double ParkFitWeight = 0.03;

    /// <summary>The number of entries of the same sub-industry at which a registry of <paramref name="size"/> entries counts in full.</summary>
    public static double RegistryFullFor(int size) => Math.Max(RegistryFullAt, RegistryShare * size);

    /// <summary>
    /// Product-level 对口 (seed 000 L27 对口, read at the product level): the description names a product printed in the
    /// detail of one of the unit's designations (江津 and 永川 print 智能座舱). Weight 0.12: it separates units that
    /// designate the same industry, and lifts a characteristic designation with the product above a dominant one
    /// without it only when their 对口 scores are within 0.12.
    /// </summary>
    public sealed class DesignationDetail : IPlacementEvidenceRule
    {
        public string Code => DesignationDetailRule;
        public string Name => "细目产品对口";
        public double Weight => 0.12;
        public Source Source => PlacementClauses.DuikouShoutan;
        public bool DesignationLevel => true;

        public EvidenceFinding? Evaluate(EvidenceInput input)
        {
            if (input.Classification.Text is not { } text) return null;
            foreach (var designation in input.Unit.Designations)
            {
                for (var i = 0; i < designation.NormalizedDetails.Count; i++)
                {
                    if (designation.NormalizedDetails[i] is { Length: >= 2 } word && text.Text.Contains(word, StringComparison.Ordinal))
                    {
                        return new EvidenceFinding(1.0,
                            $"{input.Unit.Name}的{Layout.LayoutRoles.Chinese(designation.Role)}“{designation.Printed}”细目列有“{designation.Details[i]}”，与项目产品一致",
                            designation.Source)
                        {
                            TextEn = $"the {PlacementRules.RoleEn(designation.Role)} industry “{designation.Printed}” of {input.Unit.Name} lists “{designation.Details[i]}” in its detail: the project's product",
                        };
                    }
                }
            }
            return null;
        }
    }

    /// <summary>
    /// Enterprises and projects of the same sub-industry already in the unit (issue 13 §1: the plans' enterprise
    /// registries, their project libraries, the pipeline): an existing base the unit has built or planned. It counts as
    /// fit (decision 0029), not only as a tie-breaker: <see cref="RegistryWeight"/> at <see cref="RegistryFullFor"/> entries
    /// or more (5, or 4 % of the unit's registry if that is more), proportionally below. Null for a unit no registry covers: unknown neither adds nor takes away (§2).
    /// </summary>
    public sealed class Registry : IPlacementEvidenceRule
    {
        public string Code => RegistryRule;
        public string Name => "同类企业";
        public double Weight => RegistryWeight;
        public Source Source => PlacementClauses.DuikouShoutan;
        public bool DesignationLevel => true;

        public EvidenceFinding? Evaluate(EvidenceInput input)
        {
            if (!input.Unit.RegistryKnown) return null;
            var leading = input.Classification.Leading.Where(i => !i.IsCluster).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
            if (leading.Count == 0) return null;
            var same = input.Unit.Registry.Where(e => e.Industries.Any(leading.Contains)).ToList();
            if (same.Count == 0) return null;
            var names = string.Join("、", same.Take(3).Select(e => e.Name));
            return new EvidenceFinding(Math.Min(1.0, same.Count / RegistryFullFor(input.Unit.Registry.Count)),
                $"{input.Unit.Name}已有同一细分产业的企业或项目 {same.Count} 个（{names}{(same.Count > 3 ? " 等" : "")}）", same[0].Source)
            {
                TextEn = $"{input.Unit.Name} already has {same.Count} enterprise(s) or project(s) of the same sub-industry ({names}{(same.Count > 3 ? " …" : "")})",
            };
        }
    }

    /// <summary>
    /// A park of the unit whose focus matches the project and whose planned land fits the project's land. Weight 0.03:
    /// focus matching counts two thirds, land known to suffice the rest; land not known adds nothing and takes nothing.
    /// </summary>
    public sealed class ParkFit : IPlacementEvidenceRule
    {
        public string Code => ParkFitRule;
        public string Name => "园区匹配";
        public double Weight => ParkFitWeight;
        public Source Source => PlacementClauses.DuikouShoutan;

        public EvidenceFinding? Evaluate(EvidenceInput input)
        {
            if (input.Parks.Count == 0) return null;
            var best = input.Parks[0];
            var strength = best.Land == PlacementRules.LandSufficient ? 1.0 : 2.0 / 3;
            return new EvidenceFinding(strength, best.Text, best.Source) { TextEn = best.TextEn };
        }
    }

    /// <summary>
    /// seed 001 L544-546: each 渝西 district should start 50 亿元 of newly attracted projects a year. A 渝西 unit that is
    /// 对口 for the project gets up to 0.02 by how far it is below the floor — only when the pipeline holds data for the
    /// year (otherwise the gap is not known).
    /// </summary>
    public sealed class YuxiFloorGap : IPlacementEvidenceRule
    {
        public string Code => YuxiFloorGapRule;
        public string Name => "渝西开工底线差距";
        public double Weight => 0.02;
        public Source Source => PlacementClauses.YuxiFloor;

        public EvidenceFinding? Evaluate(EvidenceInput input)
        {
            if (!input.Unit.IsYuxi || !input.Context.PipelineHoldsYear || input.Duikou.Score <= 0) return null;
            var started = input.Context.StartedInvestment.GetValueOrDefault((input.Unit.Name, input.Context.Year));
            var gap = PlacementClauses.YuxiFloorYi - started;
            if (gap <= 0) return null;
            return new EvidenceFinding((double)Math.Min(1m, gap / PlacementClauses.YuxiFloorYi),
                string.Create(CultureInfo.InvariantCulture,
                    $"{input.Unit.Name}{input.Context.Year}年已开工新招商项目 {Storage.Decimals.Text(started)} 亿元，距 {Storage.Decimals.Text(PlacementClauses.YuxiFloorYi)} 亿元底线尚差 {Storage.Decimals.Text(gap)} 亿元"))
            {
                TextEn = string.Create(CultureInfo.InvariantCulture,
                    $"{input.Unit.Name} has started {Storage.Decimals.Text(started)} 亿元 of newly attracted projects in {input.Context.Year}, {Storage.Decimals.Text(gap)} 亿元 short of the {Storage.Decimals.Text(PlacementClauses.YuxiFloorYi)} 亿元 floor"),
            };
        }
    }

    /// <summary>
    /// The unit's own plan sets a target for the project's industry (万州: 汽车产业产值达到 100 亿元以上): the unit has
    /// committed to growing it. Weight 0.1 for a target on the project's sub-industry or its cluster. Null when no plan
    /// of the unit is loaded (unknown).
    /// </summary>
    public sealed class UnitTarget : IPlacementEvidenceRule
    {
        public string Code => UnitTargetRule;
        public string Name => "区县产业目标";
        public double Weight => 0.1;
        public Source Source => PlacementClauses.DuikouShoutan;

        public EvidenceFinding? Evaluate(EvidenceInput input)
        {
            if (input.Unit.Targets.Count == 0) return null;
            var leading = input.Classification.Leading.ToList();
            foreach (var target in input.Unit.Targets)
            {
                if (leading.Any(i => target.Industries.Contains(i.Name) || target.Clusters.Contains(i.Cluster)))
                {
                    return new EvidenceFinding(1.0, $"{input.Unit.Name}的规划为“{target.Industry}”设定目标：{target.Printed}", target.Source)
                    {
                        TextEn = $"the plan of {input.Unit.Name} sets a target for “{target.Industry}”: {target.Printed}",
                    };
                }
            }
            return null;
        }
    }

    /// <summary>
    /// The unit's own 十四五 plan (万州 "231", 南岸 pillars) names the project's industry, by its words or through its
    /// crosswalk, but the unit's designation already fits at least as well: the plan then only breaks ties (weight 0.08
    /// × the match). Where the plan fits better it is the unit's fit (<see cref="PlacementRules.UnitPlan(UnitInfo, IReadOnlyList{PlanItemMatch}, IReadOnlyList{IndustryMatch})"/>), so this rule says nothing.
    /// </summary>
    public sealed class UnitPlanFit : IPlacementEvidenceRule
    {
        public string Code => UnitPlanFitRule;
        public string Name => "区县自身规划";
        public double Weight => 0.08;
        public Source Source => PlacementClauses.DuikouShoutan;

        public EvidenceFinding? Evaluate(EvidenceInput input)
        {
            // When the plan fits better than the layout it is the unit's fit already (PlacementEngine): not counted twice.
            if (input.PlanScore <= 0 || input.PlanScore > input.Duikou.Score || input.PlanReasons.Count == 0) return null;
            var reason = input.PlanReasons[0];
            return new EvidenceFinding(input.PlanScore / PlacementRules.UnitPlanWeight, reason.Text, reason.Source) { TextEn = reason.TextEn };
        }
    }

    public static readonly IReadOnlyList<IPlacementEvidenceRule> BuiltIn =
        [new DesignationDetail(), new UnitTarget(), new UnitPlanFit(), new Registry(), new ParkFit(), new YuxiFloorGap()];
}
