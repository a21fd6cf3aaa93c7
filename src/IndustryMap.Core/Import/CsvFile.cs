using System.Globalization;
using IndustryMap.Provenance;
using IndustryMap.Text;
using IndustryMap.Writing;

namespace IndustryMap.Import;

/// <summary>One data row of a seed CSV file, with its file and row number for error messages.</summary>
public sealed class CsvRow(string file, int row, IReadOnlyDictionary<string, string> fields, ICollection<Refusal> errors)
{
    public string File { get; } = file;
    public int Row { get; } = row;

    public string? Get(string field)
    {
        var value = fields.TryGetValue(field, out var v) ? v.Trim() : null;
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public string Required(string field)
    {
        var value = Get(field);
        if (value is null) Error(field, "required", "必填字段为空", "required field is empty");
        return value ?? "";
    }

    public int? Int(string field)
    {
        var text = Get(field);
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        Error(field, "malformed_integer", $"不是整数：“{text}”", $"not an integer: '{text}'", text);
        return null;
    }

    public decimal? Decimal(string field)
    {
        var text = Get(field);
        if (text is null) return null;
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return value;
        Error(field, "malformed_number", $"不是数字：“{text}”", $"not a number: '{text}'", text);
        return null;
    }

    public string? OneOf(string field, params string[] allowed)
    {
        var value = Get(field);
        if (value is null || allowed.Contains(value, StringComparer.Ordinal)) return value;
        Error(field, "not_allowed", $"“{value}”不是允许的取值（{string.Join("、", allowed)}）",
            $"'{value}' is not one of {string.Join(", ", allowed)}", value);
        return null;
    }

    public LineRange? Lines(string field = "lines", bool required = true)
    {
        var text = Get(field);
        if (text is null)
        {
            if (required) Error(field, "required", "必填字段为空：行号", "required field is empty: line range");
            return null;
        }
        if (LineRange.TryParse(text, out var range)) return range;
        Error(field, "malformed_lines", $"行号格式错误：“{text}”（应为 40 或 285-289）", $"malformed line range '{text}' (expected 40 or 285-289)", text);
        return null;
    }

    public IReadOnlyList<string> List(string field) =>
        Get(field)?.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    public void Error(string? field, string code, string message, string messageEn, string? value = null) =>
        errors.Add(Refusal.InFile(File, Row, field, code, message, messageEn, value));
}

public static class CsvFile
{
    /// <summary>
    /// Reads a CSV file with a header row. Missing required columns are reported once for the file; the rows are
    /// still returned so that one run reports as many problems as it can.
    /// </summary>
    public static IReadOnlyList<CsvRow> Read(string path, string displayName, IReadOnlyCollection<string> requiredColumns, ICollection<Refusal> errors)
    {
        var rows = new List<CsvRow>();
        string text;
        try
        {
            text = File.ReadAllText(path, new System.Text.UTF8Encoding(false, true));
        }
        catch (System.Text.DecoderFallbackException)
        {
            errors.Add(Refusal.InFile(displayName, null, null, "not_utf8", "文件不是 UTF-8 编码", "file is not UTF-8"));
            return rows;
        }
        List<Csv.Record> records;
        try
        {
            records = Csv.Parse(text).ToList();
        }
        catch (RefusedException ex) when (ex.Code == Csv.Malformed)
        {
            errors.Add(Refusal.InFile(displayName, ex.Row, null, ex.Code, ex.MessageZh, ex.MessageEn));
            return rows;
        }
        if (records.Count == 0)
        {
            errors.Add(Refusal.InFile(displayName, null, null, "empty_file", "文件为空，缺少表头", "file is empty: no header row"));
            return rows;
        }
        var header = records[0].Fields.Select(h => h.Trim()).ToArray();
        foreach (var column in requiredColumns.Where(c => !header.Contains(c, StringComparer.Ordinal)))
        {
            errors.Add(Refusal.InFile(displayName, 1, column, "missing_column", $"缺少列“{column}”", $"missing column '{column}'"));
        }
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.All(string.IsNullOrWhiteSpace)) continue;
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++) fields[header[i]] = i < record.Fields.Count ? record.Fields[i] : "";
            var row = new CsvRow(displayName, record.Line, fields, errors);
            if (record.Fields.Count > header.Length)
            {
                row.Error(null, "too_many_fields", $"字段数 {record.Fields.Count} 多于表头的 {header.Length} 列",
                    $"{record.Fields.Count} fields but the header has {header.Length} columns");
            }
            rows.Add(row);
        }
        return rows;
    }
}
