using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using IndustryMap.Catalog;
using IndustryMap.Checks;
using IndustryMap.Plans;
using IndustryMap.Registries;
using IndustryMap.Documents;
using IndustryMap.Layout;
using IndustryMap.Provenance;
using IndustryMap.Storage;
using IndustryMap.Text;
using IndustryMap.Units;

namespace IndustryMap.Export;

/// <summary>A flat table for export: the same columns in CSV and JSON, provenance spelled out on every row.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows)
{
    public string ToCsv()
    {
        var text = new StringBuilder();
        text.Append(Csv.Line(Columns)).Append("\r\n");
        foreach (var row in Rows) text.Append(Csv.Line(row)).Append("\r\n");
        return text.ToString();
    }

    public IEnumerable<Dictionary<string, string?>> Objects() =>
        Rows.Select(r => Columns.Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => x.Item2));
}

public static class DataExport
{
    public static readonly IReadOnlyList<string> Datasets =
        ["documents", "units", "groups", "industries", "crosswalk", "layouts", "plans", "indicators", "targets", "parks", "enterprises", "projects", "tasks", "checks"];

    private static readonly string[] SourceColumns = ["source_document", "source_lines", "source_url", "entered_by", "entered_at"];

    private static IEnumerable<string?> SourceCells(Source s) => [s.Document, s.LinesText, s.Url, s.EnteredBy, s.EnteredAt];

    private static string Num(long? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static async Task<ExportTable> TableAsync(Database database, string dataset) => dataset switch
    {
        "documents" => new ExportTable(dataset, ["id", "title", "issuer", "number", "issued_on", "period", "line_count", "sha256"],
            (await DocumentQueries.ListAsync(database)).Select(d => (IReadOnlyList<string?>)[d.Id, d.Title, d.Issuer, d.Number, d.IssuedOn, d.Period,
                Num(d.LineCount), d.Sha256]).ToList()),
        "units" => new ExportTable(dataset, ["name", "full_name", "code", "kind", "groups", "aliases", .. SourceColumns],
            (await UnitQueries.ListAsync(database)).Select(u => (IReadOnlyList<string?>)[u.Name, u.FullName, u.Code, u.Kind,
                string.Join('|', u.Groups), string.Join('|', u.Aliases), .. SourceCells(u.Source)]).ToList()),
        "groups" => new ExportTable(dataset, ["name", "kind", "parent", "members", .. SourceColumns],
            (await UnitQueries.GroupsAsync(database)).Select(g => (IReadOnlyList<string?>)[g.Name, g.Kind, g.Parent, string.Join('|', g.Members),
                .. SourceCells(g.Source)]).ToList()),
        "industries" => await IndustriesAsync(database),
        "crosswalk" => new ExportTable(dataset, ["from_taxonomy", "from_name", "to_taxonomy", "to_name", "relation", "note", "entered_by", "entered_at"],
            (await CatalogQueries.CrosswalkAsync(database)).Select(c => (IReadOnlyList<string?>)[c.FromTaxonomy, c.From, c.ToTaxonomy, c.To, c.Relation,
                c.Note, c.Source.EnteredBy, c.Source.EnteredAt]).ToList()),
        "layouts" => await LayoutsAsync(database),
        "plans" => new ExportTable(dataset, ["id", "title", "issuer", "period_start", "period_end", "scope_kind", "scope", "document", .. SourceColumns],
            (await PlanQueries.PlansAsync(database)).Select(p => (IReadOnlyList<string?>)[p.Id, p.Title, p.Issuer, Num(p.PeriodStart), Num(p.PeriodEnd),
                p.ScopeKind, p.Scope, p.DocumentId, .. SourceCells(p.ToSource())]).ToList()),
        "indicators" => new ExportTable(dataset, ["plan", "indicator", "name", "unit", "attribute", "direction", "cumulative", "aggregation", "category", "growth_of", .. SourceColumns],
            (await PlanQueries.IndicatorsAsync(database)).Select(i => (IReadOnlyList<string?>)[i.PlanId, i.Code, i.Name, i.Unit, i.Attribute, i.Direction,
                i.Cumulative == 1 ? "yes" : "no", i.Aggregation, i.Category, i.GrowthOf, .. SourceCells(i.ToSource())]).ToList()),
        "targets" => await TargetsAsync(database),
        "parks" => new ExportTable(dataset, ["park", "unit", "level", "kind", "planned_area", "area_unit", "area_mu", "area_km2", "focus_industries", "quality", .. SourceColumns],
            (await RegistryQueries.ParksAsync(database)).Select(p => (IReadOnlyList<string?>)[p.Name, p.Unit, p.Level, p.Kind, Decimals.Text(p.PlannedArea), p.AreaUnit,
                Decimals.Text(p.AreaMu), Decimals.Text(p.AreaKm2), p.FocusIndustries, p.Quality, .. SourceCells(p.ToSource())]).ToList()),
        "enterprises" => new ExportTable(dataset, ["enterprise", "unit", "category", "tiers", "labels", "industry", "quality", "entity", .. SourceColumns],
            (await RegistryQueries.EnterprisesAsync(database)).Select(e => (IReadOnlyList<string?>)[e.Name, e.Unit, e.Category, e.Tiers, e.Labels, e.Industry, e.Quality, e.EntityName,
                .. SourceCells(e.ToSource())]).ToList()),
        "projects" => new ExportTable(dataset, ["library", "serial", "project", "section", "unit", "industry", "stage_printed", "stage", "investment", "investment_unit",
                "investment_yi", "output", "output_unit", "output_yi", "tax", "tax_unit", "tax_yi", "land", "land_unit", "land_mu", "period", "owner", "quality",
                "entity", "subsection", "floor_area", "floor_area_unit", .. SourceColumns],
            (await RegistryQueries.ProjectsAsync(database)).Select(p => (IReadOnlyList<string?>)[p.Library, p.Serial, p.Name, p.Section, p.Unit, p.Industry, p.StagePrinted,
                p.Stage, Decimals.Text(p.Investment), p.InvestmentUnit, Decimals.Text(p.InvestmentYi), Decimals.Text(p.Output), p.OutputUnit, Decimals.Text(p.OutputYi),
                Decimals.Text(p.Tax), p.TaxUnit, Decimals.Text(p.TaxYi), Decimals.Text(p.Land), p.LandUnit, Decimals.Text(p.LandMu), p.Period, p.Owner, p.Quality,
                p.Entity, p.Subsection, Decimals.Text(p.FloorArea), p.FloorAreaUnit, .. SourceCells(p.ToSource())]).ToList()),
        "tasks" => new ExportTable(dataset, ["plan", "task", "section", "title", "target_text", "lead_units", "participating_units", .. SourceColumns],
            (await RegistryQueries.TasksAsync(database)).Select(t => (IReadOnlyList<string?>)[t.PlanId, t.Code, t.Section, t.Title, t.TargetText,
                string.Join('|', t.Leads), string.Join('|', t.Participants), .. SourceCells(t.ToSource())]).ToList()),
        "checks" => new ExportTable(dataset, ["kind", "status", "plan", "title", "message", "expected", "actual", "difference", "unit"],
            (await ConsistencyReport.RunAsync(database)).Select(f => (IReadOnlyList<string?>)[f.Kind, f.Status, f.Plan, f.Title, f.Message,
                Decimals.Text(f.Expected), Decimals.Text(f.Actual), Decimals.Text(f.Difference), f.Unit]).ToList()),
        _ => throw new ArgumentException($"unknown dataset '{dataset}': one of {string.Join(", ", Datasets)}", nameof(dataset)),
    };

    private static async Task<ExportTable> IndustriesAsync(Database database)
    {
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var taxonomy in await CatalogQueries.TaxonomiesAsync(database))
        {
            void Walk(IndustryNode node, string? parent)
            {
                var sources = string.Join('|', node.Sources.Select(s => s.Document is null ? s.Url ?? s.EnteredBy : $"{s.Document}:{s.LinesText}"));
                rows.Add([node.Taxonomy, node.Level, node.Name, parent, node.Tier, node.ParentBasis, string.Join('|', node.Aliases), sources]);
                foreach (var child in node.Children) Walk(child, node.Name);
            }
            foreach (var root in await CatalogQueries.TreeAsync(database, taxonomy.Id)) Walk(root, null);
        }
        return new ExportTable("industries", ["taxonomy", "level", "name", "parent", "tier", "parent_basis", "aliases", "sources"], rows);
    }

    private static async Task<ExportTable> LayoutsAsync(Database database)
    {
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var edition in await LayoutQueries.EditionsAsync(database))
        {
            rows.AddRange((await LayoutQueries.DesignationsAsync(database, (int)edition.Year)).Select(d => (IReadOnlyList<string?>)
                [Num(d.Year), d.Unit, d.Role, Num(d.Position), d.Industry, d.Cluster, d.Printed, d.Detail, d.Flag, .. SourceCells(d.ToSource())]));
        }
        return new ExportTable("layouts", ["edition", "unit", "role", "position", "industry", "cluster", "printed", "detail", "flag", .. SourceColumns], rows);
    }

    private static async Task<ExportTable> TargetsAsync(Database database)
    {
        var targets = await PlanQueries.TargetsAsync(database);
        var conflicts = PlanQueries.Conflicts(targets, targets, await Equivalences.LoadAsync(database));
        return new ExportTable("targets", ["plan", "indicator", "indicator_name", "scope_kind", "scope", "year", "comparator", "value", "value_high", "unit",
                "normalized_value", "normalized_unit", "cumulative", "printed", "baseline_year", "baseline_value", "source_kind", "conflicts", "quality", "period", "year_from", .. SourceColumns],
            targets.Select(t => (IReadOnlyList<string?>)[t.PlanId, t.IndicatorCode, t.IndicatorName, t.ScopeKind, t.Scope, Num(t.Year), t.Comparator,
                Decimals.Text(t.Value), Decimals.Text(t.ValueHigh), t.Unit, Decimals.Text(t.NormalizedValue), t.NormalizedUnit, t.Cumulative == 1 ? "yes" : "no",
                t.Printed, Num(t.BaselineYear), Decimals.Text(t.BaselineValue), t.SourceKind,
                string.Join('|', conflicts[t.Id].Select(c => $"{Decimals.Text(c.Value)}{c.Unit} ({c.SrcDocument}:{c.ToSource().LinesText})")), t.Quality,
                t.Period, Num(t.YearFrom), .. SourceCells(t.ToSource())]).ToList());
    }

    public static string ToJson(IEnumerable<ExportTable> tables) => JsonSerializer.Serialize(
        tables.ToDictionary(t => t.Name, t => t.Objects().ToList()),
        new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) });
}
