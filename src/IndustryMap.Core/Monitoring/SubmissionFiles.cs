using System.Globalization;
using System.Text;
using IndustryMap.Spreadsheets;
using IndustryMap.Writing;

namespace IndustryMap.Monitoring;

/// <summary>
/// The downloadable template of a unit's report (Excel or CSV) and reading it back. The columns are named in the
/// first row; only 指标代码, 数值, 单位 and 备注 are read, so people may leave the other columns as they are or delete them.
/// A file is recognised by its content (a zip package or UTF-8 text), not by its name. Both formats come back as they went
/// out: text that looks like a formula is a quote-prefixed text cell in the .xlsx and gets an apostrophe in the CSV
/// (<see cref="IndustryMap.Text.Csv.Neutralise"/>), which reading removes again (<see cref="IndustryMap.Text.Csv.Restore"/>), so a
/// note such as "-同比下降" survives any number of download/upload round trips unchanged.
/// </summary>
public static class SubmissionFiles
{
    public const string Code = "指标代码";
    public const string Name = "指标名称";
    public const string Unit = "单位";
    public const string Value = "数值";
    public const string Note = "备注";
    public const int MaxRows = 1000;

    private static readonly string[] Header = [Code, Name, Unit, Value, Note, "上期值", "允许范围", "是否必填"];

    private static IReadOnlyList<object?> Line(FormLine l) =>
    [
        l.Indicator, l.Name, l.Unit, l.Value, l.Note, l.Previous,
        l.Min is null && l.Max is null ? "" : $"{(l.Min is { } min ? min.ToString(CultureInfo.InvariantCulture) : "")} ~ {(l.Max is { } max ? max.ToString(CultureInfo.InvariantCulture) : "")}",
        l.Required ? "必填" : "选填",
    ];

    public static byte[] Xlsx(SubmissionForm form)
    {
        var rows = new List<IReadOnlyList<object?>> { Header };
        rows.AddRange(form.Lines.Select(Line));
        var about = new List<IReadOnlyList<object?>>
        {
            new object?[] { "单位", form.Unit }, new object?[] { "报告期", $"{form.PeriodName}（{form.Period}）" }, new object?[] { "截止日期", form.DueOn },
            new object?[] { "版本", form.Version }, new object?[] { "填写说明", "在“填报”表的“数值”列填写本期数值（按“单位”列的计量单位；金额也可改填万元等并相应修改单位列），上传后为草稿，核对无误再提交。累计指标填自基期以来的累计数。" },
        };
        return Spreadsheets.Xlsx.Write(new XlsxSheet(Sheet, rows), new XlsxSheet("说明", about));
    }

    public static byte[] Csv(SubmissionForm form) =>
        IndustryMap.Text.Csv.Document(Header, form.Lines.Select(l => Line(l).Select(IndustryMap.Text.Csv.CellText)));

    /// <summary>The sheet of the .xlsx template that holds the values.</summary>
    public const string Sheet = "填报";

    /// <summary>
    /// Reads an uploaded template: an .xlsx package or UTF-8 CSV text, told apart by the bytes themselves. The .xlsx is
    /// streamed under <see cref="XlsxLimits"/> (rows, columns, cells, unpacked size, XML depth), so a small hostile file
    /// is refused before it can take memory. <paramref name="file"/> names the file in messages.
    /// </summary>
    public static IReadOnlyList<ValueInput> Read(byte[] content, string file = "上传的文件")
    {
        if (content.Length == 0) throw Refuse("empty_file", "上传的文件是空的", "the file is empty");
        var rows = XlsxReader.IsPackage(content)
            ? XlsxReader.Read(new MemoryStream(content, writable: false), file, Sheet, new XlsxLimits { MaxRows = MaxRows + 1 }).Rows
            : CsvRows(content);
        if (rows.Count == 0) throw Refuse("no_header", "文件中没有表头行", "the file has no header row");
        var header = rows[0].Cells.Select(h => h.Trim()).ToList();
        int Column(string name) => header.FindIndex(h => h == name);
        var code = Column(Code);
        var value = Column(Value);
        if (code < 0 || value < 0)
        {
            throw Refuse("missing_columns", $"第 {rows[0].Number} 行缺少“{(code < 0 ? Code : Value)}”列：请使用下载的模板",
                $"row {rows[0].Number} lacks the column {(code < 0 ? "指标代码" : "数值")}: use the template");
        }
        var unit = Column(Unit);
        var note = Column(Note);
        if (rows.Count > MaxRows + 1) throw Refuse("too_many_rows", $"文件超过 {MaxRows} 行", $"more than {MaxRows} rows");
        // A CSV cell this system neutralised on the way out ("'-同比下降") comes back as it was; an .xlsx keeps such text unchanged (quotePrefix style).
        var csv = !XlsxReader.IsPackage(content);
        string? Cell(IReadOnlyList<string> row, int i) => i >= 0 && i < row.Count ? csv ? IndustryMap.Text.Csv.Restore(row[i]) : row[i] : null;
        var inputs = new List<ValueInput>();
        foreach (var row in rows.Skip(1))
        {
            if (row.Cells.All(string.IsNullOrWhiteSpace)) continue;
            inputs.Add(new ValueInput(Cell(row.Cells, code)?.Trim() ?? "", Cell(row.Cells, value), string.IsNullOrWhiteSpace(Cell(row.Cells, unit)) ? null : Cell(row.Cells, unit)!.Trim(),
                Cell(row.Cells, note), row.Number));
        }
        return inputs;
    }

    private static RefusedException Refuse(string code, string message, string messageEn) => RefusedException.Invalid(code, "文件无法读取：" + message, "unreadable file: " + messageEn);

    private static List<XlsxRow> CsvRows(byte[] content)
    {
        if (content.Contains((byte)0)) throw Refuse("not_a_template", "既不是 Excel（.xlsx）也不是 CSV 文本文件", "neither an .xlsx package nor CSV text");
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw Refuse("not_utf8", "CSV 文件须为 UTF-8 编码（用模板另存为“CSV UTF-8”）", "a CSV file must be UTF-8");
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        try
        {
            var rows = new List<XlsxRow>();
            foreach (var record in IndustryMap.Text.Csv.Parse(text))
            {
                if (rows.Count > MaxRows + 1) throw Refuse("too_many_rows", $"文件超过 {MaxRows} 行", $"more than {MaxRows} rows");
                rows.Add(new XlsxRow(record.Line, record.Fields));
            }
            return rows;
        }
        catch (RefusedException e) when (e.Code == IndustryMap.Text.Csv.Malformed)
        {
            throw Refuse(e.Code, e.MessageZh, e.MessageEn);
        }
    }
}
