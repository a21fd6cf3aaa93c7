using IndustryMap.Measures;
using IndustryMap.Registries;

namespace IndustryMap.Tests.Measures;

public class MeasureUnitsTests
{
    [Theory]
    [InlineData("1.4", "万亿元", "14000", "亿元")]
    [InlineData("2550", "万元", "0.255", "亿元")]
    [InlineData("332.3", "亿元", "332.3", "亿元")]
    [InlineData("13.81", "平方公里", "20715", "亩")]
    [InlineData("2000", "m²", "3", "亩")]
    [InlineData("48", "万平方米", "720", "亩")]
    public void Normalize_ConvertsMoneyToYiAndAreaToMuExactly(string value, string unit, string expected, string expectedUnit)
    {
        var normalized = MeasureUnits.Normalize(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), unit);
        Assert.NotNull(normalized);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), normalized.Value);
        Assert.Equal(expectedUnit, normalized.Unit);
    }

    [Theory]
    [InlineData("万元/人")]
    [InlineData("亿元/平方公里")]
    [InlineData("%")]
    [InlineData("家")]
    public void Normalize_LeavesRatesSharesAndCountsAlone(string unit) => Assert.Null(MeasureUnits.Normalize(20m, unit));

    [Fact]
    public void MuToSquareKilometres_IsExactForWholeSquareKilometres()
    {
        Assert.Equal(13.81m, MeasureUnits.MuToSquareKilometres(20715m));
        Assert.Equal(0.0666666667m, MeasureUnits.MuToSquareKilometres(100m));
    }
}

public class ProjectLifecycleTests
{
    [Theory]
    [InlineData("策划", ProjectLifecycle.Planning)]
    [InlineData("前期策划", ProjectLifecycle.Planning)]
    [InlineData("跟踪", ProjectLifecycle.Tracking)]
    [InlineData("在谈", ProjectLifecycle.Negotiating)]
    [InlineData("已签约", ProjectLifecycle.Signed)]
    [InlineData("新开工", ProjectLifecycle.Construction)]
    [InlineData("续建", ProjectLifecycle.Construction)]
    [InlineData("投产", ProjectLifecycle.Production)]
    public void Map_PutsEachDocumentsWordOnOneLifecycle(string printed, string stage) => Assert.Equal(stage, ProjectLifecycle.Map(printed));

    [Fact]
    public void Map_UnknownWord_IsNotGuessed() => Assert.Null(ProjectLifecycle.Map("快要开工了"));
}
