using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using IndustryMap.Authorization;
using IndustryMap.Configuration;
using IndustryMap.Monitoring;
using IndustryMap.Storage;
using Npgsql;
using NpgsqlTypes;

// Monitoring at city scale (issue 7 §8): generates UNITS × INDICATORS × MONTHS approved monthly values (default 3,000 × 50 × 120
// = 18 million) into a fresh SQLite file or PostgreSQL schema, then times, each in its own process so that peak memory is the
// operation's own: progress for every target, the 赛马 ranking of one period, and the bulletin (built, and written as .docx and
// .xlsx). It prints figures and asserts nothing. bench/monitoring.sh runs it all on both engines.
//
//   generate --engine sqlite|postgres [--units 3000] [--indicators 50] [--months 120]
//   measure  --engine sqlite|postgres --what progress|ranking|bulletin
//
// SQLite: BENCH_SQLITE (default /tmp/industrymap-bench-monitoring/industrymap.db). PostgreSQL: BENCH_PG (an Npgsql connection
// string); the data goes into the schema bench_monitoring, dropped and recreated by generate.

var verb = args.FirstOrDefault() ?? "help";
var engine = Arg("--engine", "sqlite");
var database = Open(engine);
switch (verb)
{
    case "generate":
        await Generate(database, engine, Arg("--units", "3000"), Arg("--indicators", "50"), Arg("--months", "120"));
        break;
    case "measure":
        await Measure(database, Arg("--what", "ranking"));
        break;
    default:
        Console.WriteLine("usage: generate|measure --engine sqlite|postgres [--what progress|ranking|bulletin]");
        return 1;
}
return 0;

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static Database Open(string engine)
{
    if (engine == "postgres")
    {
        var server = Environment.GetEnvironmentVariable("BENCH_PG") ?? throw new InvalidOperationException("BENCH_PG (an Npgsql connection string) is required for --engine postgres");
        var builder = new NpgsqlConnectionStringBuilder(server) { SearchPath = "bench_monitoring", CommandTimeout = 0 };
        return Database.For(new IndustryMapOptions { DataDirectory = Path.GetTempPath(), Engine = StorageEngine.Postgres, PostgresConnectionString = builder.ToString() }, TimeProvider.System);
    }
    return Database.ForSqliteFile(Environment.GetEnvironmentVariable("BENCH_SQLITE") ?? "/tmp/industrymap-bench-monitoring/industrymap.db", TimeProvider.System);
}

static string Memory() =>
    string.Create(CultureInfo.InvariantCulture,
        $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024:0} MB, GC heap now {GC.GetTotalMemory(false) / 1024.0 / 1024:0} MB, allocated {GC.GetTotalAllocatedBytes() / 1024.0 / 1024:0} MB");

async Task Generate(Database db, string engineName, string unitsText, string indicatorsText, string monthsText)
{
    var units = int.Parse(unitsText, CultureInfo.InvariantCulture);
    var indicators = int.Parse(indicatorsText, CultureInfo.InvariantCulture);
    var months = int.Parse(monthsText, CultureInfo.InvariantCulture);
    var total = Stopwatch.StartNew();
    if (db.Dialect is SqliteDialect sqlite)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(sqlite.Path + suffix);
    }
    else
    {
        await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable("BENCH_PG"));
        await admin.OpenAsync();
        await admin.ExecuteAsync("DROP SCHEMA IF EXISTS bench_monitoring CASCADE; CREATE SCHEMA bench_monitoring;");
    }
    await new Migrator(db).MigrateAsync();
    var firstYear = 2025 - (months + 11) / 12 + 1;
    Console.WriteLine($"[{engineName}] generating {units:N0} units × {indicators} indicators × {months} months = {(long)units * indicators * months:N0} values " +
                      $"({firstYear}-01 … 2025-12), targets for 2027 from 2015");

    // The reference rows: one synthetic plan with its indicators, the units, four peer groups, the monitoring set-up and periods.
    // Two in five indicators grow (亿元, summed), one is a running total (个, summed), one a share, one a reduction or a level to lower.
    var kinds = Enumerable.Range(1, indicators).Select(i => (i % 5) switch
    {
        0 or 1 => new BenchIndicator(IndicatorKinds.Growing, "亿元", "higher", 0L, "sum"),
        2 => new BenchIndicator(IndicatorKinds.Cumulative, "个", "higher", 1L, "sum"),
        3 => new BenchIndicator(IndicatorKinds.Share, "%", "higher", 0L, "none"),
        _ => i % 10 == 4 ? new BenchIndicator(IndicatorKinds.Decrease, "%", "lower", 1L, "none") : new BenchIndicator(IndicatorKinds.LowerIsBetter, "%", "lower", 0L, "none"),
    }).ToList();
    var at = db.UtcStamp();
    await using (var c = await db.OpenAsync())
    {
        await using var t = await c.BeginTransactionAsync();
        await c.ExecuteAsync("INSERT INTO documents (id, folder, title, line_count, sha256) VALUES ('bench', 'bench', '基准测试：合成数据', 0, '-')", transaction: t);
        await c.ExecuteAsync(
            "INSERT INTO plans (id, document_id, title, period_start, period_end, scope_kind, entered_by, entered_at) VALUES ('bench', 'bench', '基准测试规划', 2016, 2027, 'city', 'bench', @at)",
            new { at }, t);
        await BulkInsert.RowsAsync(c, t, "indicators", ["id", "plan_id", "code", "name", "unit", "direction", "cumulative", "aggregation", "position", "entered_by", "entered_at"],
            kinds.Select((k, i) => new object?[] { i + 1L, "bench", $"b{i + 1:D2}", $"基准指标{i + 1:D2}", k.Unit, k.Direction, k.Cumulative, k.Aggregation, i + 1L, "bench", at }));
        await BulkInsert.RowsAsync(c, t, "units", ["id", "name", "full_name", "kind", "position", "entered_by", "entered_at"],
            Enumerable.Range(1, units).Select(u => new object?[] { (long)u, $"单元{u:D4}", $"基准单元{u:D4}", "district", (long)u, "bench", at }));
        await BulkInsert.RowsAsync(c, t, "unit_groups", ["id", "name", "kind", "position", "entered_by", "entered_at"],
            Enumerable.Range(1, 4).Select(g => new object?[] { (long)g, $"比较组{g}", "一区两群", (long)g, "bench", at }));
        await BulkInsert.RowsAsync(c, t, "unit_group_members", ["group_id", "unit_id", "entered_by", "entered_at"],
            Enumerable.Range(1, units).Select(u => new object?[] { (long)(u % 4 + 1), (long)u, "bench", at }));
        await BulkInsert.RowsAsync(c, t, "monitored_indicators", ["indicator_id", "frequency", "kind", "reporters", "required", "position", "entered_by", "entered_at"],
            kinds.Select((k, i) => new object?[] { i + 1L, Frequencies.Month, k.Kind, "all", 1L, i + 1L, "bench", at }));
        var periods = Enumerable.Range(0, months).Select(m => PeriodKey.FromOrdinal(Frequencies.Month, 2025 * 12L + 11 - (months - 1) + m)).ToList();
        await BulkInsert.RowsAsync(c, t, "reporting_periods", ["id", "code", "frequency", "year", "seq", "ordinal", "starts_on", "ends_on", "due_on", "created_by", "created_at"],
            periods.Select((p, i) => new object?[]
            {
                i + 1L, p.Code, p.Frequency, (long)p.Year, (long)p.Seq, p.Ordinal, PeriodStore.Iso(p.StartsOn), PeriodStore.Iso(p.EndsOn), PeriodStore.Iso(p.DefaultDueOn), "bench", at,
            }));
        await t.CommitAsync();
    }

    // Values follow each unit's path from its 2015 baseline towards its 2027 target, at its own pace.
    decimal Baseline(int u, int i) => kinds[i].Kind switch
    {
        IndicatorKinds.Growing => 50 + (u * 7919 + i * 104729) % 2000,
        IndicatorKinds.Share => 20 + (u * 31 + i * 17) % 40,
        IndicatorKinds.LowerIsBetter => 80 + (u * 13 + i) % 15,
        _ => 0,
    };
    decimal Target(int u, int i) => kinds[i].Kind switch
    {
        IndicatorKinds.Growing => Math.Round(Baseline(u, i) * 2.2m, 2),
        IndicatorKinds.Cumulative => 100 + (u * 37 + i * 11) % 900,
        IndicatorKinds.Decrease => 13,
        IndicatorKinds.Share => Baseline(u, i) + 10,
        _ => Baseline(u, i) - 8,
    };
    decimal Value(int u, int i, decimal time)
    {
        var pace = 0.7m + ((u * 2654435761L + i * 40503L) % 1000) / 2000m;          // 0.7 … 1.2 of the straight path
        var share = (time - 2015) / 12 * pace;
        var wobble = 1 + (((u * 48271L + i * 16807L + (long)(time * 12)) % 1000) - 500) / 50000m;
        var b = Baseline(u, i);
        var v = b + (Target(u, i) - b) * share * (kinds[i].Kind is IndicatorKinds.Cumulative or IndicatorKinds.Decrease ? 1 : wobble);
        return kinds[i].Unit == "个" ? Math.Round(v, 0) : Math.Round(v, 2);
    }

    var timer = Stopwatch.StartNew();
    var targetRows = Enumerable.Range(1, units).SelectMany(u => Enumerable.Range(0, indicators).Select(i => new object?[]
    {
        i + 1L, (long)u, 2027L, Target(u, i), kinds[i].Kind is IndicatorKinds.Cumulative or IndicatorKinds.Decrease ? null : 2015L,
        kinds[i].Kind is IndicatorKinds.Cumulative or IndicatorKinds.Decrease ? null : Baseline(u, i), 0L, "bench", at,
    }));
    await Load(db, "monitoring_targets", ["indicator_id", "unit_id", "year", "value", "baseline_year", "baseline_value", "is_demo", "entered_by", "entered_at"],
        [NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Numeric, NpgsqlDbType.Bigint, NpgsqlDbType.Numeric, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text],
        targetRows);
    Console.WriteLine($"  targets: {(long)units * indicators:N0} in {timer.Elapsed.TotalSeconds:0.0} s");

    timer.Restart();
    var submitted = "2025-01-10T02:00:00.000Z";
    var submissionRows = Enumerable.Range(0, months).SelectMany(p => Enumerable.Range(1, units).Select(u => new object?[]
    {
        (long)p * units + u, (long)u, p + 1L, "approved", 3L, 0L, "bench", at, "bench", at, "bench", submitted, "bench", submitted,
    }));
    await Load(db, "submissions", ["id", "unit_id", "period_id", "state", "version", "is_demo", "created_by", "created_at", "updated_by", "updated_at", "submitted_by", "submitted_at",
            "reviewed_by", "reviewed_at"],
        [NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text],
        submissionRows);
    Console.WriteLine($"  submissions: {(long)units * months:N0} in {timer.Elapsed.TotalSeconds:0.0} s");

    timer.Restart();
    var valueRows = Enumerable.Range(0, months).SelectMany(p =>
    {
        var time = PeriodKey.FromOrdinal(Frequencies.Month, 2025 * 12L + 11 - (months - 1) + p).Time;
        return Enumerable.Range(1, units).SelectMany(u => Enumerable.Range(0, indicators).Select(i => new object?[] { (long)p * units + u, i + 1L, Value(u, i, time), 0L }));
    });
    var values = await Load(db, "submission_values", ["submission_id", "indicator_id", "value", "is_demo"],
        [NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Numeric, NpgsqlDbType.Bigint], valueRows);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  values: {values:N0} in {timer.Elapsed.TotalSeconds:0.0} s ({values / timer.Elapsed.TotalSeconds:N0} rows/s)"));

    timer.Restart();
    await using (var c = await db.OpenAsync()) await c.ExecuteAsync("ANALYZE", commandType: System.Data.CommandType.Text);
    var index = await Rankings.SaveIndexAsync(db, Actor.System("bench"), "bench", new IndexSettings("基准赛马指数", Frequencies.Month, "minmax",
        ["比较组1", "比较组2", "比较组3", "比较组4"],
        Enumerable.Range(0, 10).Select(i => new IndexIndicatorSetting($"bench/b{i + 1:D2}",
            (i % 3) switch { 0 => RankingMeasures.Growth, 1 => RankingMeasures.Completion, _ => RankingMeasures.Value }, 1 + i % 4)).ToList()), 0);
    Console.WriteLine($"  index '{index.Code}': {index.Indicators.Count} indicators over {index.Groups.Count} peer groups of {units / 4:N0}; ANALYZE {timer.Elapsed.TotalSeconds:0.0} s");
    if (db.Dialect is SqliteDialect file) Console.WriteLine($"  SQLite file: {new FileInfo(file.Path).Length / 1024.0 / 1024:N0} MB (+ WAL {new FileInfo(file.Path + "-wal").Length / 1024.0 / 1024:N0} MB)");
    Console.WriteLine($"[{engineName}] generated in {total.Elapsed.TotalSeconds:0.0} s; {Memory()}");
}

// Table and column names in the bulk loader are this program's constants; every value is a parameter.
#pragma warning disable CA2100
/// <summary>
/// Bulk load: PostgreSQL binary COPY (foreign-key triggers off for the session: the rows are generated consistent); SQLite
/// prepared multi-row INSERT … VALUES of 200 rows, one transaction per million rows, foreign keys off for the connection.
/// </summary>
static async Task<long> Load(Database db, string table, string[] columns, NpgsqlDbType[] types, IEnumerable<object?[]> rows)
{
    long count = 0;
    if (db.Dialect is PostgresDialect)
    {
        await using var connection = (NpgsqlConnection)await db.OpenAsync();
        await connection.ExecuteAsync("SET session_replication_role = replica");
        await using (var writer = await connection.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                await writer.StartRowAsync();
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is null) await writer.WriteNullAsync();
                    else await writer.WriteAsync(row[i], types[i]);
                }
                count++;
            }
            await writer.CompleteAsync();
        }
        await connection.ExecuteAsync("SET session_replication_role = origin");
        return count;
    }
    await using (var connection = await db.OpenAsync())
    {
        await connection.ExecuteAsync("PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF;");
        const int batch = 200;
        DbCommand? command = null;
        DbTransaction? transaction = null;
        var buffer = new List<object?[]>(batch);
        async Task Flush(List<object?[]> chunk)
        {
            if (chunk.Count == batch && command is not null)
            {
                for (var r = 0; r < chunk.Count; r++)
                    for (var c = 0; c < columns.Length; c++) command.Parameters[r * columns.Length + c].Value = Sqlite(chunk[r][c]);
                await command.ExecuteNonQueryAsync();
                return;
            }
            await using var single = connection.CreateCommand();
            single.Transaction = transaction;
            single.CommandText = Sql(table, columns, chunk.Count);
            for (var r = 0; r < chunk.Count; r++)
                for (var c = 0; c < columns.Length; c++)
                {
                    var p = single.CreateParameter();
                    p.ParameterName = $"@p{r}_{c}";
                    p.Value = Sqlite(chunk[r][c]);
                    single.Parameters.Add(p);
                }
            await single.ExecuteNonQueryAsync();
        }
        foreach (var row in rows)
        {
            if (transaction is null)
            {
                transaction = await connection.BeginTransactionAsync();
                command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = Sql(table, columns, batch);
                for (var r = 0; r < batch; r++)
                    for (var c = 0; c < columns.Length; c++)
                    {
                        var p = command.CreateParameter();
                        p.ParameterName = $"@p{r}_{c}";
                        command.Parameters.Add(p);
                    }
                command.Prepare();
            }
            buffer.Add(row);
            count++;
            if (buffer.Count == batch)
            {
                await Flush(buffer);
                buffer.Clear();
                if (count % 1_000_000 == 0)
                {
                    await transaction.CommitAsync();
                    await command!.DisposeAsync();
                    await transaction.DisposeAsync();
                    transaction = null;
                }
            }
        }
        if (buffer.Count > 0)
        {
            transaction ??= await connection.BeginTransactionAsync();
            await Flush(buffer);
        }
        if (transaction is not null) await transaction.CommitAsync();
        await connection.ExecuteAsync("PRAGMA foreign_keys = ON");
    }
    return count;

    // Exact decimals are TEXT on SQLite (decision 0001).
    static object Sqlite(object? value) => value switch
    {
        null => DBNull.Value,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        _ => value,
    };

    static string Sql(string table, string[] columns, int rows) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES " +
        string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", columns.Select((_, c) => $"@p{r}_{c}")) + ")"));
}
#pragma warning restore CA2100

async Task Measure(Database db, string what)
{
    await using (var c = await db.OpenAsync()) await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM reporting_periods");
    var before = Process.GetCurrentProcess().WorkingSet64;
    var period = (await PeriodStore.ListAsync(db, Frequencies.Month)).First().Code;   // the latest month
    for (var run = 1; run <= 2; run++)
    {
        var timer = Stopwatch.StartNew();
        string result;
        switch (what)
        {
            case "progress":
            {
                var rows = await ProgressReport.ComputeAsync(db, new ProgressQuery());
                result = $"{rows.Count:N0} progress rows ({rows.Count(r => r.ScopeKind == "unit"):N0} unit targets, {rows.Count(r => r.ScopeKind != "unit"):N0} group/city sums), " +
                         string.Join(", ", rows.GroupBy(r => r.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count():N0}"));
                break;
            }
            case "ranking":
            {
                var rankings = await Rankings.RankAsync(db, period, "bench", includeDemo: false);
                var lines = rankings.SelectMany(r => r.Groups).SelectMany(g => g.Units).ToList();
                result = $"ranking of {period}: {lines.Count:N0} units in {rankings[0].Groups.Count} peer groups, {rankings[0].Indicators.Count} indicators; " +
                         $"first of {rankings[0].Groups[0].Group}: {rankings[0].Groups[0].Units[0].Unit} {rankings[0].Groups[0].Units[0].Score}; " +
                         $"{lines.Count(l => l.RankChange is not null and not 0):N0} rank changes";
                break;
            }
            default:
            {
                var content = await Bulletins.GetAsync(db, period, includeDemo: false);
                var built = timer.Elapsed.TotalSeconds;
                var docx = BulletinFiles.Docx(content);
                var xlsx = BulletinFiles.Xlsx(content);
                result = string.Create(CultureInfo.InvariantCulture,
                    $"bulletin of {period}: {content.Rankings.Sum(r => r.Groups.Sum(g => g.Units.Count)):N0} ranked lines, {content.Warnings.Count:N0} warnings, {content.Units.Count:N0} unit lines; " +
                    $"built in {built:0.00} s, .docx {docx.Length / 1024.0 / 1024:0.0} MB, .xlsx {xlsx.Length / 1024.0 / 1024:0.0} MB");
                break;
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what,-9} run {run} ({(run == 1 ? "cold: JIT, caches" : "warm")}): {timer.Elapsed.TotalSeconds:0.000} s — {result}"));
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-9} memory: working set before {before / 1024.0 / 1024:0} MB; {Memory()}"));
}

internal sealed record BenchIndicator(string Kind, string Unit, string Direction, long Cumulative, string Aggregation);
