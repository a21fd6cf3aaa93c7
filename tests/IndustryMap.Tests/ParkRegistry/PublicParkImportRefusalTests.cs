using IndustryMap.Writing;
using IndustryMap.Import;
using IndustryMap.Tests.Import;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.ParkRegistry;

/// <summary>seed-data/public/parks.csv gets the same checks as every seed file: file, row and field named, nothing written.</summary>
public class PublicParkImportRefusalTests
{
    private const string Parks = "public/parks.csv";
    private const string Sources = "public/sources.csv";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Import_BadPublicParkRows_NameFileRowField_AndChangeNothing(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var folder = SeedData.CopyToTemp();
        var parks = Path.Combine(folder, Parks);
        var unitRow = CsvEdit.SetField(parks, r => r["park"] == "重庆经济技术开发区", "unit", "火星区");
        var industryRow = CsvEdit.SetField(parks, r => r["park"] == "西永微电子产业园区", "focus_industries", "集成电路产业集群=集成电路与火箭燃料");
        var mismatchRow = CsvEdit.SetField(parks, r => r["park"] == "德感工业园", "focus_industries", "装备制造=粮油加工");
        var areaRow = CsvEdit.SetField(parks, r => r["park"] == "西彭工业园区", "planned_area", "-65");
        var unitOfAreaRow = CsvEdit.SetField(parks, r => r["park"] == "荣昌高新技术产业开发区", "area_unit", "光年");
        var kindRow = CsvEdit.SetField(parks, r => r["park"] == "开州浦里新区工业园区", "kind", "theme_park");
        var levelRow = CsvEdit.SetField(parks, r => r["park"] == "重庆江津珞璜工业园", "level", "省部级");
        var sourceRow = CsvEdit.SetField(parks, r => r["park"] == "白沙工业园", "source_id", "park-no-such-page");
        var urlRow = CsvEdit.SetField(Path.Combine(folder, Sources), r => r["source_id"] == "park-cqrb-2018-degan", "url", "javascript:alert(1)");
        var before = await Snapshot.TakeAsync(store.Database);

        var refused = await Assert.ThrowsAsync<RefusedException>(() => SeedImporter.ImportAsync(store.Database, folder, "tests"));

        void Refused(string code, string file, string field, int row) =>
            Assert.Contains(refused.Errors, e => e.Code == code && e.File == file && e.Field == field && e.Row == row);
        Refused("unknown_unit", Parks, "unit", unitRow);
        Refused("unknown_industry", Parks, "focus_industries", industryRow);
        Refused("printed_mismatch", Parks, "focus_industries", mismatchRow);
        Refused("bad_area", Parks, "planned_area", areaRow);
        Refused("unknown_measure_unit", Parks, "area_unit", unitOfAreaRow);
        Refused("unknown_park_kind", Parks, "kind", kindRow);
        Refused("unknown_park_level", Parks, "level", levelRow);
        Refused("unknown_source", Parks, "source_id", sourceRow);
        Refused("unsafe_url", Sources, "url", urlRow);
        Assert.Equal(before, await Snapshot.TakeAsync(store.Database));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Import_MalformedPublicParksFile_IsRefusedWithItsName(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var folder = SeedData.CopyToTemp();
        // A header without the required columns (level, kind, source_id), and a focus pair without '='.
        File.WriteAllText(Path.Combine(folder, Parks), "park,unit,focus_industries,printed_focus\n某园区,万州区,汽车,汽车\n");
        var before = await Snapshot.TakeAsync(store.Database);
        var refused = await Assert.ThrowsAsync<RefusedException>(() => SeedImporter.ImportAsync(store.Database, folder, "tests"));
        Assert.Contains(refused.Errors, e => e is { Code: "missing_column", File: Parks, Field: "source_id" });
        Assert.Equal(before, await Snapshot.TakeAsync(store.Database));
    }
}
