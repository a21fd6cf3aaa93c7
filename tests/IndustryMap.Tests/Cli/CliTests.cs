using System.Diagnostics;
using System.Text.Json;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Cli;

/// <summary>The `industrymap` executable run as a real process with its own environment, as users and scripts run it.</summary>
public class CliTests
{
    public sealed record Run(int ExitCode, string Out, string Err);

    public static async Task<Run> Industrymap(TestStore? store, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "industrymap.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (store is not null) foreach (var (key, value) in store.Environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new Run(process.ExitCode, await output, await error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("serve", "--help")]
    [InlineData("db", "--help")]
    [InlineData("db", "migrate", "--help")]
    [InlineData("import", "--help")]
    [InlineData("export", "--help")]
    [InlineData("check", "--help")]
    [InlineData("place", "--help")]
    [InlineData("register", "verify", "--help")]
    [InlineData("pipeline", "yuxi-floor", "--help")]
    public async Task EveryVerb_HasHelp(params string[] args)
    {
        var run = await Industrymap(null, args);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out);
    }

    [Fact]
    public async Task UnknownVerb_ExitsWithUsageError()
    {
        var run = await Industrymap(null, "frobnicate");
        Assert.Equal(1, run.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task MigrateImportExport_RoundTripThroughTheCommandLine(string engine)
    {
        await using var store = await TestStore.CreateAsync(engine);
        var notMigrated = await Industrymap(store, "import", SeedData.Folder);
        Assert.Equal(3, notMigrated.ExitCode);
        Assert.Contains("db migrate", notMigrated.Err);

        var migrate = await Industrymap(store, "db", "migrate");
        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("applied", migrate.Out);
        Assert.Contains("up to date", (await Industrymap(store, "db", "migrate")).Out);

        var import = await Industrymap(store, "import", SeedData.Folder, "--format", "json");
        Assert.Equal(0, import.ExitCode);
        Assert.Equal(41, JsonDocument.Parse(import.Out).RootElement.GetProperty("Counts").GetProperty("units").GetInt32());

        var export = await Industrymap(store, "export", "--format", "json");
        Assert.Equal(0, export.ExitCode);
        var json = JsonDocument.Parse(export.Out).RootElement;
        Assert.Equal(41, json.GetProperty("units").GetArrayLength());
        var seedRows = json.GetProperty("layouts").EnumerateArray().Where(r => r.GetProperty("source_tier").GetString() == "seed").ToList();
        Assert.Equal(24, seedRows.Select(r => r.GetProperty("unit").GetString()).Distinct().Count());
        Assert.All(seedRows, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("source_lines").GetString())));
        // Public rows (decision 0010) carry their page instead of lines.
        Assert.All(json.GetProperty("layouts").EnumerateArray().Where(r => r.GetProperty("source_tier").GetString() == "public"), r =>
        {
            Assert.StartsWith("http", r.GetProperty("source_url").GetString());
            Assert.False(string.IsNullOrEmpty(r.GetProperty("source_title").GetString()));
        });

        var outDir = Path.Combine(store.Options.DataDirectory, "export");
        var csv = await Industrymap(store, "export", "--format", "csv", "--out", outDir);
        Assert.Equal(0, csv.ExitCode);
        var layoutCsv = IndustryMap.Text.Csv.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "layouts.csv"))).ToList();
        Assert.Equal(json.GetProperty("layouts").GetArrayLength() + 1, layoutCsv.Count);
    }

    [Fact]
    public async Task Check_ReportsFindings_AndFailsOnlyWhenStrict()
    {
        await using var store = await TestStore.SeededAsync(Engines.Sqlite);
        var report = await Industrymap(store, "check");
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("全部工业增加值", report.Out);
        Assert.Contains("[mismatch] growth", report.Out);
        var strict = await Industrymap(store, "check", "--strict", "--format", "json");
        Assert.Equal(4, strict.ExitCode);
        var json = JsonDocument.Parse(strict.Out).RootElement;
        Assert.True(json.GetProperty("problems").GetInt32() > 0);
        Assert.Equal(json.GetProperty("total").GetInt32(), json.GetProperty("findings").GetArrayLength());
        var clean = await Industrymap(store, "check", "--strict", "--plan", "no-such-plan");
        Assert.Equal(0, clean.ExitCode);
    }

    [Fact]
    public async Task Import_BadFolder_ExitsTwoAndNamesFileRowAndField()
    {
        await using var store = await TestStore.CreateAsync(Engines.Sqlite);
        Assert.Equal(0, (await Industrymap(store, "db", "migrate")).ExitCode);
        var folder = SeedData.CopyToTemp();
        var row = CsvEdit.SetField(Path.Combine(folder, "000-industry-map-2023", "layout.csv"), r => r["unit"] == "城口县", "unit", "城口镇");

        var run = await Industrymap(store, "import", folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"000-industry-map-2023/layout.csv 第{row}行 字段 unit", run.Err);
        Assert.Contains("城口镇", run.Err);
        Assert.Contains("数据库未作任何更改", run.Err);
        var export = JsonDocument.Parse((await Industrymap(store, "export", "--format", "json", "--dataset", "units")).Out).RootElement;
        Assert.Equal(0, export.GetProperty("units").GetArrayLength());
    }
}
