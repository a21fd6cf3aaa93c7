using DocumentFormat.OpenXml.Packaging;
using IndustryMap.Monitoring;
using IndustryMap.Spreadsheets;
using IndustryMap.Writing;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace IndustryMap.Tests.Spreadsheets;

/// <summary>The one spreadsheet module (issue 10 §12, §1): one way to write number cells, text never a formula, a reader that refuses hostile files before they take memory.</summary>
public class XlsxTests
{
    private static List<X.Cell> Cells(byte[] workbook, string sheet)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var part = document.WorkbookPart!;
        var id = part.Workbook.Sheets!.Elements<X.Sheet>().Single(s => s.Name == sheet).Id!;
        return ((WorksheetPart)part.GetPartById(id!)).Worksheet.Descendants<X.Cell>().ToList();
    }

    [Fact]
    public void Write_EveryNumberTypeIsANumberCell_TextIsInlineText_FormulaLikeTextKeepsItsCharactersUnderQuotePrefix()
    {
        object?[] row = [1200.50m, 42, 7L, 0.25d, "=HYPERLINK(\"http://evil\")", "-同比下降", "万州区", null];
        var bytes = Xlsx.Write(XlsxSheet.Table("表", ["a", "b", "c", "d", "e", "f", "g", "h"], [row]));
        var cells = Cells(bytes, "表").Where(c => c.CellReference!.Value!.EndsWith('2')).ToList();
        Assert.Equal(8, cells.Count);
        Assert.All(cells.Take(4), c => Assert.Equal(X.CellValues.Number, c.DataType!.Value));
        Assert.Equal(["1200.50", "42", "7", "0.25"], cells.Take(4).Select(c => c.CellValue!.Text));
        Assert.All(cells.Skip(4).Take(3), c => Assert.Equal(X.CellValues.InlineString, c.DataType!.Value));
        Assert.Equal(["=HYPERLINK(\"http://evil\")", "-同比下降", "万州区"], cells.Skip(4).Take(3).Select(c => c.InlineString!.InnerText));
        Assert.Null(cells[4].CellFormula);

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var formats = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<X.CellFormat>().ToList();
        bool Quoted(X.Cell c) => c.StyleIndex is { } s && formats[(int)s.Value].QuotePrefix?.Value == true;
        Assert.True(Quoted(cells[4]));
        Assert.True(Quoted(cells[5]));
        Assert.False(Quoted(cells[6]));
        Assert.False(Quoted(cells[1]));
        Assert.Null(cells[7].DataType);
    }

    [Fact]
    public void Read_GivesBackWhatWasWritten_RowsNumberedAsInTheSheet()
    {
        var bytes = Xlsx.Write(XlsxSheet.Table("填报", ["指标代码", "数值"], [["a", 1.5m], [null, null], ["=b", 0.001m]]));
        var content = XlsxReader.Read(new MemoryStream(bytes), "t.xlsx", "填报");
        Assert.Equal("填报", content.Sheet);
        Assert.Equal([1, 2, 4], content.Rows.Select(r => r.Number));
        Assert.Equal(["a", "1.5"], content.Rows[1].Cells);
        Assert.Equal(["=b", "0.001"], content.Rows[2].Cells);
    }

    [Fact]
    public void Read_TheLargestLegitimateUpload_IsAccepted()
    {
        var values = SubmissionFiles.Read(HostileWorkbooks.Legitimate(SubmissionFiles.MaxRows), "最大.xlsx");
        Assert.Equal(SubmissionFiles.MaxRows, values.Count);
        Assert.Equal((SubmissionFiles.MaxRows + 1, $"{SubmissionFiles.MaxRows + 1}.5"), (values[^1].Row, values[^1].Value));
    }

    public static TheoryData<string, string, string> Hostile => new()
    {
        // name, expected code, text the Chinese message must contain
        { "row 100000000", "too_many_rows", "第 100000000 行" },
        { "row 2147483647", "too_many_rows", "第 2147483647 行" },
        { "cell ZZZZZZ2", "xlsx_bad_cell_reference", "ZZZZZZ2" },
        { "80 MB sheet", "xlsx_part_too_large", "xl/worksheets/sheet1.xml" },
        { "120,000 cells", "xlsx_too_many_cells", "单元格超过" },
        { "XML 10,000 deep", "xlsx_too_deep", "嵌套" },
    };

    public static byte[] HostileFile(string name) => name switch
    {
        "row 100000000" => HostileWorkbooks.HugeRowNumber(100_000_000),
        "row 2147483647" => HostileWorkbooks.HugeRowNumber(int.MaxValue),
        "cell ZZZZZZ2" => HostileWorkbooks.HugeColumnName(),
        "80 MB sheet" => HostileWorkbooks.ZipBomb(80),
        "120,000 cells" => HostileWorkbooks.ManyCells(120),
        "XML 10,000 deep" => HostileWorkbooks.DeepXml(10_000),
        _ => throw new ArgumentException(name),
    };

    /// <summary>Issue 10 §1: each hostile file is refused with a stable code and a Chinese message naming the file, the sheet and where.</summary>
    [Theory]
    [MemberData(nameof(Hostile))]
    public void Read_AHostileWorkbook_IsRefusedNamingFileSheetAndPlace(string name, string code, string where)
    {
        var file = HostileFile(name);
        var refused = Assert.Throws<RefusedException>(() => SubmissionFiles.Read(file, "恶意.xlsx"));
        Assert.Equal((RefusalKind.Invalid, code), (refused.Kind, refused.Code));
        Assert.Contains("文件“恶意.xlsx”", refused.MessageZh);
        Assert.Contains(where, refused.MessageZh);
        Assert.Equal("恶意.xlsx", refused.File);
        if (code != "xlsx_part_too_large") Assert.Equal(HostileWorkbooks.SheetName, refused.Sheet);
    }

    [Fact]
    public void Read_TheZipBomb_IsSmallOnTheWire()
    {
        var bomb = HostileFile("80 MB sheet");
        Assert.InRange(bomb.Length, 1, 1024 * 1024); // well under the upload limit: the size check on the body cannot catch it
    }

    [Fact]
    public void Read_AnEmptyRowNumberedFarAway_CostsNothingAndIsIgnored()
    {
        var file = HostileWorkbooks.Build(w =>
        {
            HostileWorkbooks.Heading(w);
            w.Write($"""<row r="2">{HostileWorkbooks.Cell("A2", "yx2027/ind01")}{HostileWorkbooks.Cell("B2", "1")}</row><row r="2147483647" customHeight="1"/>""");
        });
        Assert.Single(SubmissionFiles.Read(file, "空行.xlsx"));
    }
}
