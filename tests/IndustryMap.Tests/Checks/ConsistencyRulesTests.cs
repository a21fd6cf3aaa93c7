using IndustryMap.Checks;
using IndustryMap.Plans;

namespace IndustryMap.Tests.Checks;

/// <summary>The consistency rules on hand-built rows, without a database.</summary>
public class ConsistencyRulesTests
{
    private static long _id;

    private static TargetRow Target(long indicator, string scopeKind, string? scope, int year, decimal value, string unit = "亿元",
        string source = "table", long? unitId = null, long? groupId = null, string aggregation = "sum", decimal? baseline = null, int? baselineYear = null) => new()
    {
        Id = ++_id, IndicatorId = indicator, PlanId = "p", IndicatorCode = $"ind{indicator}", IndicatorName = $"指标{indicator}", ScopeKind = scopeKind,
        Scope = scope, Year = year, Value = value, Unit = unit, NormalizedValue = unit == "亿元" ? value : null, NormalizedUnit = unit == "亿元" ? "亿元" : null,
        Printed = value.ToString(System.Globalization.CultureInfo.InvariantCulture), SourceKind = source, Comparator = "eq", UnitId = unitId, GroupId = groupId,
        Aggregation = aggregation, BaselineValue = baseline, BaselineYear = baselineYear, SrcDocument = "001", SrcFrom = 1, SrcTo = 1,
    };

    [Fact]
    public void Conflicts_TwoValuesForOneFact_AreFlaggedWithBothSources()
    {
        var finding = Assert.Single(ConsistencyRules.Conflicts([Target(1, "city", null, 2022, 7700), Target(1, "city", null, 2022, 7500, source: "prose")]));
        Assert.Equal(FindingStatus.Conflict, finding.Status);
        Assert.Equal(200, finding.Difference);
        Assert.Equal(2, finding.Items.Count);
    }

    [Fact]
    public void Conflicts_SameValueStatedTwice_IsAgreementNotConflict() =>
        Assert.Empty(ConsistencyRules.Conflicts([Target(1, "city", null, 2022, 3m), Target(1, "city", null, 2022, 3.0m, source: "prose")]));

    [Fact]
    public void UnitCascades_PartsThatAddUp_Agree_AndPartsThatDoNot_Mismatch()
    {
        var members = new Dictionary<long, IReadOnlyCollection<long>> { [9] = new HashSet<long> { 1, 2 } };
        var whole = Target(1, "region", "渝西地区", 2027, 100, groupId: 9);
        var agree = ConsistencyRules.UnitCascades([whole, Target(1, "unit", "a", 2027, 60, unitId: 1), Target(1, "unit", "b", 2027, 40, unitId: 2)], members, [1, 2]);
        Assert.Equal(FindingStatus.Agrees, Assert.Single(agree).Status);
        var off = Assert.Single(ConsistencyRules.UnitCascades([whole, Target(1, "unit", "a", 2027, 60, unitId: 1), Target(1, "unit", "b", 2027, 50, unitId: 2)], members, [1, 2]));
        Assert.Equal(FindingStatus.Mismatch, off.Status);
        Assert.Equal(10, off.Difference);
    }

    [Fact]
    public void UnitCascades_IndicatorThatDoesNotSum_IsNotCascaded()
    {
        var members = new Dictionary<long, IReadOnlyCollection<long>> { [9] = new HashSet<long> { 1 } };
        Assert.Empty(ConsistencyRules.UnitCascades([Target(1, "region", "r", 2027, 35, unit: "%", groupId: 9, aggregation: "none"),
            Target(1, "unit", "a", 2027, 40, unit: "%", unitId: 1, aggregation: "none")], members, [1]));
    }

    [Fact]
    public void GrowthRates_Seed003_16Point2PercentFor332Point3To700_IsAMismatch()
    {
        var level = new IndicatorRow { Id = 1, PlanId = "p", Code = "ind01", Name = "规模以上工业总产值" };
        var growth = new IndicatorRow { Id = 2, PlanId = "p", Code = "ind01g", Name = "年均增速", GrowthOfId = 1 };
        var plan = new PlanRow { Id = "p", PeriodStart = 2021 };
        var rows = new[] { Target(1, "unit", "万州区", 2020, 332.3m), Target(1, "unit", "万州区", 2025, 700m), Target(2, "unit", "万州区", 2025, 16.2m, unit: "%") };
        var finding = Assert.Single(ConsistencyRules.GrowthRates(rows, [level, growth], new Dictionary<string, PlanRow> { ["p"] = plan }));
        Assert.Equal(FindingStatus.Mismatch, finding.Status);
        Assert.Equal(16.07m, finding.Actual);
        // 332.3 × 1.1607^5 ≈ 700: a stated 16.1% would have agreed.
        var close = rows[..2].Append(Target(2, "unit", "万州区", 2025, 16.1m, unit: "%")).ToArray();
        Assert.Equal(FindingStatus.Agrees, Assert.Single(ConsistencyRules.GrowthRates(close, [level, growth], new Dictionary<string, PlanRow> { ["p"] = plan })).Status);
    }

    private static readonly Equivalences Words = new([
        new EquivalenceRow { Kind = "measure_word", Term = "户", Equivalent = "个", Reason = "both count firms" },
        new EquivalenceRow { Kind = "measure_word", Term = "个", Equivalent = "家", Reason = "both count firms" },
    ]);

    [Fact]
    public void Conflicts_EquivalentMeasureWords_AreARestatement_AndOnlyWithTheEquivalenceData()
    {
        TargetRow[] rows = [Target(1, "city", null, 2019, 23m, unit: "个"), Target(1, "city", null, 2019, 23m, unit: "户", source: "prose")];
        var restated = Assert.Single(ConsistencyRules.Conflicts(rows, Words));
        Assert.Equal((FindingKinds.Restatement, FindingStatus.Agrees, false), (restated.Kind, restated.Status, restated.IsProblem));
        Assert.Contains("both count firms", restated.Message, StringComparison.Ordinal);
        // Transitive: 户 = 个 = 家.
        Assert.Equal(FindingKinds.Restatement, Assert.Single(ConsistencyRules.Conflicts([Target(1, "city", null, 2019, 3m, unit: "户"), Target(1, "city", null, 2019, 3m, unit: "家")], Words)).Kind);
        // Without the data the two spellings are two values.
        Assert.Equal(FindingKinds.Conflict, Assert.Single(ConsistencyRules.Conflicts(rows)).Kind);
        // An equivalent word does not make different numbers equal.
        Assert.Equal(FindingKinds.Conflict, Assert.Single(ConsistencyRules.Conflicts([rows[0], Target(1, "city", null, 2019, 28m, unit: "户")], Words)).Kind);
    }

    [Theory]
    [InlineData("797.1", "797.14", true)]
    [InlineData("235.5", "235", true)]
    [InlineData("206.9", "207", true)]
    [InlineData("332.3", "332.2", false)]
    [InlineData("58.9", "60", false)]
    [InlineData("1.5", "1.6", false)]
    public void Conflicts_RoundingToThePrintedPrecision_IsARestatement(string table, string prose, bool restated)
    {
        var a = Target(1, "unit", "南岸区", 2025, decimal.Parse(table, System.Globalization.CultureInfo.InvariantCulture));
        var b = Target(1, "unit", "南岸区", 2025, decimal.Parse(prose, System.Globalization.CultureInfo.InvariantCulture), source: "prose");
        b.Printed = $"总产值突破{prose}亿元";
        Assert.Equal(restated ? FindingKinds.Restatement : FindingKinds.Conflict, Assert.Single(ConsistencyRules.Conflicts([a, b], Words)).Kind);
    }

    [Fact]
    public void Conflicts_PeriodAverageAndUnknownYear_AreOtherFactsThanTheYearValue()
    {
        var point = Target(1, "unit", "南岸区", 2020, 36.6m);
        var average = Target(1, "unit", "南岸区", 2020, 50m, source: "prose");
        average.Period = "average";
        average.YearFrom = 2016;
        Assert.Empty(ConsistencyRules.Conflicts([point, average], Words));
    }

    [Fact]
    public void SumRate_PeriodTotalOfYearlyValues()
    {
        // 31.3 a year growing r: 31.3·Σ(1+r)^k for k = 1…5 = 300 at r ≈ 22.54% (seed 003 ind02 [300], L146).
        Assert.Equal(22.54m, ConsistencyRules.SumRate(31.3m, 300m, 5));
        // At 20% the five years add up to 31.3 × 8.93 ≈ 279.5, not 300.
        Assert.Equal(20m, ConsistencyRules.SumRate(31.3m, 31.3m * (1.2m + 1.44m + 1.728m + 2.0736m + 2.48832m), 5));
        Assert.Equal(10.76m, ConsistencyRules.CompoundRate(3m, 5m, 5));
    }

    [Theory]
    [InlineData("16.2", "0.05")]
    [InlineData("20", "0.5")]
    [InlineData("10.35", "0.005")]
    public void HalfLastDigit_IsTheRoundingToleranceOfThePrintedRate(string printed, string tolerance) =>
        Assert.Equal(decimal.Parse(tolerance, System.Globalization.CultureInfo.InvariantCulture),
            ConsistencyRules.HalfLastDigit(decimal.Parse(printed, System.Globalization.CultureInfo.InvariantCulture)));
}
