using System.Text;
using IndustryMap.Writing;

namespace IndustryMap.Text;

/// <summary>
/// RFC 4180 CSV: comma-separated, fields with a comma, quote or line break quoted, quotes doubled. Small enough
/// to own (the CsvHelper available here changed its whole API in 34.0), and strict: an unterminated quote is an
/// error, not a guess.
/// <para>
/// The one CSV writer: <see cref="Line"/> and <see cref="Document"/> always neutralise formulas — a cell that a
/// spreadsheet would evaluate (it starts with = + - @, a tab or a carriage return and is not a plain number) is written
/// with a leading apostrophe (OWASP "CSV injection"). <see cref="Restore"/> undoes exactly that when a file we wrote
/// comes back (the submission template). <see cref="DataLine"/> writes cells verbatim and is only for data files that
/// our own importer reads (seed-data CSV), never for a download.
/// </para>
/// </summary>
public static class Csv
{
    public sealed record Record(int Line, IReadOnlyList<string> Fields);

    /// <summary>The code of the refusal <see cref="Parse"/> throws for text that is not CSV (its <c>Row</c> is the line).</summary>
    public const string Malformed = "malformed_csv";

    private static RefusedException Refuse(int line, string message, string messageEn) =>
        new(RefusalKind.Invalid, Malformed, $"CSV 格式错误（第 {line} 行）：{message}", $"malformed CSV (line {line}): {messageEn}") { Row = line };

    /// <summary>
    /// Parses text into records; <see cref="Record.Line"/> is the 1-based line where the record starts. Text that is not
    /// CSV is refused (<see cref="RefusedException"/> <see cref="Malformed"/>, its <c>Row</c> the line).
    /// </summary>
    public static IEnumerable<Record> Parse(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF') i = 1;
        var atFieldStart = true;
        var quoted = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                    quoted = false; i++;
                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                        throw Refuse(line, "引号括起的字段在右引号后应紧跟逗号或换行", "a closing quote must end its field");
                    continue;
                }
                if (c == '\n') line++;
                field.Append(c); i++;
                continue;
            }
            switch (c)
            {
                case '"' when atFieldStart:
                    quoted = true; atFieldStart = false; i++;
                    break;
                case ',':
                    fields.Add(field.ToString()); field.Clear(); atFieldStart = true; i++;
                    break;
                case '\r' or '\n':
                    fields.Add(field.ToString()); field.Clear();
                    yield return new Record(recordLine, fields);
                    fields = [];
                    atFieldStart = true;
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    i++; line++; recordLine = line;
                    break;
                default:
                    field.Append(c); atFieldStart = false; i++;
                    break;
            }
        }
        if (quoted) throw Refuse(recordLine, "引号括起的字段没有右引号", "unterminated quoted field");
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new Record(recordLine, fields);
        }
    }

    private static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    /// <summary>True for text a spreadsheet would evaluate if it were typed in: it starts with = + - @, a tab or a carriage return, and is not a plain number (-1.5, +2, 3E-4).</summary>
    public static bool LooksLikeFormula(string? cell) =>
        cell is { Length: > 0 } && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsPlainNumber(cell);

    private static bool IsPlainNumber(string cell) =>
        decimal.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) && cell.Trim() == cell;

    /// <summary>
    /// The cell as a spreadsheet shows it as text: an apostrophe before text that <see cref="LooksLikeFormula"/> — also
    /// before such text that already starts with apostrophes ("'-a" → "''-a"), so that <see cref="Restore"/> is exact.
    /// </summary>
    public static string? Neutralise(string? cell) => NeedsApostrophe(cell) ? "'" + cell : cell;

    /// <summary>Undoes <see cref="Neutralise"/> on a cell read back from a CSV file we wrote: "'=x" → "=x", "''-a" → "'-a"; anything else unchanged.</summary>
    public static string? Restore(string? cell) => cell is { Length: > 1 } && cell[0] == '\'' && NeedsApostrophe(cell) ? cell[1..] : cell;

    private static bool NeedsApostrophe(string? cell) => cell is not null && LooksLikeFormula(cell.TrimStart('\''));

    /// <summary>One CSV line for people and spreadsheets: formulas neutralised, fields quoted where needed (no line break added).</summary>
    public static string Line(IEnumerable<string?> values) => string.Join(',', values.Select(v => Escape(Neutralise(v))));

    /// <summary>One CSV line written verbatim, for data files read back by the seed importer only — never for a download.</summary>
    public static string DataLine(IEnumerable<string?> values) => string.Join(',', values.Select(Escape));

    /// <summary>A whole CSV download: a UTF-8 byte-order mark (so Excel reads the Chinese as UTF-8), the heading, the rows, CRLF line ends.</summary>
    public static byte[] Document(IEnumerable<string?> headings, IEnumerable<IEnumerable<string?>> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true)) Write(writer, headings, rows);
        return stream.ToArray();
    }

    /// <summary>Streams a CSV document (no byte-order mark: the writer's encoding decides) with neutralised cells.</summary>
    public static void Write(TextWriter writer, IEnumerable<string?> headings, IEnumerable<IEnumerable<string?>> rows)
    {
        writer.Write(Line(headings));
        writer.Write("\r\n");
        foreach (var row in rows)
        {
            writer.Write(Line(row));
            writer.Write("\r\n");
        }
    }

    /// <summary>The text of a cell value in an export: numbers invariant (exact decimals), null empty.</summary>
    public static string? CellText(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
