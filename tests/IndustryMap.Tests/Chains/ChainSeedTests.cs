using System.Text.RegularExpressions;
using IndustryMap.Writing;
using IndustryMap.Chains;
using IndustryMap.Import;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Chains;

/// <summary>
/// The chain maps of seed 004 附件二 are loaded exactly as printed. The expected counts are taken from the document
/// text here, by counting its bullet marks, not from the CSV files the loader reads.
/// </summary>
public partial class ChainSeedTests
{
    private const int AnnexFrom = 973, AnnexTo = 1358;

    [GeneratedRegex("[·ș]")]
    private static partial Regex Bullet();

    /// <summary>
    /// The printed blocks of the two surviving maps, from my reading of L973-1358: the node label's line and the lines
    /// its bullet list spans. Downstream VIVO blocks put each name on the line after a lone bullet; every other block
    /// prints bullets and names on the same line.
    /// </summary>
    private static readonly (string Chain, string Label, int LabelLine, int From, int To)[] Blocks =
    [
        ("na-vivo", "结构件（外壳、框架、外包装）", 977, 978, 1056),
        ("na-vivo", "塑胶件（充电器线、适配器、耳机等）", 1057, 1058, 1102),
        ("na-vivo", "终端整机、配件消费", 1103, 1104, 1134),
        ("na-vivo", "无源器件", 1145, 1137, 1143),
        ("na-vivo", "电池组件", 1159, 1149, 1157),
        ("na-vivo", "听筒", 1171, 1163, 1169),
        ("na-vivo", "电声连接器", 1185, 1175, 1183),
        ("na-vivo", "天线", 1199, 1189, 1197),
        ("na-vivo", "摄像头模组", 1217, 1203, 1215),
        ("na-vivo", "显示屏模组", 1235, 1221, 1233),
        ("na-vivo", "电路板模组", 1255, 1239, 1253),
        ("na-vivo", "芯片模组", 1273, 1259, 1271),
        ("na-aircon", "核心零部件", 1274, 1294, 1306),
        ("na-aircon", "输出", 1280, 1308, 1316),
        ("na-aircon", "整机制造", 1290, 1318, 1324),
        ("na-aircon", "原材料", 1328, 1334, 1348),
    ];

    /// <summary>Names in a line range: every bullet mark followed by a name on its line, or by a name on the next non-blank line.</summary>
    private static int CountNames(IReadOnlyList<string> lines, int from, int to)
    {
        var count = 0;
        for (var n = from; n <= to; n++)
        {
            var parts = Bullet().Split(lines[n - 1]);
            if (parts.Length == 1) continue;
            var inline = parts.Skip(1).Count(p => p.Trim().Length > 0);
            count += inline > 0 ? inline : parts.Length - 1;
        }
        return count;
    }

    [Fact]
    public void TheAnnexMaps_LoadWithTheNodeAndEnterpriseCountsOfTheText()
    {
        var text = SeedData.DocumentLines("004");
        var dataset = SeedReader.Read(SeedData.Folder);
        var annex = dataset.Chains.Chains.Where(c => c.Collection == "na-annex2").ToList();

        // Every bullet of the annex is a member of some node: the whole-annex count needs no block boundaries.
        Assert.Equal(CountNames(text, AnnexFrom, AnnexTo), annex.Sum(c => c.Nodes.Sum(n => n.Members.Count)));
        foreach (var chain in annex)
        {
            var blocks = Blocks.Where(b => b.Chain == chain.Key).ToList();
            Assert.Equal(blocks.Count, chain.Nodes.Count);
            foreach (var block in blocks)
            {
                Assert.Contains(SeedReader.Compact([block.Label]), SeedReader.Compact([text[block.LabelLine - 1]]));
                var node = Assert.Single(chain.Nodes, n => n.Name == block.Label || n.Name.StartsWith(block.Label, StringComparison.Ordinal));
                Assert.Equal(CountNames(text, block.From, block.To), node.Members.Count);
                Assert.All(node.Members, m => Assert.InRange(m.Source.FromLine!.Value, block.From, block.To));
            }
        }
        // The title promises seven maps; two are printed, and the collection says so.
        var collection = Assert.Single(dataset.Chains.Collections, c => c.Key == "na-annex2");
        Assert.Contains($"{collection.Declared}条产业链图谱", SeedReader.Compact([text[971]]));
        Assert.Equal(2, annex.Count);
        Assert.Contains("only 2 of the 7", collection.Quality);
    }

    [Fact]
    public void EveryChainNodeAndMember_CitesLinesThatPrintIt()
    {
        var dataset = SeedReader.Read(SeedData.Folder);
        Assert.NotEmpty(dataset.Chains.Chains);
        foreach (var chain in dataset.Chains.Chains)
        {
            var text = SeedData.DocumentLines(chain.DocumentId);
            string Span(IndustryMap.Provenance.Source s) => SeedReader.Compact(text.Skip(s.FromLine!.Value - 1).Take(s.ToLine!.Value - s.FromLine.Value + 1));
            Assert.NotEmpty(chain.Nodes);
            foreach (var node in chain.Nodes)
            {
                Assert.True(SeedReader.ContainsAsPrinted(Span(node.Source), node.Name), $"{chain.Key}/{node.Key} at {node.Source.LinesText}");
                foreach (var member in node.Members)
                {
                    Assert.Equal(chain.DocumentId, member.Source.Document);
                    Assert.Contains(SeedReader.Compact([member.Name]), Span(member.Source));
                }
            }
        }
    }

    [Fact]
    public void LocalMembers_AreLinkedToTheRegistry_AndTheLocalisationRatiosOfL154AreLoaded()
    {
        var dataset = SeedReader.Read(SeedData.Folder);
        var registry = dataset.PlanData.Enterprises.ToLookup(e => e.Name);
        var vivo = dataset.Chains.Chains.Single(c => c.Key == "na-vivo");
        var linked = vivo.Nodes.SelectMany(n => n.Members).Where(m => m.Registry is not null).ToList();
        Assert.All(linked, m => Assert.Contains(registry[m.Registry!], e => e.Unit == "南岸区"));
        Assert.All(linked, m => Assert.Equal(ChainLocations.Unit, m.Location));
        Assert.Contains(linked, m => m.Name == "盟讯电子" && m.Registry == "重庆盟讯电子科技有限公司");
        // 华新 on the PCB list is not the concrete maker 重庆华新天成混凝土有限公司 of the registry.
        Assert.Null(vivo.Nodes.SelectMany(n => n.Members).Single(m => m.Name == "华新").Registry);

        var l154 = SeedReader.Compact([SeedData.DocumentLines("004")[153]]);
        var printed = Regex.Matches(l154, @"(\d+)%").Select(m => m.Value).ToList();
        Assert.Equal(printed.Count, dataset.Chains.Localisation.Count);
        Assert.Equal(printed.Order(), dataset.Chains.Localisation.Select(l => l.Share).Order());
        var mengxun = dataset.Chains.Localisation.Single(l => l.Enterprise == "盟讯电子");
        Assert.Equal((195, 145), (mengxun.Suppliers, mengxun.LocalSuppliers));
    }

    [Fact]
    public void BadChainRows_AreRefusedWithFileRowAndField_AndNothingIsRead()
    {
        var folder = SeedData.CopyToTemp();
        var members = Path.Combine(folder, "004-nanan-14th-fyp", "chain_members.csv");
        CsvEdit.SetField(members, r => r["member"] == "蓝思科技", "lines", "985");
        CsvEdit.SetField(members, r => r["member"] == "伯恩", "registry", "不存在的公司");
        CsvEdit.SetField(members, r => r["member"] == "长盈精密", "location", "somewhere");
        var nodes = Path.Combine(folder, "004-nanan-14th-fyp", "chain_nodes.csv");
        CsvEdit.SetField(nodes, r => r["node"] == "chip", "catalog", "不存在的产业");
        var errors = Assert.Throws<RefusedException>(() => SeedReader.Read(folder)).Errors;
        const string file = "004-nanan-14th-fyp/chain_members.csv";
        Assert.Contains(errors, e => e is { Code: "source_mismatch", File: file, Field: "lines", Row: 2 });
        Assert.Contains(errors, e => e is { Code: "unknown_enterprise", File: file, Field: "registry", Row: 3 });
        Assert.Contains(errors, e => e is { Code: "not_allowed", File: file, Field: "location", Row: 5 });
        Assert.Contains(errors, e => e is { Code: "unknown_industry", File: "004-nanan-14th-fyp/chain_nodes.csv", Field: "catalog" });
        Assert.All(errors, e => Assert.Contains("chain_", e.File));
    }
}
