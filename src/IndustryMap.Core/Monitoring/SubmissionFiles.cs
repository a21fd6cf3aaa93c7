using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using IndustryMap.Text;
using IndustryMap.Writing;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace IndustryMap.Monitoring;

/// <summary>
/// The downloadable template of a unit's report (Excel or CSV) and reading it back. The columns are named in the
/// first row; only 指标代码, 数值, 单位 and 备注 are read, so people may leave the other columns as they are or delete them.
/// A file is recognised by its content (a zip package or UTF-8 text), not by its name.
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
        return BulletinFiles.Workbook([("填报", rows), ("说明", about)]);
    }

    public static byte[] Csv(SubmissionForm form)
    {
        var text = new StringBuilder();
        text.Append(IndustryMap.Text.Csv.Line(Header)).Append("\r\n");
        foreach (var line in form.Lines) text.Append(IndustryMap.Text.Csv.Line(Line(line).Select(c => BulletinFiles.Inert(Convert.ToString(c, CultureInfo.InvariantCulture) ?? "")))).Append("\r\n");
        // A byte-order mark, so that Excel opens the Chinese text as UTF-8.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>Reads an uploaded template: an .xlsx package or UTF-8 CSV text, told apart by the bytes themselves.</summary>
    public static IReadOnlyList<ValueInput> Read(byte[] content)
    {
        if (content.Length == 0) throw Refuse("empty_file", "上传的文件是空的", "the file is empty");
        var rows = content.Length > 4 && content[0] == (byte)'P' && content[1] == (byte)'K' && content[2] == 3 && content[3] == 4 ? XlsxRows(content) : CsvRows(content);
        if (rows.Count == 0) throw Refuse("no_header", "文件中没有表头行", "the file has no header row");
        var header = rows[0].Select(h => h.Trim()).ToList();
        int Column(string name) => header.FindIndex(h => h == name);
        var code = Column(Code);
        var value = Column(Value);
        if (code < 0 || value < 0)
        {
            throw Refuse("missing_columns", $"第 1 行缺少“{(code < 0 ? Code : Value)}”列：请使用下载的模板", $"row 1 lacks the column {(code < 0 ? "指标代码" : "数值")}: use the template");
        }
        var unit = Column(Unit);
        var note = Column(Note);
        if (rows.Count > MaxRows + 1) throw Refuse("too_many_rows", $"文件超过 {MaxRows} 行", $"more than {MaxRows} rows");
        string? Cell(IReadOnlyList<string> row, int i) => i >= 0 && i < row.Count ? row[i] : null;
        var inputs = new List<ValueInput>();
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.All(string.IsNullOrWhiteSpace)) continue;
            inputs.Add(new ValueInput(Cell(row, code)?.Trim() ?? "", Cell(row, value), string.IsNullOrWhiteSpace(Cell(row, unit)) ? null : Cell(row, unit)!.Trim(),
                Cell(row, note), r + 1));
        }
        return inputs;
    }

    private static RefusedException Refuse(string code, string message, string messageEn) => RefusedException.Invalid(code, "文件无法读取：" + message, "unreadable file: " + messageEn);

    private static List<IReadOnlyList<string>> CsvRows(byte[] content)
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
            return IndustryMap.Text.Csv.Parse(text).Select(r => (IReadOnlyList<string>)r.Fields.ToList()).ToList();
        }
        catch (IndustryMap.Text.Csv.FormatException e)
        {
            throw Refuse("malformed_csv", "CSV 格式错误：" + e.Message, "malformed CSV: " + e.Message);
        }
    }

    private static List<IReadOnlyList<string>> XlsxRows(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart ?? throw Refuse("not_a_workbook", "不是 Excel 工作簿", "not a workbook");
            var sheets = workbook.Workbook.Sheets?.Elements<X.Sheet>().ToList() ?? [];
            var sheet = sheets.FirstOrDefault(s => s.Name == "填报") ?? sheets.FirstOrDefault() ?? throw Refuse("no_sheet", "工作簿中没有工作表", "no worksheet");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<X.SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var rows = new List<IReadOnlyList<string>>();
            foreach (var row in part.Worksheet.Descendants<X.Row>())
            {
                if (rows.Count > MaxRows + 1) break;
                var index = (int)(row.RowIndex?.Value ?? (uint)rows.Count + 1);
                while (rows.Count < index - 1) rows.Add([]);
                var cells = new List<string>();
                foreach (var cell in row.Elements<X.Cell>())
                {
                    var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
                    while (cells.Count < column) cells.Add("");
                    cells.Add(Text(cell, shared));
                }
                rows.Add(cells);
            }
            return rows;
        }
        catch (Exception e) when (e is System.IO.InvalidDataException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or System.Xml.XmlException or InvalidOperationException)
        {
            throw Refuse("not_a_template", "不是有效的 Excel（.xlsx）文件", "not a valid .xlsx file");
        }
    }

    private static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            n = n * 26 + (c - 'A' + 1);
        }
        return n - 1;
    }

    private static string Text(X.Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == X.CellValues.SharedString)
        {
            return int.TryParse(cell.CellValue?.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : "";
        }
        if (cell.DataType?.Value == X.CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        var text = cell.CellValue?.Text ?? "";
        // Excel writes numbers as their shortest round-trip double text (1E-3, 123.45); read them as exact decimals.
        return cell.DataType is null || cell.DataType.Value == X.CellValues.Number
            ? decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d.ToString(CultureInfo.InvariantCulture) : text
            : text;
    }
}
