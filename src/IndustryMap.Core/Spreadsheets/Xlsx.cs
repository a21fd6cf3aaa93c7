using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace IndustryMap.Spreadsheets;

/// <summary>One sheet to write: its name and rows; the first row is the heading (bold, frozen).</summary>
public sealed record XlsxSheet(string Name, IEnumerable<IReadOnlyList<object?>> Rows)
{
    /// <summary>A table: the headings, then the rows.</summary>
    public static XlsxSheet Table(string name, IEnumerable<string> headings, IEnumerable<IReadOnlyList<object?>> rows) =>
        new(name, rows.Prepend(headings.Cast<object?>().ToList()));
}

/// <summary>
/// The one .xlsx writer (registry exports, the bulletin's workbook, the submission template). Sheets are streamed with
/// <see cref="OpenXmlWriter"/>, never built as a DOM. Every cell is written one way:
/// <list type="bullet">
/// <item>numbers (decimal, int, long, double …) are number cells in invariant format, so Excel can sum them — exact
///   decimals keep their digits;</item>
/// <item>everything else is an inline string: text, never a formula. Text that a spreadsheet would evaluate if it were
///   typed in (= + - @, tab, return, <see cref="Text.Csv.LooksLikeFormula"/>) gets the <c>quotePrefix</c> style, so it stays
///   text when someone edits the cell, and the text itself is unchanged (reading it back gives what was written);</item>
/// <item>null is an empty cell.</item>
/// </list>
/// </summary>
public static class Xlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Cell formats of the stylesheet below.
    private const uint Plain = 0, Heading = 1, QuotedText = 2, QuotedHeading = 3;

    public static byte[] Write(params IReadOnlyList<XlsxSheet> sheets)
    {
        using var stream = new MemoryStream();
        Write(stream, sheets);
        return stream.ToArray();
    }

    public static void Write(Stream output, IReadOnlyList<XlsxSheet> sheets)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new X.Workbook();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new X.Stylesheet(
            new X.Fonts(new X.Font(new X.FontSize { Val = 11 }, new X.FontName { Val = "等线" }),
                new X.Font(new X.Bold(), new X.FontSize { Val = 11 }, new X.FontName { Val = "等线" })) { Count = 2 },
            new X.Fills(new X.Fill(new X.PatternFill { PatternType = X.PatternValues.None }), new X.Fill(new X.PatternFill { PatternType = X.PatternValues.Gray125 })) { Count = 2 },
            new X.Borders(new X.Border()) { Count = 1 },
            new X.CellFormats(
                new X.CellFormat(),
                new X.CellFormat { FontId = 1, ApplyFont = true },
                new X.CellFormat { QuotePrefix = true },
                new X.CellFormat { FontId = 1, ApplyFont = true, QuotePrefix = true }) { Count = 4 });
        styles.Stylesheet.Save();
        var sheetList = workbook.Workbook.AppendChild(new X.Sheets());
        uint id = 1;
        foreach (var sheet in sheets)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            WriteSheet(part, sheet.Rows);
            sheetList.Append(new X.Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = sheet.Name });
        }
        workbook.Workbook.Save();
    }

    private static void WriteSheet(WorksheetPart part, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new X.Worksheet());
        var view = new X.SheetView { WorkbookViewId = 0 };
        view.Append(new X.Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = X.PaneValues.BottomLeft, State = X.PaneStateValues.Frozen });
        writer.WriteElement(new X.SheetViews(view));
        writer.WriteElement(new X.SheetFormatProperties { DefaultRowHeight = 15, DefaultColumnWidth = 16 });
        writer.WriteStartElement(new X.SheetData());
        var number = 0;
        foreach (var row in rows)
        {
            number++;
            writer.WriteStartElement(new X.Row { RowIndex = (uint)number });
            for (var c = 0; c < row.Count; c++) writer.WriteElement(Cell(row[c], CellReference(c, number), heading: number == 1));
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>A1-style reference of a 0-based column and a 1-based row.</summary>
    public static string CellReference(int column, int row) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    public static string ColumnName(int column)
    {
        var letters = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26) letters = (char)('A' + (c - 1) % 26) + letters;
        return letters;
    }

    /// <summary>The number text of a numeric value (invariant, exact for decimals), or null when the value is not a number.</summary>
    public static string? NumberText(object? value) => value switch
    {
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        int or long or short or byte or uint or ulong or ushort or sbyte => Convert.ToString(value, CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        float f when float.IsFinite(f) => f.ToString("R", CultureInfo.InvariantCulture),
        _ => null,
    };

    private static X.Cell Cell(object? value, string reference, bool heading)
    {
        var cell = new X.Cell { CellReference = reference };
        if (value is null)
        {
            if (heading) cell.StyleIndex = Heading;
            return cell;
        }
        if (NumberText(value) is { } number)
        {
            cell.DataType = X.CellValues.Number;
            cell.CellValue = new X.CellValue(number);
            if (heading) cell.StyleIndex = Heading;
            return cell;
        }
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        cell.DataType = X.CellValues.InlineString;
        cell.InlineString = new X.InlineString(new X.Text(text) { Space = SpaceProcessingModeValues.Preserve });
        var quoted = IndustryMap.Text.Csv.LooksLikeFormula(text);
        if (heading || quoted) cell.StyleIndex = (heading, quoted) switch { (true, true) => QuotedHeading, (true, false) => Heading, _ => QuotedText };
        return cell;
    }
}
