using System.Data.Common;
using System.Globalization;
using Dapper;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Storage;

namespace IndustryMap.Monitoring;

public sealed record DemoResult(int Indicators, int Indexes, int Periods, int Targets, int Submissions, int Values, int Removed);

/// <summary>
/// Synthetic monitoring data so the features can be seen (issue 7 §6): the seeds give baselines and targets but no
/// actuals after them. Everything written here is flagged is_demo, shown as 演示数据, and left out of exports unless
/// asked for. The numbers are generated from a fixed seed, so two runs (and both engines) produce the same data.
/// <para>
/// What it sets up, where nothing real exists yet: a default monitored set (the 渝西 plan's indicators reported by
/// every unit, the 万州 and 南岸 plans' own by their unit), two 赛马 indexes (渝西地区; the 一区两群 groups), quarterly
/// periods 2022Q4–2025Q4 and years 2022–2025, synthetic targets for units a plan applies to but sets none for (never a
/// plan's target for a unit outside its scope), and the values:
/// all approved up to 2025Q3 / 2024, and a realistic mix (submitted, draft, returned, not started, late) for 2025Q4 and 2025.
/// </para>
/// </summary>
public static class DemoData
{
    public const string Actor = "演示数据生成器";
    public const int Seed = 20231;

    private sealed record DemoIndicator(string Plan, string Code, string Frequency, string Reporters);

    private static readonly DemoIndicator[] DefaultSet =
    [
        new("yx2027", "ind01", Frequencies.Quarter, "all"),
        new("yx2027", "ind13", Frequencies.Quarter, "all"),
        new("yx2027", "ind03", Frequencies.Year, "all"),
        new("yx2027", "ind07", Frequencies.Year, "all"),
        new("yx2027", "ind08", Frequencies.Year, "all"),
        new("yx2027", "ind19", Frequencies.Year, "all"),
        new("wz14", "ind01", Frequencies.Quarter, "plan"),
        new("wz14", "ind02", Frequencies.Quarter, "plan"),
        new("wz14", "ind04", Frequencies.Year, "plan"),
        new("wz14", "ind07", Frequencies.Year, "plan"),
        new("wz14", "ind09", Frequencies.Year, "plan"),
        new("na14", "ind02", Frequencies.Quarter, "plan"),
        new("na14", "ind04", Frequencies.Quarter, "plan"),
        new("na14", "ind07", Frequencies.Year, "plan"),
    ];

    public static readonly (string Code, IndexSettings Settings)[] DefaultIndexes =
    [
        ("yuxi", new IndexSettings("渝西地区先进制造业“赛马”指数", Frequencies.Quarter, "minmax", ["渝西地区"],
        [
            new("yx2027/ind01", RankingMeasures.Growth, 0.4m), new("yx2027/ind01", RankingMeasures.Completion, 0.3m), new("yx2027/ind13", RankingMeasures.Completion, 0.3m),
        ])),
        // City-wide: only measures that need no target, because the 渝西 plan sets none for units outside 渝西.
        ("districts", new IndexSettings("区县制造业“赛马”指数（一区两群）", Frequencies.Quarter, "minmax",
            ["中心城区", "主城新区", "渝东北三峡库区城镇群", "渝东南武陵山区城镇群"],
        [
            new("yx2027/ind01", RankingMeasures.Growth, 0.6m), new("yx2027/ind07", RankingMeasures.Value, 0.4m),
        ])),
    ];

    public static readonly PeriodKey FirstQuarter = new(Frequencies.Quarter, 2022, 4);
    public static readonly PeriodKey LastQuarter = new(Frequencies.Quarter, 2025, 4);
    public const int FirstYear = 2022;
    public const int LastYear = 2025;

    public static IEnumerable<PeriodKey> Periods()
    {
        for (var o = FirstQuarter.Ordinal; o <= LastQuarter.Ordinal; o++) yield return PeriodKey.FromOrdinal(Frequencies.Quarter, o);
        for (var y = FirstYear; y <= LastYear; y++) yield return new PeriodKey(Frequencies.Year, y, 1);
    }

    /// <summary>Replaces the demo data: what an earlier run generated goes, values people have since entered stay.</summary>
    public static async Task<DemoResult> GenerateAsync(Database database, Actor actor)
    {
        MonitoringSetup.RequireAdmin(actor);
        var removed = await RemoveAsync(database, actor, audit: false);
        var configured = 0;
        foreach (var (d, i) in DefaultSet.Select((d, i) => (d, i)))
        {
            var existing = (await MonitoringCatalog.LoadAsync(database)).Indicators.Any(m => m.PlanId == d.Plan && m.Code == d.Code);
            if (existing) continue;
            await MonitoringSetup.ConfigureIndicatorAsync(database, actor, d.Plan, d.Code, new IndicatorSettings(d.Frequency, Reporters: d.Reporters, Position: i + 1), demo: true);
            configured++;
        }
        var indexes = 0;
        var existingIndexes = await Rankings.IndexesAsync(database);
        foreach (var (code, settings) in DefaultIndexes)
        {
            if (existingIndexes.Any(x => x.Code == code)) continue;
            await Rankings.SaveIndexAsync(database, actor, code, settings, 0, demo: true);
            indexes++;
        }
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var catalog = await MonitoringCatalog.LoadAsync(connection, transaction);
            var periods = new Dictionary<string, PeriodRow>();
            var newPeriods = 0;
            foreach (var key in Periods())
            {
                var existed = await PeriodStore.FindAsync(connection, transaction, key.Code) is not null;
                periods[key.Code] = await PeriodStore.InsertAsync(connection, transaction, database, key, key.DefaultDueOn, Actor, demo: true);
                if (!existed) newPeriods++;
            }
            var targets = await AssessmentTargetStore.LoadAsync(connection, catalog, new TargetFilter());
            var existingSubmissions = (await connection.QueryAsync<(long UnitId, long PeriodId)>("SELECT unit_id, period_id FROM submissions", transaction: transaction))
                .ToHashSet();

            var targetRows = new List<object?[]>();
            var series = new Dictionary<(long Unit, long Indicator), Func<decimal, decimal>>();
            var now = database.UtcStamp();
            foreach (var indicator in catalog.Indicators)
            {
                var planUnits = catalog.PlanUnits(indicator);
                foreach (var unitId in catalog.Reporters(indicator))
                {
                    var unit = catalog.Unit(unitId);
                    var random = new Random(Mix(Seed, unit.Name, indicator.Key));
                    var stated = targets.Where(t => t.ScopeKind == "unit" && t.UnitId == unitId && t.Indicator.IndicatorId == indicator.IndicatorId).MaxBy(t => t.Year);
                    int baseYear, targetYear;
                    decimal baseline, target;
                    if (stated is not null)
                    {
                        (baseYear, targetYear, target) = (stated.ImpliedBaselineYear, stated.Year, stated.Value);
                        baseline = stated.BaselineValue ?? Invent(indicator, random, target, targetYear - baseYear);
                    }
                    else
                    {
                        baseYear = (int)(indicator.PlanStart ?? 2023) - 1;
                        targetYear = (int)(indicator.PlanEnd ?? 2027);
                        baseline = Invent(indicator, random, null, targetYear - baseYear);
                        target = Goal(indicator, random, baseline, targetYear - baseYear);
                        // Issue 14 §8: a unit the plan does not apply to reports the value (for the city-wide index) but is
                        // given no target of that plan; its values still follow a path, which stays internal.
                        if (planUnits.Contains(unitId)) targetRows.Add([indicator.IndicatorId, unitId, null, (long)targetYear, target,
                            indicator.Kind is IndicatorKinds.Cumulative or IndicatorKinds.Decrease ? null : (long?)baseYear,
                            indicator.Kind is IndicatorKinds.Cumulative or IndicatorKinds.Decrease ? null : baseline, "演示数据：系统生成的模拟目标", 1L, Actor, now]);
                    }
                    // How well this unit does on this indicator: 0.7 (well behind) … 1.2 (ahead) of a straight path to its target.
                    var performance = 0.7 + random.NextDouble() * 0.5;
                    var noise = random.Next();
                    series[(unitId, indicator.IndicatorId)] = Series(indicator, baseYear, baseline, targetYear, target, performance, noise);
                }
            }
            await BulkInsert.RowsAsync(connection, transaction, "monitoring_targets",
                ["indicator_id", "unit_id", "group_id", "year", "value", "baseline_year", "baseline_value", "note", "is_demo", "entered_by", "entered_at"], targetRows);

            // Submissions: one per unit and period that has something to report and nothing real yet.
            var submissionRows = new List<object?[]>();
            var plan = new List<(long Unit, PeriodRow Period, string State, IReadOnlyList<MonitoredIndicator> Form)>();
            foreach (var key in Periods())
            {
                var period = periods[key.Code];
                foreach (var unit in catalog.Units)
                {
                    var form = catalog.FormFor(unit.Id, key.Frequency);
                    if (form.Count == 0 || existingSubmissions.Contains((unit.Id, period.Id))) continue;
                    var state = StateFor(unit, key);
                    if (state is null) continue;
                    var due = DateOnly.ParseExact(period.DueOn, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    // Most report a few days before the deadline; one in eight is three days late.
                    var submittedOn = unit.Position % 8 == 1 ? due.AddDays(3) : due.AddDays(-(int)(unit.Position % 5) - 1);
                    var submittedAt = state is SubmissionStates.Submitted or SubmissionStates.Approved ? submittedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T02:00:00.000Z" : null;
                    var reviewedAt = state is SubmissionStates.Approved or SubmissionStates.Returned ? submittedOn.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T03:00:00.000Z" : null;
                    submissionRows.Add([unit.Id, period.Id, state, 1L, state == SubmissionStates.Returned ? "演示：请核实营业收入口径后重新提交" : null, 1L, Actor, now, Actor, now,
                        submittedAt is null ? null : Actor, submittedAt, reviewedAt is null ? null : Actor, reviewedAt]);
                    plan.Add((unit.Id, period, state, form));
                }
            }
            await BulkInsert.RowsAsync(connection, transaction, "submissions",
                ["unit_id", "period_id", "state", "version", "comment", "is_demo", "created_by", "created_at", "updated_by", "updated_at", "submitted_by", "submitted_at",
                    "reviewed_by", "reviewed_at"], submissionRows);
            var ids = (await connection.QueryAsync<(long Id, long UnitId, long PeriodId)>("SELECT id, unit_id, period_id FROM submissions WHERE is_demo = 1",
                transaction: transaction)).ToDictionary(s => (s.UnitId, s.PeriodId), s => s.Id);
            var valueRows = new List<object?[]>();
            var eventRows = new List<object?[]>();
            foreach (var (unit, period, state, form) in plan)
            {
                var id = ids[(unit, period.Id)];
                foreach (var indicator in form)
                {
                    var value = series[(unit, indicator.IndicatorId)](period.Key.Time);
                    valueRows.Add([id, indicator.IndicatorId, value, null, 1L]);
                }
                eventRows.Add([id, "demo", null, state, "演示数据：系统生成", Actor, "system", now]);
            }
            await BulkInsert.RowsAsync(connection, transaction, "submission_values", ["submission_id", "indicator_id", "value", "note", "is_demo"], valueRows);
            await BulkInsert.RowsAsync(connection, transaction, "submission_events", ["submission_id", "action", "from_state", "to_state", "comment", "actor", "actor_role", "at"],
                eventRows);
            var result = new DemoResult(configured, indexes, newPeriods, targetRows.Count, submissionRows.Count, valueRows.Count, removed);
            await AuditLog.AppendAsync(connection, transaction, database, actor, "demo.generate", "submissions", "demo", null, result);
            return result;
        });
    }

    /// <summary>Demo submissions are approved, except for the last periods, where some units are still at work.</summary>
    private static string? StateFor(UnitInfo unit, PeriodKey key)
    {
        var last = key.Frequency == Frequencies.Quarter ? key == LastQuarter : key.Year == LastYear;
        if (!last) return SubmissionStates.Approved;
        return (unit.Position % 10) switch
        {
            3 => SubmissionStates.Submitted,
            5 => SubmissionStates.Returned,
            7 => SubmissionStates.Draft,
            9 => null,
            _ => unit.Position % 4 == 0 ? SubmissionStates.Submitted : SubmissionStates.Approved,
        };
    }

    /// <summary>A plausible baseline for an indicator without one (where a target is known, one the target is a stretch from).</summary>
    private static decimal Invent(MonitoredIndicator indicator, Random random, decimal? target, int years)
    {
        var r = (decimal)random.NextDouble();
        return indicator.Kind switch
        {
            IndicatorKinds.Growing when target is { } t => Math.Round(t / (decimal)Math.Pow(1.09 + random.NextDouble() * 0.04, years), 2),
            IndicatorKinds.Growing => Math.Round(60m + r * r * 2400m, 2),
            IndicatorKinds.Cumulative or IndicatorKinds.Decrease => 0m,
            _ when target is { } t => Math.Round(t * (0.75m + r * 0.15m), 2),
            _ when indicator.Unit == "%" && indicator.Code == "ind03" => Math.Round(0.8m + r * 2m, 2),
            _ when indicator.Unit == "%" => Math.Round(40m + r * 25m, 2),
            _ => Math.Round(5m + r * 20m, 0),
        };
    }

    private static decimal Goal(MonitoredIndicator indicator, Random random, decimal baseline, int years)
    {
        var r = (decimal)random.NextDouble();
        return indicator.Kind switch
        {
            IndicatorKinds.Growing => Math.Round(baseline * (decimal)Math.Pow(1.07 + random.NextDouble() * 0.05, years), 2),
            IndicatorKinds.Decrease => 13m,
            IndicatorKinds.Cumulative => Math.Round(IndicatorKinds.IsCount(indicator.Unit) ? (indicator.Code == "ind19" ? 10m + r * 70m : 40m + r * 460m) : 50m + r * 200m, 0),
            _ when indicator.Unit == "%" => Math.Round(baseline + (indicator.Code == "ind03" ? 0.3m + r * 0.8m : 5m + r * 8m), 2),
            _ => Math.Round(baseline + 2m + r * 8m, 0),
        };
    }

    /// <summary>The unit's value at a time (on the plans' scale: the end of year Y is Y): along the path to its target, faster or slower by its performance, with a little noise.</summary>
    private static Func<decimal, decimal> Series(MonitoredIndicator indicator, int baseYear, decimal baseline, int targetYear, decimal target, double performance, int noiseSeed)
    {
        var span = (double)(targetYear - baseYear);
        var decimals = IndicatorKinds.IsCount(indicator.Unit) ? 0 : 2;
        return time =>
        {
            var t = Math.Max(0, (double)time - baseYear);
            var wobble = 1 + (new Random(noiseSeed ^ (int)(time * 100)).NextDouble() - 0.5) * 0.03;
            double value = indicator.Kind switch
            {
                IndicatorKinds.Cumulative or IndicatorKinds.Decrease => (double)target * t / span * performance,
                _ => (double)baseline + (double)(target - baseline) * t / span * performance * wobble,
            };
            return Math.Round((decimal)Math.Max(0, value), decimals);
        };
    }

    /// <summary>A stable seed per unit and indicator (string.GetHashCode differs between processes).</summary>
    private static int Mix(int seed, string a, string b)
    {
        unchecked
        {
            var h = (uint)seed * 16777619u ^ 2166136261u;
            foreach (var c in a + "|" + b) h = (h ^ c) * 16777619u;
            return (int)(h & 0x7FFFFFFF);
        }
    }

    /// <summary>Removes what the demo generated. Values people entered since (is_demo = 0) and their submissions stay.</summary>
    public static async Task<int> RemoveAsync(Database database, Actor actor, bool audit = true)
    {
        MonitoringSetup.RequireAdmin(actor);
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var removed = 0;
            removed += await connection.ExecuteAsync(
                "DELETE FROM submission_values WHERE is_demo = 1 AND submission_id IN (SELECT id FROM submissions WHERE is_demo = 1)", transaction: transaction);
            removed += await connection.ExecuteAsync(
                "DELETE FROM submissions WHERE is_demo = 1 AND NOT EXISTS (SELECT 1 FROM submission_values v WHERE v.submission_id = submissions.id)",
                transaction: transaction);
            removed += await connection.ExecuteAsync("DELETE FROM monitoring_targets WHERE is_demo = 1", transaction: transaction);
            removed += await connection.ExecuteAsync("DELETE FROM ranking_indexes WHERE is_demo = 1", transaction: transaction);
            removed += await connection.ExecuteAsync(
                """
                DELETE FROM bulletins WHERE period_id IN (SELECT id FROM reporting_periods p WHERE p.is_demo = 1
                    AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.period_id = p.id))
                """, transaction: transaction);
            removed += await connection.ExecuteAsync(
                "DELETE FROM reporting_periods WHERE is_demo = 1 AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.period_id = reporting_periods.id)",
                transaction: transaction);
            removed += await connection.ExecuteAsync(
                """
                DELETE FROM monitored_indicators WHERE is_demo = 1
                  AND NOT EXISTS (SELECT 1 FROM submission_values v WHERE v.indicator_id = monitored_indicators.indicator_id)
                  AND NOT EXISTS (SELECT 1 FROM ranking_index_indicators r WHERE r.indicator_id = monitored_indicators.indicator_id)
                """, transaction: transaction);
            if (audit) await AuditLog.AppendAsync(connection, transaction, database, actor, "demo.remove", "submissions", "demo", null, new { Removed = removed });
            return removed;
        });
    }
}
