using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IndustryMap.Accounts;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Backup;
using IndustryMap.Configuration;
using IndustryMap.Import;
using IndustryMap.Storage;
using IndustryMap.Web;
using IndustryMap.Web.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

// Write-path benchmark (issue 4): password hashing, concurrent audited writes over HTTP (each on its own record,
// and all on one record with optimistic concurrency), audit-chain verification, backup and restore. Prints
// figures, asserts nothing.
//   bench/write-load.sh [--seconds 10] [--clients 8] [--postgres]
// SQLite runs in a temporary folder; with --postgres (a server from INDUSTRYMAP_BENCH_PG) in a throw-away schema.

var seconds = Arg("--seconds", 10);
var clients = Arg("--clients", 8);
var postgresServer = Environment.GetEnvironmentVariable("INDUSTRYMAP_BENCH_PG");
Console.WriteLine($"IndustryMap write benchmark — {clients} clients, {seconds} s per scenario, {Environment.ProcessorCount} cores");

var passwords = new Passwords();
var hashTimer = Stopwatch.StartNew();
var hash = "";
for (var i = 0; i < 10; i++) hash = passwords.Hash("benchmark-password-" + i);
var hashMs = hashTimer.Elapsed.TotalMilliseconds / 10;
hashTimer.Restart();
for (var i = 0; i < 10; i++) passwords.Verify(hash, "benchmark-password-9");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"password hash (ASP.NET Core Identity V3, PBKDF2-HMAC-SHA512): {hashMs:F1} ms to hash, {hashTimer.Elapsed.TotalMilliseconds / 10:F1} ms to verify"));

await SqliteWritersAsync();
await RunAsync("sqlite", null);
if (postgresServer is not null) await RunAsync("postgres", postgresServer);

async Task RunAsync(string engine, string? server)
{
    var data = Path.Combine(Path.GetTempPath(), "industrymap-writebench-" + Guid.NewGuid().ToString("N"));
    string? schema = null;
    var settings = new Dictionary<string, string?> { [IndustryMapOptions.DataVariable] = data, [IndustryMapOptions.EngineVariable] = engine };
    if (server is not null)
    {
        schema = "bench_" + Guid.NewGuid().ToString("N");
        await using var c = new NpgsqlConnection(server);
        await c.OpenAsync();
#pragma warning disable CA2100 // the schema name is a GUID
        await new NpgsqlCommand($"CREATE SCHEMA {schema}", c).ExecuteNonQueryAsync();
#pragma warning restore CA2100
        settings[IndustryMapOptions.PostgresVariable] = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ToString();
    }
    var options = IndustryMapOptions.From(k => settings.GetValueOrDefault(k));
    var database = Database.For(options, TimeProvider.System);
    await new Migrator(database).MigrateAsync();
    await SeedImporter.ImportAsync(database, options.SeedDataDirectory, "bench");
    await UserAccounts.CreateAsync(database, Actor.System("bench"), new NewUser("bench-admin", null, Role.Admin, null), hash);
    var token = (await ApiTokens.CreateAsync(database, Actor.System("bench"), "bench-admin", "bench", null)).Token;

    const string Url = "http://127.0.0.1:5098";
    await using var app = IndustryMapApp.Create(["--urls", Url], b =>
    {
        b.Configuration.AddInMemoryCollection(settings);
        b.Logging.SetMinimumLevel(LogLevel.Warning);
    });
    await app.StartAsync();
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { BaseAddress = new Uri(Url) };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    var units = (await http.GetFromJsonAsync<JsonElement>("/api/units")).EnumerateArray().Select(u => u.GetProperty("name").GetString()!).ToList();

    Console.WriteLine();
    Console.WriteLine($"{engine}: {"scenario",-44} {"saves",7} {"saves/s",8} {"p50 ms",7} {"p95 ms",7} {"p99 ms",7} {"409s",6} {"errors",6}");
    await Scenario("own record each (GET version, PUT)", c => units[c % units.Count]);
    await Scenario("one record for all (retry on 409)", _ => units[0]);

    async Task Scenario(string name, Func<int, string> unitOf)
    {
        var latencies = new List<double>[clients];
        var conflicts = 0;
        var errors = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = latencies[c] = [];
            var url = "/api/units/" + Uri.EscapeDataString(unitOf(c)) + "/profile";
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var version = (await http.GetFromJsonAsync<JsonElement>(url)).GetProperty("version").GetInt64();
                var start = Stopwatch.GetTimestamp();
                using var response = await http.PutAsJsonAsync(url, new { contactPerson = "压测" + c, description = "写入基准", version });
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (response.IsSuccessStatusCode) mine.Add(ms);
                else if ((int)response.StatusCode == 409) Interlocked.Increment(ref conflicts);
                else Interlocked.Increment(ref errors);
            }
        }));
        total.Stop();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double P(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{engine}: {name,-44} {all.Length,7} {all.Length / total.Elapsed.TotalSeconds,8:F0} {P(0.50),7:F2} {P(0.95),7:F2} {P(0.99),7:F2} {conflicts,6} {errors,6}"));
    }
    await app.StopAsync();

    var timer = Stopwatch.StartNew();
    var verification = await AuditLog.VerifyAsync(database);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{engine}: audit verify: {verification.Count} entries in {timer.Elapsed.TotalMilliseconds:F0} ms ({verification.Count / timer.Elapsed.TotalSeconds:F0} entries/s), intact: {verification.Intact}"));

    var file = Path.Combine(data, "bench.imbackup");
    timer.Restart();
    BackupSummary summary;
    var key = BackupKey.Load(BackupKey.DefaultPath(data), create: true);
    await using (var output = File.Create(file)) summary = await DatabaseBackup.WriteAsync(database, output, key);
    var backupMs = timer.Elapsed.TotalMilliseconds;
    var target = Database.ForSqliteFile(Path.Combine(data, "restored", "industrymap.db"), TimeProvider.System);
    timer.Restart();
    await DatabaseBackup.RestoreAsync(target, () => File.OpenRead(file), key);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{engine}: backup {summary.Rows.Values.Sum()} rows in {backupMs:F0} ms ({new FileInfo(file).Length / 1024} KB); restore into SQLite {timer.Elapsed.TotalMilliseconds:F0} ms"));

    if (schema is not null)
    {
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(server);
        await c.OpenAsync();
#pragma warning disable CA2100
        await new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", c).ExecuteNonQueryAsync();
#pragma warning restore CA2100
    }
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(data, recursive: true);
}

// SQLite's own waiting, without the app (decision 0009): how long a second writer waits behind a 20 ms write transaction
// (the e_sqlite3 2.0.6 build slept a whole second here), then `clients` writers each committing small transactions in
// a loop, once queued by a process-wide semaphore before BEGIN IMMEDIATE (what SqliteDialect.WriterTurnAsync did) and
// once left to SQLite's busy_timeout alone. Same process, same minute, so the machine's load falls on both alike.
async Task SqliteWritersAsync()
{
    var folder = Path.Combine(Path.GetTempPath(), "industrymap-busybench-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(folder);
    var database = Database.ForSqliteFile(Path.Combine(folder, "busy.db"), TimeProvider.System);
    await using (var setup = await database.OpenAsync())
    {
        await using var create = setup.CreateCommand();
        create.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, writer INTEGER, payload TEXT)";
        await create.ExecuteNonQueryAsync();
    }
    await using (var probe = await database.OpenAsync())
    {
        await using var version = probe.CreateCommand();
        version.CommandText = "SELECT sqlite_version()";
        Console.WriteLine($"sqlite {await version.ExecuteScalarAsync()} (Microsoft.Data.Sqlite {typeof(Microsoft.Data.Sqlite.SqliteConnection).Assembly.GetName().Version})");
    }

    var waits = new List<double>();
    for (var i = 0; i < 20; i++)
    {
        await using var first = await database.OpenAsync();
        await using var second = await database.OpenAsync();
        await using var held = await first.BeginTransactionAsync();
        var blocked = Task.Run(async () =>
        {
            var start = Stopwatch.GetTimestamp();
            await using var transaction = await second.BeginTransactionAsync();
            var waited = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            await transaction.CommitAsync();
            return waited;
        });
        await Task.Delay(20);
        await held.CommitAsync();
        waits.Add(await blocked);
    }
    waits.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"sqlite busy handler: a second writer behind a 20 ms transaction waits p50 {waits[waits.Count / 2]:F1} ms, max {waits[^1]:F1} ms (20 tries)"));

    Console.WriteLine($"sqlite: {"writers (small transactions, no app)",-44} {"commits",7} {"tx/s",8} {"p50 ms",7} {"p95 ms",7} {"p99 ms",7} {"max ms",7} {"errors",6}");
    foreach (var queued in new[] { true, false, true, false })
    {
        var gate = new SemaphoreSlim(1, 1);
        var latencies = new List<double>[clients];
        var errors = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(Math.Max(2, seconds / 2) * Stopwatch.Frequency);
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = [];
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    if (queued) await gate.WaitAsync();
                    try
                    {
                        await using var connection = await database.OpenAsync();
                        await using var transaction = await connection.BeginTransactionAsync();
                        await using var insert = connection.CreateCommand();
                        insert.Transaction = transaction;
                        insert.CommandText = "INSERT INTO t (writer, payload) VALUES ($w, $p)";
                        var w = insert.CreateParameter(); w.ParameterName = "$w"; w.Value = c; insert.Parameters.Add(w);
                        var p = insert.CreateParameter(); p.ParameterName = "$p"; p.Value = new string('x', 200); insert.Parameters.Add(p);
                        await insert.ExecuteNonQueryAsync();
                        await transaction.CommitAsync();
                    }
                    finally
                    {
                        if (queued) gate.Release();
                    }
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                catch (Microsoft.Data.Sqlite.SqliteException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })));
        total.Stop();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double P(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        var name = queued ? "queued in the process (SemaphoreSlim)" : "busy_timeout only";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sqlite: {name,-44} {all.Length,7} {all.Length / total.Elapsed.TotalSeconds,8:F0} {P(0.50),7:F2} {P(0.95),7:F2} {P(0.99),7:F2} {(all.Length == 0 ? double.NaN : all[^1]),7:F1} {errors,6}"));
    }
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
