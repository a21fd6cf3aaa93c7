using System.Diagnostics;
using System.Globalization;
using System.Net;
using IndustryMap.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

// Page benchmark: starts the real app on a loopback port over the seed data and, for every page, prints
//   first-load bytes  – what a cold browser transfers (compressed bodies + headers), counted by Chromium;
//   server p50/p95    – latency of the page's HTML and of every API request the page makes, called directly
//                       (compressed, like a browser), reporting the slowest request's p95;
//   ready ms          – from navigation start until the page marks itself ready (the map: rendered and clickable).
// It asserts nothing. Usage: bash bench/pages.sh [--runs 5] [--requests 200]
var runs = Arg("--runs", 5);
var requests = Arg("--requests", 200);
Environment.SetEnvironmentVariable("INDUSTRYMAP_DATA", Path.Combine(Path.GetTempPath(), "industrymap-pagebench-" + Guid.NewGuid().ToString("N")));
await using var app = IndustryMapApp.Create(["--urls", "http://127.0.0.1:0", "--INDUSTRYMAP_DB", "sqlite"], b => b.Logging.SetMinimumLevel(LogLevel.Warning));
await app.StartAsync();
var baseUrl = ((IServer)app.Services.GetService(typeof(IServer))!).Features.Get<IServerAddressesFeature>()!.Addresses.First();

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = Environment.GetEnvironmentVariable("INDUSTRYMAP_CHROMIUM") ?? "/usr/bin/chromium",
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All }) { BaseAddress = new Uri(baseUrl) };

string[] pages =
[
    "/",
    "/?industry=" + Uri.EscapeDataString("先进材料") + "&kind=cluster",
    "/unit.html?name=" + Uri.EscapeDataString("万州区"),
    "/cluster.html?name=" + Uri.EscapeDataString("先进材料"),
    "/document.html?doc=002&lines=46-47",
    "/plan.html?id=cq2019",
    "/checks.html",
    "/registry.html?kind=projects",
    "/registry.html?kind=enterprises",
];
Console.WriteLine($"IndustryMap page benchmark — {Environment.ProcessorCount} cores, Chromium {browser.Version}, {runs} cold loads per page, {requests} requests per URL");
Console.WriteLine($"{"page",-44} {"requests",8} {"first-load KB",13} {"server p50 ms",13} {"server p95 ms",13} {"slowest URL",-28} {"ready ms (median/max)",22}");
foreach (var path in pages)
{
    long bytes = 0;
    var urls = new List<string>();
    var ready = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        await using var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var responses = new List<IResponse>();
        page.Response += (_, r) => responses.Add(r);
        await page.GotoAsync(path);
        await page.Locator("body[data-ready='true']").WaitForAsync(new() { Timeout = 30_000 });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        ready.Add(await page.EvaluateAsync<double>(
            "() => (performance.getEntriesByName('map-interactive')[0] ?? performance.getEntriesByName('page-ready')[0])?.startTime ?? performance.now()"));
        if (run == 0)
        {
            foreach (var response in responses)
            {
                var sizes = await response.Request.SizesAsync();
                bytes += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
                urls.Add(new Uri(response.Url).PathAndQuery);
            }
        }
    }
    // Server time of the HTML and of each API call the page made (static assets are files, measured with the HTML).
    var measured = urls.Where(u => u == path || u.StartsWith("/api/", StringComparison.Ordinal) || u.StartsWith("/openapi/", StringComparison.Ordinal)).Distinct().ToList();
    var worst = (P50: 0.0, P95: 0.0, Url: "");
    foreach (var url in measured)
    {
        for (var i = 0; i < 20; i++) (await http.GetAsync(url)).EnsureSuccessStatusCode();
        var times = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(url);
            await response.Content.LoadIntoBufferAsync();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        times.Sort();
        var p95 = times[(int)Math.Ceiling(0.95 * times.Count) - 1];
        if (p95 > worst.P95) worst = (times[times.Count / 2], p95, url);
    }
    ready.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{Shorten(Uri.UnescapeDataString(path), 44),-44} {urls.Count,8} {bytes / 1024.0,13:F0} {worst.P50,13:F2} {worst.P95,13:F2} {Shorten(Uri.UnescapeDataString(worst.Url), 28),-28} {ready[ready.Count / 2],10:F0} / {ready[^1],-9:F0}"));
}
await app.StopAsync();

static string Shorten(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
