using System.Diagnostics;
using IndustryMap.Tests.Cli;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Resilience;

/// <summary>
/// Nothing lost (issue 4 §6): the real `industrymap import` is killed with SIGKILL in the middle of writing a large
/// data set, and the database afterwards holds exactly what it held before, and still works.
/// </summary>
public class KillDuringImportTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task KillingTheImportMidway_LeavesTheDatabaseUnchanged(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var before = await DatabaseDump.TakeAsync(store.Database);
        var folder = LargeSeedData.Generate(documents: 30, linesEach: 20_000);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "industrymap.dll"));
        foreach (var arg in new[] { "import", folder, "--progress" }) start.ArgumentList.Add(arg);
        foreach (var (key, value) in store.Environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();

        // The importer reports each document from inside its one transaction. After the third generated document
        // (and long before the thirtieth) the transaction has written many thousands of rows and is not committed.
        string? line;
        var seen = new List<string>();
        while ((line = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2))) is not null)
        {
            seen.Add(line);
            if (line.Contains("document 102 ", StringComparison.Ordinal)) break;
        }
        Assert.True(line is not null, "the import ended before it reached document 102:\n" + string.Join("\n", seen));
        Assert.False(process.HasExited, "the import finished before it could be killed");
        process.Kill(entireProcessTree: true); // SIGKILL: no catch, no finally, no rollback by the process
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.NotEqual(0, process.ExitCode);
        Assert.DoesNotContain(seen, l => l.Contains("committing", StringComparison.Ordinal));

        DatabaseDump.Equal(before, await DatabaseDump.TakeAsync(store.Database));

        // And the store is usable: the next import goes through.
        var again = await CliTests.Industrymap(store, "import", SeedData.Folder);
        Assert.Equal(0, again.ExitCode);
        Directory.Delete(folder, recursive: true);
    }
}
