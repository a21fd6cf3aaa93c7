using IndustryMap.Intake;

namespace IndustryMap.Tests.Intake;

/// <summary>The extractor's rules on passages written for these tests (issue 16 §2); no database, no seed rows.</summary>
public class TargetExtractorTests
{
    private static readonly IntakeScope Wanzhou = new("unit", "万州区");

    private static IReadOnlyList<TargetProposal> Extract(string text, IntakeScope? scope = null, (int, int)? period = null) =>
        TargetExtractor.Extract(IntakeLines.Of(text), scope ?? IntakeScope.City, IntakeDictionary.Empty, period);

    [Fact]
    public void TrillionsOfYuanAreNormalisedToYi()
    {
        var t = Assert.Single(Extract("到 2027 年，全市规模以上工业增加值达到 1.4 万亿元。"));
        Assert.Equal(1.4m, t.Value);
        Assert.Equal("万亿元", t.Unit);
        Assert.Equal(14000m, t.Normalized);
        Assert.Equal("亿元", t.NormalizedUnit);
        Assert.Equal(2027, t.Year);
        Assert.Equal("eq", t.Comparator);
        Assert.Equal(1, t.From);
    }

    [Fact]
    public void OneSentenceHoldsSeveralTargets_RespectiveValuesGoWithTheirNames()
    {
        var targets = Extract("到2025年，关键工序数控化率、数字化研发设计工具普及率分别提高至 87%、65%。");
        Assert.Equal(2, targets.Count);
        Assert.Equal(("关键工序数控化率", 87m), (targets[0].Indicator, targets[0].Value));
        Assert.Equal(("数字化研发设计工具普及率", 65m), (targets[1].Indicator, targets[1].Value));
        Assert.All(targets, t => Assert.Equal(2025, t.Year));
    }

    [Fact]
    public void WithoutAYearInTheText_TheYearIsUnknown_NeverThePlanPeriod()
    {
        var t = Assert.Single(Extract("加快建设标准厂房约 30 万平方米。", Wanzhou, (2021, 2025)));
        Assert.Null(t.Year);
        Assert.Equal(("标准厂房", "approx", 450m), (t.Indicator, t.Comparator, t.Normalized!.Value));
        Assert.Equal("万州区", t.Scope);
    }

    [Theory]
    [InlineData("到2025年，工业投资年均增长10%以上。", "ge", 10, null)]
    [InlineData("到2025年，制造业增加值占比保持在35%左右。", "approx", 35, null)]
    [InlineData("到2025年，力争专精特新企业数量达到50家。", "strive", 50, null)]
    [InlineData("到2025年，工业增加值年均增长4—5%。", "range", 4, 5)]
    [InlineData("到2025年，工业总产值突破2000亿元。", "gt", 2000, null)]
    public void ComparatorsAsPrinted(string text, string comparator, int value, int? high)
    {
        var t = Assert.Single(Extract(text));
        Assert.Equal(comparator, t.Comparator);
        Assert.Equal(value, t.Value);
        Assert.Equal(high, (int?)t.ValueHigh);
    }

    [Fact]
    public void CumulativeTargets_累计_AndTheFiveYearPlanPeriod()
    {
        var t = Assert.Single(Extract("“十四五”期间，累计完成工业固定资产投资 300 亿元。", Wanzhou, (2021, 2025)));
        Assert.True(t.Cumulative);
        Assert.Equal(2025, t.Year);
        Assert.Equal(2021, t.YearFrom);
        Assert.Equal("sum", t.Period);
        Assert.Equal("工业固定资产投资", t.Indicator);
    }

    [Fact]
    public void TraditionalCharactersAreRead()
    {
        var t = Assert.Single(Extract("到2025年，規模以上工業增加值達到1.2萬億元。"));
        Assert.Equal(12000m, t.Normalized);
        Assert.Equal("规模以上工业增加值", t.Indicator);
    }

    [Fact]
    public void BackgroundSectionsAndEarlierYearsStateResultsNotTargets()
    {
        var text = "一、发展基础\n\n2020 年，全区完成规上工业产值 332.2 亿元。\n\n二、发展目标\n\n到 2025 年实现规上工业产值 700 亿元。";
        var t = Assert.Single(Extract(text, Wanzhou, (2021, 2025)));
        Assert.Equal(700m, t.Value);
        Assert.Equal(7, t.From);
    }

    [Fact]
    public void TheYearOfASectionsLeadParagraphCarriesToItsBullets()
    {
        var text = "（三）发展目标\n\n到 2025 年，总量规模进一步壮大。\n\n——**质量效益进一步提升**。规模以上工业企业全员劳动生产率提高至 35 万元/人年。";
        var t = Assert.Single(Extract(text, Wanzhou));
        Assert.Equal(2025, t.Year);
        Assert.Equal("万元/人年", t.Unit);
        Assert.Equal("规模以上工业企业全员劳动生产率", t.Indicator);
        Assert.Null(t.Normalized);
    }

    [Fact]
    public void TablesGiveYearsFromTheirHeadings_BaselinesAndCumulativeBrackets()
    {
        var text = """
                   | 序号 | 指标名称 | 2020年现状 | 2025年目标 |
                   |---|---|---|---|
                   | 1 | 规模以上工业总产值(亿元) | 332.3 | 700 |
                   | 2 | 工业固定资产投资(亿元) | 31.3 | [300] |
                   | 3 | 营业收入利润率(%) | 5.8 | >6 |
                   """;
        var targets = Extract(text, Wanzhou);
        var output = Assert.Single(targets, t => t.Indicator == "规模以上工业总产值" && t.Year == 2025);
        Assert.Equal((700m, "亿元", 2020, 332.3m, "table", 3), (output.Value, output.Unit!, output.BaselineYear!.Value, output.BaselineValue!.Value, output.SourceKind, output.From));
        Assert.Single(targets, t => t.Indicator == "规模以上工业总产值" && t.Year == 2020 && t.Value == 332.3m);
        var investment = Assert.Single(targets, t => t.Indicator == "工业固定资产投资" && t.Year == 2025);
        Assert.True(investment.Cumulative);
        Assert.Equal("gt", Assert.Single(targets, t => t.Indicator == "营业收入利润率" && t.Year == 2025).Comparator);
    }

    [Fact]
    public void IndustryScopeFromTheDocumentsOwnIndustryList()
    {
        var text = "做大做强新材料、食品医药两大重点产业。\n\n到 2025 年，新材料产业产值达到 300 亿元。";
        var t = Assert.Single(Extract(text, Wanzhou));
        Assert.Equal(("industry", "新材料", "产值"), (t.ScopeKind, t.Scope!, t.Indicator));
    }

    [Fact]
    public void Designations_AreMappedOntoTheCatalogWithThePrintedWords()
    {
        var dictionary = IntakeDictionary.Empty with { Industries = ["新材料", "生物医药", "食品及农产品加工"] };
        var found = DesignationExtractor.Extract(IntakeLines.Of("做大做强新材料、食品医药两大主导产业。"), Wanzhou, dictionary);
        Assert.Equal(["新材料", "食品医药"], found.Select(d => d.Printed));
        Assert.All(found, d => Assert.Equal("dominant", d.Role));
        Assert.Equal(["新材料"], found[0].Industries);
        Assert.Empty(found[1].Industries);
    }

    [Fact]
    public void APageBreakInsideASentence_KeepsTheYear_AndThePartsOf其中TakeTheWholesMeasure()
    {
        var text = "汽车整车。到2022\n\n\n\n年力争全市汽车产量超过320万辆（其中新能源汽车40万辆、智能网联汽车120万辆），单车价值量提高至10万元以上。";
        var targets = Extract(text, null, (2019, 2022));
        Assert.Equal(4, targets.Count);
        Assert.All(targets, t => Assert.Equal(2022, t.Year));
        var parts = targets.Where(t => t.Unit == "万辆" && t.Value != 320m).ToList();
        Assert.Equal([("产量", "新能源汽车", 40m), ("产量", "智能网联汽车", 120m)], parts.Select(t => (t.Indicator, t.Scope!, t.Value)));
        Assert.All(parts, t => Assert.Equal("industry", t.ScopeKind));
    }

    [Fact]
    public void AGlossaryStatesNoTargets()
    {
        var text = "到2025年，工业增加值达到350亿元。\n\n名词解释\n\n“一区”：该区域包括21个区和万盛经开区，面积2.9万平方公里。规划总面积约16.2平方公里。";
        var t = Assert.Single(Extract(text, Wanzhou, (2021, 2025)));
        Assert.Equal(350m, t.Value);
    }

    [Fact]
    public void ABaseYearIsNoPartOfTheMeasuresName()
    {
        var t = Assert.Single(Extract("到2019年，规模以上工业企业单位增加值能耗较2018年下降1.5%。", null, (2019, 2022)));
        Assert.Equal(("规模以上工业企业单位增加值能耗", 2019, 2018), (t.Indicator, t.Year!.Value, t.BaselineYear!.Value));
    }

    [Fact]
    public void AValueFollowedBy的QualifiesWhatIsCounted_AndASecondValueOfTheSameMeasureKeepsItsName()
    {
        Assert.DoesNotContain(Extract("到2027年，年营业收入超1000亿元的2个，超500亿元的5个。"), t => t.Unit == "亿元");
        var targets = Extract("“十四五”期间，全部工业开票销售达9000亿元，力争超10000亿元。", null, (2021, 2025));
        Assert.Equal(2, targets.Count);
        Assert.Equal(("全部工业开票销售", "gt"), (targets[1].Indicator, targets[1].Comparator));
    }

    [Fact]
    public void HowManyIndustriesAUnitDesignatesIsALayoutRule_NotATarget() =>
        Assert.Empty(Extract("每区确立不超过 2 个主导产业，市级统筹重点推进。", Wanzhou));

    [Fact]
    public void AModifierAloneTakesTheNounOfTheLastName_AndAGrowthRateTheMeasureBeforeIt()
    {
        var centres = Extract("到2020年，市级和国家级工业设计中心力争分别达到40家和5家。");
        Assert.Equal(["市级工业设计中心", "国家级工业设计中心"], centres.Select(t => t.Indicator));
        var growth = Extract("到2025年，力争全区电子信息制造业规模以上工业总产值突破663亿元，年均增速达到11.6%。");
        Assert.Equal("规模以上工业总产值年均增速", Assert.Single(growth, t => t.Unit == "%").Indicator);
    }

    [Theory]
    [InlineData("今年上半年，先进制造业集群完成产值6.2万亿元，较去年同期增长6.1%。")]
    [InlineData("《规划》从产业结构、创新能力等四个维度提出20个具体目标。")]
    [InlineData("做强电子信息、先进装备制造、石油化工等3个万亿主导产业。")]
    [InlineData("在单位土地面积产值方面，甲、乙等企业单位土地面积产值分别突破3900万元/亩、1873万元/亩，均远高于全区平均产值660万元/亩。")]
    [InlineData("围绕轴承项目，购置加工、装配工艺设备80台。")]
    public void ReportsDescriptionsAndThePlansOwnCounts_AreNoTargets(string text) => Assert.Empty(Extract(text, Wanzhou, (2021, 2025)));

    [Fact]
    public void EachPark_AProjectTitledByAnIndustry_AndANameSharingTheLastNamesTail()
    {
        var park = Assert.Single(Extract("推动每个园区形成有1—3个特色产业基地为支撑的发展格局。"));
        Assert.Equal(("park", null, "range"), (park.ScopeKind, park.Scope, park.Comparator));

        var dictionary = IntakeDictionary.Empty with { Industries = ["摩托车"] };
        var titled = Assert.Single(TargetExtractor.Extract(IntakeLines.Of("摩托车转型升级工程：到2020年，全市电动摩托车或踏板车生产企业不低于3家。"), IntakeScope.City, dictionary, (2019, 2022)));
        Assert.Equal(("industry", "摩托车", "ge"), (titled.ScopeKind, titled.Scope!, titled.Comparator));

        var shares = Extract("到2027年，建有研发机构、开展研发活动的企业占规模以上工业企业的比重分别提高至 40%、60%。");
        Assert.Equal(["建有研发机构的企业占规模以上工业企业的比重", "开展研发活动的企业占规模以上工业企业的比重"], shares.Select(t => t.Indicator));
    }

    [Fact]
    public void TheComparisonBeforeTheFirstOfRespectiveValuesHoldsForAll_AndTenThousandsAreUnits()
    {
        var rates = Extract("到2027年，数字化研发设计工具普及率、关键工序数控化率分别超过90%、70%。");
        Assert.Equal([("数字化研发设计工具普及率", "gt"), ("关键工序数控化率", "gt")], rates.Select(t => (t.Indicator, t.Comparator)));
        var counts = Extract("到2025年，5G基站总数突破18万个，新增上云企业3万家，高端装备制造业销售收入超过6万亿。");
        Assert.Equal([("万个", 18m), ("万家", 3m), ("万亿", 6m)], counts.Select(t => (t.Unit!, t.Value)));
        Assert.Equal(60000m, counts[2].Normalized);
    }

    [Theory]
    [InlineData("规上工业产值", "规模以上工业产值", true)]
    [InlineData("工业增加值占GDP比重", "工业增加值占地区生产总值比重", true)]
    [InlineData("产值", "规模以上工业总产值", false)]
    [InlineData("工业投资", "工业固定资产投资", false)]
    public void IndicatorNames_AreTheSameOnlyWhenOnlyTheSpellingDiffers(string a, string b, bool same) => Assert.Equal(same, IndicatorNames.Same(a, b));
}
