namespace IndustryMap.Registries;

/// <summary>One lifecycle for projects, whatever words a document's project library uses for its stages.</summary>
public static class ProjectLifecycle
{
    public const string Planning = "planning";
    public const string Tracking = "tracking";
    public const string Negotiating = "negotiating";
    public const string Signed = "signed";
    public const string Construction = "construction";
    public const string Production = "production";

    /// <summary>The stages in order, with their Chinese names.</summary>
    public static readonly IReadOnlyList<(string Stage, string Chinese)> Stages =
    [
        (Planning, "策划"), (Tracking, "跟踪"), (Negotiating, "在谈"), (Signed, "签约"), (Construction, "在建"), (Production, "投产"),
    ];

    /// <summary>
    /// The documents' own stage words. 万州 annex (seed 003 附件): 策划, 跟踪, 在谈, 签约/已签约, 在建, 投产. 南岸 annex 3
    /// (seed 004 附件三): 策划项目, 前期策划, 新开工, 续建, 技术改造 — a 技术改造 project in the 十四五 key-project list is a
    /// renovation under way, so it counts as construction; the printed word is always kept beside the stage.
    /// </summary>
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["策划"] = Planning, ["策划项目"] = Planning, ["前期策划"] = Planning, ["谋划"] = Planning, ["储备"] = Planning, ["前期"] = Planning,
        ["跟踪"] = Tracking,
        ["在谈"] = Negotiating, ["洽谈"] = Negotiating,
        ["签约"] = Signed, ["已签约"] = Signed,
        ["在建"] = Construction, ["新开工"] = Construction, ["续建"] = Construction, ["开工"] = Construction, ["技术改造"] = Construction,
        ["投产"] = Production, ["建成投产"] = Production, ["竣工"] = Production,
    };

    public static IReadOnlyCollection<string> KnownWords => Words.Keys;

    public static string? Map(string? printed) => printed is not null && Words.TryGetValue(printed.Trim(), out var stage) ? stage : null;

    public static string Chinese(string stage) => Stages.First(s => s.Stage == stage).Chinese;
}
