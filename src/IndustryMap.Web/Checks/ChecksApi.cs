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

    /// <summary>One kind of finding: its code, Chinese name, how many findings and how many of them are problems.</summary>
    public sealed record KindView(string Kind, string Name, int Total, int Problems);

    public sealed record Report(int Total, int Problems, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyList<FindingView> Findings)
    {
        /// <summary>Every kind (issue 15), in a fixed order, also those with no finding.</summary>
        public IReadOnlyList<KindView> Kinds { get; init; } = [];
        public IReadOnlyDictionary<string, int> ByPlan { get; init; } = new Dictionary<string, int>();
    }

    public static void MapChecksApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/checks", GetChecks).WithTags("checks").Produces<Report>().WithName("ConsistencyReport")
            .WithSummary("The consistency report by kind — conflict 冲突, restatement 复述 (not a problem), cascade 级联不符, growth 增速不符, count 计数不符, tier 分级不一, quality 数据质量 — each side with its source; filters: plan, kind, status.");

    private static async Task<IResult> GetChecks(string? plan, string? kind, string? status, Database database)
    {
        if (kind is not null && FindingKinds.All.All(k => k.Kind != kind))
        {
            return Problems.BadRequest("unknown_kind", $"未知的检查类别“{kind}”", $"unknown kind '{kind}': one of {string.Join(", ", FindingKinds.All.Select(k => k.Kind))}");
        }
        var findings = (await ConsistencyReport.RunAsync(database, plan))
            .Where(f => (kind is null || f.Kind == kind) && (status is null || f.Status == status)).ToList();
        return Results.Ok(new Report(findings.Count, findings.Count(f => f.IsProblem),
            findings.GroupBy(f => f.Status).ToDictionary(g => g.Key, g => g.Count()), findings.Select(FindingView.Of).ToList())
        {
            Kinds = FindingKinds.All.Select(k => new KindView(k.Kind, k.Chinese, findings.Count(f => f.Kind == k.Kind), findings.Count(f => f.Kind == k.Kind && f.IsProblem))).ToList(),
            ByPlan = findings.GroupBy(f => f.Plan).ToDictionary(g => g.Key, g => g.Count()),
        });
    }
}
