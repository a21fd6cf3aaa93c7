using IndustryMap.Writing;
using IndustryMap.Import;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Import;

/// <summary>seed-data/public/ is checked like the seed layout: file, row and field named; nothing written (decision 0010).</summary>
public class PublicImportRefusalTests
{
    private const string Sources = "public/sources.csv";
    private const string Layout = "public/layout-2023.csv";
    private const string Vocabulary = "reference/industry_vocabulary.csv";

    private static async Task<Refusal[]> RefusedAsync(TestStore store, string folder)
    {
        var before = await Snapshot.TakeAsync(store.Database);
        var refused = await Assert.ThrowsAsync<RefusedException>(() => SeedImporter.ImportAsync(store.Database, folder, "tests"));
        Assert.Equal(before, await Snapshot.TakeAsync(store.Database));
        return [.. refused.Errors];
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task BadPagesAndRows_AreRefusedWithFileRowAndField(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var folder = SeedData.CopyToTemp();
        var urlRow = CsvEdit.SetField(Path.Combine(folder, Sources), r => r["source_id"] == "qijiang-gov-2026", "url", "javascript:alert(1)");
        var dateRow = CsvEdit.SetField(Path.Combine(folder, Sources), r => r["source_id"] == "fuling-2349", "published", "2024年7月24日");
        var sourceRow = CsvEdit.SetField(Path.Combine(folder, Layout), r => r["unit"] == "沙坪坝区" && r["position"] == "1", "source_id", "nowhere");
        var printedRow = CsvEdit.SetField(Path.Combine(folder, Layout), r => r["unit"] == "沙坪坝区" && r["position"] == "2", "industry", "火锅食材");
        CsvEdit.Append(Path.Combine(folder, Layout), new()
        {
            ["edition"] = "2023", ["unit"] = "万州区", ["role"] = "characteristic", ["position"] = "9",
            ["printed"] = "盐化工", ["industry"] = "盐化工", ["source_id"] = "liangjiang-33511",
        });

        var errors = await RefusedAsync(store, folder);

        Assert.Contains(errors, e => (e.Code, e.File, e.Row, e.Field) == ("unsafe_url", Sources, urlRow, "url"));
        Assert.Contains(errors, e => (e.Code, e.File, e.Row, e.Field) == ("malformed_date", Sources, dateRow, "published"));
        Assert.Contains(errors, e => (e.Code, e.File, e.Row, e.Field) == ("unknown_source", Layout, sourceRow, "source_id"));
        Assert.Contains(errors, e => (e.Code, e.File, e.Row, e.Field) == ("printed_mismatch", Layout, printedRow, "industry"));
        Assert.Contains(errors, e => e.Code == "recorded_by_seed" && e.File == Layout && e.Field == "unit");
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PublicLayoutOverTheCap_IsRefused(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var folder = SeedData.CopyToTemp();
        CsvEdit.Append(Path.Combine(folder, Layout), new()
        {
            ["edition"] = "2023", ["unit"] = "綦江区", ["role"] = "dominant", ["position"] = "3",
            ["printed"] = "轻合金材料", ["industry"] = "轻合金材料", ["source_id"] = "qijiang-gov-2026",
        });

        var cap = Assert.Single(await RefusedAsync(store, folder));
        Assert.Equal(("layout_cap_exceeded", Layout, "role"), (cap.Code, cap.File, cap.Field));
        Assert.Contains("綦江区", cap.Message);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task VocabularyRow_WithUnknownTargetOrUnprintedSource_IsRefused(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var folder = SeedData.CopyToTemp();
        var targetRow = CsvEdit.SetField(Path.Combine(folder, Vocabulary), r => r["term"] == "榨菜", "target", "榨菜加工");
        var linesRow = CsvEdit.SetField(Path.Combine(folder, Vocabulary), r => r["term"] == "风电设备" && r["target"] == "新能源技术装备产品", "lines", "1");

        var errors = await RefusedAsync(store, folder);

        Assert.Contains(errors, e => (e.Code, e.File, e.Row, e.Field) == ("unknown_industry", Vocabulary, targetRow, "target"));
        Assert.Contains(errors, e => (e.Code, e.File, e.Row, e.Field) == ("source_mismatch", Vocabulary, linesRow, "lines"));
    }
}
