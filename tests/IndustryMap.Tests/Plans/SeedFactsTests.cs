using IndustryMap.Plans;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Plans;

/// <summary>
/// Values read by hand from the seed text (line numbers in the comments), compared with what the importer stored.
/// These are independent of the data files: a mistyped CSV cell fails here.
/// </summary>
[Collection(SeededCollection.Name)]
public class SeedFactsTests(SeededStores stores)
{
    [Theory]
    // seed 002 专栏1 L68–71 and prose L31, L39, L47
    [InlineData("cq2019", "规模以上工业企业总产值", null, 2019, "21700")]
    [InlineData("cq2019", "规模以上工业企业总产值", null, 2020, "23500")]
    [InlineData("cq2019", "规模以上工业企业总产值", null, 2022, "28000")]
    // seed 002 L75–78
    [InlineData("cq2019", "利润总额", null, 2022, "1650")]
    // seed 002 L104, L109, L111
    [InlineData("cq2019", "百亿级工业企业数量", null, 2020, "28")]
    [InlineData("cq2019", "五百亿级工业企业数量", null, 2022, "6")]
    [InlineData("cq2019", "千亿级工业企业数量", null, 2022, "3")]
    // seed 002 L164–167
    [InlineData("cq2019", "用地产出强度", null, 2020, "86.5")]
    // seed 001 §四 L291, L299, L306, L314, L322, L330, L337, L345
    [InlineData("yx2027", "营业收入", "江津区", 2027, "3000")]
    [InlineData("yx2027", "营业收入", "合川区", 2027, "1600")]
    [InlineData("yx2027", "营业收入", "永川区", 2027, "3300")]
    [InlineData("yx2027", "营业收入", "大足区", 2027, "1000")]
    [InlineData("yx2027", "营业收入", "璧山区", 2027, "1500")]
    [InlineData("yx2027", "营业收入", "铜梁区", 2027, "1600")]
    [InlineData("yx2027", "营业收入", "潼南区", 2027, "1000")]
    [InlineData("yx2027", "营业收入", "荣昌区", 2027, "1000")]
    // seed 001 §三 L125, L153, L275
    [InlineData("yx2027", "营业收入", "智能网联新能源汽车零部件", 2027, "4000")]
    [InlineData("yx2027", "营业收入", "新一代电子信息制造业", 2027, "2000")]
    [InlineData("yx2027", "营业收入", "高端摩托车", 2027, "600")]
    // seed 001 §二 L85–87
    [InlineData("yx2027", "用地单位产出强度", "渝西地区", 2027, "75")]
    // seed 003 专栏1 L145
    [InlineData("wz14", "规模以上工业总产值", "万州区", 2023, "510")]
    [InlineData("wz14", "规模以上工业总产值", "万州区", 2025, "700")]
    // seed 004 表2-1 L283–289
    [InlineData("na14", "工业总产值", "南岸区", 2020, "817.6")]
    [InlineData("na14", "工业总产值", "南岸区", 2025, "1335")]
    public async Task StoredTarget_MatchesTheSeedText(string plan, string indicatorName, string? scope, int year, string value)
    {
        var store = await stores.Get(Engines.Sqlite);
        var targets = await PlanQueries.TargetsAsync(store.Database, new TargetFilter(Plan: plan, Year: year, Scope: scope));
        var expected = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(targets, t => t.IndicatorName.Contains(indicatorName, StringComparison.Ordinal) && t.Value == expected);
    }

    [Fact]
    public async Task EnergyIntensityReduction_IsTheCumulativeIndicatorOfSeed002()
    {
        var store = await stores.Get(Engines.Sqlite);
        var energy = (await PlanQueries.IndicatorsAsync(store.Database, "cq2019")).Single(i => i.Name.Contains("能耗", StringComparison.Ordinal) && i.Code.StartsWith("ind", StringComparison.Ordinal));
        Assert.Equal(1, energy.Cumulative);   // "[ ]" values, seed 002 L127, L169
        var values = (await PlanQueries.TargetsAsync(store.Database, new TargetFilter(Plan: "cq2019", Indicator: energy.Code)))
            .Where(t => t.SourceKind == "table").OrderBy(t => t.Year).Select(t => t.Value).ToList();
        Assert.Equal([1.5m, 3.5m, 7m], values);
        var all = await PlanQueries.IndicatorsAsync(store.Database, "cq2019");
        Assert.All(all.Where(i => i.Code.Length == 5 && i.Code.StartsWith("ind", StringComparison.Ordinal)), i => Assert.Equal("预期性", i.Attribute));
    }
}
