using IndustryMap.Monitoring;

namespace IndustryMap.Tests.Monitoring;

public class SubmissionWorkflowTests
{
    [Theory]
    [InlineData(SubmissionStates.Draft, SubmissionActions.Submit, SubmissionStates.Submitted)]
    [InlineData(SubmissionStates.Submitted, SubmissionActions.Approve, SubmissionStates.Approved)]
    [InlineData(SubmissionStates.Returned, SubmissionActions.Edit, SubmissionStates.Draft)]
    [InlineData(SubmissionStates.Returned, SubmissionActions.Submit, SubmissionStates.Submitted)]
    public void AllowedTransitions(string state, string action, string next) => Assert.Equal(next, SubmissionWorkflow.Apply(state, action).NewState);

    [Fact]
    public void ApprovedValues_AreLocked_UntilAnUnlockWithAReason()
    {
        Assert.Equal("locked", SubmissionWorkflow.Apply(SubmissionStates.Approved, SubmissionActions.Edit).Code);
        Assert.Equal("reason_required", SubmissionWorkflow.Apply(SubmissionStates.Approved, SubmissionActions.Unlock, " ").Code);
        Assert.Equal(SubmissionStates.Draft, SubmissionWorkflow.Apply(SubmissionStates.Approved, SubmissionActions.Unlock, "数据口径更正").NewState);
    }

    [Fact]
    public void Return_NeedsAComment() =>
        Assert.Equal("comment_required", SubmissionWorkflow.Apply(SubmissionStates.Submitted, SubmissionActions.Return).Code);

    [Fact]
    public void Validation_ReportsRequiredRangeAndLargeChange()
    {
        Assert.Equal("required", Assert.Single(SubmissionValidation.Check("ind01", null, null, null, null, required: true)).Code);
        Assert.Equal("below_range", Assert.Single(SubmissionValidation.Check("ind01", -1, null, 0, null, required: true)).Code);
        var warning = Assert.Single(SubmissionValidation.Check("ind01", 160, 100, 0, null, required: true));
        Assert.Equal(("warning", "large_change"), (warning.Severity, warning.Code));
        Assert.Empty(SubmissionValidation.Check("ind01", 140, 100, 0, null, required: true));
    }
}

public class RankingIndexTests
{
    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal?>> Values(params (string Unit, decimal? A, decimal? B)[] rows) =>
        rows.ToDictionary(r => r.Unit, r => (IReadOnlyDictionary<string, decimal?>)new Dictionary<string, decimal?> { ["a"] = r.A, ["b"] = r.B });

    [Fact]
    public void MinMax_WeightedSum_RanksAsComputedByHand()
    {
        // a: x=10→100, y=0→0, z=5→50; b (lower is better): x=3→0, y=1→100, z=2→50. Weights 3:1.
        var ranked = RankingIndex.Rank(Values(("x", 10, 3), ("y", 0, 1), ("z", 5, 2)),
            [new IndexIndicator("a", 3), new IndexIndicator("b", 1, HigherIsBetter: false)], Normalization.MinMax);
        Assert.Equal(["x", "z", "y"], ranked.Select(r => r.Unit));
        Assert.Equal([75m, 50m, 25m], ranked.Select(r => r.Score));
        Assert.Equal([1, 2, 3], ranked.Select(r => r.Rank));
    }

    [Fact]
    public void Ties_ShareARank_AndRankChangeComparesWithThePreviousPeriod()
    {
        var ranked = RankingIndex.Rank(Values(("x", 5, 5), ("y", 5, 5), ("z", 1, 1)), [new IndexIndicator("a", 1)], Normalization.MinMax,
            new Dictionary<string, int> { ["x"] = 3, ["y"] = 1, ["z"] = 2 });
        Assert.Equal([1, 1, 3], ranked.Select(r => r.Rank));
        Assert.Equal(2, ranked.Single(r => r.Unit == "x").RankChange);   // up two places
        Assert.Equal(-1, ranked.Single(r => r.Unit == "z").RankChange);  // down one
    }

    [Fact]
    public void MissingValue_ScoresZero_AndIsShownAsMissing()
    {
        var ranked = RankingIndex.Rank(Values(("x", 10, null), ("y", null, null)), [new IndexIndicator("a", 1)], Normalization.Rank);
        var y = ranked.Single(r => r.Unit == "y");
        Assert.Equal(0m, y.Score);
        Assert.Null(y.Scores.Single().Value);
        Assert.Equal("x", ranked[0].Unit);
    }
}
