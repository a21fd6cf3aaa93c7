namespace IndustryMap.Monitoring;

/// <summary>How an indicator is judged: a level that grows, a running total ("[ ]"), a reduction achieved ("累计下降"),
/// a share or count that moves linearly, or a level where lower is better.</summary>
public enum IndicatorKind { Growing, Cumulative, Decrease, Share, LowerIsBetter }

public static class ProgressStatus
{
    public const string Ahead = "ahead";
    public const string OnTrack = "on_track";
    public const string Lagging = "lagging";
    public const string FarBehind = "far_behind";
    public const string Achieved = "achieved";

    public static string Chinese(string status) => status switch
    {
        Ahead => "超前",
        OnTrack => "符合进度",
        Lagging => "滞后",
        FarBehind => "严重滞后",
        Achieved => "已完成",
        _ => status,
    };
}

/// <summary>What is known about one target: where it starts, where it must end, and the latest actual.</summary>
public sealed record ProgressInput(
    IndicatorKind Kind, decimal Baseline, decimal BaselineYear, decimal Target, decimal TargetYear, decimal Actual, decimal ActualTime);

/// <summary>
/// Progress of one target: completion against the target, elapsed share of the period (时序进度), the growth the
/// unit achieved and the growth it still needs, the projected end value, and a status.
/// </summary>
public sealed record Progress(decimal Completion, decimal Elapsed, decimal? ActualGrowth, decimal? RequiredGrowth, decimal Projected, string Status, decimal Gap);

/// <summary>
/// The progress rules (issue 7 §3; decision 0005 documents the thresholds). Ratios are fractions (0.42 = 42%),
/// growth rates are fractions per year. Times are years with a fraction for quarters and months (2024.25 = end of Q1).
/// </summary>
public static class ProgressCalculator
{
    /// <summary>Completion minus elapsed share, in percentage points, at or above which a target is ahead.</summary>
    public const decimal AheadFrom = 0.05m;
    /// <summary>Below −5 points: lagging; below −15 points: far behind (the usual 时序进度 reading of Chinese bulletins).</summary>
    public const decimal LaggingBelow = -0.05m;
    public const decimal FarBehindBelow = -0.15m;

    public static Progress Compute(ProgressInput p)
    {
        var span = p.TargetYear - p.BaselineYear;
        if (span <= 0) throw new ArgumentException("the target year must come after the baseline year", nameof(p));
        var elapsed = Clamp01((p.ActualTime - p.BaselineYear) / span);
        var remaining = p.TargetYear - p.ActualTime;
        var done = p.ActualTime - p.BaselineYear;

        decimal completion;
        decimal projected;
        decimal? actualGrowth = null, requiredGrowth = null;
        switch (p.Kind)
        {
            case IndicatorKind.Growing:
                completion = Ratio(p.Actual - p.Baseline, p.Target - p.Baseline);
                if (p.Baseline > 0 && p.Actual > 0 && done > 0)
                {
                    actualGrowth = Rate(p.Actual / p.Baseline, done);
                    projected = p.Actual * Pow(1 + actualGrowth.Value, remaining);
                }
                else projected = Linear(p, done, remaining);
                if (p.Actual > 0 && remaining > 0) requiredGrowth = Rate(p.Target / p.Actual, remaining);
                break;
            case IndicatorKind.LowerIsBetter:
                completion = Ratio(p.Baseline - p.Actual, p.Baseline - p.Target);
                projected = Linear(p, done, remaining);
                break;
            case IndicatorKind.Cumulative or IndicatorKind.Decrease:
                // The actual is the running total (or the reduction achieved so far) since the baseline.
                completion = Ratio(p.Actual, p.Target);
                projected = elapsed > 0 ? p.Actual / elapsed : p.Actual;
                break;
            default:
                completion = Ratio(p.Actual - p.Baseline, p.Target - p.Baseline);
                projected = Linear(p, done, remaining);
                break;
        }
        var gap = completion - elapsed;
        return new Progress(Round(completion), Round(elapsed), Round(actualGrowth), Round(requiredGrowth), Round(projected), Status(completion, elapsed), Round(gap));
    }

    public static string Status(decimal completion, decimal elapsed)
    {
        if (completion >= 1) return ProgressStatus.Achieved;
        var gap = completion - elapsed;
        return gap >= AheadFrom ? ProgressStatus.Ahead
            : gap >= LaggingBelow ? ProgressStatus.OnTrack
            : gap >= FarBehindBelow ? ProgressStatus.Lagging
            : ProgressStatus.FarBehind;
    }

    private static decimal Linear(ProgressInput p, decimal done, decimal remaining) =>
        done > 0 ? p.Actual + (p.Actual - p.Baseline) / done * remaining : p.Actual;

    private static decimal Ratio(decimal part, decimal whole) => whole == 0 ? (part >= 0 ? 1 : 0) : part / whole;

    private static decimal Clamp01(decimal x) => x < 0 ? 0 : x > 1 ? 1 : x;

    public static decimal Rate(decimal factor, decimal years) => (decimal)(Math.Pow((double)factor, 1.0 / (double)years) - 1);

    private static decimal Pow(decimal x, decimal y) => (decimal)Math.Pow((double)x, (double)y);

    private static decimal Round(decimal x) => Math.Round(x, 6);

    private static decimal? Round(decimal? x) => x is { } v ? Math.Round(v, 6) : null;
}

/// <summary>
/// The yearly path from a baseline to an end-year target (issue 7 §2): constant growth for levels, linear for
/// shares and counts. Every value it gives is derived, not stated.
/// </summary>
public static class AnnualPath
{
    public sealed record Step(int Year, decimal Value, bool Derived);

    public static IReadOnlyList<Step> Derive(int baselineYear, decimal baseline, int targetYear, decimal target, bool linear)
    {
        if (targetYear <= baselineYear) throw new ArgumentException("the target year must come after the baseline year", nameof(targetYear));
        var steps = new List<Step>();
        var span = targetYear - baselineYear;
        for (var year = baselineYear + 1; year < targetYear; year++)
        {
            steps.Add(new Step(year, ValueAt(baselineYear, baseline, targetYear, target, linear, year), true));
        }
        steps.Add(new Step(targetYear, target, false));
        return steps;
    }

    /// <summary>One year of the path (what <see cref="Derive"/> lists), without building the rest: progress needs one year per target.</summary>
    public static decimal ValueAt(int baselineYear, decimal baseline, int targetYear, decimal target, bool linear, int year)
    {
        var t = (decimal)(year - baselineYear) / (targetYear - baselineYear);
        var value = linear || baseline <= 0 || target <= 0
            ? baseline + (target - baseline) * t
            : baseline * (decimal)Math.Pow((double)(target / baseline), (double)t);
        return Math.Round(value, 4);
    }
}
