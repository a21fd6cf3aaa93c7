using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using IndustryMap.BrowserTests.Infrastructure;
using IndustryMap.BrowserTests.Pages;
using Microsoft.Playwright;

namespace IndustryMap.BrowserTests;

[Collection(BrowserCollection.Name)]
public class ExportTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ExcelExport_DownloadsAValidXlsx_WithTheRowsShownInTheirOrder()
    {
        await using var session = await fixture.NewSessionAsync(nameof(ExcelExport_DownloadsAValidXlsx_WithTheRowsShownInTheirOrder));
        await session.RunAsync(async page =>
        {
            var registry = new RegistryPage(page);
            await registry.GotoAsync("projects");
            await registry.Filter.FillAsync("万州 铜");
            await registry.SortByAsync("总投资（亿元）");
            await registry.SortByAsync("总投资（亿元）"); // second click: descending
            await Assertions.Expect(page.Locator("#registry thead th[aria-sort='descending']")).ToHaveCountAsync(1);
            var names = await registry.ColumnAsync("项目名称");
            var investments = (await registry.ColumnAsync("总投资（亿元）")).Where(v => v.Length > 0).Select(decimal.Parse).ToList();
            Assert.InRange(names.Count, 2, 189);
            Assert.Equal(investments.OrderDescending(), investments);

            var download = await registry.ExportAsync("export-xlsx");
            Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
            var file = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".xlsx");
            await download.SaveAsAsync(file);
            try
            {
                using var document = SpreadsheetDocument.Open(file, false);
                var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
                var rows = sheet.Descendants<Row>().ToList();
                var header = rows[0].Elements<Cell>().Select(Text).ToList();
                Assert.Equal("项目名称", header[2]);
                Assert.Equal("来源（文件:行）", header[^1]);
                var exportedNames = rows.Skip(1).Select(r => Text(r.Elements<Cell>().ElementAt(2))).ToList();
                Assert.Equal(names, exportedNames);
                var investmentCell = rows[1].Elements<Cell>().ElementAt(7);
                Assert.Equal(CellValues.Number, investmentCell.DataType!.Value);
                Assert.Equal(investments[0], decimal.Parse(investmentCell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
            }
            finally
            {
                File.Delete(file);
            }
            session.AssertNoConsoleErrors();
        });
    }

    [Fact]
    public async Task CsvExport_IsUtf8WithTheFilteredRows()
    {
        await using var session = await fixture.NewSessionAsync(nameof(CsvExport_IsUtf8WithTheFilteredRows));
        await session.RunAsync(async page =>
        {
            var registry = new RegistryPage(page);
            await registry.GotoAsync("parks");
            await registry.Filter.FillAsync("万州");
            var shown = await registry.Rows.CountAsync();
            var download = await registry.ExportAsync("export-csv");
            var stream = await download.CreateReadStreamAsync();
            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
            var lines = (await reader.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("名称,单元", lines[0], StringComparison.Ordinal);
            Assert.Equal(shown, lines.Length - 1);
        });
    }

    private static string Text(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";
}
