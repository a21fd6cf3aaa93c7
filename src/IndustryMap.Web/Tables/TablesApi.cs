using IndustryMap.Spreadsheets;
using IndustryMap.Storage;
using IndustryMap.Text;
using IndustryMap.Web.Api;

namespace IndustryMap.Web.Tables;

/// <summary>The registries as display tables for the registry pages, and their CSV and .xlsx exports.</summary>
public static class TablesApi
{
    public static void MapTablesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tables").WithTags("tables");
        api.MapGet("/{kind}", GetTable).Produces<Table>().WithName("GetRegistryTable")
            .WithSummary("A registry (parks, enterprises, projects, tasks) as a display table: columns in Chinese and English, cells, printed values, sources.");
        api.MapGet("/{kind}/export.{format}", Export).ProducesFile(ResponseDeclarations.Csv, ResponseDeclarations.Xlsx).WithName("ExportRegistryTable")
            .WithSummary("The table as .xlsx or .csv (UTF-8 with BOM), filtered and sorted as on the page: q (every word in some cell), unit, sort (column key), desc.");
    }

    private static async Task<IResult> GetTable(string kind, Database database) =>
        await RegistryTables.LoadAsync(database, kind) is { } table ? Results.Ok(table) : UnknownKind(kind);

    private static async Task<IResult> Export(string kind, string format, string? q, string? unit, string? sort, bool? desc, Database database)
    {
        if (format is not ("xlsx" or "csv"))
        {
            return Problems.BadRequest("unknown_format", $"不支持的导出格式“{format}”（应为 xlsx 或 csv）", $"unknown export format '{format}' (xlsx or csv)");
        }
        if (await RegistryTables.LoadAsync(database, kind) is not { } table) return UnknownKind(kind);
        var rows = RegistryTables.View(table, q, unit, sort, desc ?? false);
        var headings = table.Columns.Select(c => c.Zh).Append("来源（文件:行）").ToList();
        var cells = rows.Select(r => (IReadOnlyList<object?>)r.Cells.Append(RegistryTables.SourceText(r.Source)).ToList());
        var fileName = $"{table.Title}.{format}";
        return format == "xlsx"
            ? Results.File(Xlsx.Write(XlsxSheet.Table(table.Title, headings, cells)), Xlsx.ContentType, fileName)
            : Results.File(Csv.Document(headings, cells.Select(row => row.Select(RegistryTables.CellText))), "text/csv; charset=utf-8", fileName);
    }

    private static IResult UnknownKind(string kind) => Problems.NotFound("table_not_found",
        $"没有名为“{kind}”的名录（可选：{string.Join("、", RegistryTables.Kinds)}）", $"no registry table '{kind}' ({string.Join(", ", RegistryTables.Kinds)})");
}
