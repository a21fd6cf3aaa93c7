using Dapper;
using DocumentFormat.OpenXml.Packaging;
using IndustryMap.Tests.Infrastructure;
using static IndustryMap.Tests.Cli.CliTests;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace IndustryMap.Tests.Monitoring;

/// <summary>`industrymap demo` and `industrymap bulletin`, run as the real executable.</summary>
public class MonitoringCliTests
{
    [Theory]
    [InlineData("demo", "--help")]
    [InlineData("bulletin", "--help")]
    public async Task MonitoringVerbs_HaveHelp(params string[] args)
    {
        var run = await Industrymap(null, args);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Demo_ThenBulletin_WritesAWordDocument_AndDemoRemoveTakesItAllAway(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var demo = await Industrymap(store, "demo");
        Assert.True(demo.ExitCode == 0, demo.Err);
        Assert.Contains("演示数据", demo.Out);

        var file = Path.Combine(store.Options.DataDirectory, "out", "通报.docx");
        var bulletin = await Industrymap(store, "bulletin", "2025Q3", "--out", file, "--include-demo");
        Assert.True(bulletin.ExitCode == 0, bulletin.Err);
        Assert.Contains("46 ranked line(s)", bulletin.Out);   // 渝西 8 + the 38 districts of the 一区两群 groups
        using (var document = WordprocessingDocument.Open(file, false))
        {
            var paragraphs = document.MainDocumentPart!.Document.Body!.Elements<W.Paragraph>().Select(p => p.InnerText).ToList();
            Assert.Contains("关于2025年第三季度全市制造业重点指标监测和“赛马”情况的通报", paragraphs);
            Assert.Equal(5, document.MainDocumentPart.Document.Body!.Elements<W.Table>().Count()); // 渝西, and the four 一区两群 groups
        }

        var missing = await Industrymap(store, "bulletin", "2031Q1", "--out", file);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("2031Q1", missing.Err);

        var remove = await Industrymap(store, "demo", "--remove");
        Assert.True(remove.ExitCode == 0, remove.Err);
        await using var connection = await store.Database.OpenAsync();
        foreach (var table in new[] { "submissions", "submission_values", "monitoring_targets", "ranking_indexes", "reporting_periods", "monitored_indicators" })
        {
#pragma warning disable CA2100 // table names are the constants above
            Assert.Equal(0L, await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE is_demo = 1"));
#pragma warning restore CA2100
        }
    }
}
