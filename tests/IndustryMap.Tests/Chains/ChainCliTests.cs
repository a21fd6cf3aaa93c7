using IndustryMap.Chains;
using IndustryMap.Tests.Cli;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Chains;

/// <summary>`industrymap chains list|show|gaps` print what the queries return, in table, json and csv.</summary>
public class ChainCliTests
{
    [Fact]
    public async Task ListShowAndGaps_PrintTheStoredChains()
    {
        await using var store = await TestStore.SeededAsync(Engines.Sqlite);
        var chains = await ChainQueries.ChainsAsync(store.Database, "南岸区");

        var list = await CliTests.Industrymap(store, "chains", "list", "--unit", "南岸区");
        Assert.Equal(0, list.ExitCode);
        Assert.All(chains, c => Assert.Contains(c.Key + "\t" + c.Name, list.Out));
        Assert.DoesNotContain("wz-auto", list.Out);

        var show = await CliTests.Industrymap(store, "chains", "show", "na-vivo", "--format", "csv");
        Assert.Equal(0, show.ExitCode);
        var vivo = chains.Single(c => c.Key == "na-vivo");
        Assert.Equal(vivo.Nodes.Sum(n => n.Members.Count) + 1, show.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("紫光展锐", show.Out);

        var report = (await ChainQueries.GapsAsync(store.Database, "na-vivo"))!;
        var gaps = await CliTests.Industrymap(store, "chains", "gaps", "na-vivo", "--format", "csv");
        Assert.Equal(0, gaps.ExitCode);
        var lines = gaps.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(report.Nodes.Count + 1, lines.Length);
        Assert.Equal(report.Gaps.Count(), lines.Count(l => l.Contains("缺失（补链）", StringComparison.Ordinal)));

        var missing = await CliTests.Industrymap(store, "chains", "show", "no-such-chain");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no-such-chain", missing.Err);
    }
}
