using IndustryMap.Writing;
using IndustryMap.Import;
using IndustryMap.Tests.Import;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Plans;

public class PlanImportRefusalTests
{
    private const string Targets001 = "001-yuxi-plan-2023-2027/targets.csv";
    private const string Parks003 = "003-wanzhou-14th-fyp/parks.csv";
    private const string Projects004 = "004-nanan-14th-fyp/projects.csv";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Import_TargetForUnknownUnit_MalformedNumber_UnknownStage_NameFileRowField_AndChangeNothing(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var folder = SeedData.CopyToTemp();
        var unitRow = CsvEdit.SetField(Path.Combine(folder, Targets001), r => r["scope"] == "荣昌区", "scope", "荣华区");
        var numberRow = CsvEdit.SetField(Path.Combine(folder, Targets001), r => r["scope"] == "江津区", "value", "3,000亿");
        var parkRow = CsvEdit.SetField(Path.Combine(folder, Parks003), _ => true, "unit", "火星区");
        var stageRow = CsvEdit.SetField(Path.Combine(folder, Projects004), _ => true, "stage_printed", "快要开工了");
        var before = await Snapshot.TakeAsync(store.Database);

        var refused = await Assert.ThrowsAsync<RefusedException>(() => SeedImporter.ImportAsync(store.Database, folder, "tests"));

        Assert.Contains(refused.Errors, e => e is { Code: "unknown_unit", File: Targets001, Field: "scope", Value: "荣华区" } && e.Row == unitRow);
        Assert.Contains(refused.Errors, e => e is { Code: "malformed_number", File: Targets001, Field: "value" } && e.Row == numberRow);
        Assert.Contains(refused.Errors, e => e is { Code: "unknown_unit", File: Parks003, Field: "unit" } && e.Row == parkRow);
        Assert.Contains(refused.Errors, e => e is { Code: "unknown_stage", File: Projects004, Field: "stage_printed" } && e.Row == stageRow);
        Assert.Equal(before, await Snapshot.TakeAsync(store.Database));
    }
}
