using IndustryMap.Monitoring;

namespace IndustryMap.Tests.Monitoring;

/// <summary>Each indicator kind against a case computed by hand.</summary>
public class ProgressCalculatorTests
{
    private static Progress Run(IndicatorKind kind, decimal baseline, decimal baselineYear, decimal target, decimal targetYear, decimal actual, decimal time) =>
        ProgressCalculator.Compute(new ProgressInput(kind, baseline, baselineYear, target, targetYear, actual, time));

    [Fact]
    public void Growing_100To200Over2022To2027_140In2024_IsOnTrack()
    {
        var p = Run(IndicatorKind.Growing, 100, 2022, 200, 2027, 140, 2024);
        Assert.Equal(0.4m, p.Elapsed);                         // 2 of 5 years
        Assert.Equal(0.4m, p.Completion);                      // (140−100)/(200−100)
        Assert.Equal(ProgressStatus.OnTrack, p.Status);
        Assert.Equal(0.183216m, Math.Round(p.ActualGrowth!.Value, 6));   // √1.4 − 1
        Assert.Equal(0.126248m, Math.Round(p.RequiredGrowth!.Value, 6)); // (200/140)^(1/3) − 1
        Assert.Equal(231.91m, Math.Round(p.Projected, 2));                // 140 × 1.4^1.5
    }

    [Fact]
    public void Cumulative_90Of300AfterTwoOfFiveYears_IsLagging()
    {
        var p = Run(IndicatorKind.Cumulative, 0, 2020, 300, 2025, 90, 2022);
        Assert.Equal(0.3m, p.Completion);
        Assert.Equal(0.4m, p.Elapsed);
        Assert.Equal(ProgressStatus.Lagging, p.Status);       // −10 points
        Assert.Equal(225m, p.Projected);                      // 90 / 0.4
    }

    [Fact]
    public void DecreaseBy13Percent_4PercentAfterThreeOfFiveYears_IsFarBehind()
    {
        var p = Run(IndicatorKind.Decrease, 0, 2022, 13, 2027, 4, 2025);
        Assert.Equal(0.307692m, p.Completion);                // 4/13
        Assert.Equal(0.6m, p.Elapsed);
        Assert.Equal(ProgressStatus.FarBehind, p.Status);     // −29 points
    }

    [Fact]
    public void Share_30To40_37AfterThreeOfFiveYears_IsAhead()
    {
        var p = Run(IndicatorKind.Share, 30, 2020, 40, 2025, 37, 2023);
        Assert.Equal(0.7m, p.Completion);
        Assert.Equal(ProgressStatus.Ahead, p.Status);         // +10 points
        Assert.Equal(41.666667m, p.Projected);                // 37 + 7/3 × 2
        Assert.Null(p.ActualGrowth);
    }

    [Theory]
    [InlineData(0.48, 0.2, ProgressStatus.FarBehind)]
    [InlineData(0.44, 0.6, ProgressStatus.Ahead)]
    [InlineData(0.52, -0.2, ProgressStatus.FarBehind)]
    public void LowerIsBetter_IsJudgedTheRightWayRound(double actual, double completion, string status)
    {
        var p = Run(IndicatorKind.LowerIsBetter, 0.5m, 2020, 0.4m, 2025, (decimal)actual, 2022);
        Assert.Equal((decimal)completion, p.Completion);
        Assert.Equal(status, p.Status);
    }

    [Fact]
    public void Growing_QuarterlyActualCountsAFractionOfTheYear()
    {
        var p = Run(IndicatorKind.Growing, 100, 2024, 200, 2025, 110, 2024.25m);
        Assert.Equal(0.25m, p.Elapsed);
        Assert.Equal(ProgressStatus.Lagging, p.Status); // 10% done at 25% of the time
    }

    [Fact]
    public void ReachingTheTarget_IsAchieved() => Assert.Equal(ProgressStatus.Achieved, Run(IndicatorKind.Growing, 100, 2022, 200, 2027, 205, 2025).Status);

    [Fact]
    public void AnnualPath_GrowthForLevels_LinearForShares_EndIsStated()
    {
        var level = AnnualPath.Derive(2022, 100, 2027, 200, linear: false);
        Assert.Equal([2023, 2024, 2025, 2026, 2027], level.Select(s => s.Year));
        Assert.Equal(114.8698m, level[0].Value);                  // 100 × 2^(1/5)
        Assert.All(level.Take(level.Count - 1), s => Assert.True(s.Derived));
        Assert.False(level[^1].Derived);
        Assert.Equal(200m, level[^1].Value);

        var share = AnnualPath.Derive(2020, 30, 2025, 40, linear: true);
        Assert.Equal([32m, 34m, 36m, 38m, 40m], share.Select(s => s.Value));
    }
}
