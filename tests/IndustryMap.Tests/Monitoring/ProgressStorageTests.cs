using IndustryMap.Monitoring;
using IndustryMap.Storage;
using IndustryMap.Tests.Infrastructure;
using static IndustryMap.Tests.Monitoring.MonitoringData;

namespace IndustryMap.Tests.Monitoring;

/// <summary>
/// Progress through storage, on both engines: the seeds' targets (and assessment targets set by the city) against
/// approved values, each kind against a case computed by hand (the pure rules are in ProgressCalculatorTests).
/// </summary>
public class ProgressStorageTests
{
    private static ProgressRow One(IReadOnlyList<ProgressRow> rows, string indicator, string scope, int year) =>
        Assert.Single(rows, r => r.Indicator == indicator && r.Scope == scope && r.Year == year);

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EachIndicatorKind_IsJudgedAsComputedByHand(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var db = store.Database;
        await ConfigureAsync(db, "wz14", "ind01", "quarter");               // 规模以上工业总产值: a level that grows
        await ConfigureAsync(db, "wz14", "ind02", "quarter");               // 工业固定资产投资 [180] [300]: a running total
        await ConfigureAsync(db, "wz14", "ind04", "year");                  // 工业增加值占比: a share
        await ConfigureAsync(db, "yx2027", "ind08", "year", "all");         // 单位增加值能耗累计下降 13%: a reduction
        await ConfigureAsync(db, "cq2019", "ind20", "year");                // 百元主营业务收入成本: lower is better
        var catalog = await MonitoringCatalog.LoadAsync(db);
        Assert.Equal(["growing", "cumulative", "share", "decrease", "lower_is_better"], catalog.Indicators.Select(i => i.Kind));

        await AssessmentTargetStore.SetAsync(db, MonitoringHost.SystemActor, "yx2027/ind08", "江津区", null, 2027, 13m, 2022, null, null);
        await AssessmentTargetStore.SetAsync(db, MonitoringHost.SystemActor, "cq2019/ind20", "江津区", null, 2025, 80m, 2022, 85m, "市级考核目标");
        await PeriodsAsync(db, "2023Q4", "2024Q2", "2024Q3", "2024");
        await ApprovedAsync(db, "万州区", "2023Q4", Values(("wz14/ind01", 515m), ("wz14/ind02", 150m)));
        await ApprovedAsync(db, "万州区", "2024Q2", Values(("wz14/ind01", 560m), ("wz14/ind02", 180m)));
        await ApprovedAsync(db, "万州区", "2024", Values(("wz14/ind04", 16.5m)));
        await ApprovedAsync(db, "江津区", "2024", Values(("yx2027/ind08", 6m), ("cq2019/ind20", 83m)));
        // Submitted but not yet approved: not counted.
        await ApprovedAsync(db, "万州区", "2024Q3", Values(("wz14/ind01", 999m), ("wz14/ind02", 999m)), state: SubmissionStates.Submitted);

        var rows = await ProgressReport.ComputeAsync(db, new ProgressQuery());

        // Growing, 332.3 (2020) → 700 (2025); 560 at the end of 2024Q2 (t = 2023.5): 227.7/367.7 done at 70% of the time.
        var growing = One(rows, "wz14/ind01", "万州区", 2025);
        Assert.Equal((560m, "2024Q2", 332.3m, "stated"), (growing.Actual!.Value, growing.ActualPeriod, growing.BaselineValue!.Value, growing.BaselineSource));
        Assert.Equal((0.619255m, 0.7m, ProgressStatus.Lagging), (growing.Completion, growing.Elapsed, growing.Status));
        Assert.Equal(0.160805m, growing.ActualGrowth);                      // (560/332.3)^(1/3.5) − 1
        Assert.Equal(0.160397m, growing.RequiredGrowth);                    // (700/560)^(1/1.5) − 1
        Assert.Equal(700.37m, Math.Round(growing.Projected!.Value, 2));     // 560 × 1.160805^1.5
        Assert.Equal(ProgressStatus.Achieved, One(rows, "wz14/ind01", "万州区", 2023).Status); // 515 at the end of 2023 ≥ 510
        // The yearly path: derived between stated values, constant growth for a level (and on to the 2035 vision of 1800).
        var path = AssessmentTargetStore.Paths(await TargetsAsync(db, catalog), t => (332.3m, "stated")).Single(p => p.Indicator == "wz14/ind01");
        Assert.Equal([(2021, 383.3042m, true), (2022, 442.137m, true), (2023, 510m, false), (2024, 597.4948m, true), (2025, 700m, false)],
            path.Steps.Take(5).Select(s => (s.Year, Decimals.Normalize(s.Value), s.Derived)));
        Assert.Equal((2035, 1800m, false), (path.Steps[^1].Year, path.Steps[^1].Value, path.Steps[^1].Derived));
        Assert.Equal((2024, 597.4948m, true), (growing.AnnualTarget!.Year, Decimals.Normalize(growing.AnnualTarget.Value), growing.AnnualTarget.Derived));

        // Cumulative "[300]": 180 invested since 2020 at 70% of the time; the 2020 value 31.3 is a single year and not counted.
        var cumulative = One(rows, "wz14/ind02", "万州区", 2025);
        Assert.Equal((0.6m, 0.7m, ProgressStatus.Lagging), (cumulative.Completion, cumulative.Elapsed, cumulative.Status));
        Assert.Equal(257.142857m, cumulative.Projected);                    // 180 / 0.7
        Assert.Equal((0.833333m, 1m, ProgressStatus.FarBehind), (One(rows, "wz14/ind02", "万州区", 2023).Completion, One(rows, "wz14/ind02", "万州区", 2023).Elapsed,
            One(rows, "wz14/ind02", "万州区", 2023).Status));              // 150 of [180] when 2023 ended

        // Share 11.2 → 20 (2025): 16.5 in 2024, 5.3 of 8.8 points at 80% of the time. No 2023 value: the 2023 target has no data.
        var share = One(rows, "wz14/ind04", "万州区", 2025);
        Assert.Equal((0.602273m, 0.8m, ProgressStatus.FarBehind, 17.825m), (share.Completion, share.Elapsed, share.Status, share.Projected));
        Assert.Null(share.ActualGrowth);
        Assert.Equal(ProgressStatuses.NoData, One(rows, "wz14/ind04", "万州区", 2023).Status);

        // A reduction of 13% by 2027 from 2022: 6 points achieved by 2024, 40% of the time.
        var decrease = One(rows, "yx2027/ind08", "江津区", 2027);
        Assert.Equal((0.461538m, 0.4m, ProgressStatus.Ahead), (decrease.Completion, decrease.Elapsed, decrease.Status));
        Assert.Equal(("monitoring", "implied"), (decrease.Origin, decrease.BaselineSource));

        // Lower is better, 85 (2022) → 80 (2025): 83 in 2024 is 2 of 5 points down at two thirds of the time.
        var lower = One(rows, "cq2019/ind20", "江津区", 2025);
        Assert.Equal((0.4m, 0.666667m, ProgressStatus.FarBehind), (lower.Completion, lower.Elapsed, lower.Status));

        // The filters of GET /api/progress: plan, unit, indicator, and an as-of period.
        Assert.All(await ProgressReport.ComputeAsync(db, new ProgressQuery(Plan: "wz14")), r => Assert.Equal("wz14", r.Plan));
        Assert.All(await ProgressReport.ComputeAsync(db, new ProgressQuery(Unit: "江津区")), r => Assert.Equal("江津区", r.Scope));
        var asOf = One(await ProgressReport.ComputeAsync(db, new ProgressQuery(Indicator: "wz14/ind01", AsOf: "2023Q4")), "wz14/ind01", "万州区", 2025);
        Assert.Equal((515m, "2023Q4"), (asOf.Actual, asOf.ActualPeriod));
    }

    private static async Task<IReadOnlyList<AssessmentTarget>> TargetsAsync(Database db, MonitoringCatalog catalog)
    {
        await using var connection = await db.OpenAsync();
        return await AssessmentTargetStore.LoadAsync(connection, catalog, new TargetFilter(Indicator: "wz14/ind01"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task UnitsRollUpToTheirRegion_ForTheLatestPeriodAllHaveReported(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var db = store.Database;
        await ConfigureAsync(db, "yx2027", "ind01", "quarter");             // 规上营业收入 (sum), reported by the 渝西 8
        await PeriodsAsync(db, "2022Q4", "2025Q1", "2025Q2", "2025Q3");
        var yuxi = new[] { "江津区", "合川区", "永川区", "大足区", "璧山区", "铜梁区", "潼南区", "荣昌区" };
        foreach (var unit in yuxi)
        {
            await ApprovedAsync(db, unit, "2022Q4", Values(("yx2027/ind01", 1000m)));
            await ApprovedAsync(db, unit, "2025Q1", Values(("yx2027/ind01", 1300m)));
            // 2025Q2: 荣昌 has submitted, not yet approved; the others are approved.
            await ApprovedAsync(db, unit, "2025Q2", Values(("yx2027/ind01", 1400m)), state: unit == "荣昌区" ? SubmissionStates.Submitted : SubmissionStates.Approved);
            await ApprovedAsync(db, unit, "2025Q3", Values(("yx2027/ind01", 2000m)), demo: true);
        }

        var rows = await ProgressReport.ComputeAsync(db, new ProgressQuery(IncludeDemo: false));
        // 渝西地区 2027: the plan's 1.4 万亿元 (14000 亿元); baseline = the 8 districts' 2022 values; actual = their sum for 2025Q1, the latest
        // quarter all eight have approved: 2400 of 6000 at 45% of the time — 5 points behind is still on track.
        var region = One(rows, "yx2027/ind01", "渝西地区", 2027);
        Assert.Equal(("region", 14000m, false), (region.ScopeKind, region.TargetValue, region.TargetDerived));
        Assert.Equal((8000m, "sum", 10400m, "2025Q1", 8), (region.BaselineValue!.Value, region.BaselineSource, region.Actual!.Value, region.ActualPeriod, region.Members));
        Assert.Equal((0.4m, 0.45m, ProgressStatus.OnTrack), (region.Completion, region.Elapsed, region.Status));
        // Groups with members that do not report the indicator (主城新区: 8 of 12), and the city, are not summed.
        Assert.DoesNotContain(rows, r => r.Scope is "主城新区" or "全市");

        // 江津区 3000 (2027), no stated baseline: its approved 2022Q4 value is the baseline; 1400 at 2025Q2 is 20% done at half the time.
        var jiangjin = One(rows, "yx2027/ind01", "江津区", 2027);
        Assert.Equal((1000m, "reported", 2022), (jiangjin.BaselineValue!.Value, jiangjin.BaselineSource, jiangjin.BaselineYear!.Value));
        Assert.Equal((1400m, 0.2m, 0.5m, ProgressStatus.FarBehind, false), (jiangjin.Actual!.Value, jiangjin.Completion, jiangjin.Elapsed, jiangjin.Status, jiangjin.Demo));
        Assert.Equal((1300m, "2025Q1"), (One(rows, "yx2027/ind01", "荣昌区", 2027).Actual, One(rows, "yx2027/ind01", "荣昌区", 2027).ActualPeriod));

        // Demo values count only when asked for, and are marked.
        var withDemo = One(await ProgressReport.ComputeAsync(db, new ProgressQuery(Unit: "江津区")), "yx2027/ind01", "江津区", 2027);
        Assert.Equal((2000m, "2025Q3", true), (withDemo.Actual, withDemo.ActualPeriod, withDemo.Demo));
        var regionWithDemo = One(await ProgressReport.ComputeAsync(db, new ProgressQuery()), "yx2027/ind01", "渝西地区", 2027);
        Assert.Equal((16000m, true), (regionWithDemo.Actual, regionWithDemo.Demo));
    }
}
