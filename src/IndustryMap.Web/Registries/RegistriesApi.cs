using IndustryMap.Registries;
using IndustryMap.Storage;
using IndustryMap.Web.Api;

namespace IndustryMap.Web.Registries;

public static class RegistriesApi
{
    public sealed record AmountView(decimal? Value, string? Unit, decimal? Normalized, string? NormalizedUnit);

    /// <summary>
    /// A row of the park registry. <see cref="Kind"/> is the kind as recorded (a seed document's word or a public row's
    /// code); <see cref="CarrierKind"/> the registry kind with its Chinese and English labels, and whether it counts as
    /// a park (decision 0011). <see cref="FocusIndustries"/> are the focus industries as printed, <see cref="FocusCatalog"/>
    /// their reading on the 33618 catalog. <see cref="LevelSource"/> is the page the level is read from when it is not
    /// the row's own page.
    /// </summary>
    public sealed record ParkView(string Name, string? Unit, string? Level, string? Kind, AmountView PlannedArea, decimal? AreaKm2,
        IReadOnlyList<string> FocusIndustries, string? Quality, string? Note, SourceView Source, CarrierKindView CarrierKind, bool IsPark,
        string? LevelPrinted, IReadOnlyList<FocusCatalogView> FocusCatalog, string? AreaBasis, PublicSourceView? LevelSource)
    {
        /// <summary>seed, public or entered (decision 0010).</summary>
        public string SourceTier => Source.Tier;

        /// <summary>
        /// How <see cref="FocusCatalog"/> was made: <c>curated</c> (a public row's pairs, each checked against the vocabulary
        /// on import) or <c>vocabulary</c> (a seed row's words read by the vocabulary alone); null when nothing is mapped.
        /// </summary>
        public string? FocusBasis => FocusCatalog.Count == 0 ? null : Source.Public is not null ? "curated" : "vocabulary";
    }

    public sealed record CarrierKindView(string Code, string Zh, string En);

    public sealed record FocusCatalogView(string Printed, string Industry);

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
        api.MapGet("/parks", Parks).WithName("ListParks").WithSummary(
            "Parks (development zones, parks, sub-parks, cluster areas) with kind, level as printed, planned area (亩 and 平方公里), focus industries as " +
            "printed and on the 33618 catalog, and source tier; filters: unit; all=true adds the other carriers (platforms, laboratories, " +
            "standard factories, bases, areas).");
        api.MapGet("/enterprises", Enterprises).WithName("ListEnterprises").WithSummary("Enterprises with tiers and labels; filters: unit, tier.");
        api.MapGet("/projects", Projects).WithName("ListProjects")
            .WithSummary("Project libraries: stage as printed and on one lifecycle, investment/output/tax in the printed unit and in 亿元; filters: unit, library, stage.");
        api.MapGet("/tasks", Tasks).WithName("ListTasks").WithSummary("Tasks with their lead (牵头) and participating (参与) units; filters: plan, unit.");
    }

    private static async Task<IResult> Parks(string? unit, bool? all, Database database) =>
        Results.Ok((await RegistryQueries.ParksAsync(database, new RegistryFilter(Unit: unit, ParksOnly: all != true))).Select(Park).ToList());

    public static ParkView Park(ParkRow p) => new(p.Name, p.Unit, p.Level, p.Kind,
        Amount(p.PlannedArea, p.AreaUnit, p.AreaMu, "亩"), Decimals.Normalize(p.AreaKm2), Split(p.FocusIndustries), p.Quality, p.Note,
        SourceView.Of(p.ToSource()), new CarrierKindView(p.Carrier.Code, p.Carrier.Chinese, p.Carrier.English), p.Carrier.IsPark, p.LevelPrinted,
        FocusPair.ParseList(p.FocusCatalog).Select(f => new FocusCatalogView(f.Printed, f.Industry)).ToList(), p.AreaBasis,
        p.LevelSource is null ? null : PublicSourceView.Of(p.LevelSource));

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
