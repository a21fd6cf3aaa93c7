using System.IO.Compression;
using System.Text.Json;
using IndustryMap.Backup;
using IndustryMap.Storage;

namespace IndustryMap.Tests.Infrastructure;

/// <summary>
/// Every row of every table, as engine-neutral text (the backup's own encoding), rows sorted: two databases hold
/// the same data exactly when their dumps are equal, whichever engines they run on.
/// </summary>
public static class DatabaseDump
{
    public static async Task<SortedDictionary<string, List<string>>> TakeAsync(Database database)
    {
        using var buffer = new MemoryStream();
        await DatabaseBackup.WriteAsync(database, buffer, IndustryMap.Backup.BackupKey.FromBytes(new byte[32]));
        buffer.Position = 0;
        return Read(buffer);
    }

    public static SortedDictionary<string, List<string>> Read(Stream backup)
    {
        using var gzip = new GZipStream(backup, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new StreamReader(gzip);
        var tables = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        List<string>? columns = null;
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('['))
            {
                // Name each value, so column order cannot matter.
                var values = JsonDocument.Parse(line).RootElement.EnumerateArray().Select(v => v.GetRawText()).ToList();
                current!.Add(string.Join("\u001f", columns!.Select((c, i) => c + "=" + values[i]).Order(StringComparer.Ordinal)));
                continue;
            }
            var root = JsonDocument.Parse(line).RootElement;
            if (!root.TryGetProperty("table", out var name)) break;
            tables[name.GetString()!] = current = [];
            columns = root.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
        }
        foreach (var rows in tables.Values) rows.Sort(StringComparer.Ordinal);
        return tables;
    }

    /// <summary>Asserts equality table by table, naming the first difference.</summary>
    public static void Equal(SortedDictionary<string, List<string>> expected, SortedDictionary<string, List<string>> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (table, rows) in expected)
        {
            var other = actual[table];
            Assert.True(rows.Count == other.Count, $"{table}: {rows.Count} rows expected, {other.Count} found");
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.True(rows[i] == other[i], $"{table}: first differing row\n  expected {rows[i]}\n  actual   {other[i]}");
            }
        }
    }
}
