using System.Globalization;
using IndustryMap.Layout;
using IndustryMap.Provenance;

namespace IndustryMap.Placement;

/// <summary>The document clauses placement rules implement. A test checks each one's lines still contain its words.</summary>
public static class PlacementClauses
{
    /// <summary>seed 000 说明: 市外招引项目和市内转移项目按照“对口”“首谈”原则引导布局，市级有关政府资源…聚焦各区县主导产业及特色产业方向.</summary>
    public static readonly Source DuikouShoutan = new("000", 27, 27);

    /// <summary>seed 001 §六(三): 加强招商统筹，引导新招引项目优先落户“对口”“首谈”地区（市招商投资局牵头）.</summary>
    public static readonly Source CityCoordination = new("001", 561, 565);

    /// <summary>seed 001 §三(一): 市外新引进智能网联新能源汽车零部件企业原则上在渝西地区布局.</summary>
    public static readonly Source YuxiAutoParts = new("001", 110, 112);

    /// <summary>seed 000 说明: 未列入产业地图的新增项目按照“非禁即入”原则办理; projects must meet 《产业结构调整指导目录》 and national policy.</summary>
    public static readonly Source NonProhibited = new("000", 29, 29);

    /// <summary>seed 001 §四: 支持渝西地区各区按照“非禁即入”原则，利用自身资源发展其他产业.</summary>
    public static readonly Source YuxiNonProhibited = new("001", 281, 283);

    /// <summary>seed 001 §六(三): 确保渝西地区各区每年均有 50 亿元及以上新招商项目落地开工.</summary>
    public static readonly Source YuxiFloor = new("001", 544, 546);

    /// <summary>The words each clause must contain (checked against the seed text by a test).</summary>
    public static readonly IReadOnlyList<(Source Clause, string Words)> Checks =
    [
        (DuikouShoutan, "市外招引项目和市内转移项目按照“对口”“首谈”原则引导布局"),
        (CityCoordination, "加强招商统筹，引导新招引项目优先落户“对口”“首谈”地区"),
        (YuxiAutoParts, "市外新引进智能网联新能源汽车零部件企业原则上在渝西地区布局"),
        (NonProhibited, "未列入《重庆市先进制造业发展产业地图（2023年）》的新增项目按照“非禁即入”原则办理"),
        (NonProhibited, "《产业结构调整指导目录》"),
        (YuxiNonProhibited, "“非禁即入”原则，利用自身资源发展其他产业"),
        (YuxiFloor, "每年均有50亿元及以上新招商项目落地开工"),
    ];

    /// <summary>seed 001 L544-546: the yearly floor of newly attracted investment that starts construction, per 渝西 district.</summary>
    public const decimal YuxiFloorYi = 50m;
}

/// <summary>
/// Placement rules as small pure functions (CONTRIBUTING: policy rules cite their clause and are tested without a
/// database). <see cref="PlacementEngine"/> combines them; each returns the reasons it gives, with the clause.
/// </summary>
public static partial class PlacementRules
{
    public const string DuikouRule = "duikou";
    public const string YuxiAutoPartsRule = "yuxi_auto_parts";
    public const string FirstContactRule = "first_contact";
    public const string NonProhibitedRule = "non_prohibited";
    public const string RestrictedRule = "restricted_catalogue";
    public const string UnitPlanRule = "unit_plan";
    public const string ParkRule = "park";
    public const string YuxiFloorRule = "yuxi_floor";
    public const string LayoutNotRecordedRule = "layout_not_recorded";
    public const string NoMatchRule = "no_match";
    public const string NegationRule = "negation";
    public const string AncillaryContextRule = "ancillary_context";
    public const string LandRule = "land";
    public const string ApprovalRule = "approval_level";
    public const string EnglishRule = "english_glossary";

    public static string RuleName(string rule) => rule switch
    {
        DuikouRule => "对口",
        YuxiAutoPartsRule => "渝西汽车零部件布局",
        FirstContactRule => "首谈",
        NonProhibitedRule => "非禁即入",
        RestrictedRule => "产业结构调整指导目录",
        UnitPlanRule => "区县规划",
        ParkRule => "园区",
        YuxiFloorRule => "渝西开工底线",
        LayoutNotRecordedRule => "布局未记录",
        NoMatchRule => "未识别产业",
        NegationRule => "否定内容",
        AncillaryContextRule => "配套与购置",
        LandRule => "用地规模",
        ApprovalRule => "核准层级",
        EnglishRule => "英文词表",
        PlacementEvidence.DesignationDetailRule => "细目产品对口",
        PlacementEvidence.RegistryRule => "同类企业",
        PlacementEvidence.ParkFitRule => "园区匹配",
        PlacementEvidence.YuxiFloorGapRule => "渝西开工底线差距",
        PlacementEvidence.UnitTargetRule => "区县产业目标",
        IndustryMap.Chains.ChainPlacementRules.ChainGapFillRule => "补链",
        IndustryMap.Chains.ChainPlacementRules.ChainOutsideSupplierRule => "链上配套企业",
        PlacementEvidence.UnitPlanFitRule => "区县自身规划",
        _ => rule,
    };

    public static string RuleNameEn(string rule) => rule switch
    {
        DuikouRule => "matching industry (对口)",
        YuxiAutoPartsRule => "渝西 auto parts",
        FirstContactRule => "first contact (首谈)",
        NonProhibitedRule => "not prohibited, admitted (非禁即入)",
        RestrictedRule => "industrial structure adjustment catalogue",
        UnitPlanRule => "the unit's own plan",
        ParkRule => "park",
        YuxiFloorRule => "渝西 start-up floor",
        LayoutNotRecordedRule => "layout not recorded",
        NoMatchRule => "no industry recognised",
        NegationRule => "negated words",
        AncillaryContextRule => "ancillary facilities and inputs",
        LandRule => "land",
        ApprovalRule => "approval level",
        EnglishRule => "English glossary",
        PlacementEvidence.DesignationDetailRule => "product in the designation's detail",
        PlacementEvidence.RegistryRule => "enterprises of the same kind",
        PlacementEvidence.ParkFitRule => "park fit",
        PlacementEvidence.YuxiFloorGapRule => "gap to the 渝西 floor",
        PlacementEvidence.UnitTargetRule => "the unit's industry target",
        PlacementEvidence.UnitPlanFitRule => "the unit's own plan",
        IndustryMap.Chains.ChainPlacementRules.ChainGapFillRule => "fills a chain gap (补链)",
        IndustryMap.Chains.ChainPlacementRules.ChainOutsideSupplierRule => "chain supplier outside",
        _ => rule,
    };

    /// <summary>The English word of a designation role.</summary>
    public static string RoleEn(string role) => role == LayoutRoles.Dominant ? "dominant" : "characteristic";

    public static PlacementReason LayoutNotRecorded(string unit, int edition) => new(LayoutNotRecordedRule,
        $"尚未记录{unit}的产业布局（{edition}年版）：无法按“对口”原则判断（未知，不计为不对口）", PlacementClauses.DuikouShoutan)
    {
        TextEn = $"the {edition} layout of {unit} is not recorded: 对口 cannot be judged (unknown, not counted as not matching)",
    };

    // ---- 对口 -------------------------------------------------------------------------------------------------

    /// <summary>
    /// How well one designation fits a classified industry, by role and relation. seed 000 L27: 对口 means the unit's
    /// designated (dominant or characteristic) industries match; dominant before characteristic, the exact sub-industry
    /// before another sub-industry of the same cluster.
    /// </summary>
    public const double DominantExact = 1.0;
    public const double CharacteristicExact = 0.7;
    public const double ContainsFactor = 0.95;
    public const double DominantSameCluster = 0.4;
    public const double CharacteristicSameCluster = 0.28;

    /// <summary>
    /// How a designation relates to a classified industry. <see cref="Covers"/>: a whole-cluster designation (两江新区's
    /// 智能网联新能源汽车) and one of the cluster's sub-industries — 对口, but it does not say which sub-industry.
    /// </summary>
    public enum Relation { None = 0, SameCluster = 1, Covers = 2, Contains = 3, Exact = 4 }

    /// <summary>
    /// A whole-cluster designation counts for one of its sub-industries at this share of a designation of the
    /// sub-industry itself: a dominant cluster (0.6) is worth less than a characteristic designation of the sub-industry
    /// (0.7) — a unit that names the product's sub-industry outranks one that names only its cluster (decision 0024) —
    /// and more than a designation of another sub-industry of the cluster (0.4).
    /// </summary>
    public const double CoversFactor = 0.6;

    public sealed record DuikouMatch(UnitDesignation Designation, IndustryMatch Industry, Relation Relation, double Score);

    public sealed record DuikouResult(double Score, IReadOnlyList<DuikouMatch> Matches)
    {
        /// <summary>The unit designates the project's industry itself (not only its cluster): a 对口 unit.</summary>
        public bool IsDuikou => Matches.Any(m => m.Relation >= Relation.Covers);
    }

    public static Relation Relate(UnitDesignation designation, IndustryMatch industry)
    {
        if (industry.IsCluster)
        {
            if (designation.IsCluster && designation.Industry == industry.Name) return Relation.Exact;
            return designation.Cluster == industry.Name ? Relation.SameCluster : Relation.None;
        }
        if (designation.Industry == industry.Name) return Relation.Exact;
        // A layout may designate a whole cluster (两江新区's 智能网联新能源汽车, 云阳's 新型显示): it covers every
        // sub-industry in it, but says less than a designation of the sub-industry itself (× CoversFactor).
        if (designation.IsCluster && designation.Industry == industry.Cluster) return Relation.Covers;
        // 潼南's 汽车再制造及智能网联新能源汽车零部件 names 智能网联新能源汽车零部件 in its own words, and 江津's
        // 智能网联新能源汽车整车与零部件 nearly so.
        if (designation.Cluster == industry.Cluster && Names(designation.Industry, industry.Name)) return Relation.Contains;
        return designation.Cluster == industry.Cluster ? Relation.SameCluster : Relation.None;
    }

    /// <summary>
    /// Whether a designation's printed name names the sub-industry: one contains the other, or at least
    /// <see cref="NameShare"/> of the sub-industry's character pairs occur in the designation's name.
    /// </summary>
    public static bool Names(string designation, string industry) => NamesCache.GetOrAdd((designation, industry), static k => ComputeNames(k.Item1, k.Item2));

    // Names are few (the catalog's), and placements ask the same pairs again and again.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), bool> NamesCache = new();

    private static bool ComputeNames(string designation, string industry)
    {
        if (designation.Contains(industry, StringComparison.Ordinal) || industry.Contains(designation, StringComparison.Ordinal)) return true;
        var pairs = ChineseText.Bigrams(ChineseText.Normalize(industry)).Distinct(StringComparer.Ordinal).ToList();
        if (pairs.Count < 4) return false;
        var own = ChineseText.Normalize(designation);
        return pairs.Count(p => own.Contains(p, StringComparison.Ordinal)) >= NameShare * pairs.Count;
    }

    public const double NameShare = 0.85;

    public static double Weight(string role, Relation relation) => (role, relation) switch
    {
        (LayoutRoles.Dominant, Relation.Exact) => DominantExact,
        (_, Relation.Exact) => CharacteristicExact,
        (LayoutRoles.Dominant, Relation.Contains) => DominantExact * ContainsFactor,
        (_, Relation.Contains) => CharacteristicExact * ContainsFactor,
        (LayoutRoles.Dominant, Relation.Covers) => DominantExact * CoversFactor,
        (_, Relation.Covers) => CharacteristicExact * CoversFactor,
        (LayoutRoles.Dominant, Relation.SameCluster) => DominantSameCluster,
        (_, Relation.SameCluster) => CharacteristicSameCluster,
        _ => 0,
    };

    /// <summary>The 对口 score of one unit: its best designation against the classified industries.</summary>
    public static DuikouResult Duikou(IReadOnlyList<UnitDesignation> designations, IEnumerable<IndustryMatch> industries)
    {
        var matches = new List<DuikouMatch>();
        foreach (var industry in industries)
        {
            foreach (var designation in designations)
            {
                var relation = Relate(designation, industry);
                if (relation == Relation.None) continue;
                // A whole-cluster designation (两江新区's 智能网联新能源汽车) says less about any one project than a designation
                // of a sub-industry or a product does, also when the project is read only at the cluster level: it counts
                // at CoversFactor (decision 0024), so a unit naming the product (in a designation's detail or its own plan)
                // comes before it.
                var weight = designation.IsCluster && relation == Relation.Exact ? Weight(designation.Role, Relation.Exact) * CoversFactor : Weight(designation.Role, relation);
                matches.Add(new DuikouMatch(designation, industry, relation, Math.Round(industry.Score * weight, 4)));
            }
        }
        var ordered = matches.OrderByDescending(m => m.Score).ThenByDescending(m => m.Relation).ToList();
        return new DuikouResult(ordered.Count > 0 ? ordered[0].Score : 0, ordered);
    }

    public static IReadOnlyList<PlacementReason> DuikouReasons(string unit, DuikouResult result)
    {
        var reasons = new List<PlacementReason>();
        foreach (var match in result.Matches.Where(m => m.Score >= 0.05).DistinctBy(m => m.Designation).Take(3))
        {
            var role = LayoutRoles.Chinese(match.Designation.Role);
            var (text, textEn) = match.Relation switch
            {
                Relation.Exact or Relation.Contains or Relation.Covers => (
                    $"{unit}将“{match.Designation.Printed}”列为{role}，与项目的“{match.Industry.Name}”对口",
                    $"{unit} designates “{match.Designation.Printed}” as a {RoleEn(match.Designation.Role)} industry, matching the project's “{match.Industry.Name}” (对口)"),
                _ => (
                    $"{unit}的{role}“{match.Designation.Printed}”与项目同属“{match.Industry.Cluster}”集群（相关，非同一细分产业）",
                    $"the {RoleEn(match.Designation.Role)} industry “{match.Designation.Printed}” of {unit} is in the project's cluster “{match.Industry.Cluster}” (related, not the same sub-industry)"),
            };
            reasons.Add(CitingFact(new PlacementReason(DuikouRule, text, PlacementClauses.DuikouShoutan, match.Designation.Source) { TextEn = textEn }));
        }
        return reasons;
    }

    /// <summary>
    /// A reason whose fact comes from a public page (a public-tier designation or park) cites that page as its source
    /// (URL, title, publisher, dates), not the clause of the rule: the seed clause does not print the fact. The clause
    /// stays named by the rule.
    /// </summary>
    public static PlacementReason CitingFact(PlacementReason reason) =>
        reason.Evidence is { Document: null } fact && (fact.Public is not null || fact.Url is not null) ? reason with { Source = fact, Evidence = reason.Source } : reason;

    // ---- 渝西 auto parts --------------------------------------------------------------------------------------

    public const string VehicleCluster = "智能网联新能源汽车";

    /// <summary>An auto-parts industry: a sub-industry of the vehicle cluster whose name speaks of parts (零部件, 配件).</summary>
    public static bool IsAutoParts(IndustryMatch industry) =>
        !industry.IsCluster && industry.Cluster == VehicleCluster &&
        (industry.Name.Contains("零部件", StringComparison.Ordinal) || industry.Name.Contains("配件", StringComparison.Ordinal));

    /// <summary>
    /// How confident the classification must be for the 渝西 rule: the leading (top) industry is an auto-parts
    /// sub-industry scoring at least this much. 0.5 is an exact match of a product word of two characters (0.7 × 0.85 ≈
    /// 0.6) or better; a partial match or a word in the use context ("汽车用…", 0.3×) stays below. Tested at its edge.
    /// </summary>
    public const double YuxiConfidence = 0.5;

    /// <summary>
    /// seed 001 L110-112: 市外新引进智能网联新能源汽车零部件企业原则上在渝西地区布局. Fires for a project from outside the
    /// city whose top classification is an auto-parts sub-industry with a score of at least <see cref="YuxiConfidence"/>;
    /// a transfer within the city, an origin not stated, a negated "不涉及汽车零部件" or a weaker match does not fire it.
    /// </summary>
    public static bool YuxiAutoPartsApplies(string? origin, Classification classification) =>
        origin == Origins.OutsideCity && classification.Top is { } top && IsAutoParts(top) && top.Score >= YuxiConfidence;

    public static PlacementReason YuxiAutoPartsReason(string unit, bool isYuxi, Classification classification)
    {
        var score = classification.Top?.Score.ToString("0.00", CultureInfo.InvariantCulture);
        var threshold = YuxiConfidence.ToString("0.0", CultureInfo.InvariantCulture);
        var basis = classification.Top is { } top ? $"项目识别为“{top.Name}”（{score}，不低于 {threshold}）" : "";
        var basisEn = classification.Top is { } t ? $"the project is classified as “{t.Name}” ({score}, at least {threshold}, the leading industry)" : "";
        return isYuxi
            ? new PlacementReason(YuxiAutoPartsRule, $"市外新引进的智能网联新能源汽车零部件企业原则上在渝西地区布局，{basis}：{unit}属渝西地区，优先", PlacementClauses.YuxiAutoParts)
            {
                TextEn = $"auto-parts enterprises newly attracted from outside the city are in principle placed in 渝西; {basisEn}: {unit} is in 渝西, first",
            }
            : new PlacementReason(YuxiAutoPartsRule, $"市外新引进的智能网联新能源汽车零部件企业原则上在渝西地区布局，{basis}：{unit}不属渝西地区", PlacementClauses.YuxiAutoParts)
            {
                TextEn = $"auto-parts enterprises newly attracted from outside the city are in principle placed in 渝西; {basisEn}: {unit} is not in 渝西",
            };
    }

    /// <summary>
    /// Whether the unit is 对口 for the project (seed 000 L27): it designates a leading industry itself (not only its
    /// cluster), or the description names a product printed in one of its designations' detail (垫江's 智能制造装备
    /// （智能阀门、汽摩零部件） is 对口 for 智能阀门). Used by 首谈 and by the summary.
    /// </summary>
    public static bool IsDuikouForLeading(UnitInfo unit, IReadOnlyList<IndustryMatch> leading, DescriptionText text) =>
        Duikou(unit.Designations, leading).IsDuikou ||
        unit.Designations.Any(d => d.NormalizedDetails.Any(w => w.Length >= 2 && text.Text.Contains(w, StringComparison.Ordinal)));

    // ---- 首谈 -------------------------------------------------------------------------------------------------

    public sealed record FirstContactOutcome(bool Keeps, bool CityCoordinates, PlacementReason Reason);

    /// <summary>
    /// seed 000 L27 and seed 001 L561-565: the unit that first negotiated (首谈) keeps the project when it is a 对口 unit;
    /// when it is not, or when the 渝西 auto-parts rule points elsewhere, the city (市招商投资局) coordinates.
    /// </summary>
    public static FirstContactOutcome FirstContact(string unit, bool isDuikou, bool yuxiRuleApplies, bool unitIsYuxi, string? basis = null)
    {
        var from = basis is null ? "" : $"（{basis}）";
        var fromEn = basis is null ? "" : $" ({basis})";
        if (isDuikou && (!yuxiRuleApplies || unitIsYuxi))
        {
            return new FirstContactOutcome(true, false, new PlacementReason(FirstContactRule,
                $"{unit}为首谈单位{from}，且为对口区县：按“首谈”原则由{unit}承接", PlacementClauses.DuikouShoutan)
            {
                TextEn = $"{unit} made first contact{fromEn} and is a matching (对口) unit: under 首谈 {unit} takes the project",
            });
        }
        if (isDuikou)
        {
            return new FirstContactOutcome(false, true, new PlacementReason(FirstContactRule,
                $"{unit}为首谈单位{from}且为对口区县，但市外新引进汽车零部件企业原则上在渝西地区布局：需由市级统筹协调（市招商投资局牵头）",
                PlacementClauses.CityCoordination, PlacementClauses.YuxiAutoParts)
            {
                TextEn = $"{unit} made first contact{fromEn} and is a matching unit, but auto-parts enterprises from outside the city are in principle placed in 渝西: the city coordinates (市招商投资局)",
            });
        }
        return new FirstContactOutcome(false, true, new PlacementReason(FirstContactRule,
            $"{unit}为首谈单位{from}，但不是对口区县：需由市级统筹协调（市招商投资局牵头），引导项目落户对口区县", PlacementClauses.CityCoordination,
            PlacementClauses.DuikouShoutan)
        {
            TextEn = $"{unit} made first contact{fromEn} but is not a matching unit: the city coordinates (市招商投资局) and guides the project to a matching unit",
        });
    }

    // ---- 非禁即入 ---------------------------------------------------------------------------------------------

    /// <summary>
    /// seed 000 L29: a new project the map does not list is handled under 非禁即入. Fires when no unit designates any
    /// leading industry of the project (for a cluster-level match: no designation in that cluster), and lists the
    /// units with related industries (same cluster). Also fires when the description matched nothing.
    /// </summary>
    public static PlacementReason? NonProhibited(Classification classification, IReadOnlyList<UnitInfo> units)
    {
        if (classification.MatchesNothing)
        {
            return new PlacementReason(NonProhibitedRule,
                "未能从描述中识别出“33618”产业：无法按“对口”原则推荐区县。产业地图为引导性文件，未列入地图的新增项目按“非禁即入”原则办理，须符合国家产业政策和资源环境容量",
                PlacementClauses.NonProhibited)
            {
                TextEn = "no 33618 industry recognised in the description: no unit can be recommended by 对口. The map guides; a new project it does not list is handled under 非禁即入 and must meet national industrial policy and the environment's capacity",
            };
        }
        var leading = classification.Leading.ToList();
        bool Designated(IndustryMatch industry) => units.Any(u => u.Designations.Any(d =>
            Relate(d, industry) >= (industry.IsCluster ? Relation.SameCluster : Relation.Covers)));
        if (leading.Any(Designated)) return null;
        var relatedUnits = units
            .Select(u => (Unit: u, Designations: u.Designations.Where(d => leading.Any(i => Relate(d, i) != Relation.None)).ToList()))
            .Where(x => x.Designations.Count > 0)
            .ToList();
        var related = relatedUnits.Select(x => $"{x.Unit.Name}（{string.Join("、", x.Designations.Select(d => $"{LayoutRoles.Chinese(d.Role)}“{d.Printed}”"))}）").ToList();
        var relatedEn = relatedUnits.Select(x => $"{x.Unit.Name} ({string.Join(", ", x.Designations.Select(d => $"{RoleEn(d.Role)} “{d.Printed}”"))})").ToList();
        var names = string.Join("、", leading.Select(i => $"“{i.Name}”"));
        var text = $"产业地图未将{names}列为任何区县的主导或特色产业：按“非禁即入”原则办理，项目须符合国家产业政策和所在区县资源环境容量。" +
                   (related.Count > 0 ? $"有相关产业的区县：{string.Join("；", related)}" : "没有区县布局相关产业");
        var textEn = $"the map designates {string.Join(", ", leading.Select(i => $"“{i.Name}”"))} as no unit's dominant or characteristic industry: handled under 非禁即入; the project must meet national industrial policy and the unit's environmental capacity. " +
                     (relatedEn.Count > 0 ? $"Units with related industries: {string.Join("; ", relatedEn)}" : "No unit has a related industry");
        return new PlacementReason(NonProhibitedRule, text, PlacementClauses.NonProhibited, PlacementClauses.YuxiNonProhibited) { TextEn = textEn };
    }

    // ---- 产业结构调整指导目录 ------------------------------------------------------------------------------------

    /// <summary>
    /// seed 000 L29: projects must meet 《产业结构调整指导目录》 and other national industrial policy. A description that
    /// names a listed restricted or eliminated product gets a warning citing the list's public source; the officer checks.
    /// </summary>
    public static IReadOnlyList<PlacementReason> RestrictedProducts(string description, IReadOnlyList<RestrictedProduct> list) =>
        RestrictedProducts(DescriptionText.Parse(description), list);

    public static IReadOnlyList<PlacementReason> RestrictedProducts(DescriptionText parsed, IReadOnlyList<RestrictedProduct> list)
    {
        var text = parsed.Text;
        var warnings = new List<PlacementReason>();
        foreach (var product in list)
        {
            var keyword = product.NormalizedKeyword;
            if (keyword.Length == 0 || !text.Contains(keyword, StringComparison.Ordinal)) continue;
            if (warnings.Any(w => w.Text.Contains($"“{product.Product}”", StringComparison.Ordinal))) continue; // one warning per entry
            var eliminated = product.Category == "eliminated";
            var category = eliminated ? "淘汰类" : "限制类";
            var consequence = eliminated
                ? "淘汰类项目禁止投资，请核实项目是否属于该条目"
                : "对属于限制类的新建项目禁止投资，现有产能可在一定期限内改造升级，请核实";
            var consequenceEn = eliminated
                ? "eliminated items may not be invested in: check whether the project is this entry"
                : "new projects of a restricted item may not be invested in (existing capacity may be upgraded within a period): check";
            // The item as the catalogue numbers it (category · sector · number); where the number was not read from the
            // published text the warning says so rather than leave it out silently.
            var item = product.Item ?? category;
            var numbered = ItemNumber().IsMatch(item);
            var number = numbered ? "" : "（条目序号待核，见来源）";
            var numberEn = numbered ? "" : ", item number to be checked at the source";
            warnings.Add(new PlacementReason(RestrictedRule,
                $"描述含“{product.Keyword}”：可能涉及《{product.Catalogue}》{item}{number}“{product.Product}”。{consequence}",
                PlacementClauses.NonProhibited, product.Source)
            {
                TextEn = $"the description contains “{product.Keyword}”: it may be “{product.Product}”, {(eliminated ? "eliminated" : "restricted")} in 《{product.Catalogue}》 ({item}, {numberEn}). {consequenceEn}",
            });
        }
        return warnings;
    }

    /// <summary>An item number as the catalogue prints it within its sector ("12." or "第12条").</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(\d+\s*[.．、])|(第\s*\d+\s*条)")]
    private static partial System.Text.RegularExpressions.Regex ItemNumber();

    // ---- no match --------------------------------------------------------------------------------------------

    /// <summary>
    /// A description that matches nothing gets no ranking and is told what to add (issue 13 §3). An English description
    /// is refused plainly: the vocabulary is the plans' Chinese words.
    /// </summary>
    public static PlacementReason NoMatch(DescriptionText text) => text.IsLatin
        ? new PlacementReason(NoMatchRule,
            "描述为英文，英文词表（产业名称的英文译名）中没有与之相符的产品：无法识别，不作排名。请用中文写明产品，例如“年产5万吨磷酸铁锂正极材料”，或用词表中的英文产品名（如 power battery, lithium iron phosphate）",
            PlacementClauses.DuikouShoutan)
        {
            TextEn = "English description: no product of the English glossary (English names of the catalogue's industries and products) was found, so nothing is ranked. Describe the product in Chinese, e.g. “年产5万吨磷酸铁锂正极材料”, or with a product name of the glossary (e.g. power battery, lithium iron phosphate)",
        }
        : new PlacementReason(NoMatchRule,
            "描述未匹配到任何产业名称、别名、重点产品或关键词，不作排名。请补充：主要产品名称（如“动力电池”“中药饮片”）、所属产业或工艺；若确为产业地图以外的产品，可在产业关键词表中补充该产品词及其来源",
            PlacementClauses.DuikouShoutan)
        {
            TextEn = "the description matches no industry name, alias, key product or keyword, so nothing is ranked. Add the main product (e.g. “动力电池”, “中药饮片”), its industry or process; a product outside the map can be added to the keyword list (seed-data/reference/industry_keywords.csv) with its source",
        };

    // ---- size --------------------------------------------------------------------------------------------------

    /// <summary>
    /// The project needs more land than every matching park of the unit is planned for (planned totals, known areas
    /// only): the unit would need land outside its matching parks. Nothing when no matching park's area is known.
    /// </summary>
    public static PlacementReason? LandShortfall(UnitInfo unit, IReadOnlyList<ParkCandidate> parks, decimal? landMu)
    {
        if (landMu is not { } need || parks.Count == 0) return null;
        var known = parks.Where(p => p.PlannedAreaMu is not null).ToList();
        if (known.Count == 0 || known.Any(p => p.Land == LandSufficient)) return null;
        return new PlacementReason(LandRule,
            $"项目用地 {Decimals(need)} 亩，超过{unit.Name}相符园区的规划面积（{string.Join("、", known.Select(p => $"{p.Name} {Decimals(p.PlannedAreaMu!.Value)} 亩"))}）：需另行落实用地",
            known[0].Source)
        {
            TextEn = $"the project needs {Decimals(need)} 亩, more than the planned area of the matching parks of {unit.Name} ({string.Join(", ", known.Select(p => $"{p.Name} {Decimals(p.PlannedAreaMu!.Value)} 亩"))}): land must be found elsewhere",
        };
    }

    /// <summary>
    /// 《政府核准的投资项目目录（2016年本）》(国发〔2016〕72号) 外商投资: 《外商投资产业指导目录》限制类项目总投资（含增资）
    /// 3亿美元及以上由国务院投资主管部门核准，其中20亿美元及以上报国务院备案；3亿美元以下由省级政府核准. The amount is in
    /// 亿元 and is not converted: the note states the thresholds in 美元 for the officer to compare.
    /// </summary>
    public static readonly Provenance.Source ApprovalCatalogue = new(Url: "https://www.gov.cn/zhengce/content/2016-12/20/content_5150587.htm");

    public static IEnumerable<PlacementReason> SizeNotes(PlacementRequest request)
    {
        if (request.ForeignInvested)
        {
            yield return new PlacementReason(ApprovalRule,
                $"外商投资项目{(request.AmountYi is { } a ? $"（{Decimals(a)} 亿元）" : "")}：按《政府核准的投资项目目录（2016年本）》，属《外商投资产业指导目录》限制类的，总投资（含增资）3亿美元及以上由国务院投资主管部门核准（20亿美元及以上报国务院备案），3亿美元以下由省级政府核准；请按美元金额核对",
                ApprovalCatalogue)
            {
                TextEn = $"foreign-invested project{(request.AmountYi is { } b ? $" ({Decimals(b)} 亿元)" : "")}: under 《政府核准的投资项目目录（2016年本）》, a project in the restricted category of 《外商投资产业指导目录》 with a total investment (capital increases included) of 3亿美元 or more is approved by the State Council's investment department (20亿美元 or more filed with the State Council), below 3亿美元 by the provincial government; compare the amount in 美元",
            };
        }
    }

    // ---- the unit's own plan -----------------------------------------------------------------------------------

    /// <summary>
    /// What a crosswalk link of a unit's own 十四五 plan (a plan item linked to the project's 33618 item, the plan's words
    /// not in the description) weighs against a designation: below a characteristic industry.
    /// </summary>
    public const double UnitPlanWeight = 0.6;

    /// <summary>
    /// The unit's own plan names the project's product or sub-industry in its own words (万州's 制冷家电控制阀件,
    /// 氢氧化铝): the unit states it as a direction at the level the plan prints it. The match is worth this share of
    /// the plan item's score, whose level already weighs it (product 0.8, sub-industry 0.7, cluster 0.5): a product the
    /// plan names counts 0.64 — below a characteristic designation of its sub-industry (0.7): the unit's own wish alone
    /// does not outrank a unit whose city layout names the industry (对口, seed 000 L27); with an existing base of the
    /// same sub-industry (<see cref="PlacementEvidence.Registry"/>, up to 0.3) it does, and still stays below a dominant
    /// one (1.0, 0.95). A sub-industry counts 0.56, a cluster word 0.4. Decision 0024 chose 0.9 (0.72, above a
    /// characteristic designation); decision 0029 chose 0.8 with the registry as fit, on the tuning half of the project
    /// libraries, guarded by the invented set (whose hit@1 0.9 with the registry brought down to 64.6–68.4 %).
    /// </summary>
    public const double PlanNamesWeight = 0.8;
    public const double UnitPlanMinScore = 0.3;

    /// <summary>
    /// A plan item linked to a whole 33618 cluster says less about one of its sub-industries than a link to the
    /// sub-industry itself: the link weighs this share.
    /// </summary>
    public const double ClusterLinkFactor = 0.7;

    /// <summary>A unit without a recorded layout: its own plan stands in for it, weighed as for every unit.</summary>
    public const double UnitPlanStandInWeight = UnitPlanWeight;

    /// <summary>
    /// A unit's own manufacturing plan (万州 "231", 南岸 pillars) names what the description matched: the unit wants the
    /// industry, though the city's layout is what 对口 follows. Weighs less than a characteristic designation.
    /// </summary>
    public static (double Score, IReadOnlyList<PlacementReason> Reasons) UnitPlan(UnitInfo unit, IReadOnlyList<PlanItemMatch> items) =>
        UnitPlan(unit, items, []);

    /// <summary>
    /// The unit's own plan, by its words (a plan item's name in the description) or through its crosswalk (a plan item
    /// linked to the project's leading 33618 industry or its cluster: industry score × link weight × 0.7 for a cluster link).
    /// </summary>
    public static (double Score, IReadOnlyList<PlacementReason> Reasons) UnitPlan(UnitInfo unit, IReadOnlyList<PlanItemMatch> items, IReadOnlyList<IndustryMatch> leading)
    {
        if (unit.PlanTitle is null) return (0, []); // no plan of the unit is loaded: unknown
        var mine = items.Where(i => i.Unit == unit.Name && i.Score >= UnitPlanMinScore).OrderByDescending(i => i.Score).ToList();
        var linked = unit.PlanCrosswalk
            .SelectMany(p => leading.Where(i => !i.IsCluster ? (p.Target == i.Name || (p.TargetIsCluster && p.Target == i.Cluster)) : p.Target == i.Name)
                .Select(i => (p.PlanItem, Industry: i.Name, Score: i.Score * p.Weight * (p.TargetIsCluster && p.Target != i.Name ? ClusterLinkFactor : 1.0))))
            .Where(x => x.Score >= UnitPlanMinScore)
            .OrderByDescending(x => x.Score).ToList();
        if (mine.Count == 0 && linked.Count == 0) return (0, []);
        // The plan is the unit's own statement of its industries: where it names the project's product or sub-industry in
        // its words it counts as fit (PlanNamesWeight × the item's score); through its crosswalk only, less (UnitPlanWeight).
        // For a unit whose layout is not recorded it stands in for the layout. Coverage: a unit without a loaded plan is
        // unknown here, not "no" — nothing is taken away from it.
        var standIn = !unit.LayoutRecorded;
        var suffix = standIn ? "；该区县布局尚未记录，以其自身规划代替" : "";
        var suffixEn = standIn ? "; the unit's layout is not recorded, its own plan stands in" : "";
        var reasons = mine.DistinctBy(i => i.Item).Take(2).Select(i => new PlacementReason(UnitPlanRule,
            $"{unit.Name}《{unit.PlanTitle}》将“{i.Item}”列为发展方向（描述中的“{i.Word}”）{suffix}",
            i.Source ?? unit.PlanSource ?? PlacementClauses.DuikouShoutan, unit.PlanSource)
        {
            TextEn = $"《{unit.PlanTitle}》 of {unit.Name} names “{i.Item}” as a direction (the description's “{i.Word}”){suffixEn}",
        }).ToList();
        if (reasons.Count == 0 && linked.Count > 0)
        {
            reasons.Add(new PlacementReason(UnitPlanRule,
                $"{unit.Name}《{unit.PlanTitle}》的“{linked[0].PlanItem}”涵盖项目的“{linked[0].Industry}”（规划对照表）{suffix}",
                unit.PlanSource ?? PlacementClauses.DuikouShoutan)
            {
                TextEn = $"“{linked[0].PlanItem}” of 《{unit.PlanTitle}》 ({unit.Name}) covers the project's “{linked[0].Industry}” (the plan's crosswalk){suffixEn}",
            });
        }
        var best = Math.Max(mine.Count > 0 ? PlanNamesWeight * mine[0].Score : 0, linked.Count > 0 ? UnitPlanWeight * linked[0].Score : 0);
        return (Math.Round(best, 4), reasons);
    }

    // ---- parks ------------------------------------------------------------------------------------------------

    public const string LandSufficient = "sufficient";
    public const string LandInsufficient = "insufficient";
    public const string LandUnknown = "unknown";
    public const string LandNotRequested = "not_requested";

    /// <summary>
    /// The unit's parks whose focus industries match the project's leading industries (the same 33618 item or its
    /// cluster, or a focus word in the description), with whether the planned industrial land is known to suffice.
    /// Planned land is the park's planned total, not what is still free: the text says so.
    /// </summary>
    public static IReadOnlyList<ParkCandidate> Parks(UnitInfo unit, Classification classification, string description, decimal? landMu)
    {
        var leading = classification.Leading.ToList();
        var text = classification.Text?.Text ?? ChineseText.Normalize(description);
        var parks = new List<ParkCandidate>();
        foreach (var park in unit.Parks)
        {
            var matched = park.FocusIndustries.Where((f, i) =>
                    (park.NormalizedFocus[i] is { Length: >= 2 } w && text.Contains(w, StringComparison.Ordinal)) ||
                    park.FocusNodes.Any(n => n.Focus == f && leading.Any(i => FocusMeans(n.Industry, n.Cluster, i))))
                .ToList();
            if (matched.Count == 0) continue;
            var (land, landText, landTextEn) = Land(park, landMu);
            parks.Add(new ParkCandidate(park.Name, park.Level, park.FocusIndustries, matched, park.AreaMu, land,
                $"{park.Name}重点发展{string.Join("、", park.FocusIndustries)}，与项目相符（{string.Join("、", matched)}）；{landText}", park.Source)
            {
                TextEn = $"{park.Name} focuses on {string.Join(", ", park.FocusIndustries)}, matching the project ({string.Join(", ", matched)}); {landTextEn}",
            });
        }
        return parks.OrderBy(p => p.Land switch { LandSufficient => 0, LandNotRequested => 1, LandUnknown => 2, _ => 3 }).ToList();
    }

    /// <summary>
    /// Whether a park's focus word (read as the 33618 item <paramref name="industry"/> of <paramref name="cluster"/>)
    /// means the project's industry: the same sub-industry, or a cluster-level focus word for the project's cluster. A
    /// focus on another sub-industry of the cluster does not count, nor a sub-industry focus for a project read only at
    /// cluster level (空港工业园's 航空维修 for a brake system read as 智能装备 through 制动系统).
    /// </summary>
    public static bool FocusMeans(string industry, string cluster, IndustryMatch project) =>
        industry == project.Name || (industry == cluster && cluster == project.Cluster);

    public static (string Land, string Text, string TextEn) Land(ParkInfo park, decimal? landMu)
    {
        if (park.AreaMu is not { } area) return (LandUnknown, "规划用地面积未知", "planned area not known");
        var areaText = $"规划工业用地 {Decimals(area)} 亩{(park.AreaPrinted is null ? "" : $"（{park.AreaPrinted}）")}";
        var areaTextEn = $"planned industrial land {Decimals(area)} 亩{(park.AreaPrinted is null ? "" : $" ({park.AreaPrinted})")}";
        if (landMu is not { } need) return (LandNotRequested, $"{areaText}；项目未说明用地", $"{areaTextEn}; the project states no land");
        return area >= need
            ? (LandSufficient, $"{areaText}，不少于项目所需 {Decimals(need)} 亩（为规划总面积，不含已用地情况）",
                $"{areaTextEn}, at least the {Decimals(need)} 亩 the project needs (the planned total, not what is still free)")
            : (LandInsufficient, $"{areaText}，少于项目所需 {Decimals(need)} 亩", $"{areaTextEn}, less than the {Decimals(need)} 亩 the project needs");
    }

    private static string Decimals(decimal value) => Storage.Decimals.Normalize(value).ToString(CultureInfo.InvariantCulture);

    // ---- 渝西 floor ------------------------------------------------------------------------------------------

    /// <summary>
    /// seed 001 L544-546: each 渝西 district should start at least 50 亿元 of newly attracted projects a year. For a 渝西
    /// candidate, says where the district stands this year; information only, it does not change the ranking.
    /// </summary>
    public static PlacementReason? YuxiFloor(UnitInfo unit, int year, decimal started, decimal? amountYi)
    {
        if (!unit.IsYuxi) return null;
        var gap = PlacementClauses.YuxiFloorYi - started;
        var state = gap > 0 ? $"距 {Decimals(PlacementClauses.YuxiFloorYi)} 亿元底线尚差 {Decimals(gap)} 亿元" : $"已达到 {Decimals(PlacementClauses.YuxiFloorYi)} 亿元底线";
        var project = amountYi is { } a ? $"；本项目 {Decimals(a)} 亿元开工后可计入" : "";
        var stateEn = gap > 0 ? $"{Decimals(gap)} 亿元 short of the {Decimals(PlacementClauses.YuxiFloorYi)} 亿元 floor" : $"the {Decimals(PlacementClauses.YuxiFloorYi)} 亿元 floor is reached";
        var projectEn = amountYi is { } b ? $"; this project's {Decimals(b)} 亿元 counts once it starts" : "";
        return new PlacementReason(YuxiFloorRule, $"{unit.Name}{year}年已开工新招商项目 {Decimals(started)} 亿元，{state}{project}", PlacementClauses.YuxiFloor)
        {
            TextEn = $"{unit.Name} has started {Decimals(started)} 亿元 of newly attracted projects in {year}: {stateEn}{projectEn}",
        };
    }
}
