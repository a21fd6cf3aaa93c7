using System.Data.Common;
using Dapper;
using IndustryMap.Storage;

namespace IndustryMap.Monitoring;

public static class IndicatorKinds
{
    public const string Growing = "growing";
    public const string Cumulative = "cumulative";
    public const string Decrease = "decrease";
    public const string Share = "share";
    public const string LowerIsBetter = "lower_is_better";

    public static readonly IReadOnlyList<string> All = [Growing, Cumulative, Decrease, Share, LowerIsBetter];

    public static IndicatorKind ToKind(string kind) => kind switch
    {
        Growing => IndicatorKind.Growing,
        Cumulative => IndicatorKind.Cumulative,
        Decrease => IndicatorKind.Decrease,
        Share => IndicatorKind.Share,
        LowerIsBetter => IndicatorKind.LowerIsBetter,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Chinese(string kind) => kind switch
    {
        Growing => "总量（按增速判断）",
        Cumulative => "累计值",
        Decrease => "累计下降",
        Share => "比重/数量（线性）",
        LowerIsBetter => "越低越好",
        _ => kind,
    };

    /// <summary>Units counted in whole numbers: a value with a fraction is a typing error.</summary>
    public static bool IsCount(string? unit) => unit is "个" or "家" or "户" or "件" or "项" or "条" or "款" or "种" or "人";

    /// <summary>
    /// How an indicator is judged when nobody said otherwise, from what the plan records about it (seed-data README:
    /// direction, cumulative): a "[ ]" or 累计 value with lower-is-better direction is a reduction achieved
    /// (单位增加值能耗累计下降 13%), any other cumulative value a running total, a non-cumulative lower-is-better value a
    /// level to bring down; money grows (judged by growth rates), and shares, ratios and counts move linearly
    /// (issue 7 §2: "linear where the indicator is a share or a count").
    /// </summary>
    public static string Default(string? direction, bool cumulative, string? unit)
    {
        // A cumulative percentage is a change achieved since the base year; every one in the seeds is a reduction stated
        // with direction higher, a larger reduction being better (yx2027 ind08, cq2019 ind13 and p45; issue 15).
        if (cumulative) return direction == "lower" || unit == "%" ? Decrease : Cumulative;
        if (direction == "lower") return LowerIsBetter;
        return Measures.MeasureUnits.IsMoney(unit) ? Growing : Share;
    }

    /// <summary>Which way is better for the 赛马: a reduction achieved is better when larger, a level to bring down when smaller.</summary>
    public static bool HigherIsBetter(string kind) => kind != LowerIsBetter;
}

/// <summary>An indicator that units report, with its plan and the rules for its values.</summary>
public sealed class MonitoredIndicator
{
    public long IndicatorId { get; set; }
    public string PlanId { get; set; } = "";
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Unit { get; set; }
    public string? Direction { get; set; }
    public long Cumulative { get; set; }
    public string Aggregation { get; set; } = "";
    public string Frequency { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Reporters { get; set; } = "";
    public decimal? MinValue { get; set; }
    public decimal? MaxValue { get; set; }
    public long Required { get; set; }
    public decimal? ChangeWarningShare { get; set; }
    public long Position { get; set; }
    public long IsDemo { get; set; }
    public string EnteredBy { get; set; } = "";
    public string EnteredAt { get; set; } = "";
    public string PlanScopeKind { get; set; } = "";
    public string? PlanScope { get; set; }
    public long? PlanStart { get; set; }
    public long? PlanEnd { get; set; }

    /// <summary>"yx2027/ind01": how files, the API and the pages name the indicator.</summary>
    public string Key => PlanId + "/" + Code;

    public bool Sums => Aggregation == "sum";

    public decimal WarningShare => ChangeWarningShare ?? SubmissionValidation.DefaultChangeWarningShare;
}

public sealed record UnitInfo(long Id, string Name, long Position);

public sealed record GroupInfo(long Id, string Name, string Kind, string? Parent, IReadOnlyList<long> Members);

/// <summary>
/// What monitoring needs to know about units, groups and monitored indicators, read once per request: who reports
/// which indicator, which groups a sum rolls up into.
/// </summary>
public sealed class MonitoringCatalog
{
    public required IReadOnlyList<UnitInfo> Units { get; init; }
    public required IReadOnlyList<GroupInfo> Groups { get; init; }
    public required IReadOnlyList<MonitoredIndicator> Indicators { get; init; }

    private Dictionary<long, UnitInfo>? _unitsById;
    private Dictionary<string, UnitInfo>? _unitsByName;
    private Dictionary<long, IReadOnlySet<long>>? _reporters;

    public UnitInfo Unit(long id) => (_unitsById ??= Units.ToDictionary(u => u.Id))[id];

    public UnitInfo? FindUnit(string name) => (_unitsByName ??= Units.ToDictionary(u => u.Name, StringComparer.Ordinal)).GetValueOrDefault(name);

    public MonitoredIndicator? Find(string key) => Indicators.FirstOrDefault(i => i.Key == key || i.Code == key && Indicators.Count(x => x.Code == key) == 1);

    public GroupInfo? Group(string name) => Groups.FirstOrDefault(g => g.Name == name);

    /// <summary>The units that report an indicator: every unit, or the plan's scope (its unit, its region's members, or every unit for a city plan).</summary>
    public IReadOnlySet<long> Reporters(MonitoredIndicator indicator)
    {
        _reporters ??= [];
        if (_reporters.TryGetValue(indicator.IndicatorId, out var cached)) return cached;
        var set = indicator.Reporters == "all" ? Units.Select(u => u.Id).ToHashSet() : PlanUnits(indicator);
        _reporters[indicator.IndicatorId] = set;
        return set;
    }

    /// <summary>
    /// The units the indicator's plan applies to (its scope: the city, a region's members or one unit), whoever reports
    /// it. A unit outside may report the value for a city-wide ranking, but the plan sets it no target.
    /// </summary>
    public IReadOnlySet<long> PlanUnits(MonitoredIndicator indicator) => indicator.PlanScopeKind switch
    {
        "city" => Units.Select(u => u.Id).ToHashSet(),
        "region" => (Group(indicator.PlanScope ?? "")?.Members ?? []).ToHashSet(),
        _ => Units.Where(u => u.Name == indicator.PlanScope).Select(u => u.Id).ToHashSet(),
    };

    /// <summary>The indicators a unit reports in a period of the given frequency, in the order of the form.</summary>
    public IReadOnlyList<MonitoredIndicator> FormFor(long unitId, string frequency) =>
        Indicators.Where(i => i.Frequency == frequency && Reporters(i).Contains(unitId)).ToList();

    /// <summary>The units expected to report in a period of the given frequency.</summary>
    public IReadOnlyList<UnitInfo> ExpectedReporters(string frequency)
    {
        var expected = Indicators.Where(i => i.Frequency == frequency).SelectMany(Reporters).ToHashSet();
        return Units.Where(u => expected.Contains(u.Id)).ToList();
    }

    public static async Task<MonitoringCatalog> LoadAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return await LoadAsync(connection);
    }

    public const string IndicatorSelect =
        """
        SELECT m.indicator_id, i.plan_id, i.code, i.name, i.unit, i.direction, i.cumulative, i.aggregation, m.frequency, m.kind, m.reporters,
               m.min_value, m.max_value, m.required, m.change_warning_share, m.position, m.is_demo, m.entered_by, m.entered_at,
               p.scope_kind AS plan_scope_kind, p.scope AS plan_scope, p.period_start AS plan_start, p.period_end AS plan_end
        FROM monitored_indicators m JOIN indicators i ON i.id = m.indicator_id JOIN plans p ON p.id = i.plan_id
        """;

    public static async Task<MonitoringCatalog> LoadAsync(DbConnection connection, DbTransaction? transaction = null)
    {
        var units = (await connection.QueryAsync<(long Id, string Name, long Position)>(
            "SELECT id, name, position FROM units ORDER BY position, id", transaction: transaction)).Select(u => new UnitInfo(u.Id, u.Name, u.Position)).ToList();
        var groups = (await connection.QueryAsync<(long Id, string Name, string Kind, long? ParentId)>(
            "SELECT id, name, kind, parent_id FROM unit_groups ORDER BY position, id", transaction: transaction)).ToList();
        var members = (await connection.QueryAsync<(long GroupId, long UnitId)>(
            "SELECT m.group_id, m.unit_id FROM unit_group_members m JOIN units u ON u.id = m.unit_id ORDER BY u.position, u.id", transaction: transaction))
            .ToLookup(m => m.GroupId, m => m.UnitId);
        // A group's members are its own and those of its sub-groups (主城都市区 = 中心城区 + 主城新区).
        List<long> Effective(long id) => members[id].Concat(groups.Where(g => g.ParentId == id).SelectMany(g => Effective(g.Id))).Distinct().ToList();
        var position = units.ToDictionary(u => u.Id, u => u.Position);
        var groupInfos = groups.Select(g => new GroupInfo(g.Id, g.Name, g.Kind, groups.FirstOrDefault(p => p.Id == g.ParentId).Name,
            Effective(g.Id).OrderBy(u => position.GetValueOrDefault(u)).ToList())).ToList();
        var indicators = (await connection.QueryAsync<MonitoredIndicator>(IndicatorSelect + " ORDER BY m.position, i.plan_id, i.position", transaction: transaction)).ToList();
        return new MonitoringCatalog { Units = units, Groups = groupInfos, Indicators = indicators };
    }
}
