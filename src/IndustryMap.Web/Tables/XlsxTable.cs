using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace IndustryMap.Web.Tables;

/// <summary>
/// Writes a table as a one-sheet .xlsx with the Open XML SDK: a bold, frozen heading row, numbers as numbers
/// (exact decimals, invariant format, so Excel can sum them), text as inline strings, and a source column.
/// </summary>
public static class XlsxTable
{
    public static byte[] Write(string sheetName, IReadOnlyList<string> headings, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));

            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, headings.Cast<object?>().ToList(), bold: true));
            uint index = 2;
            foreach (var row in rows) data.Append(Row(index++, row, bold: false));
            var view = new SheetView { WorkbookViewId = 0 };
            view.Append(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
            sheetPart.Worksheet = new Worksheet(new SheetViews(view), data);

            workbookPart.Workbook.AppendChild(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
            workbookPart.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row Row(uint index, IReadOnlyList<object?> cells, bool bold)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < cells.Count; i++)
        {
            var reference = ColumnName(i) + index.ToString(CultureInfo.InvariantCulture);
            var cell = cells[i] switch
            {
                decimal d => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(d.ToString(CultureInfo.InvariantCulture)) },
                null => new Cell { CellReference = reference },
                var text => new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(Convert.ToString(text, CultureInfo.InvariantCulture) ?? "") { Space = SpaceProcessingModeValues.Preserve }),
                },
            };
            if (bold) cell.StyleIndex = 1;
            row.Append(cell);
        }
        return row;
    }

    private static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26) name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }
}
