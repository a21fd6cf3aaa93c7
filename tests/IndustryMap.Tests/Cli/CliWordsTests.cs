using IndustryMap.Tests.Infrastructure;
using static IndustryMap.Tests.Cli.CliTests;

namespace IndustryMap.Tests.Cli;

/// <summary>Issue 14: option values of the wrong type are refused in words; a placement that recognises nothing exits non-zero.</summary>
public class CliWordsTests
{
    [Fact]
    public async Task AnOptionValueOfTheWrongType_IsRefusedInWords_NamingTheOptionAndTheValue()
    {
        await using var store = await TestStore.SeededAsync(Engines.Sqlite);
        var amount = await Industrymap(store, "place", "汽车零部件", "--amount", "abc");
        Assert.Equal(1, amount.ExitCode);
        Assert.Contains("--amount 须为数字", amount.Err);
        Assert.Contains("“abc”", amount.Err);
        Assert.DoesNotContain("System.", amount.Err);

        var top = await Industrymap(store, "place", "汽车零部件", "--top", "five");
        Assert.Equal(1, top.ExitCode);
        Assert.Contains("--top 须为整数", top.Err);
        Assert.DoesNotContain("System.", top.Err);

        var fine = await Industrymap(store, "place", "汽车零部件", "--amount", "2.5", "--top", "3");
        Assert.Equal(0, fine.ExitCode);
    }

    [Fact]
    public async Task APlacementThatRecognisesNoIndustry_ExitsWithTheNoMatchCode()
    {
        await using var store = await TestStore.SeededAsync(Engines.Sqlite);
        var run = await Industrymap(store, "place", "asdfgh");
        Assert.Equal(6, run.ExitCode);
        Assert.Contains("未识别出产业", run.Err);
    }
}
