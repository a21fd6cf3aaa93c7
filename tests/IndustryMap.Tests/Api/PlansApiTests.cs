using System.Text.Json;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Api;

[Collection(ApiCollection.Name)]
public class PlansApiTests(ApiFixture fixture)
{
    private static string Str(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Targets_FilterByPlanYearAndIndicator_AndCarryConflictsWithSources(string engine)
    {
        var app = await fixture.App(engine);
        var rows = (await app.GetJson("/api/targets?plan=cq2019&year=2022&indicator=" + Uri.EscapeDataString("全部工业增加值"))).EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(("cq2019", 2022L), (Str(r, "plan"), r.GetProperty("year").GetInt64())));
        var table = rows.Single(r => Str(r, "sourceKind") == "table");
        Assert.Equal(7700m, table.GetProperty("value").GetDecimal());
        var conflict = Assert.Single(table.GetProperty("conflicts").EnumerateArray());
        Assert.Equal(7500m, conflict.GetProperty("value").GetDecimal());
        Assert.Equal("002", Str(conflict.GetProperty("source"), "document"));
        Assert.False(string.IsNullOrEmpty(Str(table.GetProperty("source"), "lines")));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Targets_KeepThePrintedUnitAndGiveTheNormalizedOne(string engine)
    {
        var app = await fixture.App(engine);
        var region = (await app.GetJson("/api/targets?plan=yx2027&scopeKind=region&year=2027")).EnumerateArray()
            .Single(r => r.TryGetProperty("unit", out var u) && u.GetString() == "万亿元");
        Assert.Equal(1.4m, region.GetProperty("value").GetDecimal());
        Assert.Equal(14000m, region.GetProperty("normalized").GetProperty("value").GetDecimal());
        Assert.Equal("亿元", Str(region.GetProperty("normalized"), "unit"));
        var perPerson = (await app.GetJson("/api/targets")).EnumerateArray().First(r => r.TryGetProperty("unit", out var u) && u.GetString() == "万元/人");
        Assert.False(perPerson.TryGetProperty("normalized", out _));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PlansRegistriesAndChecks_AreServed(string engine)
    {
        var app = await fixture.App(engine);
        Assert.Equal(4, (await app.GetJson("/api/plans")).GetArrayLength());
        var plan = await app.GetJson("/api/plans/wz14");
        Assert.Contains(plan.GetProperty("indicators").EnumerateArray(), i => Str(i, "id") == "ind01g" && Str(i, "growthOf") == "ind01");
        Assert.Equal(135, (await app.GetJson("/api/projects?library=wz-annex")).GetArrayLength());
        var building = (await app.GetJson("/api/projects?stage=construction")).EnumerateArray().ToList();
        Assert.NotEmpty(building);
        Assert.All(building, p => Assert.Equal("construction", Str(p, "stage")));
        var wanzhouParks = (await app.GetJson("/api/parks?unit=" + Uri.EscapeDataString("万州区"))).EnumerateArray().ToList();
        Assert.NotEmpty(wanzhouParks);
        Assert.All(wanzhouParks, p => Assert.Equal("万州区", Str(p, "unit")));
        Assert.NotEmpty((await app.GetJson("/api/tasks?plan=yx2027")).EnumerateArray());
        var leaders = (await app.GetJson("/api/enterprises?tier=" + Uri.EscapeDataString("龙头"))).EnumerateArray().ToList();
        Assert.All(leaders, e => Assert.Contains("龙头", string.Join("|", e.GetProperty("tiers").EnumerateArray().Concat(e.GetProperty("labels").EnumerateArray()).Select(x => x.GetString()))));

        var checks = await app.GetJson("/api/checks?plan=yx2027&kind=cascade");
        var findings = checks.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => Str(f, "status") == "agrees" && f.GetProperty("actual").GetDecimal() == 14000m);
        Assert.Contains(findings, f => Str(f, "status") == "mismatch" && f.GetProperty("difference").GetDecimal() == 100m);
        Assert.Equal(1, checks.GetProperty("problems").GetInt32());
    }
}
