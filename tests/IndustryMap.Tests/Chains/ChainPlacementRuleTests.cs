using IndustryMap.Chains;
using IndustryMap.Provenance;

namespace IndustryMap.Tests.Chains;

/// <summary>The two chain rules fire on invented project descriptions and stay silent otherwise (no database).</summary>
public class ChainPlacementRuleTests
{
    private static ChainMember Member(string name, string? location, string kind = "enterprise") =>
        new(name, kind, location, null, null, null, null, null, new Source("004", 1200, 1200, null, null, null));

    private static readonly Chain Handset = new(1, "t-handset", "手机产业链", null, "unit", "南岸区", [], null, null, null, null, null, null, null, null, 1,
        new Source("004", 973, 973, null, null, null),
        [
            new ChainNode("chip", "中游模组组装", "midstream", "芯片模组", ["芯片模组"], null, ["集成电路"], null, null, new Source("004", 1273, 1273, null, null, null),
                [Member("紫光展锐", ChainLocations.Unknown), Member("高通", ChainLocations.Outside)]),
            new ChainNode("pcb", "中游模组组装", "midstream", "电路板模组", ["电路板模组"], null, ["印刷电路板"], null, null, new Source("004", 1255, 1255, null, null, null),
                [Member("盟讯电子", ChainLocations.Unit), Member("航伟光电", ChainLocations.Unit), Member("欣兴电子", ChainLocations.Unknown)]),
            new ChainNode("retail", "下游", "terminal", "配件消费", ["电商"], null, [], null, null, new Source("004", 1103, 1103, null, null, null),
                [Member("电商", null, "channel")]),
        ], []);

    private static ChainPlacementRules.ChainProject Project(string description, string[]? industries = null, string? investor = null) =>
        new(description, industries ?? [], investor);

    [Fact]
    public void GapFill_Fires_ForAProductOfAGapNode_CitingTheNodeAndTheChain()
    {
        var (unit, reason) = Assert.Single(ChainPlacementRules.ChainGapFill(Project("新建手机芯片模组封装测试生产线"), [Handset]));
        Assert.Equal("南岸区", unit);
        Assert.Equal(ChainPlacementRules.ChainGapFillRule, reason.Rule);
        Assert.Contains("芯片模组", reason.Text);
        Assert.Equal(("004", "1273"), (reason.Source.Document, reason.Source.LinesText));
        Assert.Equal("973", reason.Evidence!.LinesText);
    }

    [Fact]
    public void GapFill_Fires_ForAClassifiedCatalogIndustryOfAGapNode()
    {
        Assert.Single(ChainPlacementRules.ChainGapFill(Project("建设某型号处理器研发生产基地", ["集成电路"]), [Handset]));
    }

    [Fact]
    public void GapFill_IsSilent_ForANodeWithLocalSuppliers_ForAChannelNode_AndForUnrelatedProjects()
    {
        Assert.Empty(ChainPlacementRules.ChainGapFill(Project("扩建电路板模组产线", ["印刷电路板"]), [Handset]));
        Assert.Empty(ChainPlacementRules.ChainGapFill(Project("建设电商直播基地"), [Handset]));
        Assert.Empty(ChainPlacementRules.ChainGapFill(Project("年产10万吨饲料项目", ["粮油加工"]), [Handset]));
    }

    [Fact]
    public void OutsideSupplier_Fires_ForAnInvestorTheMapListsOutsideTheUnit()
    {
        var (unit, reason) = Assert.Single(ChainPlacementRules.ChainOutsideSupplier("高通（中国）控股有限公司", [Handset]));
        Assert.Equal("南岸区", unit);
        Assert.Equal(ChainPlacementRules.ChainOutsideSupplierRule, reason.Rule);
        Assert.Contains("高通", reason.Text);
        Assert.Contains("市外", reason.Text);
        Assert.Equal("1200", reason.Source.LinesText);
    }

    [Fact]
    public void OutsideSupplier_IsSilent_ForALocalSupplier_AnUnknownInvestor_OrNoInvestor()
    {
        Assert.Empty(ChainPlacementRules.ChainOutsideSupplier("重庆盟讯电子科技有限公司盟讯电子", [Handset]));
        Assert.Empty(ChainPlacementRules.ChainOutsideSupplier("某某新材料有限公司", [Handset]));
        Assert.Empty(ChainPlacementRules.ChainOutsideSupplier(null, [Handset]));
    }

    [Fact]
    public void Evidence_GroupsBothRulesByUnit()
    {
        var evidence = ChainPlacementRules.Evidence(Project("芯片模组项目", investor: "紫光展锐"), [Handset]);
        var reasons = Assert.Single(evidence).Value;
        Assert.Equal([ChainPlacementRules.ChainGapFillRule, ChainPlacementRules.ChainOutsideSupplierRule], reasons.Select(r => r.Rule).Order().ToArray());
    }
}
