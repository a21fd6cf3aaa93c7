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
        string? Quality, string? Note, SourceView Source)
    {
        /// <summary>The serial of the row this one repeats (the same project printed twice).</summary>
        public string? Entity { get; init; }
        /// <summary>The annex sub-heading as printed (the industry is read from the description).</summary>
        public string? Subsection { get; init; }
        /// <summary>标准厂房 floor area in 平方米 (not land).</summary>
        public AmountView? FloorArea { get; init; }
    }

    /// <summary>A firm: its listing's fields and every mention of it (document, lines, tier as that source states it).</summary>
    public sealed record EnterpriseEntityView(string Name, string? Unit, string? Category, IReadOnlyList<string> Tiers, IReadOnlyList<string> Labels,
        string? Industry, string? Quality, string? Note, SourceView Source, int MentionCount, IReadOnlyList<EnterpriseView> Mentions);

    /// <summary>A project: its first row's fields and every row that prints it.</summary>
    public sealed record ProjectEntityView(string Key, string Library, string? Serial, string Name, string? Section, string? Subsection, string? Unit, string? Park,
        string? Industry, string? StagePrinted, string? Stage, AmountView Investment, AmountView Output, AmountView Tax, AmountView Land, AmountView FloorArea,
        string? Period, string? Owner, string? Quality, string? Note, SourceView Source, int MentionCount, IReadOnlyList<ProjectView> Mentions);

    public sealed record TaskView(string Plan, string Id, string? Section, string Title, string? TargetText, IReadOnlyList<string> Lead,
        IReadOnlyList<string> Participating, string? Note, SourceView Source);

    private static IReadOnlyList<string> Split(string? list) => list?.Split('|') ?? [];

    private static AmountView Amount(decimal? value, string? unit, decimal? normalized, string normalizedUnit) =>
        new(Decimals.Normalize(value), unit, Decimals.Normalize(normalized), normalized is null ? null : normalizedUnit);

    public static void MapRegistriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("registries");
        api.MapGet("/parks", Parks).Produces<IReadOnlyList<ParkView>>().WithName("ListParks").WithSummary(
            "Parks (development zones, parks, sub-parks, cluster areas) with kind, level as printed, planned area (亩 and 平方公里), focus industries as " +
            "printed and on the 33618 catalog, and source tier; filters: unit; all=true adds the other carriers (platforms, laboratories, " +
            "standard factories, bases, areas).");
        api.MapGet("/enterprises", Enterprises).Produces<IReadOnlyList<EnterpriseEntityView>>().WithName("ListEnterprises")
            .WithSummary("Enterprises, one per firm with every mention (document, lines, tier as stated); view=mentions lists the mentions instead; filters: unit, tier.");
        api.MapGet("/projects", Projects).Produces<IReadOnlyList<ProjectEntityView>>().WithName("ListProjects")
            .WithSummary("Project libraries, one per project with every row that prints it (view=mentions: the rows): stage as printed and on one lifecycle, investment/output/tax in the printed unit and in 亿元, land in 亩, 标准厂房 floor area in 平方米; filters: unit, library, stage.");
        api.MapGet("/tasks", Tasks).Produces<IReadOnlyList<TaskView>>().WithName("ListTasks").WithSummary("Tasks with their lead (牵头) and participating (参与) units; filters: plan, unit.");
    }

    private static async Task<IResult> Parks(string? unit, bool? all, Database database) =>
        Results.Ok((await RegistryQueries.ParksAsync(database, new RegistryFilter(Unit: unit, ParksOnly: all != true))).Select(Park).ToList());

    public static ParkView Park(ParkRow p) => new(p.Name, p.Unit, p.Level, p.Kind,
        Amount(p.PlannedArea, p.AreaUnit, p.AreaMu, "亩"), Decimals.Normalize(p.AreaKm2), Split(p.FocusIndustries), p.Quality, p.Note,
        SourceView.Of(p.ToSource()), new CarrierKindView(p.Carrier.Code, p.Carrier.Chinese, p.Carrier.English), p.Carrier.IsPark, p.LevelPrinted,
        FocusPair.ParseList(p.FocusCatalog).Select(f => new FocusCatalogView(f.Printed, f.Industry)).ToList(), p.AreaBasis,
        p.LevelSource is null ? null : PublicSourceView.Of(p.LevelSource));

    private static EnterpriseView View(EnterpriseRow e) => new(e.Name, e.Unit, e.Category, Split(e.Tiers), Split(e.Labels), e.Industry, e.Quality, e.Note,
        SourceView.Of(e.ToSource()));

    private static ProjectView View(ProjectRow p) => new(
        p.Library, p.Serial, p.Name, p.Section, p.Unit, p.Park, p.Industry, p.StagePrinted, p.Stage,
        Amount(p.Investment, p.InvestmentUnit, p.InvestmentYi, "亿元"), Amount(p.Output, p.OutputUnit, p.OutputYi, "亿元"), Amount(p.Tax, p.TaxUnit, p.TaxYi, "亿元"),
        Amount(p.Land, p.LandUnit, p.LandMu, "亩"), p.Period, p.Owner, p.Quality, p.Note, SourceView.Of(p.ToSource()))
    {
        Entity = p.Entity, Subsection = p.Subsection, FloorArea = p.FloorArea is null ? null : new AmountView(Decimals.Normalize(p.FloorArea), p.FloorAreaUnit, null, null),
    };

    private static IResult? BadView(string? view) => view is null or "entities" or "mentions" ? null
        : Problems.BadRequest("unknown_view", $"未知的视图“{view}”（entities 或 mentions）", $"unknown view '{view}': entities or mentions");

    private static async Task<IResult> Enterprises(string? unit, string? tier, string? view, Database database)
    {
        if (BadView(view) is { } bad) return bad;
        if (view == "mentions")
        {
            return Results.Ok((await RegistryQueries.EnterprisesAsync(database, new RegistryFilter(Unit: unit, Tier: tier))).Select(View).ToList());
        }
        // Entities are formed over every mention, then filtered: a firm whose tier one source states matches that tier.
        var entities = Entities.Enterprises(await RegistryQueries.EnterprisesAsync(database))
            .Where(e => (unit is null || e.Unit == unit) && (tier is null || e.Tiers.Any(t => t.Contains(tier, StringComparison.Ordinal)) || e.Labels.Any(l => l.Contains(tier, StringComparison.Ordinal))));
        return Results.Ok(entities.Select(e =>
        {
            var main = e.Mentions.FirstOrDefault(m => m.Entity is null && m.Name == e.Name) ?? e.Mentions[0];
            return new EnterpriseEntityView(e.Name, e.Unit, main.Category ?? e.Mentions.Select(m => m.Category).FirstOrDefault(c => c is not null), e.Tiers, e.Labels,
                e.Industry, main.Quality, main.Note, SourceView.Of(main.ToSource()), e.Mentions.Count, e.Mentions.Select(View).ToList());
        }).ToList());
    }

    private static async Task<IResult> Projects(string? unit, string? library, string? stage, string? view, Database database)
    {
        if (stage is not null && ProjectLifecycle.Stages.All(s => s.Stage != stage))
        {
            return Problems.BadRequest("unknown_stage", $"未知的项目阶段“{stage}”", $"unknown stage '{stage}': one of {string.Join(", ", ProjectLifecycle.Stages.Select(s => s.Stage))}");
        }
        if (BadView(view) is { } bad) return bad;
        var rows = await RegistryQueries.ProjectsAsync(database, new RegistryFilter(Unit: unit, Library: library, Stage: stage));
        if (view == "mentions") return Results.Ok(rows.Select(View).ToList());
        return Results.Ok(Entities.Projects(rows).Select(e =>
        {
            var v = View(e.Project);
            return new ProjectEntityView(e.Key, v.Library, v.Serial, v.Name, v.Section, v.Subsection, v.Unit, v.Park, v.Industry, v.StagePrinted, v.Stage, v.Investment,
                v.Output, v.Tax, v.Land, v.FloorArea ?? new AmountView(null, null, null, null), v.Period, v.Owner, v.Quality, v.Note, v.Source, e.Mentions.Count,
                e.Mentions.Select(View).ToList());
        }).ToList());
    }

    private static async Task<IResult> Tasks(string? plan, string? unit, Database database) =>
        Results.Ok((await RegistryQueries.TasksAsync(database, new RegistryFilter(Unit: unit, Plan: plan))).Select(t => new TaskView(t.PlanId, t.Code, t.Section,
            t.Title, t.TargetText, t.Leads, t.Participants, t.Note, SourceView.Of(t.ToSource()))).ToList());
}
