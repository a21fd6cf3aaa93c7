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

    [Theory]
    [InlineData("16.2", "0.05")]
    [InlineData("20", "0.5")]
    [InlineData("10.35", "0.005")]
    public void HalfLastDigit_IsTheRoundingToleranceOfThePrintedRate(string printed, string tolerance) =>
        Assert.Equal(decimal.Parse(tolerance, System.Globalization.CultureInfo.InvariantCulture),
            ConsistencyRules.HalfLastDigit(decimal.Parse(printed, System.Globalization.CultureInfo.InvariantCulture)));
}
