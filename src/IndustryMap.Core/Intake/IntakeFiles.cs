using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using IndustryMap.Spreadsheets;
using IndustryMap.Writing;
using UglyToad.PdfPig;

namespace IndustryMap.Intake;

/// <summary>What an uploaded plan may be: its size, and (for .docx) what its package may unpack to — the workbook upload's limits (<see cref="XlsxLimits"/>).</summary>
public sealed record IntakeLimits
{
    /// <summary>Bytes of the file itself; the request body is capped first by INDUSTRYMAP_MAX_UPLOAD_MB.</summary>
    public long MaxFileBytes { get; init; } = 20 * 1024 * 1024;

    /// <summary>Lines of text (the longest seed has 2,897).</summary>
    public int MaxLines { get; init; } = 50_000;

    /// <summary>Characters of one line.</summary>
    public int MaxLineLength { get; init; } = 20_000;

    /// <summary>Pages of a PDF.</summary>
    public int MaxPages { get; init; } = 1_000;

    public XlsxLimits Package { get; init; } = XlsxLimits.Default;

    public static IntakeLimits Default { get; } = new();
}

/// <summary>A file read as a plan: its kind (txt, docx, pdf) and its text as lines.</summary>
public sealed record IntakeText(string Kind, IntakeLines Lines);

/// <summary>
/// Reads an uploaded plan (.txt, .docx, .pdf, judged by content) into line-numbered text. Refusals are
/// <see cref="RefusedException"/> with a stable code and a Chinese message naming the file: empty, not one of the
/// three kinds, over a limit, a PDF with no text layer (a scan), a text file in no known encoding. Nothing is stored
/// by this class; the caller stores only what it returns.
/// </summary>
public static class IntakeFiles
{
    public static IntakeText Read(byte[] content, string fileName, IntakeLimits? limits = null)
    {
        limits ??= IntakeLimits.Default;
        var file = Path.GetFileName(fileName);
        if (content.Length == 0) throw Refuse("intake_empty", file, "文件是空的", "the file is empty");
        if (content.Length > limits.MaxFileBytes)
        {
            throw Refuse("intake_too_large", file, $"文件大小 {content.Length / 1024} KB，超过上限 {limits.MaxFileBytes / 1024} KB",
                $"the file has {content.Length} bytes, more than {limits.MaxFileBytes}");
        }
        var extension = Path.GetExtension(file).ToLowerInvariant();
        var kind = content.AsSpan().StartsWith("%PDF-"u8) ? "pdf" : XlsxReader.IsPackage(content) ? "docx" : "txt";
        if (extension is not ("" or ".txt" or ".docx" or ".pdf") || (extension.Length > 0 && extension[1..] != kind))
        {
            throw Refuse("intake_wrong_type", file, "只接受 .txt、.docx 或 .pdf 格式的规划文件（按文件内容判断）",
                "only .txt, .docx or .pdf plans are accepted (judged by content)", new() { ["extension"] = extension, ["content"] = kind });
        }
        var lines = kind switch
        {
            "pdf" => Pdf(content, file, limits),
            "docx" => Docx(content, file, limits),
            _ => Txt(content, file),
        };
        while (lines.Count > 0 && lines[^1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.All(l => l.Trim().Length == 0))
        {
            throw kind == "pdf"
                ? Refuse("intake_pdf_no_text", file, "PDF 中没有可提取的文字（可能是扫描件），请上传带文字层的 PDF 或 .docx/.txt", "the PDF has no text layer (a scan?)")
                : Refuse("intake_empty", file, "文件中没有文字", "the file holds no text");
        }
        if (lines.Count > limits.MaxLines)
        {
            throw Refuse("intake_too_many_lines", file, $"文件共 {lines.Count} 行，超过上限 {limits.MaxLines} 行", $"the file has {lines.Count} lines, more than {limits.MaxLines}");
        }
        var longest = lines.Select((l, i) => (l.Length, i)).Max();
        if (longest.Length > limits.MaxLineLength)
        {
            throw Refuse("intake_line_too_long", file, $"第 {longest.i + 1} 行有 {longest.Length} 个字符，超过上限 {limits.MaxLineLength}",
                $"line {longest.i + 1} has {longest.Length} characters, more than {limits.MaxLineLength}", new() { ["line"] = longest.i + 1 });
        }
        return new IntakeText(kind, new IntakeLines(lines));
    }

    private static List<string> Txt(byte[] content, string file)
    {
        if (content.AsSpan().IndexOf((byte)0) >= 0 && !(content.Length > 1 && content[0] == 0xFF && content[1] == 0xFE))
        {
            throw Refuse("intake_wrong_type", file, "不是文本文件：只接受 .txt、.docx 或 .pdf 格式的规划文件", "not a text file: only .txt, .docx or .pdf plans are accepted");
        }
        string text;
        try
        {
            text = content.Length > 1 && content[0] == 0xFF && content[1] == 0xFE
                ? Encoding.Unicode.GetString(content, 2, content.Length - 2)
                : new UTF8Encoding(false, true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            // Chinese government sites still publish GB18030 (GBK) text.
            try
            {
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                text = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetString(content);
            }
            catch (DecoderFallbackException)
            {
                throw Refuse("intake_encoding", file, "无法识别文本编码（应为 UTF-8 或 GB18030）", "the text is neither UTF-8 nor GB18030");
            }
        }
        return IntakeLines.Of(text.TrimStart('\uFEFF')).Lines.ToList();
    }

    private static List<string> Docx(byte[] content, string file, IntakeLimits limits)
    {
        CheckPackage(content, file, limits.Package);
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = WordprocessingDocument.Open(stream, false);
            var body = document.MainDocumentPart?.Document?.Body
                       ?? throw Refuse("intake_wrong_type", file, "不是 Word（.docx）文档", "not a Word document");
            var lines = new List<string>();
            foreach (var element in body.ChildElements)
            {
                switch (element)
                {
                    case Paragraph p:
                        lines.Add(p.InnerText);
                        break;
                    case Table table:
                        // A table row becomes one line "| a | b |", as the seed documents print their tables.
                        foreach (var row in table.Elements<TableRow>())
                        {
                            lines.Add("| " + string.Join(" | ", row.Elements<TableCell>().Select(c => string.Join(" ", c.Elements<Paragraph>().Select(p => p.InnerText)).Trim())) + " |");
                        }
                        break;
                }
            }
            return lines;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or IOException or InvalidOperationException)
        {
            throw Refuse("intake_wrong_type", file, "不是有效的 Word（.docx）文档", "not a valid .docx document");
        }
    }

    private static void CheckPackage(byte[] content, string file, XlsxLimits limits)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > limits.MaxParts)
            {
                throw Refuse("intake_too_large", file, $"文档包含 {zip.Entries.Count} 个部件，超过上限 {limits.MaxParts}", $"the package has {zip.Entries.Count} parts, more than {limits.MaxParts}");
            }
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                if (entry.Length > limits.MaxPartBytes)
                {
                    throw Refuse("intake_too_large", file, $"文档中的“{entry.FullName}”解压后超过上限 {limits.MaxPartBytes / 1024 / 1024} MB",
                        $"part '{entry.FullName}' unpacks to {entry.Length} bytes, more than {limits.MaxPartBytes}");
                }
                total += entry.Length;
            }
            if (total > limits.MaxPackageBytes)
            {
                throw Refuse("intake_too_large", file, $"文档解压后超过上限 {limits.MaxPackageBytes / 1024 / 1024} MB", $"the package unpacks to {total} bytes, more than {limits.MaxPackageBytes}");
            }
            if (zip.GetEntry("word/document.xml") is null)
            {
                throw Refuse("intake_wrong_type", file, "不是 Word（.docx）文档：只接受 .txt、.docx 或 .pdf 格式的规划文件", "a zip package that is not a Word document");
            }
        }
        catch (InvalidDataException)
        {
            throw Refuse("intake_wrong_type", file, "不是有效的 Word（.docx）文档", "not a valid .docx document");
        }
    }

    private static List<string> Pdf(byte[] content, string file, IntakeLimits limits)
    {
        try
        {
            using var pdf = PdfDocument.Open(content);
            if (pdf.NumberOfPages > limits.MaxPages)
            {
                throw Refuse("intake_too_large", file, $"PDF 共 {pdf.NumberOfPages} 页，超过上限 {limits.MaxPages} 页", $"the PDF has {pdf.NumberOfPages} pages, more than {limits.MaxPages}");
            }
            var lines = new List<string>();
            foreach (var page in pdf.GetPages())
            {
                // Words grouped into lines by their baseline, top to bottom, left to right.
                var rows = page.GetWords().GroupBy(w => Math.Round(w.BoundingBox.Bottom / 2)).OrderByDescending(g => g.Key);
                foreach (var row in rows) lines.Add(string.Join("", row.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text)));
            }
            return lines;
        }
        catch (RefusedException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Refuse("intake_wrong_type", file, "不是有效的 PDF 文件", "not a valid PDF file");
        }
    }

    private static RefusedException Refuse(string code, string file, string message, string messageEn, Dictionary<string, object?>? details = null)
    {
        return new RefusedException(RefusalKind.Invalid, code, $"{file}：{message}", $"{file}: {messageEn}", details) { File = file };
    }
}
