using System.Text.RegularExpressions;
using IndustryMap.Checks;
using IndustryMap.Import;
using IndustryMap.Plans;
using IndustryMap.Registries;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Plans;

[Collection(SeededCollection.Name)]
public partial class PlanDataTests(SeededStores stores)
{
    [GeneratedRegex(@"^ind\d{2}$")]
    private static partial Regex TableIndicator();

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Plans_HaveTheirTableIndicators_22_13_26(string engine)
    {
        var store = await stores.Get(engine);
        var indicators = await PlanQueries.IndicatorsAsync(store.Database);
        int Table(string plan) => indicators.Count(i => i.PlanId == plan && TableIndicator().IsMatch(i.Code));
        Assert.Equal(22, Table("cq2019"));
        Assert.Equal(13, Table("wz14"));
        Assert.Equal(26, Table("na14"));
        var plans = await PlanQueries.PlansAsync(store.Database);
        Assert.Equal(["cq2019", "na14", "wz14", "yx2027"], plans.Select(p => p.Id).Order());
        Assert.Equal("渝西地区", plans.Single(p => p.Id == "yx2027").Scope);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Seed001_Has9ClusterAnd8DistrictRevenueTargetsFor2027(string engine)
    {
        var store = await stores.Get(engine);
        var targets = await PlanQueries.TargetsAsync(store.Database, new TargetFilter(Plan: "yx2027", Year: 2027));
        var revenue = targets.Where(t => t.IndicatorName.Contains("营业收入", StringComparison.Ordinal)).ToList();
        Assert.Equal(9, revenue.Count(t => t.ScopeKind == "cluster"));
        var districts = revenue.Where(t => t.ScopeKind == "unit").ToList();
        Assert.Equal(8, districts.Count);
        Assert.Equal(14000m, districts.Sum(t => t.NormalizedValue!.Value));
        var region = revenue.Single(t => t.ScopeKind == "region" && t.Unit == "万亿元");
        Assert.Equal((1.4m, 14000m, "亿元"), (region.Value, region.NormalizedValue!.Value, region.NormalizedUnit!));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Registries_HaveTheAnnexRows(string engine)
    {
        var store = await stores.Get(engine);
        var projects = await RegistryQueries.ProjectsAsync(store.Database);
        Assert.Equal(135, projects.Count(p => p.Library == "wz-annex"));
        Assert.Equal(55, projects.Count(p => p.Library == "na-annex3"));
        Assert.All(projects, p => Assert.NotNull(p.Stage));
        var enterprises = await RegistryQueries.EnterprisesAsync(store.Database, new RegistryFilter(Unit: "南岸区"));
        var annex4 = enterprises.Where(e => e.Category is "龙头企业" or "骨干企业" or "成长型企业").ToList();
        Assert.Equal(175, annex4.Count);
        Assert.Equal([7, 32, 136], new[] { "龙头企业", "骨干企业", "成长型企业" }.Select(c => annex4.Count(e => e.Category == c)));
        var parks = await RegistryQueries.ParksAsync(store.Database);
        Assert.Contains(parks, p => p.Unit == "万州区");
        Assert.All(parks.Where(p => p.AreaMu is not null), p => Assert.Equal(Math.Round(p.AreaMu!.Value / 1500m, 10), p.AreaKm2));
        var tasks = await RegistryQueries.TasksAsync(store.Database, new RegistryFilter(Plan: "yx2027"));
        Assert.Contains(tasks, t => t.Leads.Contains("市经济信息委") && t.Participants.Count > 0);
        Assert.Contains(tasks, t => t.Leads.Contains("市招商投资局"));
    }

    /// <summary>Every stored target (hundreds, not a sample of 30) against the original seed text.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EveryTarget_IsPrintedInTheCitedLinesOfTheSeed(string engine)
    {
        var store = await stores.Get(engine);
        var targets = await PlanQueries.TargetsAsync(store.Database);
        Assert.True(targets.Count > 400, $"only {targets.Count} targets");
        var lines = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var t in targets)
        {
            var document = lines.TryGetValue(t.SrcDocument!, out var l) ? l : lines[t.SrcDocument!] = Original(t.SrcDocument!);
            var cited = SeedReader.Compact(document.Skip((int)t.SrcFrom!.Value - 1).Take((int)(t.SrcTo!.Value - t.SrcFrom.Value + 1)));
            Assert.True(SeedReader.ContainsAsPrinted(cited, t.Printed), $"{t.PlanId} {t.IndicatorCode} '{t.Printed}' not in {t.SrcDocument}:{t.SrcFrom}-{t.SrcTo}");
        }
        // Hand-checked against the seeds: value and unit as printed.
        Assert.Contains(targets, t => t is { PlanId: "cq2019", Year: 2022, SourceKind: "table" } && t.Value == 7700m && t.IndicatorName == "全部工业增加值");
        Assert.Contains(targets, t => t is { PlanId: "cq2019", Year: 2022, SourceKind: "prose" } && t.Value == 7500m && t.IndicatorName == "全部工业增加值");
        Assert.Contains(targets, t => t is { PlanId: "wz14", Year: 2025, Scope: "万州区" } && t.Value == 700m && t.IndicatorCode == "ind01");
        Assert.Contains(targets, t => t is { PlanId: "wz14", Year: 2020 } && t.Value == 332.2m && t.IndicatorCode == "ind01");
        Assert.Contains(targets, t => t is { PlanId: "na14", Year: 2025, IndicatorCode: "ind01" } && t.Value == 1335m);
    }

    private static IReadOnlyList<string> Original(string document) => SeedData.OriginalsFolder is { } folder
        ? SeedReader.SplitLines(File.ReadAllText(Directory.GetFiles(folder, document + "_*.txt").Single()))
        : SeedData.DocumentLines(document);

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Check_ReportsTheConflictsAndCascadesOfIssue3(string engine)
    {
        var store = await stores.Get(engine);
        var findings = await ConsistencyReport.RunAsync(store.Database);

        var added = Assert.Single(findings, f => f is { Kind: FindingKinds.Conflict, Plan: "cq2019" } && f.Title.StartsWith("全部工业增加值", StringComparison.Ordinal) && f.Title.Contains("2022", StringComparison.Ordinal));
        Assert.Equal((7500m, 7700m), (added.Expected!.Value, added.Actual!.Value));
        Assert.Single(findings, f => f is { Kind: FindingKinds.Conflict, Plan: "wz14", Expected: 332.2m, Actual: 332.3m });

        var districts = Assert.Single(findings, f => f is { Kind: FindingKinds.Cascade, Plan: "yx2027" } && f.Items.Count == 9);
        Assert.Equal((FindingStatus.Agrees, 14000m, 14000m), (districts.Status, districts.Expected!.Value, districts.Actual!.Value));
        var clusters = Assert.Single(findings, f => f is { Kind: FindingKinds.Cascade, Plan: "yx2027" } && f.Items.Count == 10);
        Assert.Equal((FindingStatus.Mismatch, 14000m, 14100m, 100m), (clusters.Status, clusters.Expected!.Value, clusters.Actual!.Value, clusters.Difference!.Value));

        var wanzhou = Assert.Single(findings, f => f is { Kind: FindingKinds.Cascade, Plan: "wz14", Expected: 700m });
        Assert.NotEqual(700m, wanzhou.Actual);

        var growth = Assert.Single(findings, f => f is { Kind: FindingKinds.Growth, Plan: "wz14", Status: FindingStatus.Mismatch } && f.Items[1].Value == 332.3m);
        Assert.Equal((16.2m, 16.07m), (growth.Expected!.Value, growth.Actual!.Value));

        Assert.Contains(findings, f => f is { Kind: FindingKinds.Cascade, Plan: "wz14", Status: FindingStatus.Mismatch } && f.Title == "合计项目135个");
    }
}
