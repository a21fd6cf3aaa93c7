using IndustryMap.Import;
using IndustryMap.Placement;
using IndustryMap.Provenance;
using IndustryMap.Tests.Infrastructure;
using static IndustryMap.Placement.PlacementRules;

namespace IndustryMap.Tests.Placement;

/// <summary>Each placement rule on its own, firing and not firing, without a database.</summary>
public class PlacementRulesTests
{
    private static readonly Source Layout = new("000", 39, 40);

    private static CatalogNode Node(string name, string cluster, string level = "sub_industry") => new(0, 0, name, level, cluster, null);

    private static IndustryMatch Industry(string name, string cluster, double score = 1.0, string level = "sub_industry") =>
        new(Node(name, cluster, level), score, [new MatchedWord(name, "name", null, false, score, null)]);

    private static UnitDesignation Designation(string role, string industry, string cluster, bool isCluster = false) =>
        new(role, 1, industry, cluster, isCluster, industry, Layout);

    private static UnitInfo Unit(string name, bool yuxi = false, IReadOnlyList<UnitDesignation>? designations = null, IReadOnlyList<ParkInfo>? parks = null) =>
        new(name, 1, [], yuxi ? [PlacementCatalog.YuxiGroup] : [], yuxi, designations ?? [], parks ?? [], null, null);

    private static Classification Classified(params IndustryMatch[] industries) => new(industries, []);

    // ---- 对口 -------------------------------------------------------------------------------------------------

    [Fact]
    public void Duikou_DominantBeforeCharacteristic_ExactBeforeSameCluster()
    {
        var material = Industry("新能源材料", "新能源及新型储能");
        double Score(string role, string industry, string cluster) => Duikou([Designation(role, industry, cluster)], [material]).Score;

        var dominantExact = Score("dominant", "新能源材料", "新能源及新型储能");
        var characteristicExact = Score("characteristic", "新能源材料", "新能源及新型储能");
        var dominantCluster = Score("dominant", "新型储能", "新能源及新型储能");
        var characteristicCluster = Score("characteristic", "新型储能", "新能源及新型储能");
        var unrelated = Score("dominant", "精密铜材", "先进材料");

        Assert.Equal(1.0, dominantExact);
        Assert.True(dominantExact > characteristicExact && characteristicExact > dominantCluster && dominantCluster > characteristicCluster && characteristicCluster > unrelated);
        Assert.Equal(0, unrelated);
    }

    [Fact]
    public void Duikou_IsDuikouOnlyForTheIndustryItself_NotForItsCluster()
    {
        var material = Industry("新能源材料", "新能源及新型储能");
        Assert.True(Duikou([Designation("characteristic", "新能源材料", "新能源及新型储能")], [material]).IsDuikou);
        Assert.False(Duikou([Designation("dominant", "新型储能", "新能源及新型储能")], [material]).IsDuikou);
    }

    [Fact]
    public void Duikou_ScalesWithHowSureTheClassificationIs()
    {
        var designation = Designation("dominant", "精密铜材", "先进材料");
        Assert.Equal(0.3, Duikou([designation], [Industry("精密铜材", "先进材料", 0.3)]).Score, 3);
    }

    [Fact]
    public void Relate_AWholeClusterDesignation_CoversItsSubIndustries()
    {
        var display = Designation("dominant", "新型显示", "新型显示", isCluster: true);
        Assert.Equal(Relation.Exact, Relate(display, Industry("新型显示", "新型显示", level: "cluster")));
        var tcm = Designation("dominant", "现代中药", "现代中药", isCluster: true);
        // It covers every sub-industry of the cluster, but says less than a designation of the sub-industry itself.
        Assert.Equal(Relation.Covers, Relate(tcm, Industry("中药材加工", "现代中药")));
        Assert.True(Weight("dominant", Relate(tcm, Industry("中药材加工", "现代中药"))) <
                    Weight("dominant", Relate(Designation("dominant", "中药材加工", "现代中药"), Industry("中药材加工", "现代中药"))));
        Assert.Equal(Relation.None, Relate(tcm, Industry("新能源材料", "新能源及新型储能")));
    }

    [Fact]
    public void Relate_ADesignationThatNamesTheSubIndustryInItsOwnWords_Contains()
    {
        var parts = Industry("智能网联新能源汽车零部件", "智能网联新能源汽车");
        Assert.Equal(Relation.Contains, Relate(Designation("dominant", "汽车再制造及智能网联新能源汽车零部件", "智能网联新能源汽车"), parts));
        Assert.Equal(Relation.Contains, Relate(Designation("dominant", "智能网联新能源汽车整车与零部件", "智能网联新能源汽车"), parts));
        // Special vehicles and motorcycles and their parts: the same cluster, but not the auto-parts industry itself.
        Assert.Equal(Relation.SameCluster, Relate(Designation("dominant", "智能网联新能源专用车和摩托车及其零部件", "智能网联新能源汽车"), parts));
    }

    [Fact]
    public void DuikouReasons_CiteTheClauseOfSeed000_AndTheDesignationsOwnLines()
    {
        var reasons = DuikouReasons("丰都县", Duikou([Designation("dominant", "新能源材料", "新能源及新型储能")], [Industry("新能源材料", "新能源及新型储能")]));
        var reason = Assert.Single(reasons);
        Assert.Equal(DuikouRule, reason.Rule);
        Assert.Contains("丰都县将“新能源材料”列为主导产业", reason.Text);
        Assert.Equal(("000", "27"), (reason.Source.Document, reason.Source.LinesText));
        Assert.Equal("39-40", reason.Evidence!.LinesText);
    }

    // ---- 渝西 auto parts --------------------------------------------------------------------------------------

    [Fact]
    public void YuxiAutoParts_FiresForAutoPartsFromOutsideTheCity()
    {
        var parts = Classified(Industry("智能网联新能源汽车零部件", "智能网联新能源汽车"));
        Assert.True(YuxiAutoPartsApplies(Origins.OutsideCity, parts));
        var reason = YuxiAutoPartsReason("璧山区", isYuxi: true, parts);
        Assert.Equal(("001", "110-112"), (reason.Source.Document, reason.Source.LinesText));
        Assert.Contains("属渝西地区", reason.Text);
    }

    [Theory]
    [InlineData(Origins.WithinCity, "智能网联新能源汽车零部件", "智能网联新能源汽车")]
    [InlineData(null, "智能网联新能源汽车零部件", "智能网联新能源汽车")]
    [InlineData(Origins.OutsideCity, "智能网联新能源商用车", "智能网联新能源汽车")]
    [InlineData(Origins.OutsideCity, "新能源材料", "新能源及新型储能")]
    public void YuxiAutoParts_DoesNotFire_ForTransfersWithinTheCity_UnstatedOrigins_OrOtherIndustries(string? origin, string industry, string cluster) =>
        Assert.False(YuxiAutoPartsApplies(origin, Classified(Industry(industry, cluster))));

    [Fact]
    public void YuxiAutoParts_DoesNotFire_WhenAutoPartsIsOnlyASideMatch()
    {
        var mostlyBattery = Classified(Industry("新能源材料", "新能源及新型储能", 1.0), Industry("智能网联新能源汽车零部件", "智能网联新能源汽车", 0.3));
        Assert.False(YuxiAutoPartsApplies(Origins.OutsideCity, mostlyBattery));
    }

    // ---- 首谈 -------------------------------------------------------------------------------------------------

    [Fact]
    public void FirstContact_ADuikouUnitKeepsTheProject()
    {
        var outcome = FirstContact("丰都县", isDuikou: true, yuxiRuleApplies: false, unitIsYuxi: false);
        Assert.True(outcome.Keeps);
        Assert.False(outcome.CityCoordinates);
        Assert.Contains("由丰都县承接", outcome.Reason.Text);
        Assert.Equal("000", outcome.Reason.Source.Document);
    }

    [Fact]
    public void FirstContact_ANonDuikouUnit_TheCityCoordinates()
    {
        var outcome = FirstContact("万州区", isDuikou: false, yuxiRuleApplies: false, unitIsYuxi: false);
        Assert.False(outcome.Keeps);
        Assert.True(outcome.CityCoordinates);
        Assert.Contains("需由市级统筹协调", outcome.Reason.Text);
        Assert.Equal(("001", "561-565"), (outcome.Reason.Source.Document, outcome.Reason.Source.LinesText));
    }

    [Fact]
    public void FirstContact_ADuikouUnitOutside渝西_ForOutsideAutoParts_TheCityCoordinates_WhileA渝西UnitKeepsIt()
    {
        var wulong = FirstContact("武隆区", isDuikou: true, yuxiRuleApplies: true, unitIsYuxi: false);
        Assert.False(wulong.Keeps);
        Assert.True(wulong.CityCoordinates);
        Assert.Contains("渝西地区布局", wulong.Reason.Text);
        Assert.True(FirstContact("璧山区", isDuikou: true, yuxiRuleApplies: true, unitIsYuxi: true).Keeps);
    }

    [Fact]
    public void FirstContact_NamesWhereTheFirstContactComesFrom()
    {
        Assert.Contains("据首谈登记第 3 号", FirstContact("丰都县", true, false, false, "据首谈登记第 3 号").Reason.Text);
    }

    // ---- 非禁即入 ---------------------------------------------------------------------------------------------

    [Fact]
    public void NonProhibited_FiresWhenNoUnitDesignatesTheIndustry_AndListsUnitsWithRelatedIndustries()
    {
        var units = new[]
        {
            Unit("铜梁区", designations: [Designation("dominant", "新型储能", "新能源及新型储能")]),
            Unit("万州区", designations: [Designation("dominant", "精密铜材", "先进材料")]),
        };
        var reason = NonProhibited(Classified(Industry("太阳能光伏技术产品", "新能源及新型储能")), units);
        Assert.NotNull(reason);
        Assert.Equal(NonProhibitedRule, reason.Rule);
        Assert.Contains("非禁即入", reason.Text);
        Assert.Contains("铜梁区（主导产业“新型储能”）", reason.Text);
        Assert.DoesNotContain("万州区", reason.Text);
        Assert.Equal(("000", "29"), (reason.Source.Document, reason.Source.LinesText));
    }

    [Fact]
    public void NonProhibited_DoesNotFire_WhenSomeUnitDesignatesTheIndustry()
    {
        var units = new[] { Unit("巫溪县", designations: [Designation("characteristic", "新能源材料", "新能源及新型储能")]) };
        Assert.Null(NonProhibited(Classified(Industry("新能源材料", "新能源及新型储能")), units));
    }

    [Fact]
    public void NonProhibited_ForAClusterLevelMatch_AnyDesignationInTheClusterCounts()
    {
        var units = new[] { Unit("铜梁区", designations: [Designation("dominant", "新型储能", "新能源及新型储能")]) };
        Assert.Null(NonProhibited(Classified(Industry("新能源及新型储能", "新能源及新型储能", level: "cluster")), units));
        Assert.NotNull(NonProhibited(Classified(Industry("医疗器械", "医疗器械", level: "cluster")), units));
    }

    [Fact]
    public void NonProhibited_FiresWhenTheDescriptionMatchedNothing()
    {
        var reason = NonProhibited(Classified(), []);
        Assert.Contains("未能从描述中识别出", reason!.Text);
    }

    // ---- 产业结构调整指导目录 ------------------------------------------------------------------------------------

    private static readonly RestrictedProduct Foam = new("一次性发泡塑料餐具", "一次性发泡塑料餐具", "eliminated", "产业结构调整指导目录（2024年本）", "第三类 淘汰类",
        null, Source.FromUrl("https://zfxxgk.ndrc.gov.cn/web/iteminfo.jsp?id=20305"));

    private static readonly RestrictedProduct Aluminium = new("电解铝", "电解铝（产能置换项目除外）", "restricted", "产业结构调整指导目录（2024年本）", "第二类 限制类",
        null, Source.FromUrl("https://zfxxgk.ndrc.gov.cn/web/iteminfo.jsp?id=20305"));

    [Fact]
    public void RestrictedProducts_WarnsWithTheCataloguesSource()
    {
        var warnings = RestrictedProducts("年产 2 亿只一次性发泡塑料餐具生产线", [Foam, Aluminium]);
        var warning = Assert.Single(warnings);
        Assert.Equal(RestrictedRule, warning.Rule);
        Assert.Contains("淘汰类", warning.Text);
        Assert.Contains("禁止投资", warning.Text);
        Assert.StartsWith("https://", warning.Evidence!.Url);
        Assert.Equal("000", warning.Source.Document);
        Assert.Contains("限制类", Assert.Single(RestrictedProducts("新建电解铝项目", [Foam, Aluminium])).Text);
    }

    [Fact]
    public void RestrictedProducts_SaysNothingForOtherProducts() =>
        Assert.Empty(RestrictedProducts("年产5万吨磷酸铁锂正极材料", [Foam, Aluminium]));

    // ---- the unit's own plan -------------------------------------------------------------------------------------

    [Fact]
    public void UnitPlan_FiresForTheUnitWhosePlanNamesTheItem_NotForOthers()
    {
        var wanzhou = Unit("万州区") with { PlanTitle = "重庆市万州区制造业高质量发展“十四五”规划", PlanSource = new Source("003", 64, 66) };
        var items = new[] { new PlanItemMatch("万州区", "wz231", "铜材料", "铜管", 0.8, new Source("003", 171, 171)) };
        var (score, reasons) = UnitPlan(wanzhou, items);
        // The plan names the item in its own words: it counts as fit at PlanNamesWeight × the item's score.
        Assert.Equal(PlanNamesWeight * 0.8, score, 4);
        Assert.Contains("将“铜材料”列为发展方向", Assert.Single(reasons).Text);
        Assert.Equal("171", reasons[0].Source.LinesText);
        Assert.Equal(0, UnitPlan(Unit("南岸区"), items).Score);
        Assert.Equal(0, UnitPlan(wanzhou, [items[0] with { Score = 0.2 }]).Score);
    }

    /// <summary>
    /// Decision 0029: a product the unit's own plan names (a plan product, score 0.8) stays below a characteristic
    /// designation of the sub-industry on its own; with a full existing base of the sub-industry (the registry) it comes
    /// above it, and still below a dominant designation — the registry's weight never exceeds the gap between the two.
    /// </summary>
    [Fact]
    public void OwnPlanAlone_StaysBelowACharacteristicDesignation_WithAnExistingBaseAbove_ButBelowADominantOne()
    {
        var wanzhou = Unit("万州区") with { PlanTitle = "规划" };
        var planOnly = UnitPlan(wanzhou, [new PlanItemMatch("万州区", "wz231", "铜材料", "铜管", 0.8, null)]).Score;
        var characteristic = Weight(IndustryMap.Layout.LayoutRoles.Characteristic, Relation.Exact);
        var dominant = Weight(IndustryMap.Layout.LayoutRoles.Dominant, Relation.Contains);
        Assert.True(planOnly < characteristic, $"{planOnly} < {characteristic}");
        Assert.True(planOnly + PlacementEvidence.RegistryWeight > characteristic);
        Assert.True(planOnly + PlacementEvidence.RegistryWeight < dominant);
        Assert.True(PlacementEvidence.RegistryWeight <= Weight(IndustryMap.Layout.LayoutRoles.Dominant, Relation.Exact) - characteristic + 1e-9);
    }

    [Fact]
    public void UnitPlan_ThroughItsCrosswalkOnly_WeighsLessThanNamingTheProduct()
    {
        var industry = Industry("精密铜材", "先进材料", 0.9);
        var named = Unit("万州区") with { PlanTitle = "规划" };
        var linked = named with { PlanCrosswalk = [("铜材料", "精密铜材", false, 1.0)] };
        var namedScore = UnitPlan(named, [new PlanItemMatch("万州区", "wz231", "铜材料", "铜管", 0.72, null)], [industry]).Score;
        var linkedScore = UnitPlan(linked, [], [industry]).Score;
        Assert.Equal(PlanNamesWeight * 0.72, namedScore, 4);
        Assert.Equal(UnitPlanWeight * 0.9, linkedScore, 4);
        Assert.True(namedScore > linkedScore);
    }

    [Fact]
    public void WholeClusterDesignation_CountsBelowACharacteristicDesignationOfTheSubIndustry_AlsoForAClusterLevelProject()
    {
        var parts = Industry("智能网联新能源汽车零部件", "智能网联新能源汽车");
        var cluster = Industry("智能网联新能源汽车", "智能网联新能源汽车", level: "cluster");
        UnitDesignation WholeCluster() => Designation("dominant", "智能网联新能源汽车", "智能网联新能源汽车", isCluster: true);
        var characteristicParts = Duikou([Designation("characteristic", "智能网联新能源汽车零部件", "智能网联新能源汽车")], [parts]).Score;
        // A product of the sub-industry: the unit naming the sub-industry comes first.
        Assert.True(characteristicParts > Duikou([WholeCluster()], [parts]).Score);
        // Read only at the cluster level: the whole-cluster designation counts at CoversFactor, not as an exact dominant match.
        Assert.Equal(DominantExact * CoversFactor, Duikou([WholeCluster()], [cluster]).Score, 4);
        // Still 对口, and above a designation of another sub-industry of the cluster.
        Assert.True(Duikou([WholeCluster()], [cluster]).Score > Duikou([Designation("dominant", "整车", "智能网联新能源汽车")], [cluster]).Score);
    }

    // ---- parks ------------------------------------------------------------------------------------------------

    private static ParkInfo Park(string name, decimal? areaMu) =>
        new(name, "国家级经开区", ["新材料"], areaMu, areaMu is null ? null : "11.7 平方公里", [("新材料", "精密铜材", "先进材料")], new Source("003", 350, 350));

    [Theory]
    [InlineData(17550, 200, LandSufficient, "不少于项目所需 200 亩")]
    [InlineData(150, 200, LandInsufficient, "少于项目所需 200 亩")]
    [InlineData(null, 200, LandUnknown, "规划用地面积未知")]
    [InlineData(17550, null, LandNotRequested, "项目未说明用地")]
    public void Parks_MatchByFocusIndustry_AndSayWhetherTheLandIsKnownToSuffice(int? area, int? need, string land, string text)
    {
        var unit = Unit("万州区", parks: [Park("高峰园", area)]);
        var park = Assert.Single(Parks(unit, Classified(Industry("精密铜材", "先进材料")), "铜管", need));
        Assert.Equal(land, park.Land);
        Assert.Contains(text, park.Text);
    }

    [Fact]
    public void Parks_WithoutAMatchingFocusIndustry_AreNotListed()
    {
        var unit = Unit("万州区", parks: [Park("高峰园", 17550)]);
        Assert.Empty(Parks(unit, Classified(Industry("休闲食品", "食品及农产品加工")), "膨化食品", 10));
    }

    [Fact]
    public void Parks_ThoseKnownToSufficeComeFirst()
    {
        var unit = Unit("万州区", parks: [Park("甲园", null), Park("乙园", 100), Park("丙园", 5000)]);
        Assert.Equal(["丙园", "甲园", "乙园"], Parks(unit, Classified(Industry("精密铜材", "先进材料")), "铜", 200).Select(p => p.Name));
    }

    // ---- 渝西 floor --------------------------------------------------------------------------------------------

    [Fact]
    public void YuxiFloor_SaysHowFarThe渝西DistrictIsFrom50Yi_OnlyFor渝西()
    {
        var reason = YuxiFloor(Unit("永川区", yuxi: true), 2026, 32.5m, 10m);
        Assert.Contains("已开工新招商项目 32.5 亿元", reason!.Text);
        Assert.Contains("尚差 17.5 亿元", reason.Text);
        Assert.Equal(("001", "544-546"), (reason.Source.Document, reason.Source.LinesText));
        Assert.Contains("已达到", YuxiFloor(Unit("永川区", yuxi: true), 2026, 50m, null)!.Text);
        Assert.Null(YuxiFloor(Unit("万州区"), 2026, 0m, 10m));
    }

    // ---- description text: ancillary facilities and 深加工 (issue 13 §3) ----------------------------------------

    [Fact]
    public void Facilities_BuiltBesideTheProduct_AreReadToTheirPhraseStart()
    {
        var pesticide = DescriptionText.Parse("年产1万吨杀虫剂项目。新增数字化生产车间4栋，大数据控制中心，配套三废处理研发试验等设施，购置反应釜");
        Assert.Equal(["大数据控制中心", "三废处理研发试验等设施"], pesticide.Facilities);
        // A conjunction ends the product before the facility: 对刀器 stays a product.
        var gauges = DescriptionText.Parse("建设年产50000套在线测头,对刀器及展示中心、营运中心、数据中心等项目");
        Assert.Equal(["展示中心", "营运中心", "数据中心"], gauges.Facilities);
        var at = gauges.Text.IndexOf("对刀器", StringComparison.Ordinal);
        Assert.False(gauges.InContext(at, 3, facilities: true));
        Assert.True(gauges.InContext(gauges.Text.IndexOf("数据中心", StringComparison.Ordinal), 4, facilities: true));
        // 中心 inside 研发中心大楼 does not end the phrase; 楼 does.
        Assert.Equal(["研发中心大楼"], DescriptionText.Parse("建设研发中心大楼2栋").Facilities);
    }

    // ---- description text: inputs bought or rented (decision 0034) ------------------------------------------------

    [Theory]
    // The enumeration comma keeps a list of equipment in one phrase; a clause comma ends it.
    [InlineData("年产1万吨杀虫剂，购置反应釜、冷凝器等设备", new[] { "购置反应釜|冷凝器等设备" })]
    [InlineData("购置反应釜，冷凝器", new[] { "购置反应釜" })]
    // Another action ends the phrase.
    [InlineData("采购服务器建设数据中心", new[] { "采购服务器" })]
    [InlineData("在线测头、对刀器，租用光电园", new[] { "租用光电园" })]
    [InlineData("租赁标准厂房11000平方米，年产5万吨", new[] { "租赁标准厂房11000平方米" })]
    // 新增 and 引进 need equipment or premises in their object.
    [InlineData("新增设备160台套", new[] { "新增设备160台套" })]
    [InlineData("引进8组高速卷接设备", new[] { "引进8组高速卷接设备" })]
    public void InputPhrases_RunFromTheVerbToTheEndOfTheirClause(string description, string[] expected) =>
        Assert.Equal(expected, DescriptionText.Parse(description).Inputs);

    [Theory]
    [InlineData("新增20万件/年减速机齿轮的生产能力")] // a capacity is the product
    [InlineData("引进年产10万吨锂电池生产线")]
    [InlineData("引进龙头企业建成年产2500万条轮胎项目")] // 引进 an enterprise
    [InlineData("新增产值5000万元")]
    [InlineData("建设融资租赁服务平台")] // a leasing business
    [InlineData("采购、库管、销售智能化")] // 采购 with no object
    [InlineData("5G全连接工厂智能化改造，购买5G模组、PRRU等设备")] // a transformation project
    public void NoInputPhrase_WhereTheObjectIsTheProduct_OrTheVerbIsNoPurchase(string description) =>
        Assert.Empty(DescriptionText.Parse(description).Inputs);

    [Theory]
    [InlineData("年产500台加工中心生产线")] // 加工中心 is the product the line makes
    [InlineData("中心城区物流配送")]
    [InlineData("楼宇智能化系统")]
    public void AFacilityWord_ThatDoesNotEndItsPhrase_IsNoFacility(string description) =>
        Assert.Empty(DescriptionText.Parse(description).Facilities);

    [Theory]
    [InlineData("农产品深加工", "农产品加工")]
    [InlineData("农产品精深加工", "农产品加工")]
    [InlineData("茶叶精加工", "茶叶加工")]
    [InlineData("石灰岩精深加工", "石灰岩加工")]
    public void DeepProcessing_ReadsAsProcessing(string written, string read) => Assert.Equal(read, ChineseText.Normalize(written));

    [Theory]
    [InlineData("酒精加工")] // 精 ends 酒精: alcohol processing
    [InlineData("深度加工")]
    [InlineData("深加")]
    [InlineData("精密加工")]
    public void AModifierThatIsNotBefore加工_OrEndsAWord_IsKept(string written) => Assert.Equal(written, ChineseText.Normalize(written));

    [Fact]
    public void DeepProcessing_NegatedPhrase_IsShownAsWritten_AndTheJoinIsKept()
    {
        var parsed = DescriptionText.Parse("不涉及农产品深加工，年产锂电池");
        Assert.Equal(["不涉及农产品深加工"], parsed.Negated);
        var joined = DescriptionText.Parse("氢氧化铝深加工");
        Assert.Equal("氢氧化铝加工", joined.Text);
        Assert.Equal([4], joined.Joins);
    }

    // ---- the clauses themselves ----------------------------------------------------------------------------------

    [Fact]
    public void EveryClause_IsPrintedOnTheLinesItCites()
    {
        foreach (var (clause, words) in PlacementClauses.Checks)
        {
            var lines = SeedData.DocumentLines(clause.Document!).Skip(clause.FromLine!.Value - 1).Take(clause.ToLine!.Value - clause.FromLine.Value + 1);
            Assert.True(SeedReader.ContainsAsPrinted(SeedReader.Compact(lines), words), $"{clause.Document} L{clause.LinesText} does not print “{words}”");
        }
    }
}
