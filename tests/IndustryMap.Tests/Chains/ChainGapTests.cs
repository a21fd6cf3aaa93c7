using IndustryMap.Chains;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Chains;

/// <summary>
/// The gap list (补链清单) of the VIVO handset chain, worked out by hand from 附件二 (L973-1273) and 附件四: which listed
/// suppliers are 南岸区 enterprises of Annex 4. My reading, node by node:
/// 结构件 宏劲印务 (1, weak); 塑胶件 鹏亿南联 (1, weak); 终端整机、配件消费 sales channels only (not a supply node);
/// 无源器件 鹏亿南联 (1, weak); 电池组件, 听筒, 电声连接器, 天线 none (gaps); 摄像头模组 灵龙实业 (1, weak);
/// 显示屏模组 合益光电, 翌辰光电, 恒利达 (3, strong); 电路板模组 瑞莲科技, 盟讯电子, 航伟光电 (3, strong); 芯片模组 none (gap).
/// Enterprises: 18+10+8+9+7+9+9+17+23+17+18 = 145, local 1+1+1+1+3+3 = 10, share 10/145 = 6.90%.
/// </summary>
public class ChainGapTests
{
    private static readonly Dictionary<string, (string Status, int Enterprises, string[] Local)> Expected = new()
    {
        ["结构件（外壳、框架、外包装）"] = ("weak", 18, ["宏劲印务"]),
        ["塑胶件（充电器线、适配器、耳机等）"] = ("weak", 10, ["鹏亿南联"]),
        ["终端整机、配件消费"] = ("not_applicable", 0, []),
        ["无源器件"] = ("weak", 8, ["鹏亿南联"]),
        ["电池组件"] = ("gap", 9, []),
        ["听筒"] = ("gap", 7, []),
        ["电声连接器"] = ("gap", 9, []),
        ["天线"] = ("gap", 9, []),
        ["摄像头模组"] = ("weak", 17, ["灵龙实业"]),
        ["显示屏模组"] = ("strong", 23, ["合益光电", "翌辰光电", "恒利达"]),
        ["电路板模组"] = ("strong", 17, ["瑞莲科技", "盟讯电子", "航伟光电"]),
        ["芯片模组"] = ("gap", 18, []),
    };

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TheVivoChainGapList_MatchesTheHandWorkedAnswer(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var report = await ChainQueries.GapsAsync(store.Database, "na-vivo");
        Assert.NotNull(report);
        Assert.Equal("南岸区", report.Unit);
        Assert.Equal(Expected.Keys.Order(), report.Nodes.Select(n => n.Name).Order());
        foreach (var node in report.Nodes)
        {
            var (status, enterprises, local) = Expected[node.Name];
            Assert.Equal((status, enterprises), (node.Status, node.Enterprises));
            Assert.Equal(local.Order(), node.LocalEnterprises.Order());
        }
        Assert.Equal((145, 10, 6.90m), (report.Enterprises, report.Local, report.Share));
        Assert.Equal(8, report.LocalPrinted);
        // A gap's candidates are the suppliers the map names there.
        var chip = report.Nodes.Single(n => n.Name == "芯片模组");
        Assert.Equal(18, chip.Candidates.Count);
        Assert.Contains(chip.Candidates, c => c.Name == "紫光展锐" && c.Lines == "1269");
        // A gap is covered by units outside 南岸 whose layout designates the node's catalog industry (集成电路).
        Assert.NotEmpty(chip.CoveringUnits);
        Assert.All(chip.CoveringUnits, c => Assert.NotEqual("南岸区", c.Unit));
        Assert.Contains(chip.CoveringUnits, c => c.Kind == "designation");
    }

    [Fact]
    public void TheStrengthRule_CountsLocalEnterprisesOnly()
    {
        Assert.Equal(NodeStrength.Gap, NodeStrength.Of(5, 0));
        Assert.Equal(NodeStrength.Weak, NodeStrength.Of(5, 1));
        Assert.Equal(NodeStrength.Strong, NodeStrength.Of(5, 2));
        Assert.Equal(NodeStrength.NotApplicable, NodeStrength.Of(0, 0));
        Assert.Equal(33.33m, ChainGapAnalysis.Share(1, 3));
        Assert.Null(ChainGapAnalysis.Share(0, 0));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TheStore_HoldsEveryChainOfTheSeedFiles_WithItsSources(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var dataset = IndustryMap.Import.SeedReader.Read(SeedData.Folder);
        var chains = await ChainQueries.ChainsAsync(store.Database);
        Assert.Equal(dataset.Chains.Chains.Select(c => c.Key).Order(), chains.Select(c => c.Key).Order());
        foreach (var chain in chains)
        {
            var seed = dataset.Chains.Chains.Single(c => c.Key == chain.Key);
            Assert.Equal(seed.Nodes.Sum(n => n.Members.Count), chain.Nodes.Sum(n => n.Members.Count));
            Assert.All(chain.Nodes.SelectMany(n => n.Members), m => Assert.NotNull(m.Source.LinesText));
        }
        var wanzhou = await ChainQueries.ChainsAsync(store.Database, unit: "万州区");
        Assert.Equal(["wz-auto", "wz-lighting"], wanzhou.Select(c => c.Key).Order());
        var collection = Assert.Single(await ChainQueries.CollectionsAsync(store.Database));
        Assert.Equal((7, 2), (collection.Declared, collection.Loaded));
        Assert.Equal(8, (await ChainQueries.LocalisationAsync(store.Database)).Count);
    }
}
