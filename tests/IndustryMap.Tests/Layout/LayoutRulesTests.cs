using IndustryMap.Layout;

namespace IndustryMap.Tests.Layout;

public class LayoutRulesTests
{
    private static string[] Roles(int dominant, int characteristic) =>
        [.. Enumerable.Repeat(LayoutRoles.Dominant, dominant), .. Enumerable.Repeat(LayoutRoles.Characteristic, characteristic)];

    [Fact]
    public void Check_TwoDominantFourCharacteristic_IsAllowed() => Assert.Empty(LayoutRules.Check("万州区", Roles(2, 4)));

    [Fact]
    public void Check_ThirdDominantInAnOrdinaryDistrict_IsRefused()
    {
        var violation = Assert.Single(LayoutRules.Check("万州区", Roles(3, 0)));
        Assert.Equal(LayoutRoles.Dominant, violation.Role);
        Assert.Equal(2, violation.Limit);
        Assert.Contains("万州区", violation.Message);
    }

    [Theory]
    [InlineData("两江新区")]
    [InlineData("西部科学城重庆高新区")]
    public void Check_ThreeDominantInLiangjiangOrHighTechZone_IsAllowedButFourIsNot(string unit)
    {
        Assert.Empty(LayoutRules.Check(unit, Roles(3, 4)));
        Assert.Equal(3, Assert.Single(LayoutRules.Check(unit, Roles(4, 4))).Limit);
    }

    [Fact]
    public void Check_FifthCharacteristic_IsRefused()
    {
        var violation = Assert.Single(LayoutRules.Check("江津区", Roles(1, 5)));
        Assert.Equal(LayoutRoles.Characteristic, violation.Role);
        Assert.Equal(5, violation.Count);
    }
}
