// Document intake bench (issue 16 §5-6). Usage: IndustryMap.IntakeBench <repo> [--verbose]
// 1. A fresh SQLite store, migrated and loaded with seed-data/ (the dictionary the extractor uses: units, regions,
//    the catalog, the shared vocabulary — never the target rows).
// 2. The seed plans uploaded through IntakeStore.CreateAsync (the code behind POST /api/intake), with the scope a user
//    would type; seed 003 also as a .docx made from its text (paragraphs, and its Markdown tables as Word tables).
// 3. Target proposals scored against the hand-encoded targets.csv of the same document: a proposal matches a row
//    when scope, year, value (normalised where the unit converts) and comparator are equal and the indicator names
//    are alike (folded names contain one another, or character-bigram Dice >= 0.5); one-to-one, most confident first.
// 4. The external passages of bench/intake-eval/ (answers written before the extractor ran on them), and the held-out
//    passages of session 5 (holdout-*.csv, answers committed before their first run).
// 5. The time of one intake of a 2,000-line plan (the seed texts repeated to 2,000 lines), median of 5.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using IndustryMap.Authorization;
using IndustryMap.Import;
using IndustryMap.Intake;
using IndustryMap.Storage;
using IndustryMap.Text;

var repo = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
var verbose = args.Contains("--verbose");
// --session3-scorer: score as session 3 did (scope names compared as printed; rows and proposals of years before the
// plan starts kept), to compare the extractor's figures across the scorer change.
var session3 = args.Contains("--session3-scorer");
Session3.On = session3;
// --session4-scorer: score as session 4 did (a hand-encoded row for "每年" stated once, period each_year, is one row).
// Since session 5 such a row stands for each year of its period (year_from to year), as seed 001's rows for the same
// words are written one per year and seed 003's note says "stored as one target per year".
Session4.On = session3 || args.Contains("--session4-scorer");
var seed = Path.Combine(repo, "seed-data");
var folder = Path.Combine(Path.GetTempPath(), "industrymap-intake-bench-" + Environment.ProcessId);
Directory.CreateDirectory(folder);
var database = Database.ForSqliteFile(Path.Combine(folder, "industrymap.db"), TimeProvider.System);
await new Migrator(database).MigrateAsync();
await SeedImporter.ImportAsync(database, seed, "bench");
var admin = new Actor(null, "bench", Role.Admin, null);
var dictionary = await IntakeStore.DictionaryAsync(database);
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

// The scope a user types when uploading each seed plan (the plan's own cover says it).
var uploads = new (string Folder, string? Scope, string Label)[]
{
    ("001-yuxi-plan-2023-2027", "渝西地区", "001 .txt"),
    ("002-city-action-plan-2019-2022", null, "002 .txt"),
    ("003-wanzhou-14th-fyp", "万州区", "003 .txt"),
    ("003-wanzhou-14th-fyp", "万州区", "003 .docx"),
    ("004-nanan-14th-fyp", "南岸区", "004 .txt"),
};

Console.WriteLine("Document intake bench (issue 16): target proposals scored against the hand-encoded targets");
Console.WriteLine($"{"upload",-10} {"lines",6} {"proposed",8} {"gold",5} {"matched",7} {"P",7} {"R",7} {"F1",7} {"seconds",8}");
var totals = (Proposed: 0, Gold: 0, Matched: 0);
var errors = new Dictionary<string, int>();
var excluded = new List<string>();
var projectLines = new List<string>();
foreach (var (seedFolder, scope, label) in uploads)
{
    var path = Path.Combine(seed, seedFolder, "document.txt");
    var bytes = label.EndsWith(".docx", StringComparison.Ordinal) ? Docx(File.ReadAllText(path)) : File.ReadAllBytes(path);
    var name = label.EndsWith(".docx", StringComparison.Ordinal) ? "document.docx" : "document.txt";
    var watch = Stopwatch.StartNew();
    var detail = await IntakeStore.CreateAsync(database, admin, new NewIntake(name, bytes, null, null, null, scope));
    watch.Stop();
    var proposals = detail.Proposals.Where(p => p.Row.Kind == "target").Select(p => p.Proposed.Deserialize<TargetProposal>(IntakeStore.Json)!).ToList();
    // Targets are values for a year of the plan's period (or its end); a row for a year before the plan starts records a
    // result or a base-year value the plan reports ("2020年产值达到367.74亿元" in a 2021–2025 plan), not a target. Such rows
    // leave the gold set, and proposals for such years leave the proposals (both counted and printed).
    var planStart = PlanStart(Path.Combine(seed, seedFolder, "plans.csv"));
    var allGold = Gold(Path.Combine(seed, seedFolder, "targets.csv"));
    var gold = allGold.Where(g => session3 || g.Year is null || g.Year >= planStart).ToList();
    var before = proposals.Count;
    proposals = proposals.Where(t => session3 || t.Year is null || t.Year >= planStart).ToList();
    if (verbose) Console.WriteLine($"    (plan starts {planStart}: {allGold.Count - gold.Count} rows and {before - proposals.Count} proposals for earlier years left out)");
    excluded.Add($"{label}: {allGold.Count - gold.Count} of {allGold.Count} rows, {before - proposals.Count} proposals");
    var (matched, misses, spurious) = Score(proposals, gold);
    var p = proposals.Count == 0 ? 0 : (double)matched / proposals.Count;
    var r = gold.Count == 0 ? 0 : (double)matched / gold.Count;
    Console.WriteLine($"{label,-10} {detail.Document.LineCount,6} {proposals.Count,8} {gold.Count,5} {matched,7} {p,7:P1} {r,7:P1} {F1(p, r),7:P1} {watch.Elapsed.TotalSeconds,8:0.000}");
    var projectsFile = Path.Combine(seed, seedFolder, "projects.csv");
    if (File.Exists(projectsFile) && !label.EndsWith(".docx", StringComparison.Ordinal))
    {
        // Projects from tables against the hand-encoded projects.csv: a proposal matches a row of the same name (spaces
        // removed) whose investment, unit and period are equal too.
        var recs = Csv.Parse(File.ReadAllText(projectsFile)).ToList();
        var h = recs[0].Fields.ToList();
        var rows = recs.Skip(1).Select(r => r.Fields).Select(f => (Name: f[h.IndexOf("project")].Replace(" ", "", StringComparison.Ordinal), Investment: f[h.IndexOf("investment")],
            Unit: f[h.IndexOf("investment_unit")], Period: f[h.IndexOf("period")])).ToList();
        var proposed = detail.Proposals.Where(x => x.Row.Kind == "project").Select(x => x.Proposed.Deserialize<ProjectProposal>(IntakeStore.Json)!).ToList();
        var free = rows.ToList();
        var hits = 0;
        foreach (var pr in proposed)
        {
            var hit = free.FindIndex(g => g.Name == pr.Name && (g.Investment.Length == 0 ? pr.Investment is null : pr.Investment == decimal.Parse(g.Investment, CultureInfo.InvariantCulture))
                                          && (g.Unit.Length == 0 || g.Unit == pr.InvestmentUnit) && g.Period == (pr.Period ?? ""));
            if (hit >= 0) { free.RemoveAt(hit); hits++; }
            else if (verbose) Console.WriteLine($"    project extra  L{pr.From}-{pr.To} {pr.Name} | {pr.Investment} {pr.InvestmentUnit} | {pr.Period} | {pr.Stage}");
        }
        if (verbose) foreach (var g in free) Console.WriteLine($"    project missed {g.Name} | {g.Investment} {g.Unit} | {g.Period}");
        projectLines.Add($"{label}: {proposed.Count} project proposals, {rows.Count} hand-encoded projects, {hits} matched (name, investment, unit, period): " +
                         $"P {(proposed.Count == 0 ? 0 : (double)hits / proposed.Count):P1} R {(rows.Count == 0 ? 0 : (double)hits / rows.Count):P1}; " +
                         $"{detail.Proposals.Count(x => x.Row.Kind == "park")} park proposals");
    }
    if (!label.EndsWith(".docx", StringComparison.Ordinal)) totals = (totals.Proposed + proposals.Count, totals.Gold + gold.Count, totals.Matched + matched);
    foreach (var e in spurious.Concat(misses)) errors[e.Reason] = errors.GetValueOrDefault(e.Reason) + 1;
    if (verbose)
    {
        foreach (var e in spurious) Console.WriteLine($"    extra  L{e.Lines,-8} {e.Reason,-28} {e.Text}");
        foreach (var e in misses) Console.WriteLine($"    missed L{e.Lines,-8} {e.Reason,-28} {e.Text}");
    }
}
{
    var p = (double)totals.Matched / totals.Proposed;
    var r = (double)totals.Matched / totals.Gold;
    Console.WriteLine($"{"all .txt",-10} {"",6} {totals.Proposed,8} {totals.Gold,5} {totals.Matched,7} {p,7:P1} {r,7:P1} {F1(p, r),7:P1}");
}
foreach (var line in projectLines) Console.WriteLine("Parks and projects from tables, " + line);
Console.WriteLine("Left out as results or base-year values (year before the plan starts): " + string.Join("; ", excluded));
Console.WriteLine();
Console.WriteLine("Common errors (all uploads; 'extra' = a proposal with no matching row, 'missed' = a row with no matching proposal):");
foreach (var (reason, count) in errors.OrderByDescending(e => e.Value).Take(12)) Console.WriteLine($"  {count,5}  {reason}");

// External passages: answers written by hand before the extractor ran on them; the held-out set of session 5 too.
await Passages("passages.csv", "expected.csv", "External passages ({0} passages, {1} expected targets, answers written before the run):");
await Passages("holdout-passages.csv", "holdout-expected.csv",
    "Held-out external passages, session 5 ({0} passages, {1} expected targets, answers committed before the first run; 2 passages are results with none):");

async Task Passages(string passagesName, string expectedName, string heading)
{
    var passagesFile = Path.Combine(repo, "bench", "intake-eval", passagesName);
    if (!File.Exists(passagesFile)) return;
    var passages = Csv.Parse(File.ReadAllText(passagesFile)).Skip(1).Select(r => r.Fields).ToList();
    var expected = Csv.Parse(File.ReadAllText(Path.Combine(repo, "bench", "intake-eval", expectedName))).Skip(1).Select(r => r.Fields).ToList();
    int proposedAll = 0, goldAll = 0, matchedAll = 0;
    var reasons = new Dictionary<string, int>();
    foreach (var passage in passages)
    {
        var (id, scopeText, text) = (passage[0], passage[4], passage[5]);
        var (scope, _) = await IntakeStore.ResolveScopeAsync(database, scopeText.Length == 0 ? null : scopeText);
        var lines = IntakeLines.Of(text);
        var proposals = IntakeStore.Propose(lines, scope, dictionary, IntakeStore.Period("", lines)).Targets.ToList();
        var gold = expected.Where(e => e[0] == id).Select(e => new GoldRow(e[1], e[2], e[3].Length == 0 ? null : e[3], Int(e[4]), decimal.Parse(e[5], CultureInfo.InvariantCulture),
            e[6].Length == 0 ? null : decimal.Parse(e[6], CultureInfo.InvariantCulture), e[7].Length == 0 ? null : e[7], e[8], "1", text)).ToList();
        var (matched, misses, spurious) = Score(proposals, gold);
        proposedAll += proposals.Count;
        goldAll += gold.Count;
        matchedAll += matched;
        foreach (var e in spurious.Concat(misses)) reasons[e.Reason] = reasons.GetValueOrDefault(e.Reason) + 1;
        if (verbose)
        {
            foreach (var e in spurious) Console.WriteLine($"    {id} extra  {e.Reason,-28} {e.Text}");
            foreach (var e in misses) Console.WriteLine($"    {id} missed {e.Reason,-28} {e.Text}");
        }
    }
    var p = proposedAll == 0 ? 0 : (double)matchedAll / proposedAll;
    var r = goldAll == 0 ? 0 : (double)matchedAll / goldAll;
    Console.WriteLine();
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, heading, passages.Count, goldAll));
    Console.WriteLine($"  proposed {proposedAll}, matched {matchedAll}: P {p:P1}  R {r:P1}  F1 {F1(p, r):P1}");
    foreach (var (reason, count) in reasons.OrderByDescending(e => e.Value).Take(8)) Console.WriteLine($"  {count,5}  {reason}");
}

// Speed: a 2,000-line plan (the seed texts one after another, cut at 2,000 lines).
{
    var all = new List<string>();
    foreach (var f in new[] { "003-wanzhou-14th-fyp", "001-yuxi-plan-2023-2027", "002-city-action-plan-2019-2022" })
    {
        all.AddRange(File.ReadAllLines(Path.Combine(seed, f, "document.txt")));
    }
    var text = string.Join('\n', all.Take(2000));
    var seconds = new List<double>();
    var count = 0;
    for (var run = 0; run < 5; run++)
    {
        var watch = Stopwatch.StartNew();
        var detail = await IntakeStore.CreateAsync(database, admin, new NewIntake("plan-2000.txt", Encoding.UTF8.GetBytes(text), "2,000-line plan", null, null, "万州区"));
        watch.Stop();
        seconds.Add(watch.Elapsed.TotalSeconds);
        count = detail.Proposals.Count;
    }
    seconds.Sort();
    Console.WriteLine();
    Console.WriteLine($"Speed: intake of a 2,000-line plan (read, extract, store text + {count} proposals, audit): median {seconds[2]:0.000} s, " +
                      $"min {seconds[0]:0.000} s, max {seconds[^1]:0.000} s (5 runs, SQLite, {Environment.ProcessorCount} cores)");
}
try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
return 0;

static int PlanStart(string plansCsv)
{
    var records = Csv.Parse(File.ReadAllText(plansCsv)).ToList();
    var at = records[0].Fields.ToList().IndexOf("period_start");
    return int.Parse(records[1].Fields[at], CultureInfo.InvariantCulture);
}

static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);

static int? Int(string s) => s.Length == 0 ? null : int.Parse(s, CultureInfo.InvariantCulture);

static List<GoldRow> Gold(string path)
{
    var records = Csv.Parse(File.ReadAllText(path)).ToList();
    var head = records[0].Fields.ToList();
    int C(string name) => head.IndexOf(name);
    return records.Skip(1).Select(r => r.Fields).Select(f => new GoldRow(
        Indicator: "", ScopeKind: f[C("scope_kind")], Scope: f[C("scope")].Length == 0 ? null : f[C("scope")], Year: Int(f[C("year")]),
        Value: decimal.Parse(f[C("value")], CultureInfo.InvariantCulture), High: f[C("value_high")].Length == 0 ? null : decimal.Parse(f[C("value_high")], CultureInfo.InvariantCulture),
        Unit: f[C("unit")].Length == 0 ? null : f[C("unit")], Comparator: f[C("comparator")], Lines: f[C("lines")], Printed: f[C("printed")])
    {
        IndicatorKey = f[C("plan")] + "/" + f[C("indicator")],
        EachYearFrom = C("period") >= 0 && C("year_from") >= 0 && f.Count > C("year_from") && f[C("period")] == "each_year" ? Int(f[C("year_from")]) : null,
    }).Select(g => g with { Indicator = IndicatorName(path, g.IndicatorKey) })
      .SelectMany(g => Session4.On || g.EachYearFrom is not { } from || g.Year is not { } to || from >= to
          ? [g] : Enumerable.Range(from, to - from + 1).Select(y => g with { Year = y })).ToList();
}

static string IndicatorName(string targetsPath, string key)
{
    var file = Path.Combine(Path.GetDirectoryName(targetsPath)!, "indicators.csv");
    var rows = Csv.Parse(File.ReadAllText(file)).Skip(1).Select(r => r.Fields);
    return rows.FirstOrDefault(f => f[0] + "/" + f[1] == key)?[2] ?? key;
}

static (int Matched, List<Error> Misses, List<Error> Spurious) Score(List<TargetProposal> proposals, List<GoldRow> gold)
{
    var free = gold.ToList();
    var spurious = new List<Error>();
    var matched = 0;
    foreach (var p in proposals.OrderByDescending(p => p.Confidence))
    {
        var hit = free.FirstOrDefault(g => Matches(p, g));
        if (hit is not null)
        {
            free.Remove(hit);
            matched++;
            continue;
        }
        spurious.Add(new Error($"{p.From}-{p.To}", "extra: " + Why(p, gold), $"{p.Indicator} | {p.Scope} | {p.Year} | {p.Comparator} {p.Value} {p.Unit} | {p.Printed}"));
    }
    var misses = free.Select(g => new Error(g.Lines, "missed: " + WhyMissed(g, proposals), $"{g.Indicator} | {g.Scope} | {g.Year} | {g.Comparator} {g.Value} {g.Unit} | {g.Printed}")).ToList();
    return (matched, misses, spurious);
}

static bool Matches(TargetProposal p, GoldRow g) => SameScope(p, g) && p.Year == g.Year && SameValue(p, g) && p.Comparator == g.Comparator && Alike(p.Indicator, g.Indicator);

// Scope names compare without a trailing 产业/产业集群/集群: the encoders of seed 002 wrote "材料产业" for the 材料产业 of
// "力争材料产业实现产值" but "集成电路" for 集成电路; the name of the industry is the same either way.
static bool SameScope(TargetProposal p, GoldRow g) => p.ScopeKind == g.ScopeKind && ScopeName(p.Scope) == ScopeName(g.Scope);

static string ScopeName(string? s)
{
    var t = s ?? "";
    if (Session3.On) return t;
    foreach (var suffix in new[] { "产业集群", "集群", "产业" }) if (t.EndsWith(suffix, StringComparison.Ordinal) && t.Length > suffix.Length + 1) return t[..^suffix.Length];
    return t;
}

static bool SameValue(TargetProposal p, GoldRow g)
{
    var gn = IndustryMap.Measures.MeasureUnits.Normalize(g.Value, g.Unit);
    if (gn is not null && p.Normalized is not null) return gn.Value == p.Normalized && gn.Unit == p.NormalizedUnit;
    return p.Value == g.Value && p.ValueHigh == g.High;
}

static bool Alike(string a, string b)
{
    var (x, y) = (IndicatorNames.Fold(a), IndicatorNames.Fold(b));
    if (x.Length == 0 || y.Length == 0) return false;
    if (x.Contains(y, StringComparison.Ordinal) || y.Contains(x, StringComparison.Ordinal)) return true;
    var bx = Bigrams(x);
    var by = Bigrams(y);
    return bx.Count + by.Count > 0 && 2.0 * bx.Intersect(by).Count() / (bx.Count + by.Count) >= 0.5;
}

static HashSet<string> Bigrams(string s) => Enumerable.Range(0, Math.Max(0, s.Length - 1)).Select(i => s.Substring(i, 2)).ToHashSet();

static string Why(TargetProposal p, List<GoldRow> gold)
{
    var near = gold.Where(g => Alike(p.Indicator, g.Indicator) && SameValue(p, g)).ToList();
    if (near.Count == 0) return gold.Any(g => SameValue(p, g) && SameScope(p, g)) ? "indicator named differently" : "not a hand-encoded target";
    if (near.Any(g => !SameScope(p, g) && g.Year == p.Year)) return "scope differs";
    if (near.Any(g => g.Year != p.Year && SameScope(p, g))) return p.Year is null ? "year unknown, row has one" : "year differs";
    if (near.Any(g => g.Comparator != p.Comparator)) return "comparator differs";
    return "already matched (duplicate)";
}

static string WhyMissed(GoldRow g, List<TargetProposal> proposals)
{
    if (proposals.Any(p => Alike(p.Indicator, g.Indicator) && SameValue(p, g))) return "proposed with another field";
    if (proposals.Any(p => SameValue(p, g) && p.Year == g.Year)) return "value found, indicator differs";
    return "not proposed";
}

static byte[] Docx(string text)
{
    using var memory = new MemoryStream();
    using (var document = WordprocessingDocument.Create(memory, WordprocessingDocumentType.Document))
    {
        var main = document.AddMainDocumentPart();
        var body = new Body();
        Table? table = null;
        foreach (var line in IntakeLines.Of(text).Lines)
        {
            if (line.TrimStart().StartsWith('|'))
            {
                var cells = TargetExtractor.Cells(line);
                if (cells.All(c => c.Length == 0 || c.Trim('-', ':').Length == 0)) continue; // the Markdown rule under a heading row is not a Word row
                table ??= new Table(new TableProperties(new TableBorders(new InsideHorizontalBorder { Val = BorderValues.Single })));
                table.Append(new TableRow(cells.Select(c => new TableCell(new Paragraph(new Run(new Text(c) { Space = SpaceProcessingModeValues.Preserve }))))));
                continue;
            }
            if (table is not null) { body.Append(table); table = null; }
            body.Append(new Paragraph(new Run(new Text(line) { Space = SpaceProcessingModeValues.Preserve })));
        }
        if (table is not null) body.Append(table);
        main.Document = new Document(body);
    }
    return memory.ToArray();
}

internal sealed record GoldRow(string Indicator, string ScopeKind, string? Scope, int? Year, decimal Value, decimal? High, string? Unit, string Comparator, string Lines, string Printed)
{
    public string IndicatorKey { get; init; } = "";
    public int? EachYearFrom { get; init; }
}

internal static class Session4
{
    public static bool On { get; set; }
}

internal sealed record Error(string Lines, string Reason, string Text);

internal static class Session3
{
    public static bool On { get; set; }
}
