using IndustryMap.Plans;
using IndustryMap.Storage;
using IndustryMap.Web.Api;

namespace IndustryMap.Web.Plans;

public static class PlansApi
{
    public sealed record PlanView(string Id, string Title, string? Issuer, long? PeriodStart, long? PeriodEnd, string ScopeKind, string? Scope, string Document,
        long Indicators, long Targets, string? Note, SourceView Source);

    public sealed record IndicatorView(string Plan, string Id, string Name, string? Unit, string? Attribute, string? Direction, bool Cumulative,
        string Aggregation, string? Category, string? GrowthOf, string? Note, SourceView Source);

    public sealed record NormalizedView(decimal Value, decimal? High, string Unit);

    public sealed record ConflictView(decimal Value, decimal? ValueHigh, string? Unit, string Printed, string SourceKind, SourceView Source);

    public sealed record TargetView(long Id, string Plan, string Indicator, string IndicatorName, string ScopeKind, string? Scope, long? Year, decimal Value,
        decimal? ValueHigh, string? Unit, NormalizedView? Normalized, string Comparator, bool Cumulative, string? Attribute, string? Direction,
        string Printed, long? BaselineYear, decimal? BaselineValue, string SourceKind, string? Quality, string? Note, SourceView Source,
        IReadOnlyList<ConflictView> Conflicts)
    {
        /// <summary>year, each_year (one of a yearly series), average (a period average over yearFrom–year) or sum (the total over that period).</summary>
        public string Period { get; init; } = "year";
        public long? YearFrom { get; init; }

        public static TargetView Of(TargetRow t, IEnumerable<TargetRow> conflicts) => new(t.Id, t.PlanId, t.IndicatorCode, t.IndicatorName, t.ScopeKind, t.Scope,
            t.Year, Decimals.Normalize(t.Value), Decimals.Normalize(t.ValueHigh), t.Unit,
            t.NormalizedValue is { } n ? new NormalizedView(Decimals.Normalize(n), Decimals.Normalize(t.NormalizedHigh), t.NormalizedUnit!) : null,
            t.Comparator, t.Cumulative == 1, t.Attribute, t.Direction, t.Printed, t.BaselineYear, Decimals.Normalize(t.BaselineValue), t.SourceKind,
            t.Quality, t.Note, SourceView.Of(t.ToSource()),
            conflicts.Select(c => new ConflictView(Decimals.Normalize(c.Value), Decimals.Normalize(c.ValueHigh), c.Unit, c.Printed, c.SourceKind,
                SourceView.Of(c.ToSource()))).ToList()) { Period = t.Period, YearFrom = t.YearFrom };
    }

    public sealed record PlanDetail(PlanView Plan, IReadOnlyList<IndicatorView> Indicators, IReadOnlyList<TargetView> Targets);

    public static void MapPlansApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("plans");
        api.MapGet("/plans", ListPlans).Produces<IReadOnlyList<PlanView>>().WithName("ListPlans").WithSummary("The plans: title, issuer, period, scope, and how many indicators and targets each has.");
        api.MapGet("/plans/{plan}", GetPlan).Produces<PlanDetail>().WithName("GetPlan").WithSummary("One plan with its indicators and every target, conflicts marked.");
        api.MapGet("/indicators", ListIndicators).Produces<IReadOnlyList<IndicatorView>>().WithName("ListIndicators");
        api.MapGet("/targets", ListTargets).Produces<IReadOnlyList<TargetView>>().WithName("ListTargets")
            .WithSummary("Targets (filters: plan, scope, scopeKind, year, indicator id or name), each with its source and the conflicting rows for the same fact.");
    }

    private static PlanView View(PlanRow p) => new(p.Id, p.Title, p.Issuer, p.PeriodStart, p.PeriodEnd, p.ScopeKind, p.Scope, p.DocumentId, p.Indicators,
        p.Targets, p.Note, SourceView.Of(p.ToSource()));

    private static IndicatorView View(IndicatorRow i) => new(i.PlanId, i.Code, i.Name, i.Unit, i.Attribute, i.Direction, i.Cumulative == 1, i.Aggregation,
        i.Category, i.GrowthOf, i.Note, SourceView.Of(i.ToSource()));

    private static async Task<IResult> ListPlans(Database database) => Results.Ok((await PlanQueries.PlansAsync(database)).Select(View).ToList());

    private static async Task<IResult> GetPlan(string plan, Database database)
    {
        var found = (await PlanQueries.PlansAsync(database)).FirstOrDefault(p => p.Id == plan);
        if (found is null) return Problems.NotFound("plan_not_found", $"没有编号为“{plan}”的规划", $"no plan '{plan}'");
        var targets = await PlanQueries.TargetsAsync(database, new TargetFilter(Plan: plan));
        var conflicts = await PlanQueries.ConflictsAsync(database, targets);
        return Results.Ok(new PlanDetail(View(found), (await PlanQueries.IndicatorsAsync(database, plan)).Select(View).ToList(),
            targets.Select(t => TargetView.Of(t, conflicts[t.Id])).ToList()));
    }

    private static async Task<IResult> ListIndicators(string? plan, Database database) =>
        Results.Ok((await PlanQueries.IndicatorsAsync(database, plan)).Select(View).ToList());

    private static async Task<IResult> ListTargets(string? plan, string? scope, string? scopeKind, int? year, string? indicator, Database database)
    {
        var filter = new TargetFilter(plan, scope, year, indicator, scopeKind);
        var targets = await PlanQueries.TargetsAsync(database, filter);
        var conflicts = await PlanQueries.ConflictsAsync(database, targets, filter == new TargetFilter() ? targets : null);
        return Results.Ok(targets.Select(t => TargetView.Of(t, conflicts[t.Id])).ToList());
    }
}
