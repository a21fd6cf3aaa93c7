using Microsoft.Extensions.Logging;
using System.Diagnostics;
using System.Globalization;
using IndustryMap.Configuration;
using IndustryMap.Import;
using IndustryMap.Placement;
using IndustryMap.PlacementBench;
using IndustryMap.Storage;

// Placement benchmarks (issue 6). They print figures and assert nothing.
//   eval  [--out bench/placement-eval/eval-set.csv] [--show N]   hit@1/3/5 of the evaluation set built from the seeds
//   speed [--n 1000] [--batch 10000]                              p50/p95 of single placements (in-process and HTTP), time of a batch
//   profile                                                       where the time of one placement goes (engine steps)
// Both run on a fresh embedded SQLite store loaded with seed-data/ (or INDUSTRYMAP_DB / INDUSTRYMAP_PG when set and loaded).

var mode = args.FirstOrDefault() ?? "eval";
string? storeFolder = null;
var root = FindRoot();
var seed = Path.Combine(root, "seed-data");
var database = await OpenStoreAsync(seed);
var service = new PlacementService(database);
var setup = Stopwatch.StartNew();
var catalog = await service.CatalogAsync();
setup.Stop();

try
{
switch (mode)
{
    case "eval":
        await Evaluate();
        break;
    case "speed":
        await Speed();
        break;
    case "profile":
        {
            var descriptions = EvaluationSet.Build(seed).Select(c => c.Description).ToList();
            var w = Stopwatch.StartNew();
            for (var i = 0; i < 5000; i++) catalog.Classifier.Classify(descriptions[i % descriptions.Count]);
            Console.WriteLine($"classify only: {w.Elapsed.TotalMilliseconds / 5000:F3} ms each");
            w.Restart();
            for (var i = 0; i < 5000; i++) PlacementEngine.Place(catalog, new PlacementRequest(descriptions[i % descriptions.Count], 10, 100, Origins.OutsideCity));
            Console.WriteLine($"place (engine): {w.Elapsed.TotalMilliseconds / 5000:F3} ms each");
            var classes = descriptions.Select(d => catalog.Classifier.Classify(d)).ToList();
            void Time(string label, Action<int> step)
            {
                var t = Stopwatch.StartNew();
                for (var i = 0; i < 5000; i++) step(i % descriptions.Count);
                Console.WriteLine($"  {label}: {t.Elapsed.TotalMilliseconds / 5000:F3} ms");
            }
            Time("duikou x41", i => { foreach (var u in catalog.Units) PlacementRules.Duikou(u.Designations, classes[i].Industries); });
            Time("duikou+reasons x41", i => { foreach (var u in catalog.Units) PlacementRules.DuikouReasons(u.Name, PlacementRules.Duikou(u.Designations, classes[i].Industries)); });
            Time("unit plan x41", i => { foreach (var u in catalog.Units) PlacementRules.UnitPlan(u, classes[i].PlanItems); });
            Time("parks x41", i => { foreach (var u in catalog.Units) PlacementRules.Parks(u, classes[i], descriptions[i], 100); });
            Time("non-prohibited", i => PlacementRules.NonProhibited(classes[i], catalog.Units));
            Time("restricted", i => PlacementRules.RestrictedProducts(descriptions[i], catalog.Restricted));
            Time("place again", i => PlacementEngine.Place(catalog, new PlacementRequest(descriptions[i], 10, 100, Origins.OutsideCity)));
            Time("place, no amount", i => PlacementEngine.Place(catalog, new PlacementRequest(descriptions[i])));
            break;
        }
    default:
        Console.Error.WriteLine("usage: eval | speed | profile");
        return 1;
}
return 0;
}
finally
{
    // The bench's own embedded store is thrown away.
    if (storeFolder is not null)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(storeFolder, recursive: true); } catch (IOException) { }
    }
}

async Task Evaluate()
{
    var cases = EvaluationSet.Build(seed);
    if (Arg("--out") is { } outPath) await File.WriteAllTextAsync(outPath, EvaluationSet.ToCsv(cases));
    var show = int.Parse(Arg("--show") ?? "0", CultureInfo.InvariantCulture);
    Console.WriteLine($"Placement evaluation — {cases.Count} cases from the seed documents (project libraries of 万州 and 南岸, 渝西 priority-industry details);");
    Console.WriteLine($"lexicon: {catalog.Classifier.TermCount} terms over {catalog.Classifier.Nodes.Count} 33618 items (catalog names, aliases, products, older taxonomies via crosswalk, curated keywords).");
    Console.WriteLine("The classifier never sees the evaluation material: the importer refuses a keyword citing a project row or a layout line.");
    Console.WriteLine();
    Console.WriteLine("Ranks count ties against the expected unit; a description that matches nothing is a miss. Mean rank: over matched cases.");
    Console.WriteLine($"{"set",-12} {"cases",6} {"hit@1",7} {"hit@3",7} {"hit@5",7} {"no match",9} {"mean rank",10}");
    var results = new List<(EvalCase Case, int Rank, PlacementResult Result)>();
    foreach (var c in cases)
    {
        var result = PlacementEngine.Place(catalog, new PlacementRequest(c.Description, c.AmountYi, c.LandMu));
        // Ties are broken against the expected unit (it ranks after every unit with the same priority and score), and a
        // description that matched nothing is a miss whatever the unit order says.
        var expected = result.Candidates.First(u => u.Unit == c.ExpectedUnit);
        var rank = result.MatchesNothing ? int.MaxValue
            : result.Candidates.Count(u => u.Priority > expected.Priority || (u.Priority == expected.Priority && u.Score >= expected.Score));
        results.Add((c, rank, result));
    }
    foreach (var group in results.GroupBy(r => r.Case.Set).Append(results.GroupBy(_ => "全部 all").Single()))
    {
        var n = group.Count();
        string Hit(int k) => (group.Count(r => r.Rank <= k) / (double)n).ToString("P1", CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{group.Key,-12} {n,6} {Hit(1),7} {Hit(3),7} {Hit(5),7} {group.Count(r => r.Result.MatchesNothing),9} {group.Where(r => r.Rank < int.MaxValue).Average(r => (double)r.Rank),10:F1}"));
    }
    foreach (var (c, rank, result) in results.Where(r => r.Rank > 1).Take(show))
    {
        Console.WriteLine($"  miss [{c.Set} {c.Id}] expected {c.ExpectedUnit} at rank {rank}; top {string.Join("、", result.Candidates.Take(3).Select(u => u.Unit))}; " +
                          $"industries {string.Join("、", result.Industries.Take(3).Select(i => i.Name))} ← {c.Description[..Math.Min(60, c.Description.Length)]}");
    }
}

async Task Speed()
{
    var n = int.Parse(Arg("--n") ?? "1000", CultureInfo.InvariantCulture);
    var batch = int.Parse(Arg("--batch") ?? "10000", CultureInfo.InvariantCulture);
    var descriptions = EvaluationSet.Build(seed).Select(c => c.Description).ToList();
    Console.WriteLine($"Placement speed — {database.Dialect.Describe()}, {Environment.ProcessorCount} cores; catalog built in {setup.Elapsed.TotalMilliseconds:F0} ms " +
                      $"({catalog.Classifier.TermCount} terms, {catalog.Units.Count} units)");
    for (var i = 0; i < 50; i++) await service.PlaceAsync(new PlacementRequest(descriptions[i % descriptions.Count])); // warm-up
    var latencies = new double[n];
    for (var i = 0; i < n; i++)
    {
        var start = Stopwatch.GetTimestamp();
        await service.PlaceAsync(new PlacementRequest(descriptions[i % descriptions.Count], 10, 200, Origins.OutsideCity, Investor: "某投资方"));
        latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    Array.Sort(latencies);
    double P(double q) => latencies[Math.Min(n - 1, (int)Math.Ceiling(q * n) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"single placement (service: version check, register and pipeline context, classify, rank 41 units), {n} runs: p50 {P(0.5):F2} ms, p95 {P(0.95):F2} ms, p99 {P(0.99):F2} ms, max {latencies[^1]:F2} ms"));

    await SpeedOverHttp(n, descriptions);

    var requests = Enumerable.Range(0, batch).Select(i => new PlacementRequest(descriptions[i % descriptions.Count] + (i % 7 == 0 ? "，市外企业" : ""),
        i % 50, i % 300, i % 2 == 0 ? Origins.OutsideCity : Origins.WithinCity)).ToList();
    var watch = Stopwatch.StartNew();
    var placed = await PlacementBatch.PlaceAsync(service, requests);
    watch.Stop();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"batch of {batch} descriptions (one catalog and context, all cores): {watch.Elapsed.TotalSeconds:F2} s ({batch / watch.Elapsed.TotalSeconds:F0} per second), {placed.Count(p => p.MatchesNothing)} matched nothing"));
}

// The same, through the real app on a loopback port: an investment officer's API token, JSON in and out.
async Task SpeedOverHttp(int n, IReadOnlyList<string> descriptions)
{
    if (storeFolder is null) return; // only on the bench's own embedded store
    Environment.SetEnvironmentVariable(IndustryMapOptions.DataVariable, storeFolder);
    var system = IndustryMap.Authorization.Actor.System("bench");
    await IndustryMap.Accounts.UserAccounts.CreateAsync(database, system,
        new IndustryMap.Accounts.NewUser("bench-investor", null, IndustryMap.Authorization.Role.Investment, null), "unused-hash");
    var token = (await IndustryMap.Accounts.ApiTokens.CreateAsync(database, system, "bench-investor", "bench", null)).Token;
    const string url = "http://127.0.0.1:5098";
    await using var app = IndustryMap.Web.IndustryMapApp.Create(["--urls", url], b => b.Logging.SetMinimumLevel(LogLevel.Error));
    await app.StartAsync();
    using var http = new HttpClient { BaseAddress = new Uri(url) };
    http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    async Task<double> Post(int i)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync("/api/placements", System.Net.Http.Json.JsonContent.Create(new
        {
            description = descriptions[i % descriptions.Count], amountYi = 10, landMu = 200, origin = Origins.OutsideCity, investor = "某投资方",
        }));
        await response.Content.LoadIntoBufferAsync();
        response.EnsureSuccessStatusCode();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    for (var i = 0; i < 50; i++) await Post(i); // warm-up
    var latencies = new double[n];
    for (var i = 0; i < n; i++) latencies[i] = await Post(i);
    Array.Sort(latencies);
    double P(double q) => latencies[Math.Min(n - 1, (int)Math.Ceiling(q * n) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"single placement over HTTP (POST /api/placements: token check, rule, JSON of 41 ranked units), {n} runs: p50 {P(0.5):F2} ms, p95 {P(0.95):F2} ms, p99 {P(0.99):F2} ms"));

    var csv = new System.Text.StringBuilder("id,description,amountYi,landMu,origin\n");
    for (var i = 0; i < 10_000; i++) csv.Append(IndustryMap.Text.Csv.DataLine([i.ToString(CultureInfo.InvariantCulture), descriptions[i % descriptions.Count], "10", "100", "outside_city"])).Append('\n');
    var watch = Stopwatch.StartNew();
    using var batchResponse = await http.PostAsync("/api/placements/batch?format=csv", new StringContent(csv.ToString(), System.Text.Encoding.UTF8, "text/csv"));
    var body = await batchResponse.Content.ReadAsStringAsync();
    watch.Stop();
    batchResponse.EnsureSuccessStatusCode();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"batch of 10000 over HTTP (POST /api/placements/batch?format=csv, {csv.Length / 1024} KB in, {body.Length / 1024} KB out): {watch.Elapsed.TotalSeconds:F2} s"));
    await app.StopAsync();
}

async Task<Database> OpenStoreAsync(string seedFolder)
{
    var options = IndustryMapOptions.FromEnvironment();
    if (Environment.GetEnvironmentVariable(IndustryMapOptions.EngineVariable) is { Length: > 0 })
    {
        return Database.For(options);
    }
    var folder = Path.Combine(Path.GetTempPath(), "industrymap-placement-bench-" + Guid.NewGuid().ToString("N"));
    storeFolder = folder;
    var db = Database.ForSqliteFile(Path.Combine(folder, "industrymap.db"));
    await new Migrator(db).MigrateAsync();
    await SeedImporter.ImportAsync(db, seedFolder, "bench");
    return db;
}

string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "IndustryMap.slnx"))) return dir.FullName;
    }
    throw new InvalidOperationException("cannot find the repository root (IndustryMap.slnx)");
}
