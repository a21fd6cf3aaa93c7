using System.Text;

namespace IndustryMap.Text;

/// <summary>
/// RFC 4180 CSV: comma-separated, fields with a comma, quote or line break quoted, quotes doubled. Small enough
/// to own (the CsvHelper available here changed its whole API in 34.0), and strict: an unterminated quote is an
/// error, not a guess.
/// </summary>
public static class Csv
{
    public sealed record Record(int Line, IReadOnlyList<string> Fields);

    public sealed class FormatException(int line, string message) : Exception(message)
    {
        public int Line { get; } = line;
    }

    /// <summary>Parses text into records; <see cref="Record.Line"/> is the 1-based line where the record starts.</summary>
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
                        throw new FormatException(line, "a closing quote must end its field");
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
        if (quoted) throw new FormatException(recordLine, "unterminated quoted field");
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return new Record(recordLine, fields);
        }
    }

    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    public static string Line(IEnumerable<string?> values) => string.Join(',', values.Select(Escape));
}
