using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using IndustryMap.Writing;

namespace IndustryMap.Spreadsheets;

/// <summary>
/// What an uploaded workbook may hold. Every limit is checked before the memory it guards is allocated: part sizes from
/// the zip directory before anything is inflated (and again while inflating), row and column numbers from the
/// <c>r</c> attributes before a row is kept, cells, text lengths and XML depth while the part is streamed.
/// </summary>
public sealed record XlsxLimits
{
    /// <summary>Rows, the heading included; a row numbered above this that holds a value is refused.</summary>
    public int MaxRows { get; init; } = 1001;

    /// <summary>Columns (A = 1); a cell beyond it that holds a value is refused.</summary>
    public int MaxColumns { get; init; } = 64;

    /// <summary>Cell elements in the sheet, empty ones included.</summary>
    public int MaxCells { get; init; } = 100_000;

    /// <summary>Characters of one cell (Excel's own limit is 32,767).</summary>
    public int MaxTextLength { get; init; } = 32_767;

    /// <summary>Uncompressed bytes of any one part of the package (the sheet XML, shared strings …).</summary>
    public long MaxPartBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Uncompressed bytes of the whole package.</summary>
    public long MaxPackageBytes { get; init; } = 24 * 1024 * 1024;

    /// <summary>Files in the package.</summary>
    public int MaxParts { get; init; } = 200;

    /// <summary>Nesting of XML elements (a worksheet needs 7).</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Entries of the shared-string table.</summary>
    public int MaxSharedStrings { get; init; } = 100_000;

    public static XlsxLimits Default { get; } = new();
}

/// <summary>A row that holds at least one value: its number in the sheet and its cells from column A (missing ones "").</summary>
public sealed record XlsxRow(int Number, IReadOnlyList<string> Cells);

public sealed record XlsxSheetContent(string Sheet, IReadOnlyList<XlsxRow> Rows);

/// <summary>
/// The one .xlsx reader: streams one worksheet of an uploaded workbook with <see cref="OpenXmlReader"/> under
/// <see cref="XlsxLimits"/>. Rows are kept sparse (a row numbered 2,147,483,647 costs nothing until it holds a value,
/// and then it is refused). Hostile or broken files are refused with <see cref="RefusedException"/> (400): a Chinese
/// message naming the file, sheet, row and cell, a stable code, and the same facts in <c>details</c>.
/// Number cells are read as exact decimals (Excel writes 0.001 as 1E-3).
/// </summary>
public static class XlsxReader
{
    /// <summary>True when the bytes start like a zip package (PK\3\4).</summary>
    public static bool IsPackage(ReadOnlySpan<byte> start) => start.Length > 4 && start[0] == (byte)'P' && start[1] == (byte)'K' && start[2] == 3 && start[3] == 4;

    /// <summary>
    /// Reads the sheet named <paramref name="preferredSheet"/> (else the first) of a seekable workbook stream.
    /// <paramref name="file"/> names the file in messages.
    /// </summary>
    public static XlsxSheetContent Read(Stream content, string file, string? preferredSheet = null, XlsxLimits? limits = null)
    {
        limits ??= XlsxLimits.Default;
        if (!content.CanSeek) throw new ArgumentException("the workbook stream must be seekable", nameof(content));
        CheckPackage(content, file, limits);
        content.Position = 0;
        try
        {
            using var document = SpreadsheetDocument.Open(content, false, new OpenSettings { AutoSave = false });
            var workbook = document.WorkbookPart ?? throw Refuse("xlsx_not_a_workbook", file, null, null, null, "不是 Excel 工作簿", "not a workbook");
            var (sheetName, sheetId) = ChooseSheet(workbook, file, preferredSheet, limits);
            if (workbook.GetPartById(sheetId) is not WorksheetPart part) throw Refuse("xlsx_no_sheet", file, sheetName, null, null, "找不到工作表内容", "the worksheet part is missing");
            var shared = workbook.SharedStringTablePart is { } strings ? SharedStrings(strings, file, limits) : [];
            return new XlsxSheetContent(sheetName, Rows(part, file, sheetName, shared, limits));
        }
        catch (Exception e) when (e is InvalidDataException or OpenXmlPackageException or System.Xml.XmlException or InvalidOperationException
                                       or IOException or ArgumentException or KeyNotFoundException or FormatException)
        {
            throw Refuse("not_a_template", file, null, null, null, "不是有效的 Excel（.xlsx）文件", "not a valid .xlsx file");
        }
    }

    /// <summary>Sizes from the zip directory, before anything is inflated. .NET inflates an entry to at most its declared size.</summary>
    private static void CheckPackage(Stream content, string file, XlsxLimits limits)
    {
        content.Position = 0;
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw Refuse("not_a_template", file, null, null, null, "不是有效的 Excel（.xlsx）文件", "not a valid .xlsx file");
        }
        using (zip)
        {
            if (zip.Entries.Count > limits.MaxParts)
            {
                throw Refuse("xlsx_too_many_parts", file, null, null, null, $"工作簿包含 {zip.Entries.Count} 个部件，超过上限 {limits.MaxParts}",
                    $"the package has {zip.Entries.Count} parts, more than {limits.MaxParts}");
            }
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                if (entry.Length > limits.MaxPartBytes)
                {
                    throw Refuse("xlsx_part_too_large", file, null, null, null,
                        $"工作簿中的“{entry.FullName}”解压后 {Megabytes(entry.Length)}，超过上限 {Megabytes(limits.MaxPartBytes)}（文件本身 {Megabytes(entry.CompressedLength)}）",
                        $"part '{entry.FullName}' unpacks to {entry.Length} bytes, more than {limits.MaxPartBytes}",
                        new Dictionary<string, object?> { ["part"] = entry.FullName, ["bytes"] = entry.Length, ["limit"] = limits.MaxPartBytes });
                }
                total += entry.Length;
            }
            if (total > limits.MaxPackageBytes)
            {
                throw Refuse("xlsx_package_too_large", file, null, null, null, $"工作簿解压后共 {Megabytes(total)}，超过上限 {Megabytes(limits.MaxPackageBytes)}",
                    $"the package unpacks to {total} bytes, more than {limits.MaxPackageBytes}",
                    new Dictionary<string, object?> { ["bytes"] = total, ["limit"] = limits.MaxPackageBytes });
            }
        }
    }

    private static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    private static (string Name, string Id) ChooseSheet(WorkbookPart workbook, string file, string? preferred, XlsxLimits limits)
    {
        (string, string)? first = null;
        using var reader = Open(workbook, file, limits);
        while (reader.Read())
        {
            CheckDepth(reader, file, null, null, limits);
            if (!reader.IsStartElement || reader.LocalName != "sheet") continue;
            string? name = null, id = null;
            foreach (var a in reader.Attributes)
            {
                if (a.LocalName == "name") name = a.Value;
                else if (a.LocalName == "id" && a.NamespaceUri.EndsWith("/relationships", StringComparison.Ordinal)) id = a.Value;
            }
            if (name is null || id is null) continue;
            if (name == preferred) return (name, id);
            first ??= (name, id);
        }
        return first ?? throw Refuse("no_sheet", file, null, null, null, "工作簿中没有工作表", "no worksheet");
    }

    /// <summary>A streaming reader of one part, through a stream that refuses more than the part limit of inflated bytes.</summary>
    private static OpenXmlReader Open(OpenXmlPart part, string file, XlsxLimits limits) =>
        new OpenXmlPartReader(new LimitedStream(part.GetStream(FileMode.Open, FileAccess.Read), limits.MaxPartBytes, file, part.Uri.ToString()), part.Features,
            new OpenXmlPartReaderOptions { CloseStream = true, MaxCharactersInPart = limits.MaxPartBytes });

    private static void CheckDepth(OpenXmlReader reader, string file, string? sheet, int? row, XlsxLimits limits)
    {
        if (reader.Depth > limits.MaxDepth)
        {
            throw Refuse("xlsx_too_deep", file, sheet, row, null, $"XML 元素嵌套超过 {limits.MaxDepth} 层", $"XML elements nested deeper than {limits.MaxDepth}");
        }
    }

    private static List<string> SharedStrings(SharedStringTablePart part, string file, XlsxLimits limits)
    {
        var strings = new List<string>();
        var text = new System.Text.StringBuilder();
        var inItem = false;
        var phoneticDepth = -1;
        using var reader = Open(part, file, limits);
        while (reader.Read())
        {
            CheckDepth(reader, file, null, null, limits);
            switch (reader.LocalName)
            {
                case "si" when reader.IsStartElement:
                    if (strings.Count >= limits.MaxSharedStrings)
                    {
                        throw Refuse("xlsx_too_many_strings", file, null, null, null, $"共享字符串超过 {limits.MaxSharedStrings} 个", $"more than {limits.MaxSharedStrings} shared strings");
                    }
                    inItem = true;
                    text.Clear();
                    break;
                case "si" when reader.IsEndElement:
                    strings.Add(text.ToString());
                    inItem = false;
                    break;
                case "rPh" when reader.IsStartElement:
                    phoneticDepth = reader.Depth; // the phonetic reading is not part of the text
                    break;
                case "rPh" when reader.IsEndElement:
                    phoneticDepth = -1;
                    break;
                case "t" when reader.IsStartElement && inItem && phoneticDepth < 0:
                    var piece = reader.GetText();
                    if (text.Length + piece.Length > limits.MaxTextLength)
                    {
                        throw Refuse("xlsx_text_too_long", file, null, null, null, $"共享字符串第 {strings.Count + 1} 项超过 {limits.MaxTextLength} 个字符",
                            $"shared string {strings.Count + 1} is longer than {limits.MaxTextLength} characters");
                    }
                    text.Append(piece);
                    break;
            }
        }
        return strings;
    }

    private static List<XlsxRow> Rows(WorksheetPart part, string file, string sheet, List<string> shared, XlsxLimits limits)
    {
        var rows = new List<XlsxRow>();
        var cells = 0;
        var rowNumber = 0;
        var current = new SortedDictionary<int, string>();
        var column = -1;
        string? type = null;
        string? reference = null;
        string? value = null;
        var inlineText = new System.Text.StringBuilder();
        var inInline = false;
        var phoneticDepth = -1;

        using var reader = Open(part, file, limits);
        while (reader.Read())
        {
            CheckDepth(reader, file, sheet, rowNumber == 0 ? null : rowNumber, limits);
            switch (reader.LocalName)
            {
                case "row" when reader.IsStartElement:
                    rowNumber = RowNumber(reader, rowNumber, file, sheet);
                    current.Clear();
                    column = -1;
                    break;
                case "row" when reader.IsEndElement:
                    if (current.Count > 0)
                    {
                        var dense = new string[current.Keys.Max() + 1];
                        Array.Fill(dense, "");
                        foreach (var (c, text) in current) dense[c] = text;
                        rows.Add(new XlsxRow(rowNumber, dense));
                    }
                    break;
                case "c" when reader.IsStartElement:
                    if (++cells > limits.MaxCells)
                    {
                        throw Refuse("xlsx_too_many_cells", file, sheet, rowNumber, null, $"工作表的单元格超过 {limits.MaxCells} 个", $"the sheet has more than {limits.MaxCells} cells");
                    }
                    type = null;
                    reference = null;
                    value = null;
                    inlineText.Clear();
                    foreach (var a in reader.Attributes)
                    {
                        if (a.LocalName == "t") type = a.Value;
                        else if (a.LocalName == "r") reference = a.Value;
                    }
                    column = reference is null ? column + 1 : ColumnOf(reference, rowNumber, file, sheet);
                    break;
                case "c" when reader.IsEndElement:
                    var cellText = CellText(type, value, inlineText, shared);
                    if (cellText.Length > 0)
                    {
                        if (rowNumber > limits.MaxRows)
                        {
                            throw Refuse("too_many_rows", file, sheet, rowNumber, reference,
                                $"第 {rowNumber} 行有内容，超过上限 {limits.MaxRows} 行", $"row {rowNumber} holds a value; at most {limits.MaxRows} rows are read");
                        }
                        if (column >= limits.MaxColumns)
                        {
                            throw Refuse("xlsx_column_out_of_range", file, sheet, rowNumber, reference ?? Xlsx.CellReference(column, rowNumber),
                                $"单元格 {reference ?? Xlsx.CellReference(column, rowNumber)} 超出前 {limits.MaxColumns} 列", $"cell {reference} lies beyond the first {limits.MaxColumns} columns");
                        }
                        current[column] = cellText;
                    }
                    break;
                case "v" when reader.IsStartElement:
                    value = Limited(reader.GetText(), file, sheet, rowNumber, reference, limits);
                    break;
                case "is" when reader.IsStartElement:
                    inInline = true;
                    break;
                case "is" when reader.IsEndElement:
                    inInline = false;
                    break;
                case "rPh" when reader.IsStartElement:
                    phoneticDepth = reader.Depth;
                    break;
                case "rPh" when reader.IsEndElement:
                    phoneticDepth = -1;
                    break;
                case "t" when reader.IsStartElement && inInline && phoneticDepth < 0:
                    inlineText.Append(Limited(reader.GetText(), file, sheet, rowNumber, reference, limits));
                    if (inlineText.Length > limits.MaxTextLength) Limited(inlineText.ToString(), file, sheet, rowNumber, reference, limits);
                    break;
            }
        }
        return rows;
    }

    private static string Limited(string text, string file, string sheet, int row, string? reference, XlsxLimits limits) =>
        text.Length <= limits.MaxTextLength
            ? text
            : throw Refuse("xlsx_text_too_long", file, sheet, row, reference, $"单元格 {reference} 超过 {limits.MaxTextLength} 个字符",
                $"cell {reference} is longer than {limits.MaxTextLength} characters");

    /// <summary>The row's r attribute (a 1-based number), else the one after the previous row; never allocates by it.</summary>
    private static int RowNumber(OpenXmlReader reader, int previous, string file, string sheet)
    {
        foreach (var a in reader.Attributes)
        {
            if (a.LocalName != "r") continue;
            if (int.TryParse(a.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n > previous) return n;
            throw Refuse("xlsx_bad_row_number", file, sheet, null, null, $"行号“{Short(a.Value)}”无效（应为递增的正整数）",
                $"row number '{Short(a.Value)}' is not an increasing positive integer");
        }
        return previous + 1;
    }

    /// <summary>The 0-based column of an A1 reference; at most three letters (XFD is Excel's last column), else refused.</summary>
    private static int ColumnOf(string reference, int row, string file, string sheet)
    {
        var n = 0;
        var letters = 0;
        foreach (var ch in reference)
        {
            if (ch is >= 'A' and <= 'Z')
            {
                if (++letters > 3) break;
                n = n * 26 + (ch - 'A' + 1);
            }
            else break;
        }
        var digits = reference.AsSpan(Math.Min(letters, reference.Length));
        if (letters is 0 or > 3 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var r) || r != row)
        {
            throw Refuse("xlsx_bad_cell_reference", file, sheet, row, Short(reference), $"单元格引用“{Short(reference)}”无效",
                $"cell reference '{Short(reference)}' is not valid in row {row}");
        }
        return n - 1;
    }

    private static string Short(string? text) => text is null ? "" : text.Length <= 20 ? text : text[..20] + "…";

    private static string CellText(string? type, string? value, System.Text.StringBuilder inline, List<string> shared)
    {
        switch (type)
        {
            case "s":
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : "";
            case "inlineStr":
                return inline.ToString();
            case null or "n":
                // Excel writes numbers as their shortest round-trip double text (1E-3, 123.45); read them as exact decimals.
                var text = value ?? "";
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d.ToString(CultureInfo.InvariantCulture) : text;
            default:
                return value ?? "";
        }
    }

    private static RefusedException Refuse(string code, string file, string? sheet, int? row, string? cell, string message, string messageEn,
        Dictionary<string, object?>? more = null)
    {
        var where = $"文件“{file}”" + (sheet is null ? "" : $"工作表“{sheet}”") + (row is null ? "" : $"第 {row} 行") + (cell is null ? "" : $"单元格 {cell}");
        var whereEn = $"file '{file}'" + (sheet is null ? "" : $", sheet '{sheet}'") + (row is null ? "" : $", row {row}") + (cell is null ? "" : $", cell {cell}");
        return new RefusedException(RefusalKind.Invalid, code, $"{where}无法读取：{message}", $"{whereEn} cannot be read: {messageEn}", more)
        {
            File = file, Sheet = sheet, Row = row, Field = cell,
        };
    }

    /// <summary>Reads at most <c>limit</c> bytes of an inflating stream, then refuses: the second guard behind the zip directory's sizes.</summary>
    private sealed class LimitedStream(Stream inner, long limit, string file, string part) : Stream
    {
        private long _read;

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        private int Count(int n)
        {
            _read += n;
            if (_read > limit)
            {
                throw Refuse("xlsx_part_too_large", file, null, null, null, $"工作簿中的“{part}”解压后超过上限 {Megabytes(limit)}",
                    $"part '{part}' unpacks to more than {limit} bytes", new Dictionary<string, object?> { ["part"] = part, ["limit"] = limit });
            }
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
