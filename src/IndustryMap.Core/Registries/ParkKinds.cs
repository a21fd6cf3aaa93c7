namespace IndustryMap.Registries;

/// <summary>
/// What a row of the park registry is (decision 0011, issue 11 §3): a fixed list, each kind with one Chinese and one
/// English label, and whether it counts as a park. The seed plans list internet platforms, laboratories and
/// standard-factory items next to development zones and parks; only the kinds with <see cref="ParkKind.IsPark"/>
/// are parks (<c>/api/parks</c>), the others are other carriers (<c>/api/parks?all=true</c>).
/// </summary>
public sealed record ParkKind(string Code, string Chinese, string English, bool IsPark);

public static class ParkKinds
{
    public static readonly ParkKind DevelopmentZone = new("development_zone", "开发区", "development zone", true);
    public static readonly ParkKind Park = new("park", "园区", "industrial park", true);
    public static readonly ParkKind SubPark = new("sub_park", "园中园", "park within a park", true);
    public static readonly ParkKind ClusterArea = new("cluster_area", "集聚区", "cluster area", true);
    public static readonly ParkKind Base = new("base", "基地", "industrial base", false);
    public static readonly ParkKind Platform = new("platform", "平台", "platform", false);
    public static readonly ParkKind Laboratory = new("laboratory", "实验室", "laboratory", false);
    public static readonly ParkKind StandardFactory = new("standard_factory", "标准厂房", "standard factory", false);
    public static readonly ParkKind Facility = new("facility", "公共设施", "shared facility", false);
    public static readonly ParkKind Area = new("area", "片区", "area", false);

    public static readonly IReadOnlyList<ParkKind> All =
        [DevelopmentZone, Park, SubPark, ClusterArea, Base, Platform, Laboratory, StandardFactory, Facility, Area];

    private static readonly Dictionary<string, ParkKind> ByCodeMap = All.ToDictionary(k => k.Code, StringComparer.Ordinal);

    public static ParkKind? ByCode(string? code) => code is not null && ByCodeMap.TryGetValue(code, out var kind) ? kind : null;

    /// <summary>The codes of the kinds that count as parks (for SQL filters).</summary>
    public static IReadOnlyList<string> ParkCodes => All.Where(k => k.IsPark).Select(k => k.Code).ToList();

    /// <summary>
    /// The kind of a seed-document row from the kind the curators recorded (seed-data/00x/parks.csv <c>kind</c>, a
    /// printed word such as 经开区园区 or a curated one such as platform) and its name (decision 0011 §2). The
    /// printed kind stays in the row; this is the registry's reading of it, never written back.
    /// </summary>
    public static ParkKind Classify(string? recordedKind, string name)
    {
        var kind = recordedKind?.Trim() ?? "";
        if (name.Contains("实验室", StringComparison.Ordinal)) return Laboratory;
        if (kind == "platform" || name.EndsWith("平台", StringComparison.Ordinal)) return Platform;
        if (kind == "标准厂房") return StandardFactory;
        if (kind.EndsWith("中心", StringComparison.Ordinal)) return Facility;
        if (kind is "经开区" or "开发区" || name.EndsWith("开发区", StringComparison.Ordinal)) return DevelopmentZone;
        if (kind == "经开区园区") return SubPark;
        if (kind.Contains("集聚区", StringComparison.Ordinal) || name.Contains("集聚区", StringComparison.Ordinal) || name.Contains("聚集区", StringComparison.Ordinal))
        {
            return ClusterArea;
        }
        if (kind is "特色产业基地" or "产业园" or "特色工业园区" or "park") return Park;
        if (kind == "base") return Base;
        // A zone (片区) is a park only when it is named one (…园区); 茶园新区 is a district, not a park.
        if (kind == "zone") return name.EndsWith("园区", StringComparison.Ordinal) ? Park : Area;
        return name.EndsWith("园", StringComparison.Ordinal) || name.EndsWith("园区", StringComparison.Ordinal) ? Park : Area;
    }
}

/// <summary>
/// The levels a public park row may state (decision 0011 §3). A row whose source does not print the level says
/// <see cref="NotStated"/>; any other level keeps the words as printed (<c>level_printed</c>).
/// </summary>
public static class ParkLevels
{
    public const string NotStated = "未载明";

    public static readonly IReadOnlyList<string> All =
    [
        "国家级经开区", "国家级高新区", "国家级新区", "市级经开区", "市级高新区", "市级开发区", "市级特色工业园区", "市级工业园区", NotStated,
    ];

    public static bool IsKnown(string level) => All.Contains(level, StringComparer.Ordinal);

    public static bool IsStated(string? level) => !string.IsNullOrEmpty(level) && level != NotStated;
}
