using System.Globalization;
using IndustryMap.Provenance;
using IndustryMap.Registries;
using IndustryMap.Storage;
using IndustryMap.Web.Api;

namespace IndustryMap.Web.Tables;

/// <summary>A column of a registry table: its key, its heading in both languages, and whether its cells are numbers.</summary>
public sealed record Column(string Key, string Zh, string En, bool Numeric = false);

/// <summary>
/// One row: a cell per column (text or an exact decimal), for number cells the value as printed with its unit
/// (shown on hover, e.g. "8000 万元" for a cell of 0.8 亿元), and the row's source.
/// </summary>
public sealed record TableRow(IReadOnlyList<object?> Cells, IReadOnlyList<string?> Printed, SourceView Source)
{
    /// <summary>For an entity (a firm, a project): every mention of it, each with its source; empty for other registries.</summary>
    public IReadOnlyList<MentionView> Mentions { get; init; } = [];
}

/// <summary>One mention of an entity: how the source names it, what it states there (a tier, a serial), and where.</summary>
public sealed record MentionView(string Name, string? Detail, SourceView Source);

public sealed record Table(string Kind, string Title, string TitleEn, IReadOnlyList<Column> Columns, IReadOnlyList<TableRow> Rows);

/// <summary>
/// The registries (parks, enterprises, projects, tasks) as display tables. The page, the CSV and the .xlsx export
/// all come from here, so what is exported is what is shown: same columns, same filter, same order.
/// Money is in 亿元 and land in 亩 (the API's normalised values); the printed value stays with each cell.
/// </summary>
public static class RegistryTables
{
    public static readonly IReadOnlyList<string> Kinds = ["parks", "enterprises", "projects", "tasks"];

    public static async Task<Table?> LoadAsync(Database database, string kind) => kind switch
    {
        "parks" => Parks(await RegistryQueries.ParksAsync(database)),
        "enterprises" => Enterprises(await RegistryQueries.EnterprisesAsync(database)),
        "projects" => Projects(await RegistryQueries.ProjectsAsync(database)),
        "tasks" => Tasks(await RegistryQueries.TasksAsync(database)),
        _ => null,
    };

    private static string Join(string? pipeList) => pipeList is null ? "" : string.Join('、', pipeList.Split('|'));

    private static string? Printed(decimal? value, string? unit) =>
        value is null ? null : $"{Decimals.Text(value)}{(unit is null ? "" : " " + unit)}";

    private static SourceView Source(ProvenanceRow row) => SourceView.Of(row.ToSource());

    private static Table Parks(IEnumerable<ParkRow> rows) => new("parks", "园区名录", "Parks",
        [
            new("name", "名称", "Name"), new("unit", "单元", "Unit"), new("level", "级别", "Level"), new("kind", "类型", "Kind"),
            new("areaMu", "规划面积（亩）", "Planned area (mu)", true), new("areaKm2", "面积（平方公里）", "Area (km²)", true),
            new("focus", "主导产业", "Focus industries"),
        ],
        rows.Select(p => new TableRow(
            [p.Name, p.Unit, p.Level, p.Kind, Decimals.Normalize(p.AreaMu), Decimals.Normalize(p.AreaKm2), Join(p.FocusIndustries)],
            [null, null, null, null, Printed(p.PlannedArea, p.AreaUnit), null, null], Source(p))).ToList());

    /// <summary>One row per firm (issue 15), expandable to its mentions; tiers are every tier a source states.</summary>
    private static Table Enterprises(IEnumerable<EnterpriseRow> rows) => new("enterprises", "企业名录", "Enterprises",
        [
            new("name", "名称", "Name"), new("unit", "单元", "Unit"), new("category", "类别", "Category"), new("tiers", "层级", "Tiers"),
            new("labels", "称号", "Labels"), new("industry", "产业", "Industry"), new("mentions", "提及次数", "Mentions", true),
        ],
        Entities.Enterprises(rows).Select(e =>
        {
            var main = e.Mentions.FirstOrDefault(m => m.Entity is null && m.Name == e.Name) ?? e.Mentions[0];
            return new TableRow([e.Name, e.Unit, main.Category ?? e.Mentions.Select(m => m.Category).FirstOrDefault(c => c is not null), string.Join('、', e.Tiers),
                    string.Join('、', e.Labels), e.Industry, (decimal)e.Mentions.Count], [null, null, null, null, null, null, null], Source(main))
            {
                Mentions = e.Mentions.Select(m => new MentionView(m.Name, string.Join('、', new[] { Join(m.Tiers), m.Category }.Where(x => !string.IsNullOrEmpty(x))), Source(m))).ToList(),
            };
        }).ToList());

    /// <summary>One row per project (中国华录 printed twice is one row with two mentions); 标准厂房 floor area apart from land.</summary>
    private static Table Projects(IEnumerable<ProjectRow> rows) => new("projects", "项目库", "Projects",
        [
            new("library", "项目库", "Library"), new("serial", "序号", "No."), new("name", "项目名称", "Project"), new("unit", "单元", "Unit"),
            new("park", "园区", "Park"), new("industry", "产业", "Industry"), new("stage", "阶段", "Stage"),
            new("investment", "总投资（亿元）", "Investment (100m yuan)", true), new("output", "年产值（亿元）", "Annual output (100m yuan)", true),
            new("tax", "税收（亿元）", "Tax (100m yuan)", true), new("land", "用地（亩）", "Land (mu)", true),
            new("floorArea", "厂房面积（平方米）", "Floor area (m²)", true), new("period", "建设期", "Period"), new("owner", "业主", "Owner"),
            new("section", "附件分节（原文）", "Annex section (as printed)"),
        ],
        Entities.Projects(rows).Select(e =>
        {
            var p = e.Project;
            return new TableRow(
                [p.Library, p.Serial, p.Name, p.Unit, p.Park, p.Industry, p.StagePrinted,
                    Decimals.Normalize(p.InvestmentYi), Decimals.Normalize(p.OutputYi), Decimals.Normalize(p.TaxYi), Decimals.Normalize(p.LandMu),
                    Decimals.Normalize(p.FloorArea), p.Period, p.Owner, string.Join(" / ", new[] { p.Section, p.Subsection }.Where(x => x is not null))],
                [null, null, null, null, null, null, null, Printed(p.Investment, p.InvestmentUnit), Printed(p.Output, p.OutputUnit), Printed(p.Tax, p.TaxUnit),
                    Printed(p.Land, p.LandUnit), Printed(p.FloorArea, p.FloorAreaUnit), null, null, null],
                Source(p))
            {
                Mentions = e.Mentions.Count < 2 ? [] : e.Mentions.Select(m => new MentionView(m.Name, $"{m.Serial} · {Printed(m.Investment, m.InvestmentUnit)}", Source(m))).ToList(),
            };
        }).ToList());

    private static Table Tasks(IEnumerable<TaskRow> rows) => new("tasks", "任务清单", "Tasks",
        [
            new("plan", "规划", "Plan"), new("id", "编号", "No."), new("section", "章节", "Section"), new("title", "任务", "Task"),
            new("lead", "牵头单位", "Lead"), new("participating", "参与单位", "Participating"),
        ],
        rows.Select(t => new TableRow([t.PlanId, t.Code, t.Section, t.Title, string.Join('、', t.Leads), string.Join('、', t.Participants)],
            [null, null, null, null, null, null], Source(t))).ToList());

    /// <summary>
    /// The rows a reader sees: every word of q appears in some cell (case-insensitive), unit matches the unit
    /// column exactly, sorted by one column (numbers by value, text by code point, empty cells last). The page's
    /// script applies the same rules (wwwroot/js/registry.js).
    /// </summary>
    public static IReadOnlyList<TableRow> View(Table table, string? q, string? unit, string? sort, bool descending)
    {
        IEnumerable<TableRow> rows = table.Rows;
        var words = (q ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0)
        {
            rows = rows.Where(r => words.All(w => r.Cells.Any(c => CellText(c).Contains(w, StringComparison.OrdinalIgnoreCase))));
        }
        var unitIndex = IndexOf(table, "unit");
        if (!string.IsNullOrEmpty(unit) && unitIndex >= 0) rows = rows.Where(r => CellText(r.Cells[unitIndex]) == unit);
        var sortIndex = sort is null ? -1 : IndexOf(table, sort);
        if (sortIndex >= 0)
        {
            var present = rows.Where(r => CellText(r.Cells[sortIndex]) != "");
            var empty = rows.Where(r => CellText(r.Cells[sortIndex]) == "");
            var ordered = table.Columns[sortIndex].Numeric
                ? present.OrderBy(r => (decimal)r.Cells[sortIndex]!)
                : present.OrderBy(r => CellText(r.Cells[sortIndex]), StringComparer.Ordinal);
            rows = (descending ? ordered.Reverse() : ordered).Concat(empty);
        }
        return rows.ToList();
    }

    private static int IndexOf(Table table, string key)
    {
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (table.Columns[i].Key == key) return i;
        }
        return -1;
    }

    public static string CellText(object? cell) => cell switch
    {
        null => "",
        decimal d => Decimals.Normalize(d).ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "",
    };

    public static string SourceText(SourceView source) =>
        source.Document is not null ? $"{source.Document}:{source.Lines}" : source.Url ?? source.EnteredBy ?? "";
}
