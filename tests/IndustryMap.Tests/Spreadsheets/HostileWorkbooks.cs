using System.IO.Compression;
using System.Text;

namespace IndustryMap.Tests.Spreadsheets;

/// <summary>
/// Builds .xlsx packages by hand (a zip of the five parts Excel needs), so a test or the upload bench can make the hostile
/// files of issue 10 §1 that no spreadsheet program would write: huge row numbers, impossible cell names, a sheet that
/// unpacks to 80 MB, 100,000 cells, XML nested 10,000 deep. The sheet XML is streamed into the zip, never held whole.
/// Shared with bench/IndustryMap.UploadBench (linked source).
/// </summary>
public static class HostileWorkbooks
{
    public const string SheetName = "填报";
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A workbook whose one sheet (named 填报) has the XML that <paramref name="sheetData"/> writes inside &lt;sheetData&gt;.</summary>
    public static byte[] Build(Action<TextWriter> sheetData, Action<TextWriter>? afterSheetData = null)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", w => w.Write(
                """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"""));
            Entry(zip, "_rels/.rels", w => w.Write(
                """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""));
            Entry(zip, "xl/workbook.xml", w => w.Write(
                $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{SheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>"""));
            Entry(zip, "xl/_rels/workbook.xml.rels", w => w.Write(
                """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"""));
            Entry(zip, "xl/worksheets/sheet1.xml", w =>
            {
                w.Write($"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>""");
                sheetData(w);
                w.Write("</sheetData>");
                afterSheetData?.Invoke(w);
                w.Write("</worksheet>");
            });
        }
        return output.ToArray();
    }

    private static void Entry(ZipArchive zip, string name, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
        write(writer);
    }

    /// <summary>An inline-string cell.</summary>
    public static string Cell(string reference, string text) => $"""<c r="{reference}" t="inlineStr"><is><t>{System.Security.SecurityElement.Escape(text)}</t></is></c>""";

    /// <summary>The template's heading row (指标代码, 数值, 单位, 备注) as row 1.</summary>
    public static void Heading(TextWriter w) =>
        w.Write($"""<row r="1">{Cell("A1", "指标代码")}{Cell("B1", "数值")}{Cell("C1", "单位")}{Cell("D1", "备注")}</row>""");

    /// <summary>Legitimate: the heading and <paramref name="rows"/> filled-in rows (the largest upload the template allows is 1,000).</summary>
    public static byte[] Legitimate(int rows, string indicator = "yx2027/ind01") => Build(w =>
    {
        Heading(w);
        for (var r = 2; r <= rows + 1; r++)
        {
            w.Write($"""<row r="{r}">{Cell($"A{r}", indicator)}<c r="B{r}"><v>{r}.5</v></c>{Cell($"C{r}", "亿元")}{Cell($"D{r}", "第 " + r + " 行的说明文字，带一些长度以接近真实填报")}</row>""");
        }
    });

    /// <summary>§1: one row numbered <paramref name="rowNumber"/> (100000000 or 2147483647) holding a value.</summary>
    public static byte[] HugeRowNumber(long rowNumber) => Build(w =>
    {
        Heading(w);
        w.Write($"""<row r="{rowNumber}">{Cell($"A{rowNumber}", "yx2027/ind01")}</row>""");
    });

    /// <summary>§1: a cell named ZZZZZZ2.</summary>
    public static byte[] HugeColumnName() => Build(w =>
    {
        Heading(w);
        w.Write($"""<row r="2">{Cell("A2", "yx2027/ind01")}{Cell("ZZZZZZ2", "x")}</row>""");
    });

    /// <summary>§1: a sheet that unpacks to about <paramref name="megabytes"/> MB of XML (a ~250 KB file for 80 MB): empty cells and whitespace after a valid heading.</summary>
    public static byte[] ZipBomb(int megabytes = 80) => Build(w =>
    {
        Heading(w);
        var filler = new string(' ', 1024 * 1024);
        for (var i = 0; i < megabytes; i++) w.Write(filler);
    });

    /// <summary>Many cells, all within 1,000 rows: <paramref name="perRow"/> empty cells in each of rows 2–1001.</summary>
    public static byte[] ManyCells(int perRow = 120) => Build(w =>
    {
        Heading(w);
        for (var r = 2; r <= 1001; r++)
        {
            w.Write($"<row r=\"{r}\">");
            for (var c = 0; c < perRow; c++) w.Write($"<c r=\"{Column(c)}{r}\"/>");
            w.Write("</row>");
        }
    });

    /// <summary>XML elements nested <paramref name="depth"/> deep after the sheet data.</summary>
    public static byte[] DeepXml(int depth = 10_000) => Build(Heading, w =>
    {
        w.Write("<extLst>");
        for (var i = 0; i < depth; i++) w.Write("<ext>");
        for (var i = 0; i < depth; i++) w.Write("</ext>");
        w.Write("</extLst>");
    });

    private static string Column(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26) name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }
}
