using IndustryMap.Registries;
using IndustryMap.Storage;
using IndustryMap.Web.Api;

namespace IndustryMap.Web.Registries;

public static class RegistriesApi
{
    public sealed record AmountView(decimal? Value, string? Unit, decimal? Normalized, string? NormalizedUnit);

    public sealed record ParkView(string Name, string? Unit, string? Level, string? Kind, AmountView PlannedArea, decimal? AreaKm2,
        IReadOnlyList<string> FocusIndustries, string? Quality, string? Note, SourceView Source)
    {
        /// <summary>seed, public or entered (decision 0010).</summary>
        public string SourceTier => Source.Tier;
    }

    public sealed record EnterpriseView(string Name, string? Unit, string? Category, IReadOnlyList<string> Tiers, IReadOnlyList<string> Labels,
        string? Industry, string? Quality, string? Note, SourceView Source)
    {
        /// <summary>seed, public or entered (decision 0010).</summary>
        public string SourceTier => Source.Tier;
    }

    public sealed record ProjectView(string Library, string? Serial, string Name, string? Section, string? Unit, string? Park, string? Industry,
        string? StagePrinted, string? Stage, AmountView Investment, AmountView Output, AmountView Tax, AmountView Land, string? Period, string? Owner,
        string? Quality, string? Note, SourceView Source);

    public sealed record TaskView(string Plan, string Id, string? Section, string Title, string? TargetText, IReadOnlyList<string> Lead,
        IReadOnlyList<string> Participating, string? Note, SourceView Source);

    private static IReadOnlyList<string> Split(string? list) => list?.Split('|') ?? [];

    private static AmountView Amount(decimal? value, string? unit, decimal? normalized, string normalizedUnit) =>
        new(Decimals.Normalize(value), unit, Decimals.Normalize(normalized), normalized is null ? null : normalizedUnit);

    public static void MapRegistriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("registries");
        api.MapGet("/parks", Parks).WithName("ListParks").WithSummary("Parks and platforms with level, planned area (亩 and 平方公里) and focus industries; filter: unit.");
        api.MapGet("/enterprises", Enterprises).WithName("ListEnterprises").WithSummary("Enterprises with tiers and labels; filters: unit, tier.");
        api.MapGet("/projects", Projects).WithName("ListProjects")
            .WithSummary("Project libraries: stage as printed and on one lifecycle, investment/output/tax in the printed unit and in 亿元; filters: unit, library, stage.");
        api.MapGet("/tasks", Tasks).WithName("ListTasks").WithSummary("Tasks with their lead (牵头) and participating (参与) units; filters: plan, unit.");
    }

    private static async Task<IResult> Parks(string? unit, Database database) =>
        Results.Ok((await RegistryQueries.ParksAsync(database, new RegistryFilter(Unit: unit))).Select(p => new ParkView(p.Name, p.Unit, p.Level, p.Kind,
            Amount(p.PlannedArea, p.AreaUnit, p.AreaMu, "亩"), Decimals.Normalize(p.AreaKm2), Split(p.FocusIndustries), p.Quality, p.Note,
            SourceView.Of(p.ToSource()))).ToList());

    private static async Task<IResult> Enterprises(string? unit, string? tier, Database database) =>
        Results.Ok((await RegistryQueries.EnterprisesAsync(database, new RegistryFilter(Unit: unit, Tier: tier))).Select(e => new EnterpriseView(e.Name, e.Unit,
            e.Category, Split(e.Tiers), Split(e.Labels), e.Industry, e.Quality, e.Note, SourceView.Of(e.ToSource()))).ToList());

    private static async Task<IResult> Projects(string? unit, string? library, string? stage, Database database)
    {
        if (stage is not null && ProjectLifecycle.Stages.All(s => s.Stage != stage))
        {
            return Problems.BadRequest("unknown_stage", $"未知的项目阶段“{stage}”", $"unknown stage '{stage}': one of {string.Join(", ", ProjectLifecycle.Stages.Select(s => s.Stage))}");
        }
        return Results.Ok((await RegistryQueries.ProjectsAsync(database, new RegistryFilter(Unit: unit, Library: library, Stage: stage))).Select(p => new ProjectView(
            p.Library, p.Serial, p.Name, p.Section, p.Unit, p.Park, p.Industry, p.StagePrinted, p.Stage,
            Amount(p.Investment, p.InvestmentUnit, p.InvestmentYi, "亿元"), Amount(p.Output, p.OutputUnit, p.OutputYi, "亿元"), Amount(p.Tax, p.TaxUnit, p.TaxYi, "亿元"),
            Amount(p.Land, p.LandUnit, p.LandMu, "亩"), p.Period, p.Owner, p.Quality, p.Note, SourceView.Of(p.ToSource()))).ToList());
    }

    private static async Task<IResult> Tasks(string? plan, string? unit, Database database) =>
        Results.Ok((await RegistryQueries.TasksAsync(database, new RegistryFilter(Unit: unit, Plan: plan))).Select(t => new TaskView(t.PlanId, t.Code, t.Section,
            t.Title, t.TargetText, t.Leads, t.Participants, t.Note, SourceView.Of(t.ToSource()))).ToList());
}
