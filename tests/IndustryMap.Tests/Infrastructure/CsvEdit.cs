using IndustryMap.Text;

namespace IndustryMap.Tests.Infrastructure;

/// <summary>Edits a seed CSV the way a person would in a spreadsheet, for tests that feed bad input.</summary>
public static class CsvEdit
{
    public static List<Dictionary<string, string>> Read(string path, out List<string> header)
    {
        var records = Csv.Parse(File.ReadAllText(path)).ToList();
        var columns = records[0].Fields.ToList();
        header = columns;
        return records.Skip(1).Select(r => columns.Select((c, i) => (c, i < r.Fields.Count ? r.Fields[i] : "")).ToDictionary(x => x.c, x => x.Item2)).ToList();
    }

    public static void Write(string path, List<string> header, IEnumerable<Dictionary<string, string>> rows) =>
        File.WriteAllText(path, string.Join("\n", rows.Select(r => Csv.DataLine(header.Select(h => r.GetValueOrDefault(h, "")))).Prepend(Csv.DataLine(header))) + "\n");

    /// <summary>Changes one field of the first row matching <paramref name="match"/>; returns that row's line number.</summary>
    public static int SetField(string path, Func<Dictionary<string, string>, bool> match, string field, string value)
    {
        var rows = Read(path, out var header);
        var index = rows.FindIndex(r => match(r));
        Assert.True(index >= 0, $"no matching row in {path}");
        rows[index][field] = value;
        Write(path, header, rows);
        return index + 2; // header is line 1; the files have no multi-line fields
    }

    public static void Append(string path, Dictionary<string, string> row)
    {
        var rows = Read(path, out var header);
        rows.Add(row);
        Write(path, header, rows);
    }
}
