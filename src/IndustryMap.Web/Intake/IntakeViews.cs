using System.Text.Json;
using System.Text.Json.Serialization;
using IndustryMap.Intake;

namespace IndustryMap.Web.Intake;

/// <summary>The shape (issue 16 §4): {document, proposals: {targets, designations, parks, projects}}, typed so the OpenAPI document describes it.</summary>
public sealed record IntakeView(IntakeDocumentRow Document, IntakeProposalGroups Proposals);

public sealed record IntakeProposalGroups(
    IReadOnlyList<TargetProposalView> Targets,
    IReadOnlyList<DesignationProposalView> Designations,
    IReadOnlyList<ProjectProposalView> Parks,
    IReadOnlyList<ProjectProposalView> Projects);

/// <summary>The normalised copy of a value (亿元, 亩): "1.4 万亿元" = {value: 14000, unit: "亿元"}.</summary>
public sealed record NormalizedValue(decimal Value, decimal? High, string? Unit);

public sealed record BaselineValue(int? Year, decimal? Value);

/// <summary>
/// A proposed target as the extractor printed it, with the review state: lines ("12" or "12-14"), status, who decided
/// and when, the target it became, what was accepted (the edited fields), and the stored targets it contradicts. The
/// keys of the shape are written also when null (a year the text does not give is null, never left out or guessed).
/// </summary>
public sealed record TargetProposalView(
    long Id, string Indicator, string ScopeKind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Scope,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Year,
    decimal Value, decimal? ValueHigh,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Unit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] NormalizedValue? Normalized,
    decimal? NormalizedHigh, string? NormalizedUnit, string Comparator, bool Cumulative, int? YearFrom,
    int? BaselineYear, decimal? BaselineValue,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] BaselineValue? Baseline, string Printed, string SourceKind, int From, int To, string Lines,
    decimal Confidence, string Period, string Status, string? DecidedBy, string? DecidedAt, long? TargetId, JsonElement? Accepted,
    IReadOnlyList<IntakeConflict> Conflicts);

public sealed record DesignationProposalView(
    long Id, string Role, string RolePrinted, string Printed, IReadOnlyList<string> Industries, string ScopeKind, string? Scope, int From, int To,
    string Lines, decimal Confidence, string Status, string? DecidedBy, string? DecidedAt, long? TargetId, JsonElement? Accepted);

public sealed record ProjectProposalView(
    long Id, string Kind, string Name, decimal? Investment, string? InvestmentUnit, decimal? InvestmentYi, decimal? Land, string? LandUnit,
    decimal? LandMu, string? Period, string? Stage, int From, int To, string Lines, decimal Confidence, string Status, string? DecidedBy,
    string? DecidedAt, long? TargetId, JsonElement? Accepted);

public static class IntakeViews
{
    public static IntakeView Of(IntakeDetail detail)
    {
        var targets = new List<TargetProposalView>();
        var designations = new List<DesignationProposalView>();
        var parks = new List<ProjectProposalView>();
        var projects = new List<ProjectProposalView>();
        foreach (var p in detail.Proposals)
        {
            var row = p.Row;
            var lines = row.SrcFrom == row.SrcTo ? $"{row.SrcFrom}" : $"{row.SrcFrom}-{row.SrcTo}";
            switch (row.Kind)
            {
                case "target":
                {
                    var t = p.Proposed.Deserialize<TargetProposal>(IntakeStore.Json)!;
                    targets.Add(new TargetProposalView(row.Id, t.Indicator, t.ScopeKind, t.Scope, t.Year, t.Value, t.ValueHigh, t.Unit,
                        t.Normalized is { } n ? new NormalizedValue(n, t.NormalizedHigh, t.NormalizedUnit) : null, t.NormalizedHigh, t.NormalizedUnit,
                        t.Comparator, t.Cumulative, t.YearFrom, t.BaselineYear, t.BaselineValue,
                        t.BaselineYear is null && t.BaselineValue is null ? null : new BaselineValue(t.BaselineYear, t.BaselineValue),
                        t.Printed, t.SourceKind, t.From, t.To, lines, t.Confidence, t.Period, row.Status, row.DecidedBy, row.DecidedAt, row.TargetId,
                        p.Accepted, p.Conflicts));
                    break;
                }
                case "designation":
                {
                    var d = p.Proposed.Deserialize<DesignationProposal>(IntakeStore.Json)!;
                    designations.Add(new DesignationProposalView(row.Id, d.Role, d.RolePrinted, d.Printed, d.Industries, d.ScopeKind, d.Scope, d.From, d.To,
                        lines, d.Confidence, row.Status, row.DecidedBy, row.DecidedAt, row.TargetId, p.Accepted));
                    break;
                }
                default:
                {
                    var x = p.Proposed.Deserialize<ProjectProposal>(IntakeStore.Json)!;
                    (row.Kind == "park" ? parks : projects).Add(new ProjectProposalView(row.Id, x.Kind, x.Name, x.Investment, x.InvestmentUnit, x.InvestmentYi,
                        x.Land, x.LandUnit, x.LandMu, x.Period, x.Stage, x.From, x.To, lines, x.Confidence, row.Status, row.DecidedBy, row.DecidedAt,
                        row.TargetId, p.Accepted));
                    break;
                }
            }
        }
        return new IntakeView(detail.Document, new IntakeProposalGroups(targets, designations, parks, projects));
    }
}
