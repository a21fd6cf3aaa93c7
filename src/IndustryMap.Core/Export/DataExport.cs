using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using IndustryMap.Catalog;
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
    public static readonly IReadOnlyList<string> Datasets = ["documents", "units", "groups", "industries", "crosswalk", "layouts"];

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

    public static string ToJson(IEnumerable<ExportTable> tables) => JsonSerializer.Serialize(
        tables.ToDictionary(t => t.Name, t => t.Objects().ToList()),
        new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) });
}
