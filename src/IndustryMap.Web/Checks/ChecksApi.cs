using IndustryMap.Checks;
using IndustryMap.Storage;
using IndustryMap.Web.Api;

namespace IndustryMap.Web.Checks;

public static class ChecksApi
{
    public sealed record ItemView(string Label, decimal? Value, string? Unit, string? Printed, SourceView? Source);

    public sealed record FindingView(string Kind, string Status, string Plan, string Title, string Message, string MessageEn, decimal? Expected,
        decimal? Actual, decimal? Difference, string? Unit, IReadOnlyList<ItemView> Items)
    {
        public static FindingView Of(Finding f) => new(f.Kind, f.Status, f.Plan, f.Title, f.Message, f.MessageEn, Decimals.Normalize(f.Expected),
            Decimals.Normalize(f.Actual), Decimals.Normalize(f.Difference), f.Unit,
            f.Items.Select(i => new ItemView(i.Label, Decimals.Normalize(i.Value), i.Unit, i.Printed, i.Source is null ? null : SourceView.Of(i.Source))).ToList());
    }

    public sealed record Report(int Total, int Problems, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyList<FindingView> Findings);

    public static void MapChecksApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/checks", GetChecks).WithTags("checks").WithName("ConsistencyReport")
            .WithSummary("The consistency report: conflicting values, cascades (parts vs whole), stated growth rates vs their own baseline and target, project-table totals; filters: plan, kind, status.");

    private static async Task<IResult> GetChecks(string? plan, string? kind, string? status, Database database)
    {
        var findings = (await ConsistencyReport.RunAsync(database, plan))
            .Where(f => (kind is null || f.Kind == kind) && (status is null || f.Status == status)).ToList();
        return Results.Ok(new Report(findings.Count, findings.Count(f => f.IsProblem),
            findings.GroupBy(f => f.Status).ToDictionary(g => g.Key, g => g.Count()), findings.Select(FindingView.Of).ToList()));
    }
}
