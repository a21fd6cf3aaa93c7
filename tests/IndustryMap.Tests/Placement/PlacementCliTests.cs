using System.Text.Json;
using Dapper;
using IndustryMap.Tests.Infrastructure;
using static IndustryMap.Tests.Cli.CliTests;

namespace IndustryMap.Tests.Placement;

/// <summary>`industrymap place`, `register` and `pipeline` run as real processes.</summary>
public class PlacementCliTests
{
    [Fact]
    public async Task Place_PrintsTheRankingAsATableOrJson_AndRefusesAnEmptyDescription()
    {
        await using var store = await TestStore.SeededAsync(Engines.Sqlite);
        var table = await Industrymap(store, "place", "年产5万吨磷酸铁锂正极材料", "--amount", "10", "--land", "200", "--top", "6");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("新能源材料", table.Out);
        Assert.Contains("巫溪县将“新能源材料”列为特色产业", table.Out);
        Assert.Contains("文件 000 第 27 行", table.Out);

        var json = await Industrymap(store, "place", "汽车零部件", "--origin", "outside_city", "--first-contact", "万州区", "--format", "json");
        Assert.Equal(0, json.ExitCode);
        var result = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal(41, result.GetProperty("candidates").GetArrayLength());
        Assert.True(result.GetProperty("candidates")[0].GetProperty("isYuxi").GetBoolean());
        Assert.Contains(result.GetProperty("notes").EnumerateArray(), n => n.GetProperty("rule").GetString() == "first_contact");

        var empty = await Industrymap(store, "place", " ");
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("description_required", empty.Err);
        var unknown = await Industrymap(store, "place", "铜管", "--first-contact", "江北新区");
        Assert.Contains("unknown_unit", unknown.Err);
    }

    [Fact]
    public async Task PlaceBatch_WritesACsvOfResults_AndReportsBadRows()
    {
        await using var store = await TestStore.SeededAsync(Engines.Sqlite);
        var input = Path.Combine(store.Options.DataDirectory, "projects.csv");
        var output = Path.Combine(store.Options.DataDirectory, "placed.csv");
        await File.WriteAllTextAsync(input, "id,description,amountYi,origin\n1,年产5万吨磷酸铁锂正极材料,10,outside_city\n2,汽车零部件,x,outside_city\n");
        var run = await Industrymap(store, "place", "--batch", input, "--out", output);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("第 3 行 amountYi", run.Err);
        var rows = IndustryMap.Text.Csv.Parse(await File.ReadAllTextAsync(output)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(("placed", "新能源材料"), (rows[1].Fields[2], rows[1].Fields[3]));
        Assert.Equal("invalid", rows[2].Fields[2]);
    }

    /// <summary>
    /// The CLI's writes on the embedded store (the register and pipeline themselves are tested on both engines in
    /// FirstContactRegisterTests and PipelineTests): each acts as the console operator, and verify exits 4 on a broken chain.
    /// </summary>
    [Fact]
    public async Task RegisterAndPipeline_AddMoveReportAndVerify_AsTheConsoleOperator()
    {
        await using var store = await TestStore.SeededAsync(Engines.Sqlite);
        Assert.Equal(0, (await Industrymap(store, "register", "add", "--unit", "万州区", "--investor", "甲公司", "--project", "铜箔项目", "--amount", "5")).ExitCode);
        var conflict = await Industrymap(store, "register", "add", "--unit", "南岸区", "--investor", "重庆甲公司", "--project", "铜箔");
        Assert.Equal(0, conflict.ExitCode);
        Assert.Contains("冲突 (conflict)", conflict.Out);
        Assert.Contains("cli:" + Environment.UserName, (await Industrymap(store, "register", "list")).Out);
        var ok = await Industrymap(store, "register", "verify");
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("2 条", ok.Out);

        var add = await Industrymap(store, "pipeline", "add", "--name", "正极材料项目", "--description", "年产5万吨磷酸铁锂正极材料", "--unit", "永川区",
            "--amount", "60", "--stage", "signed", "--on", "2025-01-15");
        Assert.Equal(0, add.ExitCode);
        Assert.Contains("第 1 号", add.Out);
        Assert.Equal(0, (await Industrymap(store, "pipeline", "move", "1", "--stage", "construction", "--on", "2025-04-01")).ExitCode);
        var back = await Industrymap(store, "pipeline", "move", "1", "--stage", "signed", "--on", "2025-05-01");
        Assert.Equal(2, back.ExitCode);
        Assert.Contains("只能推进到其后的阶段", back.Err);
        var floor = JsonDocument.Parse((await Industrymap(store, "pipeline", "yuxi-floor", "--year", "2025", "--format", "json")).Out).RootElement;
        var yongchuan = floor.EnumerateArray().Single(r => r.GetProperty("unit").GetString() == "永川区");
        Assert.Equal(60m, yongchuan.GetProperty("startedYi").GetDecimal());
        Assert.True(yongchuan.GetProperty("met").GetBoolean());

        await using (var connection = await store.Database.OpenAsync())
        {
            await connection.ExecuteAsync("DROP TRIGGER first_contacts_no_update");
            await connection.ExecuteAsync("UPDATE first_contacts SET investor = '乙公司' WHERE seq = 1");
        }
        var broken = await Industrymap(store, "register", "verify");
        Assert.Equal(5, broken.ExitCode);
        Assert.Contains("at entry 1", broken.Out);
    }
}
