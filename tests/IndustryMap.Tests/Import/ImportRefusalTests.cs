using IndustryMap.Writing;
using IndustryMap.Import;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Import;

/// <summary>Bad input is refused with file, row and field named, and the store is left exactly as it was.</summary>
public class ImportRefusalTests
{
    private const string Layout000 = "000-industry-map-2023/layout.csv";
    private const string Layout001 = "001-yuxi-plan-2023-2027/layout.csv";

    private static async Task<Refusal[]> RefusedAsync(TestStore store, string folder)
    {
        var before = await Snapshot.TakeAsync(store.Database);
        var refused = await Assert.ThrowsAsync<RefusedException>(() => SeedImporter.ImportAsync(store.Database, folder, "tests"));
        Assert.Equal(before, await Snapshot.TakeAsync(store.Database));
        Assert.Equal(1, await Imports.CountAsync(store.Database));
        return [.. refused.Errors];
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Import_ThirdDominantIndustryForWanzhou_IsRefusedWithNoChange(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var folder = SeedData.CopyToTemp();
        // A third 主导产业 that is otherwise valid: printed on line 40 and in the catalog.
        CsvEdit.Append(Path.Combine(folder, Layout000), new()
        {
            ["edition"] = "2023", ["unit"] = "万州区", ["role"] = "dominant", ["position"] = "3",
            ["printed"] = "盐化工", ["industry"] = "盐化工", ["lines"] = "40",
        });

        var errors = await RefusedAsync(store, folder);

        var cap = Assert.Single(errors);
        Assert.Equal("layout_cap_exceeded", cap.Code);
        Assert.Equal(Layout000, cap.File);
        Assert.Equal("role", cap.Field);
        Assert.Contains("万州区", cap.Message);
        Assert.Contains("主导产业", cap.Message);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Import_UnknownUnitAndMalformedLines_NameFileRowAndField(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var folder = SeedData.CopyToTemp();
        var unitRow = CsvEdit.SetField(Path.Combine(folder, Layout001), r => r["unit"] == "江津区", "unit", "江北新区");
        var linesRow = CsvEdit.SetField(Path.Combine(folder, Layout000), r => r["unit"] == "黔江区", "lines", "6x4");

        var errors = await RefusedAsync(store, folder);

        var unknown = Assert.Single(errors, e => e.Code == "unknown_unit");
        Assert.Equal((Layout001, unitRow, "unit", "江北新区"), (unknown.File, unknown.Row!.Value, unknown.Field!, unknown.Value!));
        Assert.Contains("江北新区", unknown.Message);
        var malformed = Assert.Single(errors, e => e.Code == "malformed_lines");
        Assert.Equal((Layout000, linesRow, "lines"), (malformed.File, malformed.Row!.Value, malformed.Field!));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Import_SilentCorrectionAndWrongSourceLines_AreRefused(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var folder = SeedData.CopyToTemp();
        // Changing the industry without flag=corrected would silently "correct" the document.
        var corrected = CsvEdit.SetField(Path.Combine(folder, Layout000), r => r["unit"] == "丰都县" && r["printed"] == "轻合金材料", "industry", "新能源材料");
        // Pointing a row at lines that do not contain it breaks provenance.
        var moved = CsvEdit.SetField(Path.Combine(folder, Layout000), r => r["unit"] == "彭水县" && r["role"] == "dominant", "lines", "5");

        var errors = await RefusedAsync(store, folder);

        Assert.Contains(errors, e => e is { Code: "silent_correction", Field: "industry" } && e.Row == corrected);
        Assert.Contains(errors, e => e is { Code: "source_mismatch", Field: "lines" } && e.Row == moved);
    }

    [Fact]
    public async Task Import_MissingFolder_IsRefused()
    {
        await using var store = await TestStore.CreateAsync(Engines.Sqlite);
        await new IndustryMap.Storage.Migrator(store.Database).MigrateAsync();
        var refused = await Assert.ThrowsAsync<RefusedException>(() =>
            SeedImporter.ImportAsync(store.Database, Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid()), "tests"));
        Assert.Equal("folder_not_found", Assert.Single(refused.Errors).Code);
        Assert.Equal(0, await Imports.CountAsync(store.Database));
    }
}
