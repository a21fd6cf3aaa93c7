using IndustryMap.Checks;
using IndustryMap.Plans;
using IndustryMap.Registries;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Checks;

/// <summary>
/// Issue 15, first section, bullet by bullet on the seed lines it names: false conflicts are no longer conflicts
/// (restatements, shown and not counted), missed contradictions are reported with both sides, their lines and the
/// difference, targets are stored as the documents state them, and registries hold entities with their mentions.
/// </summary>
[Collection(SeededCollection.Name)]
public class Issue15SeedTests(SeededStores stores)
{
    private static bool Cites(CheckItem item, string document, int line) =>
        item.Source is { Document: { } d, FromLine: { } from } s && d == document && from <= line && (s.ToLine ?? from) >= line;

    private static bool Cites(Finding f, string document, int line) => f.Items.Any(i => Cites(i, document, line));

    private async Task<IReadOnlyList<Finding>> Findings(string engine) => await ConsistencyReport.RunAsync((await stores.Get(engine)).Database);

    /// <summary>Seed 002 百亿级工业企业 2019/2020/2022 (个 vs 户); seed 004 ind24 2020, ind25 2020 and 2025 (家 vs 个); seed 003 ind05 2025 (万元/人 vs 万元/人年).</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task FalseConflicts_MeasureWordsAndUnitSpellings_AreRestatementsNotConflicts(string engine)
    {
        var findings = await Findings(engine);
        (string Plan, string Indicator, int Year, string Document, int Line)[] cases =
        [
            ("cq2019", "百亿级工业企业数量", 2019, "002", 36), ("cq2019", "百亿级工业企业数量", 2020, "002", 44), ("cq2019", "百亿级工业企业数量", 2022, "002", 52),
            ("na14", "新增智能工厂个数", 2020, "004", 50), ("na14", "新增数字化车间个数", 2020, "004", 50), ("na14", "新增数字化车间个数", 2025, "004", 267),
            ("wz14", "规模以上工业全员劳动生产率", 2025, "003", 130),
        ];
        foreach (var (plan, indicator, year, document, line) in cases)
        {
            var about = findings.Where(f => f.Plan == plan && f.Title.StartsWith(indicator + "（", StringComparison.Ordinal) && f.Title.Contains($"{year}）", StringComparison.Ordinal)).ToList();
            Assert.DoesNotContain(about, f => f.Kind == FindingKinds.Conflict);
            var restated = Assert.Single(about, f => f.Kind == FindingKinds.Restatement);
            Assert.False(restated.IsProblem);
            Assert.True(Cites(restated, document, line), $"{indicator} {year}: the restatement names {document} L{line}");
        }
    }

    /// <summary>Seed 004: 797.1/797.14 (L62), 663.2/663 (L580), 235.5/235 (L656), 206.9/207 (L749) are one value printed to different precision.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task RoundedRestatements_AreNotConflicts_ButRealDifferencesStillAre(string engine)
    {
        var findings = await Findings(engine);
        foreach (var line in new[] { 62, 580, 656, 749 })
        {
            var restated = findings.Where(f => f.Kind == FindingKinds.Restatement && Cites(f, "004", line)).ToList();
            Assert.NotEmpty(restated);
        }
        Assert.Contains(findings, f => f is { Kind: FindingKinds.Restatement, Plan: "na14" } && f.Items.Any(i => i.Value == 797.14m) && f.Items.Any(i => i.Value == 797.1m));
        // 332.2 vs 332.3 (seed 003 L74/L145) differ by more than the printed precision: still a conflict.
        Assert.Single(findings, f => f is { Kind: FindingKinds.Conflict, Plan: "wz14", Expected: 332.2m, Actual: 332.3m, Difference: 0.1m });
        // 58.9 vs 60 (seed 004 L839): 60 printed to the unit is 59.5–60.5, so 58.9 is another value.
        Assert.Contains(findings, f => f.Kind == FindingKinds.Conflict && Cites(f, "004", 839));
    }

    /// <summary>Seed 004 ind16 2020: the 18 at L46 counts national research platforms; ind11 2020: the 50 at L62 is a 十三五 average.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task DoubtfulConflicts_AnotherIndicatorAndAPeriodAverage_AreNotConflicts(string engine)
    {
        var store = await stores.Get(engine);
        var findings = await ConsistencyReport.RunAsync(store.Database);
        Assert.DoesNotContain(findings, f => f.Kind == FindingKinds.Conflict && (Cites(f, "004", 46) || (Cites(f, "004", 62) && f.Title.StartsWith("医疗制造业", StringComparison.Ordinal))));
        var targets = await PlanQueries.TargetsAsync(store.Database, new TargetFilter(Plan: "na14"));
        var platforms = Assert.Single(targets, t => t.SrcFrom == 46 && t.Value == 18m);
        Assert.NotEqual("ind16", platforms.IndicatorCode);
        var average = Assert.Single(targets, t => t is { IndicatorCode: "ind11", SrcFrom: 62 });
        Assert.Equal(("average", 2016L, 2020L), (average.Period, average.YearFrom, average.Year));
        // The growth of ind11 is checked once, from the 2020 value 36.6 (not the average): 36.6 → 58.9 is 10%.
        var growth = Assert.Single(findings, f => f.Kind == FindingKinds.Growth && f.Title.StartsWith("医疗制造业", StringComparison.Ordinal));
        Assert.Equal((FindingStatus.Agrees, 36.6m), (growth.Status, growth.Items[1].Value));
    }

    /// <summary>Seed 003 装备制造小计 (L690) has shifted columns: a 数据质量 note, never differences of 103.65 and −222.63; the 16.2% check once.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Artefacts_ShiftedSubtotalIsAQualityNote_AndTheGrowthCheckIsReportedOnce(string engine)
    {
        var findings = await Findings(engine);
        var subtotal = findings.Where(f => Cites(f, "003", 690)).ToList();
        var quality = Assert.Single(subtotal);
        Assert.Equal((FindingKinds.Quality, FindingStatus.Noted), (quality.Kind, quality.Status));
        Assert.False(quality.IsProblem);
        Assert.DoesNotContain(findings, f => f.Difference is 103.65m or -222.63m);
        var growth = Assert.Single(findings, f => f is { Kind: FindingKinds.Growth, Plan: "wz14" } && f.Expected == 16.2m);
        Assert.Equal((FindingStatus.Mismatch, 16.07m, 332.3m), (growth.Status, growth.Actual!.Value, growth.Items[1].Value!.Value));
        Assert.Contains(growth.Items, i => i.Value == 332.2m && Cites(i, "003", 74));
    }

    /// <summary>Growth rates of cumulative rows: ind24 30% vs 10.8%, ind26 25% vs 14.9%, ind20 100% vs 14.9%; seed 003 [300] vs 20%.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task MissedContradictions_GrowthOfCumulativeRows(string engine)
    {
        var findings = await Findings(engine);
        foreach (var (document, line, stated, implied) in new[] { ("004", 478, 30m, 10.76m), ("004", 494, 25m, 14.87m), ("004", 442, 100m, 14.87m), ("003", 146, 20m, 22.54m) })
        {
            // The rate against the whole period (the [180] partial total of seed 003 is its own finding, below).
            var growth = Assert.Single(findings, f => f.Kind == FindingKinds.Growth && f.Expected == stated && Cites(f.Items[0], document, line) &&
                                                       !f.Title.Contains("对照", StringComparison.Ordinal));
            Assert.Equal((FindingStatus.Mismatch, implied, implied - stated), (growth.Status, growth.Actual!.Value, growth.Difference!.Value));
            Assert.True(growth.Items.Count >= 3 && growth.Items.All(i => i.Source?.Document == document), "both sides with their lines");
        }
    }

    /// <summary>The pillar total of seed 004 L72 (730.9) vs the 表2-1 2020 rows (713.3).</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task MissedContradictions_PillarTotalAgainstTable21(string engine)
    {
        var findings = await Findings(engine);
        var pillars = Assert.Single(findings, f => f.Kind == FindingKinds.Cascade && f.Unit == "亿元" && f.Items.Count > 0 && Cites(f.Items[0], "004", 72));
        Assert.Equal((FindingStatus.Mismatch, 730.9m, 713.3m, -17.6m), (pillars.Status, pillars.Expected!.Value, pillars.Actual!.Value, pillars.Difference!.Value));
        Assert.All(pillars.Items.Skip(1), i => Assert.True(i.Source!.FromLine >= 342 && i.Source.ToLine <= 371));
    }

    /// <summary>
    /// The shares of seed 004 L72: 装备制造 17.6% 左右 and 消费品 15.5% of 全区工业总产值, against 表2-1's 2020 rows (176.0 and
    /// 117.4 of 817.6 亿元). The same rule finds the four 2025 shares (L580, L656, L749, L839) in agreement with 表2-1's 2025 column.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task MissedContradictions_L72SharesAgainstTable21(string engine)
    {
        var findings = await Findings(engine);
        var shares = findings.Where(f => f.Kind == FindingKinds.Cascade && f.Unit == "%" && f.Items.Count == 3).ToList();
        foreach (var (stated, part, partFrom, partTo) in new[] { (17.6m, 176.0m, 350, 355), (15.5m, 117.4m, 358, 363) })
        {
            var share = Assert.Single(shares, f => Cites(f.Items[0], "004", 72) && f.Items[1].Value == part);
            var computed = Math.Round(part / 817.6m * 100m, 2);
            Assert.Equal((FindingStatus.Mismatch, stated, computed, computed - stated), (share.Status, share.Expected!.Value, share.Actual!.Value, share.Difference!.Value));
            Assert.True(Cites(share.Items[1], "004", partFrom) && Cites(share.Items[1], "004", partTo), "the part cites its 表2-1 row");
            Assert.Equal(817.6m, share.Items[2].Value);
            Assert.True(Cites(share.Items[2], "004", 283), "the whole cites 表2-1 row 1");
            Assert.Contains($"{computed}%", share.Message, StringComparison.Ordinal);
        }
        foreach (var line in new[] { 580, 656, 749, 839 })
        {
            var share = Assert.Single(shares, f => Cites(f.Items[0], "004", line));
            Assert.Equal(FindingStatus.Agrees, share.Status);
            Assert.True(Math.Abs(share.Actual!.Value - share.Expected!.Value) <= 0.05m);
        }
    }

    /// <summary>Seed 003 专栏12 (L346-352) plans 37.5 平方公里 of industrial land across 13 parks; L344 sets 20 km² for 2025 (and 35 for 2035).</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task MissedContradictions_Column12ParkLandAgainstTheLandTarget(string engine)
    {
        var store = await stores.Get(engine);
        var findings = await ConsistencyReport.RunAsync(store.Database);
        var parks = (await RegistryQueries.ParksAsync(store.Database)).Where(p => p is { SrcDocument: "003", SrcFrom: >= 350 and <= 352, PlannedArea: not null }).ToList();
        var planned = parks.Sum(p => p.PlannedArea!.Value);
        Assert.Equal(37.5m, planned);
        foreach (var target in new[] { 20m, 35m })
        {
            var land = Assert.Single(findings, f => f.Kind == FindingKinds.Cascade && f.Plan == "wz14" && Cites(f.Items[0], "003", 344) && f.Expected == target);
            Assert.Equal((FindingStatus.Mismatch, planned, planned - target, "km²"), (land.Status, land.Actual!.Value, land.Difference!.Value, land.Unit));
            Assert.Equal(parks.Select(p => p.Name).Order(), land.Items.Skip(1).Select(i => i.Label).Order());
            Assert.All(land.Items.Skip(1), i => Assert.True(Cites(i, "003", 350) || Cites(i, "003", 351) || Cites(i, "003", 352)));
        }
    }

    /// <summary>Seed 003 专栏1 (L146): 31.3 in 2020, [180] over 2021–2023 and [300] over 2021–2025, one 20% column; [180] implies about 36%.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task MissedContradictions_CumulativePartialTotalAgainstItsRate(string engine)
    {
        var findings = await Findings(engine);
        var partial = Assert.Single(findings, f => f.Kind == FindingKinds.Growth && f.Plan == "wz14" && f.Expected == 20m && f.Items.Any(i => i.Value == 180m));
        Assert.Equal(FindingStatus.Mismatch, partial.Status);
        Assert.All(partial.Items, i => Assert.True(Cites(i, "003", 146), $"{i.Label} cites L146"));
        Assert.Equal(31.3m, partial.Items[1].Value);
        // The implied rate r makes 31.3·((1+r) + (1+r)² + (1+r)³) come to 180 (to the two decimals printed), and 20% does not.
        double Total(decimal rate) => Enumerable.Range(1, 3).Sum(k => 31.3 * Math.Pow(1 + (double)rate / 100, k));
        Assert.InRange(Total(partial.Actual!.Value), 179.9, 180.1);
        Assert.True(Total(20m) < 140, "20% a year adds up to far less than 180");
        Assert.Equal(partial.Actual!.Value - 20m, partial.Difference!.Value);
        // …and the [300] total is still checked once on its own.
        Assert.Single(findings, f => f.Kind == FindingKinds.Growth && f.Plan == "wz14" && f.Expected == 20m && f.Items.Any(i => i.Value == 300m));
    }

    /// <summary>Land totals: L584 975 亩 vs 876.9 in 表4-1; L754 690.7 vs 655.74 in 表4-3.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task MissedContradictions_LandTotalsAgainstTables41And43(string engine)
    {
        var findings = await Findings(engine);
        foreach (var (line, whole, parts, tableFrom, tableTo) in new[] { (584, 975m, 876.9m, 586, 618), (754, 690.7m, 655.74m, 756, 807) })
        {
            var land = Assert.Single(findings, f => f.Kind == FindingKinds.Cascade && f.Items.Count > 0 && Cites(f.Items[0], "004", line));
            Assert.Equal((FindingStatus.Mismatch, whole, parts, parts - whole, "亩"), (land.Status, land.Expected!.Value, land.Actual!.Value, land.Difference!.Value, land.Unit));
            Assert.All(land.Items.Skip(1), i => Assert.True(i.Source!.FromLine >= tableFrom && i.Source.ToLine <= tableTo));
        }
    }

    /// <summary>附件四 lists 175 firms, 136 成长型; L77 says 176 and 137.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task MissedContradictions_Annex4CountsAgainstL77(string engine)
    {
        var counts = (await Findings(engine)).Where(f => f.Kind == FindingKinds.Count && Cites(f, "004", 77)).ToList();
        Assert.Contains(counts, f => f is { Status: FindingStatus.Mismatch, Expected: 176m, Actual: 175m, Difference: -1m });
        Assert.Contains(counts, f => f is { Status: FindingStatus.Mismatch, Expected: 137m, Actual: 136m, Difference: -1m });
        Assert.Contains(counts, f => f is { Status: FindingStatus.Agrees, Expected: 7m, Actual: 7m });
        Assert.All(counts, f => Assert.Contains(f.Items, i => i.Source is { Document: "004", FromLine: 2189, ToLine: 2893 }));
    }

    /// <summary>美心·麦森 龙头 in the annex, 骨干 in 表1-1; 航伟光电 成长型 vs 骨干; 美的通用 龙头 at L175 vs 骨干.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task MissedContradictions_EnterpriseTiersThatDisagree(string engine)
    {
        var tiers = (await Findings(engine)).Where(f => f.Kind == FindingKinds.Tier).ToList();
        (string Firm, string A, string B, int Line)[] cases =
        [
            ("重庆美心·麦森门业有限公司", "龙头", "骨干", 117), ("重庆航伟光电科技有限公司", "成长型", "骨干", 111), ("重庆美的通用制冷设备有限公司", "龙头", "骨干", 175),
        ];
        foreach (var (firm, a, b, line) in cases)
        {
            var f = Assert.Single(tiers, x => x.Title.StartsWith(firm, StringComparison.Ordinal));
            Assert.True(f.IsProblem);
            Assert.Contains(f.Items, i => i.Label.StartsWith(a, StringComparison.Ordinal));
            Assert.Contains(f.Items, i => i.Label.StartsWith(b, StringComparison.Ordinal));
            Assert.True(Cites(f, "004", line));
        }
    }

    /// <summary>seed 001 ind08 累计下降 13%: direction higher (a larger reduction is better), as cq2019 ind13 and na14 p10.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Targets_ReductionHasDirectionHigher(string engine)
    {
        var indicators = await PlanQueries.IndicatorsAsync((await stores.Get(engine)).Database);
        Assert.Equal("higher", indicators.Single(i => i is { PlanId: "yx2027", Code: "ind08" }).Direction);
        Assert.Equal(["higher"], indicators.Where(i => i.Cumulative == 1 && i.Unit == "%").Select(i => i.Direction).Distinct());
    }

    /// <summary>Seed 003 L397 力争每年升规 20 户以上: one target per year; L383, L391, L475: no year printed, none guessed.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Targets_YearlySeriesAndUnknownYears(string engine)
    {
        var targets = await PlanQueries.TargetsAsync((await stores.Get(engine)).Database, new TargetFilter(Plan: "wz14"));
        var yearly = targets.Where(t => t.SrcFrom == 397 && t.IndicatorCode == "p08").ToList();
        Assert.Equal([2021L, 2022L, 2023L, 2024L, 2025L], yearly.Select(t => t.Year!.Value).Order());
        Assert.All(yearly, t => Assert.Equal(("each_year", 20m, "ge"), (t.Period, t.Value, t.Comparator)));
        var unknown = targets.Where(t => t.SrcFrom is 383 or 391 or 475).ToList();
        Assert.Equal(5, unknown.Count);
        Assert.All(unknown, t => Assert.Null(t.Year));
    }

    /// <summary>cq2019 ind07 (0.02∶1) has a unit; every stored target has one (zero and damaged rows aside).</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Targets_EveryValueHasItsUnit(string engine)
    {
        var targets = await PlanQueries.TargetsAsync((await stores.Get(engine)).Database);
        Assert.All(targets.Where(t => t.Value != 0 && t.Quality is null), t => Assert.False(string.IsNullOrEmpty(t.Unit), $"{t.PlanId} {t.IndicatorCode} {t.Year}"));
        Assert.Equal(["∶1"], targets.Where(t => t is { PlanId: "cq2019", IndicatorCode: "ind07" }).Select(t => t.Unit).Distinct());
    }

    /// <summary>289 mentions, one entity per firm: the 175 of 附件四 plus the firms named only elsewhere, each with all its mentions.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Enterprises_OneEntityPerFirm_WithEveryMention(string engine)
    {
        var mentions = await RegistryQueries.EnterprisesAsync((await stores.Get(engine)).Database);
        var entities = Entities.Enterprises(mentions);
        Assert.Equal(mentions.Count, entities.Sum(e => e.Mentions.Count));
        Assert.Equal(entities.Count, entities.Select(e => (e.Unit, e.Name)).Distinct().Count());
        var annex = mentions.Where(m => m is { SrcDocument: "004", SrcFrom: >= 2189, SrcTo: <= 2893 }).Select(m => m.Name).ToHashSet();
        Assert.Equal(175, annex.Count);
        Assert.Equal(175, entities.Count(e => e.Unit == "南岸区" && annex.Contains(e.Name)));
        var elsewhere = entities.Where(e => !(e.Unit == "南岸区" && annex.Contains(e.Name))).ToList();
        Assert.Equal(entities.Count, 175 + elsewhere.Count);
        Assert.All(elsewhere, e => Assert.DoesNotContain(e.Mentions, m => m.Entity is not null));
        // 维沃 is named four ways (L50, L82, L175, 附件四 #5, 表4-1): one firm.
        var vivo = Assert.Single(entities, e => e.Name == "维沃移动通信（重庆）有限公司");
        Assert.Contains(vivo.Mentions, m => m.Name == "维沃通信" && m.SrcFrom == 175);
        Assert.True(vivo.Mentions.Count >= 4);
        Assert.True(entities.Count < mentions.Count - 50, $"{entities.Count} entities from {mentions.Count} mentions");
    }

    /// <summary>中国华录 printed twice in 附件三 is one project, two mentions, counted once; the 17 标准厂房 rows of seed 003 are floor area; 短流程 steel is not 铝材料.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Projects_EntitiesFloorAreaAndSubIndustry(string engine)
    {
        var store = await stores.Get(engine);
        var projects = await RegistryQueries.ProjectsAsync(store.Database);
        var nanan = Entities.Projects(projects.Where(p => p.Library == "na-annex3"));
        Assert.Equal(projects.Count(p => p.Library == "na-annex3") - 1, nanan.Count);
        var hualu = Assert.Single(nanan, e => e.Project.Name.StartsWith("中国华录", StringComparison.Ordinal));
        Assert.Equal([1486L, 2067L], hualu.Mentions.Select(m => m.SrcFrom!.Value).Order());
        var total = Assert.Single(await ConsistencyReport.RunAsync(store.Database), f => f.Kind == FindingKinds.Cascade && Cites(f, "004", 1389));
        Assert.Contains("只计一次", total.Message, StringComparison.Ordinal);
        Assert.Contains("380 亩", total.Message, StringComparison.Ordinal);

        var wanzhou = projects.Where(p => p.Library == "wz-annex").ToList();
        var floor = wanzhou.Where(p => p.FloorArea is not null).ToList();
        Assert.Equal(17, floor.Count);
        Assert.All(floor, p => Assert.Equal(("平方米", (decimal?)null), (p.FloorAreaUnit!, p.LandMu)));
        Assert.DoesNotContain(wanzhou, p => p.LandUnit is "m²" or "平方米");
        var steel = Assert.Single(wanzhou, p => p.Name.StartsWith("短流程", StringComparison.Ordinal));
        Assert.Equal(("铝材料", "有色金属材料"), (steel.Subsection, steel.Industry));
    }
}
