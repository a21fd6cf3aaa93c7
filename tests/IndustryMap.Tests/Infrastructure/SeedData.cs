namespace IndustryMap.Tests.Infrastructure;

/// <summary>Where the seed data and the original seed documents are, from the test's point of view.</summary>
public static class SeedData
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The repository's seed data, or INDUSTRYMAP_SEED when a run wants another data set.</summary>
    public static string Folder => Environment.GetEnvironmentVariable("INDUSTRYMAP_SEED") is { Length: > 0 } other
        ? Path.GetFullPath(other)
        : Path.Combine(RepositoryRoot, "seed-data");

    /// <summary>The original documents, ../shared/seeds beside the clone (CI puts them there).</summary>
    public static string? OriginalsFolder =>
        Path.Combine(RepositoryRoot, "..", "shared", "seeds") is var path && Directory.Exists(path) ? Path.GetFullPath(path) : null;

    public static IReadOnlyList<string> DocumentLines(string documentId)
    {
        var folder = Directory.GetDirectories(Folder, documentId + "-*").Single();
        return IndustryMap.Import.SeedReader.SplitLines(File.ReadAllText(Path.Combine(folder, "document.txt")));
    }

    /// <summary>A private copy of the seed data that a test may damage.</summary>
    public static string CopyToTemp()
    {
        var target = Path.Combine(Path.GetTempPath(), "industrymap-tests", "seed-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IndustryMap.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("cannot find the repository root (IndustryMap.slnx) above " + AppContext.BaseDirectory);
    }
}
