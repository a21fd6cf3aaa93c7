using System.Diagnostics;
using System.Globalization;
using IndustryMap.Monitoring;
using IndustryMap.Tests.Spreadsheets;
using IndustryMap.Writing;

// Upload bench (issue 10 §1): the peak memory of reading the largest legitimate submission upload and each hostile
// workbook, each in a fresh process (VmHWM from /proc/self/status, the resident high-water mark). Prints figures,
// asserts nothing. Usage: bench/uploads.sh        (one process per case: dotnet IndustryMap.UploadBench.dll <case>)
string[] cases = ["legitimate 1,000 rows", "row 100000000", "row 2147483647", "cell ZZZZZZ2", "80 MB sheet", "120,000 cells", "XML 10,000 deep"];

if (args.Length == 0)
{
    Console.WriteLine($"{"upload",-24} {"file KB",8} {"result",-28} {"ms",7} {"peak MB (VmHWM)",16}");
    var self = Environment.ProcessPath!;
    var dll = typeof(HostileWorkbooks).Assembly.Location;
    foreach (var name in cases)
    {
        var start = new ProcessStartInfo(self, [dll, name]) { RedirectStandardOutput = true };
        using var child = Process.Start(start)!;
        Console.Write(await child.StandardOutput.ReadToEndAsync());
        await child.WaitForExitAsync();
    }
    return;
}

var file = args[0] switch
{
    "legitimate 1,000 rows" => HostileWorkbooks.Legitimate(SubmissionFiles.MaxRows),
    "row 100000000" => HostileWorkbooks.HugeRowNumber(100_000_000),
    "row 2147483647" => HostileWorkbooks.HugeRowNumber(int.MaxValue),
    "cell ZZZZZZ2" => HostileWorkbooks.HugeColumnName(),
    "80 MB sheet" => HostileWorkbooks.ZipBomb(80),
    "120,000 cells" => HostileWorkbooks.ManyCells(120),
    "XML 10,000 deep" => HostileWorkbooks.DeepXml(10_000),
    _ => throw new ArgumentException(args[0]),
};
// Building the file is not part of the measurement: collect, then reset nothing but read the high-water mark after.
GC.Collect();
var before = Peak();
var timer = Stopwatch.StartNew();
string result;
try
{
    result = $"accepted ({SubmissionFiles.Read(file, "bench.xlsx").Count} rows)";
}
catch (RefusedException e)
{
    result = $"refused 400 {e.Code}";
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{args[0],-24} {file.Length / 1024,8} {result,-28} {timer.Elapsed.TotalMilliseconds,7:F0} {Peak(),16:F1}   (before reading {before:F1})"));

static double Peak()
{
    foreach (var line in File.ReadLines("/proc/self/status"))
    {
        if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) return double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    }
    return double.NaN;
}
