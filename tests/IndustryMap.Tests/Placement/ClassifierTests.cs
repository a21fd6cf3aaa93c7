using IndustryMap.Placement;
using IndustryMap.Provenance;

namespace IndustryMap.Tests.Placement;

/// <summary>The classifier on a small hand-made lexicon: how words match, score and combine.</summary>
public class ClassifierTests
{
    private static readonly Source Line = new("000", 40, 40);

    /// <summary>A tiny catalog: two clusters, three sub-industries, one product, an older taxonomy with a crosswalk, keywords.</summary>
    private static IndustryClassifier Lexicon(params KeywordItem[] keywords) => new(new LexiconInput(
        [
            new CatalogItem(1, "33618", "cluster", "新能源及新型储能", null, [], Line),
            new CatalogItem(2, "33618", "sub_industry", "新能源材料", 1, [], Line),
            new CatalogItem(3, "33618", "product", "锂电材料", 2, [], Line),
            new CatalogItem(4, "33618", "cluster", "先进材料", null, [], Line),
            new CatalogItem(5, "33618", "sub_industry", "精密铜材", 4, ["铜材"], Line),
            new CatalogItem(6, "33618", "sub_industry", "纤维及复合材料", 4, [], Line),
            new CatalogItem(10, "wz231", "cluster", "新材料", null, [], Line),
            new CatalogItem(11, "wz231", "product", "三元锂电池正极材料", 10, [], new Source("003", 211, 211)),
        ],
        [new CrosswalkItem(10, 4, "overlaps")],
        keywords,
        new Dictionary<string, string> { ["wz231"] = "万州区" }));

    [Fact]
    public void ExactProduct_ClassifiesIntoItsSubIndustry()
    {
        var result = Lexicon().Classify("年产5万吨锂电材料");
        var top = Assert.IsType<IndustryMatch>(result.Top);
        Assert.Equal("新能源材料", top.Name);
        Assert.Equal("新能源及新型储能", top.Cluster);
        var word = Assert.Single(top.Matched);
        Assert.Equal("锂电材料", word.Word);
        Assert.Equal("product", word.Kind);
        Assert.False(word.Partial);
    }

    [Fact]
    public void AKeyword_PointsAtItsIndustry_WithItsWeight()
    {
        var lexicon = Lexicon(new KeywordItem(2, "正极材料", 1.0, null, new Source("002", 323, 323)), new KeywordItem(5, "铜", 0.5, null, new Source("002", 509, 509)));
        var battery = lexicon.Classify("磷酸铁锂正极材料");
        Assert.Equal("新能源材料", battery.Top!.Name);
        Assert.Equal(1.0, battery.Top.Score, 3);
        Assert.Equal("002", battery.Top.Matched[0].Source!.Document);
        // One character says little: 0.5 × 0.4.
        var copper = lexicon.Classify("铜");
        Assert.Equal("精密铜材", copper.Top!.Name);
        Assert.Equal(0.2, copper.Top.Score, 3);
    }

    [Fact]
    public void Normalisation_MakesWidthCaseAndSpacingIrrelevant()
    {
        var lexicon = Lexicon(new KeywordItem(2, "LED", 1.0, null, Line));
        Assert.Equal("新能源材料", lexicon.Classify("ＬＥＤ 灯").Top?.Name);
        Assert.Equal("新能源材料", lexicon.Classify("led灯").Top?.Name);
        Assert.Equal("精密铜材", lexicon.Classify("精 密 铜 材").Top?.Name);
    }

    [Fact]
    public void AnOlderTaxonomyItem_ReachesItsCrosswalkCluster_AndItsUnitsPlan()
    {
        var result = Lexicon().Classify("三元锂电池正极材料项目");
        var plan = Assert.Single(result.PlanItems);
        Assert.Equal(("万州区", "三元锂电池正极材料", "003"), (plan.Unit, plan.Item, plan.Source!.Document));
        // The older item reaches 33618 only through its crosswalk: its cluster, weighed as a product (0.8) on an "overlaps" link (0.55).
        var cluster = Assert.Single(result.Industries);
        Assert.Equal("先进材料", cluster.Name);
        Assert.True(cluster.IsCluster);
        Assert.Equal(0.44, cluster.Score, 3);
        Assert.Equal("older_taxonomy", cluster.Matched[0].Kind);
    }

    [Fact]
    public void MostOfALongTermsRareBigrams_IsAPartialMatch_SaidSo_AndWeighsLess()
    {
        var result = Lexicon().Classify("锂电池正极材料");
        var plan = Assert.Single(result.PlanItems);
        Assert.Equal("三元锂电池正极材料（部分）", plan.Word);
        Assert.True(plan.Score is > 0.2 and < 0.3, $"partial: 0.6 × share² × 0.8, not {plan.Score}");
        // Through the overlapping crosswalk the partial match is too weak to name a 33618 item.
        Assert.True(result.MatchesNothing);
    }

    [Fact]
    public void CommonBigramsAlone_MatchNothing_AndSaySo()
    {
        var lexicon = Lexicon();
        Assert.True(lexicon.Classify("新型材料产品").MatchesNothing);
        Assert.True(lexicon.Classify("咖啡馆连锁经营").MatchesNothing);
        Assert.True(lexicon.Classify("").MatchesNothing);
        Assert.True(lexicon.Classify("，。、").MatchesNothing);
    }

    [Fact]
    public void AWordInsideALongerMatchedWord_CountsForLess()
    {
        var lexicon = Lexicon(new KeywordItem(5, "铜箔", 1.0, null, Line), new KeywordItem(2, "锂电铜箔", 1.0, null, Line));
        var result = lexicon.Classify("高精锂电铜箔");
        Assert.Equal("新能源材料", result.Top!.Name);
        var copper = result.Industries.Single(i => i.Name == "精密铜材");
        Assert.Equal(0.35, copper.Score, 3); // 铜箔 (2 characters: 0.7) inside 锂电铜箔, halved
    }

    /// <summary>A battery material and a data centre: the products both ancillary lexicons below start from.</summary>
    private static readonly CatalogItem[] MaterialAndDataCentre =
    [
        new CatalogItem(1, "33618", "cluster", "新能源及新型储能", null, [], Line),
        new CatalogItem(2, "33618", "sub_industry", "新能源材料", 1, [], Line),
        new CatalogItem(3, "33618", "product", "锂电材料", 2, [], Line),
        new CatalogItem(20, "33618", "cluster", "软件信息服务", null, [], Line),
        new CatalogItem(21, "33618", "sub_industry", "大数据", 20, [], Line),
        new CatalogItem(22, "33618", "product", "数据中心", 21, [], Line),
    ];

    /// <summary>A lexicon with a data centre, processing and aluminium words (issue 13 §3).</summary>
    private static IndustryClassifier FacilityLexicon() => new(new LexiconInput(
        [
            .. MaterialAndDataCentre,
            new CatalogItem(30, "33618", "cluster", "食品及农产品加工", null, [], Line),
            new CatalogItem(31, "33618", "sub_industry", "农产品加工", 30, [], Line),
            new CatalogItem(40, "33618", "cluster", "轻合金材料", null, [], Line),
            new CatalogItem(41, "33618", "sub_industry", "铝加工", 40, [], Line),
            new CatalogItem(42, "33618", "sub_industry", "氧化铝材料", 40, [], Line),
            new CatalogItem(43, "33618", "product", "氢氧化铝", 42, [], Line),
        ],
        [], [], new Dictionary<string, string>()));

    [Fact]
    public void AFacilityBuiltBesideTheProduct_CountsAsContext()
    {
        var result = FacilityLexicon().Classify("年产5万吨锂电材料，建设数据中心及职工宿舍");
        Assert.Equal("新能源材料", result.Top!.Name);
        Assert.Contains("数据中心", result.FacilitiesAsContext);
        // 数据中心 (four characters, a product: 0.85) counts for ContextFactor of it, below the leading share.
        var data = result.Industries.Single(i => i.Name == "大数据");
        Assert.Equal(0.85 * IndustryClassifier.ContextFactor, data.Score, 3);
        Assert.DoesNotContain(result.Leading, i => i.Name == "大数据");
    }

    [Theory]
    [InlineData("建设数据中心及配套设施")]
    [InlineData("中国移动数据中心，机架10500架")]
    public void AFacilityThatIsTheWholeProject_IsReadAsTheProject(string description)
    {
        var result = FacilityLexicon().Classify(description);
        Assert.Empty(result.FacilitiesAsContext);
        Assert.Equal("大数据", result.Top!.Name);
        Assert.Equal(0.85, result.Top.Score, 3);
    }

    /// <summary>The facility lexicon with two electronics products of one sub-industry (decision 0034).</summary>
    private static IndustryClassifier InputLexicon() => new(new LexiconInput(
        [
            .. MaterialAndDataCentre,
            new CatalogItem(50, "33618", "cluster", "新一代电子信息制造业", null, [], Line),
            new CatalogItem(51, "33618", "sub_industry", "计算机及网络设备", 50, [], Line),
            new CatalogItem(52, "33618", "product", "服务器", 51, [], Line),
            new CatalogItem(53, "33618", "product", "交换机", 51, [], Line),
        ],
        [], [], new Dictionary<string, string>()));

    /// <summary>服务器 and 交换机 (three characters, products: 0.85 × 0.85 each), the second adding a quarter.</summary>
    private const double ServersAndSwitches = 0.85 * 0.85 * 1.25;

    [Fact]
    public void EquipmentBoughtBesideTheProduct_CountsAsContext()
    {
        var result = InputLexicon().Classify("年产5万吨锂电材料，购置服务器、交换机等设备");
        Assert.Equal("新能源材料", result.Top!.Name);
        Assert.Equal(["购置服务器|交换机等设备"], result.InputsAsContext);
        var servers = result.Industries.Single(i => i.Name == "计算机及网络设备");
        Assert.Equal(ServersAndSwitches * IndustryClassifier.ContextFactor, servers.Score, 3);
        Assert.DoesNotContain(result.Leading, i => i.Name == "计算机及网络设备");
    }

    [Theory]
    [InlineData("新建数据中心，购买服务器、交换机")]
    [InlineData("采购服务器、交换机建设数据中心")] // the phrase ends before 建设
    public void ADataCentreThatBuysServers_IsADataCentre(string description)
    {
        // Without the rule the servers (0.90) outweigh the data centre (0.85): the project read as a server maker.
        var result = InputLexicon().Classify(description);
        Assert.Equal("大数据", result.Top!.Name);
        Assert.Equal(0.85, result.Top.Score, 3);
        Assert.Empty(result.FacilitiesAsContext);
        Assert.Single(result.InputsAsContext);
        Assert.Equal(ServersAndSwitches * IndustryClassifier.ContextFactor, result.Industries.Single(i => i.Name == "计算机及网络设备").Score, 3);
    }

    [Theory]
    [InlineData("购置服务器、交换机")] // nothing else named: the purchase is all there is to read
    [InlineData("锂电材料生产线智能化改造，购置服务器、交换机")] // a transformation project: what it installs is the project
    public void PurchasesWithNothingElseNamed_OrInATransformation_AreReadInFull(string description)
    {
        var result = InputLexicon().Classify(description);
        Assert.Empty(result.InputsAsContext);
        Assert.Equal(ServersAndSwitches, result.Industries.Single(i => i.Name == "计算机及网络设备").Score, 3);
    }

    [Theory]
    [InlineData("农产品深加工项目")]
    [InlineData("农产品精深加工项目")]
    public void DeepProcessing_MatchesTheProcessingTermExactly(string description)
    {
        var top = FacilityLexicon().Classify(description).Top!;
        Assert.Equal("农产品加工", top.Name);
        var word = Assert.Single(top.Matched);
        Assert.False(word.Partial);
        Assert.Equal(1.0, top.Score, 3);
    }

    [Fact]
    public void DeepProcessing_DoesNotCutTheWordBeforeIt()
    {
        // 氢氧化铝深加工 reads as 氢氧化铝加工, but 铝 belongs to 氢氧化铝: 铝加工 is no match there.
        var hydroxide = FacilityLexicon().Classify("氢氧化铝深加工");
        Assert.Equal("氧化铝材料", hydroxide.Top!.Name);
        Assert.DoesNotContain(hydroxide.Industries, i => i.Name == "铝加工");
        // Where nothing is cut, the fold completes the word.
        Assert.Equal("铝加工", FacilityLexicon().Classify("铝深加工").Top!.Name);
    }

    [Fact]
    public void AClusterIsReportedOnItsOwn_OnlyWhenItsEvidenceBeatsItsSubIndustries()
    {
        var lexicon = Lexicon(new KeywordItem(1, "储能", 0.7, null, Line));
        Assert.True(lexicon.Classify("储能电站").Top!.IsCluster);
        var both = lexicon.Classify("储能用锂电材料");
        Assert.Equal("新能源材料", both.Top!.Name);
        Assert.DoesNotContain(both.Industries, i => i.Name == "新能源及新型储能");
    }
}

/// <summary>
/// The seed data's lexicon: product words of the plans' industry chapters (decision 0033) classify a made-up description
/// into their 33618 item, citing the plan line where the word is printed.
/// </summary>
[Collection(CatalogCollection.Name)]
public class SeededLexiconTests(CatalogFixture fixture)
{
    [Theory]
    // 花椒油 and 鸡精: 万州's seasonings (seed 003 L225 "做大做强白酒、花椒油、鸡精味精等优势产品").
    [InlineData("新建年产3000吨花椒油和鸡精生产线", "调味品", "花椒油", "003", 225)]
    // 游艇 and 船艇: 万州's ship products (seed 003 L304 "发展新能源船、特种船艇、游艇").
    [InlineData("年产200艘游艇及特种船艇制造", "农机装备与船舶制造", "游艇", "003", 304)]
    // 尿液分析仪 and 血液流变仪: 南岸's medical devices (seed 004 L897 "全自动血液流变仪、全自动尿液分析仪").
    [InlineData("医用尿液分析仪和血液流变仪研发生产", "医疗器械", "尿液分析仪", "004", 897)]
    public void APlanChapterProductWord_ClassifiesIntoItsItem_CitingItsLine(string description, string item, string word, string document, int line)
    {
        var result = fixture.Catalog.Classifier.Classify(description);
        var top = Assert.IsType<IndustryMatch>(result.Top);
        Assert.Equal(item, top.Name);
        var matched = Assert.Single(top.Matched, m => m.Word == word);
        Assert.False(matched.Partial);
        Assert.Equal(document, matched.Source?.Document);
        Assert.Equal(line, matched.Source?.FromLine);
    }
}

/// <summary>
/// Decision 0034 on the seed data's lexicon: what a project buys is context beside what it makes or builds.
/// </summary>
[Collection(CatalogCollection.Name)]
public class SeededInputTests(CatalogFixture fixture)
{
    [Fact]
    public void ADataCentreBuyingSwitches_IsNotReadAsASwitchMaker()
    {
        // 交换机 alone reads as 新一代电子信息制造业 (0.61); bought for a data centre, 数据中心 leads.
        var result = fixture.Catalog.Classifier.Classify("新建数据中心，购置服务器、交换机");
        Assert.Equal("软件信息服务", result.Top!.Cluster);
        Assert.DoesNotContain(result.Leading, i => i.Cluster == "新一代电子信息制造业");
        Assert.Equal("新一代电子信息制造业", fixture.Catalog.Classifier.Classify("购置服务器、交换机").Top!.Cluster);
    }

    [Fact]
    public void ThePremisesAProjectRents_AreNotItsProduct()
    {
        // 光电 names an industry; here it is the park where a battery-material maker rents its plant.
        var result = fixture.Catalog.Classifier.Classify("年产10万吨锂电材料，租用光电园标准厂房");
        Assert.Equal("新能源及新型储能", result.Top!.Cluster);
        Assert.Equal(["租用光电园标准厂房"], result.InputsAsContext);
        Assert.DoesNotContain(result.Leading, i => i.Name == "光电产业");
    }
}
