using System.Data.Common;
using System.Globalization;
using Dapper;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Storage;
using IndustryMap.Writing;

namespace IndustryMap.Monitoring;

public static class RankingMeasures
{
    /// <summary>The value as submitted.</summary>
    public const string Value = "value";
    /// <summary>Growth on the same period a year before (同比增速), in percent.</summary>
    public const string Growth = "growth";
    /// <summary>Completion of the unit's target (ProgressCalculator), in percent.</summary>
    public const string Completion = "completion";

    public static readonly IReadOnlyList<string> All = [Value, Growth, Completion];

    public static string Chinese(string measure) => measure switch
    {
        Value => "数值",
        Growth => "同比增速（%）",
        Completion => "目标完成度（%）",
        _ => measure,
    };

    public static string Normalization(Normalization n) => n switch
    {
        Monitoring.Normalization.MinMax => "minmax",
        Monitoring.Normalization.ZScore => "zscore",
        _ => "rank",
    };

    public static Normalization ParseNormalization(string text) => text switch
    {
        "minmax" => Monitoring.Normalization.MinMax,
        "zscore" => Monitoring.Normalization.ZScore,
        "rank" => Monitoring.Normalization.Rank,
        _ => throw RefusedException.Invalid("invalid_normalization", "标准化方法须为 minmax（极差）、zscore（标准分）或 rank（位次）", "normalization must be minmax, zscore or rank"),
    };

    public static string NormalizationChinese(string text) => text switch
    {
        "minmax" => "极差标准化（0–100）",
        "zscore" => "标准分（均值 50，每个标准差 10 分）",
        "rank" => "位次得分（0–100）",
        _ => text,
    };
}

public sealed record IndexIndicatorDef(MonitoredIndicator Indicator, string Measure, decimal Weight, bool HigherIsBetter, int Position)
{
    public string Key => Indicator.Key + ":" + Measure;
}

public sealed record RankingIndexDef(long Id, string Code, string Name, string Frequency, string Normalization, long Version, bool Demo, string EnteredBy,
    string EnteredAt, IReadOnlyList<GroupInfo> Groups, IReadOnlyList<IndexIndicatorDef> Indicators);

public sealed record IndexIndicatorSetting(string Indicator, string Measure, decimal Weight, bool? HigherIsBetter = null);

public sealed record IndexSettings(string Name, string Frequency, string Normalization, IReadOnlyList<string> Groups, IReadOnlyList<IndexIndicatorSetting> Indicators);

/// <summary>A value behind a score: which period, as approved, and the submission it came from.</summary>
public sealed record SubmittedValue(string Period, decimal Value, bool Demo, string Record);

public sealed record ScoreLine(string Indicator, string Name, string Measure, string MeasureName, string? Unit, decimal? Value, decimal Score, decimal Weight,
    bool HigherIsBetter, IReadOnlyList<SubmittedValue> Submitted, decimal? Target);

public sealed record RankingLine(string Unit, decimal Score, int Rank, int? PreviousRank, int? RankChange, int Missing, bool Demo, IReadOnlyList<ScoreLine> Scores);

public sealed record RankingGroup(string Group, IReadOnlyList<RankingLine> Units);

public sealed record IndexIndicatorView(string Indicator, string Name, string Measure, string MeasureName, decimal Weight, bool HigherIsBetter);

public sealed record RankingResult(string Index, string IndexName, string Normalization, string NormalizationName, string Period, string PeriodName,
    string? PreviousPeriod, bool Demo, IReadOnlyList<IndexIndicatorView> Indicators, IReadOnlyList<RankingGroup> Groups);

/// <summary>
/// The 赛马 (issue 7 §4; seed 001 §七（三）): composite indexes kept by the administrator, and the ranking of a period
/// within each peer group by <see cref="RankingIndex"/>, with the rank change against the previous period and, for
/// every score, the approved values behind it.
/// </summary>
public static class Rankings
{
    public static async Task<IReadOnlyList<RankingIndexDef>> IndexesAsync(DbConnection connection, MonitoringCatalog catalog, DbTransaction? transaction = null)
    {
        var indexes = await connection.QueryAsync<(long Id, string Code, string Name, string Frequency, string Normalization, long Version, long IsDemo,
            string EnteredBy, string EnteredAt)>(
            "SELECT id, code, name, frequency, normalization, version, is_demo, entered_by, entered_at FROM ranking_indexes ORDER BY position, id", transaction: transaction);
        var groups = (await connection.QueryAsync<(long IndexId, long GroupId)>(
            "SELECT index_id, group_id FROM ranking_index_groups ORDER BY index_id, position", transaction: transaction)).ToLookup(g => g.IndexId, g => g.GroupId);
        var indicators = (await connection.QueryAsync<(long IndexId, long IndicatorId, string Measure, object Weight, long HigherIsBetter, long Position)>(
                "SELECT index_id, indicator_id, measure, weight, higher_is_better, position FROM ranking_index_indicators ORDER BY index_id, position",
                transaction: transaction))
            .ToLookup(i => i.IndexId);
        var monitored = catalog.Indicators.ToDictionary(i => i.IndicatorId);
        return indexes.Select(x => new RankingIndexDef(x.Id, x.Code, x.Name, x.Frequency, x.Normalization, x.Version, x.IsDemo == 1, x.EnteredBy, x.EnteredAt,
                groups[x.Id].Select(g => catalog.Groups.First(c => c.Id == g)).ToList(),
                indicators[x.Id].Where(i => monitored.ContainsKey(i.IndicatorId))
                    .Select(i => new IndexIndicatorDef(monitored[i.IndicatorId], i.Measure, Decimals.Normalize(ValueReader.Decimal(i.Weight)!.Value), i.HigherIsBetter == 1,
                        (int)i.Position)).ToList()))
            .ToList();
    }

    public static async Task<IReadOnlyList<RankingIndexDef>> IndexesAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return await IndexesAsync(connection, await MonitoringCatalog.LoadAsync(connection));
    }

    /// <summary>Creates or replaces an index. <paramref name="expectedVersion"/>: 0 for a new index, else the version edited (a stale one gets 409).</summary>
    public static async Task<RankingIndexDef> SaveIndexAsync(Database database, Actor actor, string code, IndexSettings settings, long expectedVersion, bool demo = false)
    {
        MonitoringSetup.RequireAdmin(actor);
        FieldRules.ThrowIfAny([
            FieldRules.Text("code", "指数代码", code, 40, required: true),
            FieldRules.Text("name", "指数名称", settings.Name, 100, required: true),
            code.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                ? Refusal.OfField("code", "invalid_code", "指数代码只能由字母、数字、- 和 _ 组成", "an index code is letters, digits, - and _") : null,
        ]);
        if (!Frequencies.All.Contains(settings.Frequency))
        {
            throw RefusedException.Invalid("invalid_frequency", "频率须为 year、quarter 或 month", "frequency must be year, quarter or month");
        }
        RankingMeasures.ParseNormalization(settings.Normalization);
        if (settings.Indicators.Count == 0 || settings.Groups.Count == 0)
        {
            throw RefusedException.Invalid("index_incomplete", "指数须至少包含一个指标和一个比较组", "an index needs at least one indicator and one peer group");
        }
        if (settings.Indicators.Any(i => i.Weight <= 0 || !RankingMeasures.All.Contains(i.Measure)))
        {
            throw RefusedException.Invalid("invalid_index_indicator", "每个指标的权重须大于 0，口径须为 value、growth 或 completion",
                "every indicator needs a weight above 0 and a measure of value, growth or completion");
        }
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var catalog = await MonitoringCatalog.LoadAsync(connection, transaction);
            var groups = settings.Groups.Select(g => catalog.Group(g) ?? throw RefusedException.NotFound("group_not_found", $"没有名为“{g}”的片区", $"no group '{g}'")).ToList();
            var indicators = settings.Indicators.Select(i => (Setting: i, Indicator: catalog.Find(i.Indicator)
                ?? throw RefusedException.NotFound("indicator_not_monitored", $"“{i.Indicator}”不是监测指标", $"'{i.Indicator}' is not a monitored indicator"))).ToList();
            if (indicators.GroupBy(i => (i.Indicator.IndicatorId, i.Setting.Measure)).Any(g => g.Count() > 1))
            {
                throw RefusedException.Invalid("duplicate_index_indicator", "同一指标的同一口径只能出现一次", "an indicator and measure may appear once");
            }
            await database.Dialect.LockAsync(connection, transaction, "ranking_indexes:" + code);
            var before = (await IndexesAsync(connection, catalog, transaction)).FirstOrDefault(x => x.Code == code);
            if ((before?.Version ?? 0) != expectedVersion)
            {
                throw RefusedException.Conflict("edit_conflict",
                    $"“{code}”指数已被 {before?.EnteredBy} 于 {before?.EnteredAt} 修改（现为第 {before?.Version ?? 0} 版，您的修改基于第 {expectedVersion} 版），未保存；请刷新后重新编辑",
                    $"the index {code} was changed by {before?.EnteredBy} at {before?.EnteredAt}; nothing was saved",
                    new Dictionary<string, object?> { ["record"] = "ranking_indexes/" + code, ["currentVersion"] = before?.Version ?? 0 });
            }
            var values = new
            {
                Code = code, settings.Name, settings.Frequency, settings.Normalization, By = actor.Name, At = database.UtcStamp(), Demo = demo ? 1L : 0L, Expected = expectedVersion,
            };
            long id;
            if (before is null)
            {
                id = await connection.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO ranking_indexes (code, name, frequency, normalization, position, version, is_demo, entered_by, entered_at)
                    VALUES (@Code, @Name, @Frequency, @Normalization, (SELECT COALESCE(MAX(position), 0) + 1 FROM ranking_indexes), 1, @Demo, @By, @At) RETURNING id
                    """, values, transaction);
            }
            else
            {
                id = before.Id;
                await connection.ExecuteAsync(
                    """
                    UPDATE ranking_indexes SET name = @Name, frequency = @Frequency, normalization = @Normalization, version = version + 1, is_demo = @Demo,
                        entered_by = @By, entered_at = @At WHERE code = @Code AND version = @Expected
                    """, values, transaction);
                await connection.ExecuteAsync("DELETE FROM ranking_index_groups WHERE index_id = @id", new { id }, transaction);
                await connection.ExecuteAsync("DELETE FROM ranking_index_indicators WHERE index_id = @id", new { id }, transaction);
            }
            for (var g = 0; g < groups.Count; g++)
            {
                await connection.ExecuteAsync("INSERT INTO ranking_index_groups (index_id, group_id, position) VALUES (@id, @GroupId, @Position)",
                    new { id, GroupId = groups[g].Id, Position = (long)g + 1 }, transaction);
            }
            for (var i = 0; i < indicators.Count; i++)
            {
                var (setting, indicator) = indicators[i];
                await connection.ExecuteAsync(
                    """
                    INSERT INTO ranking_index_indicators (index_id, indicator_id, measure, weight, higher_is_better, position)
                    VALUES (@id, @IndicatorId, @Measure, @Weight, @HigherIsBetter, @Position)
                    """,
                    new
                    {
                        id, indicator.IndicatorId, setting.Measure, setting.Weight,
                        HigherIsBetter = setting.HigherIsBetter ?? (setting.Measure != RankingMeasures.Value || IndicatorKinds.HigherIsBetter(indicator.Kind)) ? 1L : 0L,
                        Position = (long)i + 1,
                    }, transaction);
            }
            var after = (await IndexesAsync(connection, catalog, transaction)).First(x => x.Id == id);
            await AuditLog.AppendAsync(connection, transaction, database, actor, "monitoring.index.save", "ranking_indexes", code,
                before is null ? null : Describe(before), Describe(after));
            return after;
        });
    }

    private static object Describe(RankingIndexDef x) => new
    {
        x.Code, x.Name, x.Frequency, x.Normalization, x.Version, Groups = x.Groups.Select(g => g.Name),
        Indicators = x.Indicators.Select(i => new { i.Indicator.Key, i.Measure, i.Weight, i.HigherIsBetter }),
    };

    /// <summary>The rankings of a period under every index of its frequency (or the one named).</summary>
    public static async Task<IReadOnlyList<RankingResult>> RankAsync(Database database, string period, string? index = null, bool includeDemo = true)
    {
        await using var connection = await database.OpenAsync();
        var catalog = await MonitoringCatalog.LoadAsync(connection);
        return await RankAsync(connection, catalog, period, index, includeDemo);
    }

    public static async Task<IReadOnlyList<RankingResult>> RankAsync(DbConnection connection, MonitoringCatalog catalog, string period, string? index, bool includeDemo)
    {
        var periodRow = await PeriodStore.RequireAsync(connection, null, period);
        var indexes = await IndexesAsync(connection, catalog);
        if (index is not null)
        {
            var one = indexes.FirstOrDefault(x => x.Code == index)
                      ?? throw RefusedException.NotFound("index_not_found", $"没有代码为“{index}”的赛马指数", $"no ranking index '{index}'");
            if (one.Frequency != periodRow.Frequency)
            {
                throw RefusedException.Invalid("period_frequency_mismatch", $"“{one.Name}”按{Frequencies.Chinese(one.Frequency)}排名，不能用于报告期 {periodRow.Code}",
                    $"the index {one.Code} ranks {one.Frequency} periods, not {periodRow.Code}");
            }
            indexes = [one];
        }
        var results = new List<RankingResult>();
        var cache = new PeriodValues(connection, includeDemo, indexes.SelectMany(x => x.Indicators).Select(i => i.Indicator.IndicatorId).ToHashSet());
        foreach (var x in indexes.Where(x => x.Frequency == periodRow.Frequency && x.Indicators.Count > 0 && x.Groups.Count > 0))
        {
            results.Add(await RankAsync(connection, catalog, x, periodRow.Key, cache, includeDemo));
        }
        return results;
    }

    private static async Task<RankingResult> RankAsync(DbConnection connection, MonitoringCatalog catalog, RankingIndexDef index, PeriodKey period, PeriodValues cache,
        bool includeDemo)
    {
        var normalization = RankingMeasures.ParseNormalization(index.Normalization);
        var indicators = index.Indicators.Select(i => new IndexIndicator(i.Key, i.Weight, i.HigherIsBetter)).ToList();
        var units = index.Groups.SelectMany(g => g.Members).ToHashSet();
        var completion = index.Indicators.Where(i => i.Measure == RankingMeasures.Completion).Select(i => i.Indicator.IndicatorId).ToHashSet();
        var targets = completion.Count > 0
            ? (await AssessmentTargetStore.LoadAsync(connection, catalog, new TargetFilter(IncludeDemo: includeDemo, IndicatorIds: completion)))
                .Where(t => t.ScopeKind == "unit" && units.Contains(t.UnitId!.Value)).ToLookup(t => (t.UnitId!.Value, t.Indicator.IndicatorId))
            : null;
        var current = await MeasureAsync(catalog, index, period, units, cache, targets);
        var previousKey = period.Previous;
        var previous = await cache.ExistsAsync(previousKey) ? await MeasureAsync(catalog, index, previousKey, units, cache, targets) : null;
        var groups = new List<RankingGroup>();
        foreach (var group in index.Groups)
        {
            var members = group.Members.Select(m => catalog.Unit(m).Name).ToList();
            var values = members.ToDictionary(m => m, m => current.Values.GetValueOrDefault(m) ?? Empty(indicators));
            Dictionary<string, int>? previousRanks = null;
            if (previous is not null && members.Any(m => previous.Values.GetValueOrDefault(m)?.Values.Any(v => v is not null) == true))
            {
                previousRanks = RankingIndex.Rank(members.ToDictionary(m => m, m => previous.Values.GetValueOrDefault(m) ?? Empty(indicators)), indicators, normalization)
                    .ToDictionary(r => r.Unit, r => r.Rank);
            }
            var ranked = RankingIndex.Rank(values, indicators, normalization, previousRanks);
            groups.Add(new RankingGroup(group.Name, ranked.Select(r => new RankingLine(r.Unit, r.Score, r.Rank, r.PreviousRank, r.RankChange,
                r.Scores.Count(s => s.Value is null), current.Demo.Contains(r.Unit),
                index.Indicators.Zip(r.Scores, (def, s) => new ScoreLine(def.Indicator.Key, def.Indicator.Name, def.Measure, RankingMeasures.Chinese(def.Measure),
                    def.Measure == RankingMeasures.Value ? def.Indicator.Unit : "%", s.Value, s.Score, s.Weight, def.HigherIsBetter,
                    current.Behind.GetValueOrDefault((r.Unit, def.Key)) ?? [], current.Targets.GetValueOrDefault((r.Unit, def.Key)))).ToList())).ToList()));
        }
        return new RankingResult(index.Code, index.Name, index.Normalization, RankingMeasures.NormalizationChinese(index.Normalization), period.Code, period.Chinese,
            previous is null ? null : previousKey.Code, current.Demo.Count > 0,
            index.Indicators.Select(i => new IndexIndicatorView(i.Key, i.Indicator.Name, i.Measure, RankingMeasures.Chinese(i.Measure), i.Weight, i.HigherIsBetter)).ToList(),
            groups);
    }

    private static IReadOnlyDictionary<string, decimal?> Empty(IReadOnlyList<IndexIndicator> indicators) => indicators.ToDictionary(i => i.Indicator, _ => (decimal?)null);

    private sealed record Measured(Dictionary<string, IReadOnlyDictionary<string, decimal?>> Values, Dictionary<(string, string), IReadOnlyList<SubmittedValue>> Behind,
        Dictionary<(string, string), decimal?> Targets, HashSet<string> Demo);

    /// <summary>Each unit's measure of each index indicator in a period, with the approved values it was computed from.</summary>
    private static async Task<Measured> MeasureAsync(MonitoringCatalog catalog, RankingIndexDef index, PeriodKey period, HashSet<long> units, PeriodValues cache,
        ILookup<(long, long), AssessmentTarget>? targets)
    {
        var measured = new Measured([], [], [], []);
        foreach (var unit in units)
        {
            measured.Values[catalog.Unit(unit).Name] = new Dictionary<string, decimal?>();
        }
        foreach (var def in index.Indicators)
        {
            // An indicator reported less often than the index counts with its latest period that has ended by then.
            var key = def.Indicator.Frequency == period.Frequency ? period
                : PeriodKey.FromOrdinal(def.Indicator.Frequency, (long)Math.Floor((period.Time + 1) * Frequencies.PerYear(def.Indicator.Frequency)) - 1);
            var now = await cache.GetAsync(key);
            var yearBefore = def.Measure == RankingMeasures.Growth ? await cache.GetAsync(key.YearBefore) : null;
            foreach (var unit in units)
            {
                var name = catalog.Unit(unit).Name;
                var map = (Dictionary<string, decimal?>)measured.Values[name];
                decimal? value = null;
                var behind = new List<SubmittedValue>();
                if (now.TryGetValue(unit, out var row) && row.TryGetValue(def.Indicator.IndicatorId, out var v))
                {
                    behind.Add(new SubmittedValue(key.Code, Decimals.Normalize(v.Value), v.Demo, Submissions.RecordName(name, key.Code)));
                    switch (def.Measure)
                    {
                        case RankingMeasures.Value:
                            value = v.Value;
                            break;
                        case RankingMeasures.Growth when yearBefore!.TryGetValue(unit, out var before) && before.TryGetValue(def.Indicator.IndicatorId, out var b):
                            behind.Add(new SubmittedValue(key.YearBefore.Code, Decimals.Normalize(b.Value), b.Demo, Submissions.RecordName(name, key.YearBefore.Code)));
                            if (b.Value > 0) value = Math.Round((v.Value / b.Value - 1) * 100, 4);
                            break;
                        case RankingMeasures.Completion when targets is not null:
                            var target = targets[(unit, def.Indicator.IndicatorId)].Where(t => t.Year >= key.Year).MinBy(t => t.Year)
                                         ?? targets[(unit, def.Indicator.IndicatorId)].MaxBy(t => t.Year);
                            if (target is null) break;
                            measured.Targets[(name, def.Key)] = target.Value;
                            var baseline = target.BaselineValue
                                           ?? (def.Indicator.Kind is IndicatorKinds.Cumulative or IndicatorKinds.Decrease ? 0m
                                               : await BaselineAsync(cache, unit, def.Indicator, target.ImpliedBaselineYear, behind, name));
                            if (baseline is { } bv && target.ImpliedBaselineYear < target.Year)
                            {
                                var p = ProgressCalculator.Compute(new ProgressInput(IndicatorKinds.ToKind(def.Indicator.Kind), bv, target.ImpliedBaselineYear, target.Value,
                                    target.Year, v.Value, key.Time));
                                value = Math.Round(p.Completion * 100, 4);
                            }
                            if (target.Demo) measured.Demo.Add(name);
                            break;
                    }
                }
                map[def.Key] = value;
                if (behind.Any(b => b.Demo)) measured.Demo.Add(name);
                measured.Behind[(name, def.Key)] = behind;
            }
        }
        return measured;
    }

    private static async Task<decimal?> BaselineAsync(PeriodValues cache, long unit, MonitoredIndicator indicator, int baselineYear, List<SubmittedValue> behind, string name)
    {
        var key = PeriodKey.FromOrdinal(indicator.Frequency, (long)(baselineYear + 1) * Frequencies.PerYear(indicator.Frequency) - 1);
        var values = await cache.GetAsync(key);
        if (!values.TryGetValue(unit, out var row) || !row.TryGetValue(indicator.IndicatorId, out var v)) return null;
        behind.Add(new SubmittedValue(key.Code, Decimals.Normalize(v.Value), v.Demo, Submissions.RecordName(name, key.Code)));
        return v.Value;
    }

    /// <summary>The approved values of whole periods, each read once (one query) however many indexes and measures use it.</summary>
    private sealed class PeriodValues(DbConnection connection, bool includeDemo, IReadOnlyCollection<long> indicators)
    {
        private readonly Dictionary<string, Dictionary<long, Dictionary<long, (decimal Value, bool Demo)>>> _byPeriod = [];
        private readonly Dictionary<string, long?> _ids = [];

        public async Task<bool> ExistsAsync(PeriodKey key) => await IdAsync(key) is not null;

        private async Task<long?> IdAsync(PeriodKey key)
        {
            if (!_ids.TryGetValue(key.Code, out var id))
            {
                _ids[key.Code] = id = (await PeriodStore.FindAsync(connection, null, key.Code))?.Id;
            }
            return id;
        }

        public async Task<Dictionary<long, Dictionary<long, (decimal Value, bool Demo)>>> GetAsync(PeriodKey key)
        {
            if (_byPeriod.TryGetValue(key.Code, out var values)) return values;
            values = await IdAsync(key) is { } id ? await ApprovedValues.OfPeriodAsync(connection, id, includeDemo, indicators) : [];
            _byPeriod[key.Code] = values;
            return values;
        }
    }

    public static string Describe(RankingLine line, string group) => string.Create(CultureInfo.InvariantCulture,
        $"{group}第 {line.Rank} 名{(line.RankChange is > 0 ? $"（上升 {line.RankChange} 位）" : line.RankChange is < 0 ? $"（下降 {-line.RankChange} 位）" : line.PreviousRank is not null ? "（与上期持平）" : "")}，综合得分 {line.Score:0.##}");
}
