using System.Diagnostics;
using System.Globalization;
using IndustryMap.Web;
using Microsoft.Extensions.Logging;

// Read-API load benchmark: starts the real app on a loopback port over the seed data, then drives each endpoint
// with concurrent clients for a fixed time and prints latency percentiles and throughput. It asserts nothing.
//   dotnet run -c Release --project bench/IndustryMap.Bench -- [--seconds 10] [--clients 8]
// The store is whatever INDUSTRYMAP_DB / INDUSTRYMAP_PG say (default: a fresh embedded SQLite in a temp folder).

var seconds = Arg("--seconds", 10);
var clients = Arg("--clients", 8);
if (Environment.GetEnvironmentVariable("INDUSTRYMAP_DATA") is null)
{
    Environment.SetEnvironmentVariable("INDUSTRYMAP_DATA", Path.Combine(Path.GetTempPath(), "industrymap-bench-" + Guid.NewGuid().ToString("N")));
}
const string Url = "http://127.0.0.1:5099";
await using var app = IndustryMapApp.Create(["--urls", Url], b => b.Logging.SetMinimumLevel(LogLevel.Warning));
await app.StartAsync();

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { BaseAddress = new Uri(Url) };
string[] endpoints =
[
    "/api/layouts/2023",
    "/api/units/" + Uri.EscapeDataString("万州区"),
    "/api/units",
    "/api/search?q=" + Uri.EscapeDataString("材料"),
    "/api/documents/000/lines/39-55",
    "/api/targets?plan=yx2027",
    "/api/checks",
];
Console.WriteLine($"IndustryMap read-API benchmark — {Environment.GetEnvironmentVariable("INDUSTRYMAP_DB") ?? "sqlite"}, {clients} clients, {seconds} s per endpoint, {Environment.ProcessorCount} cores");
Console.WriteLine($"{"endpoint",-40} {"requests",9} {"req/s",9} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"errors",7}");
foreach (var endpoint in endpoints)
{
    // Warm-up: JIT, connection pools, SQLite page cache.
    for (var i = 0; i < 50; i++) (await http.GetAsync(endpoint)).EnsureSuccessStatusCode();
    var latencies = new List<double>[clients];
    var errors = 0;
    var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
    var total = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
    {
        var mine = latencies[c] = new List<double>(100_000);
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(endpoint);
            await response.Content.LoadIntoBufferAsync();
            mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
        }
    }));
    total.Stop();
    var all = latencies.SelectMany(l => l).Order().ToArray();
    double P(double q) => all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{endpoint,-40} {all.Length,9} {all.Length / total.Elapsed.TotalSeconds,9:F0} {P(0.50),8:F2} {P(0.95),8:F2} {P(0.99),8:F2} {errors,7}"));
}
await app.StopAsync();

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
