using System.Data.Common;
using System.Globalization;
using Dapper;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Storage;
using IndustryMap.Writing;

namespace IndustryMap.Monitoring;

/// <summary>How an administrator configures one monitored indicator; null fields take the defaults.</summary>
public sealed record IndicatorSettings(string Frequency, string? Kind = null, string Reporters = "plan", decimal? MinValue = null, decimal? MaxValue = null,
    bool Required = true, decimal? ChangeWarningShare = null, int? Position = null);

/// <summary>
/// The administrator's monitoring set-up: which indicators are reported and how, and the reporting periods with
/// their deadlines. Every change is checked against <see cref="WriteRules.Administer"/> and recorded in the audit log.
/// </summary>
public static class MonitoringSetup
{
    public static void RequireAdmin(Actor actor)
    {
        var decision = WriteRules.Administer(actor);
        RefusedException.UnlessAllowed(decision);
    }

    public static async Task<MonitoredIndicator> ConfigureIndicatorAsync(Database database, Actor actor, string plan, string code, IndicatorSettings settings,
        bool demo = false)
    {
        RequireAdmin(actor);
        if (!Frequencies.All.Contains(settings.Frequency))
        {
            throw RefusedException.Invalid("invalid_frequency", "报送频率须为 year（年报）、quarter（季报）或 month（月报）", "frequency must be year, quarter or month");
        }
        if (settings.Kind is not null && !IndicatorKinds.All.Contains(settings.Kind))
        {
            throw RefusedException.Invalid("invalid_kind", $"指标类型须为 {string.Join("、", IndicatorKinds.All)} 之一", "unknown indicator kind");
        }
        if (settings.Reporters is not ("plan" or "all"))
        {
            throw RefusedException.Invalid("invalid_reporters", "报送单位须为 plan（规划范围内的单位）或 all（全部规划单元）", "reporters must be plan or all");
        }
        if (settings is { MinValue: { } min, MaxValue: { } max } && min > max)
        {
            throw RefusedException.Invalid("invalid_range", "允许范围的最小值大于最大值", "the minimum is above the maximum");
        }
        if (settings.ChangeWarningShare is <= 0)
        {
            throw RefusedException.Invalid("invalid_warning_share", "环比变动提醒比例须大于 0", "the change warning share must be above 0");
        }
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var indicator = await connection.QueryFirstOrDefaultAsync<(long Id, string? Direction, long Cumulative, string? Unit)>(
                "SELECT id, direction, cumulative, unit FROM indicators WHERE plan_id = @plan AND code = @code", new { plan, code }, transaction);
            if (indicator.Id == 0)
            {
                throw RefusedException.NotFound("indicator_not_found", $"规划“{plan}”中没有指标“{code}”", $"no indicator '{code}' in plan '{plan}'");
            }
            var before = await FindAsync(connection, transaction, indicator.Id);
            var position = settings.Position ?? (int?)before?.Position
                ?? (int)await connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(position), 0) + 1 FROM monitored_indicators", transaction: transaction);
            await connection.ExecuteAsync(
                """
                INSERT INTO monitored_indicators (indicator_id, frequency, kind, reporters, min_value, max_value, required, change_warning_share, position,
                    is_demo, entered_by, entered_at)
                VALUES (@Id, @Frequency, @Kind, @Reporters, @MinValue, @MaxValue, @Required, @Share, @Position, @Demo, @By, @At)
                ON CONFLICT (indicator_id) DO UPDATE SET frequency = excluded.frequency, kind = excluded.kind, reporters = excluded.reporters,
                    min_value = excluded.min_value, max_value = excluded.max_value, required = excluded.required,
                    change_warning_share = excluded.change_warning_share, position = excluded.position, is_demo = excluded.is_demo,
                    entered_by = excluded.entered_by, entered_at = excluded.entered_at
                """,
                new
                {
                    indicator.Id, settings.Frequency, Kind = settings.Kind ?? IndicatorKinds.Default(indicator.Direction, indicator.Cumulative == 1, indicator.Unit),
                    settings.Reporters, settings.MinValue, settings.MaxValue, Required = settings.Required ? 1L : 0L, Share = settings.ChangeWarningShare,
                    Position = (long)position, Demo = demo ? 1L : 0L, By = actor.Name, At = database.UtcStamp(),
                }, transaction);
            var after = (await FindAsync(connection, transaction, indicator.Id))!;
            await AuditLog.AppendAsync(connection, transaction, database, actor, "monitoring.indicator.configure", "monitored_indicators", after.Key,
                before is null ? null : Describe(before), Describe(after));
            return after;
        });
    }

    private static object Describe(MonitoredIndicator m) => new
    {
        m.Key, m.Frequency, m.Kind, m.Reporters, m.MinValue, m.MaxValue, Required = m.Required == 1, m.ChangeWarningShare, m.Position,
    };

    private static Task<MonitoredIndicator?> FindAsync(DbConnection connection, DbTransaction transaction, long indicatorId) =>
        connection.QueryFirstOrDefaultAsync<MonitoredIndicator>(MonitoringCatalog.IndicatorSelect + " WHERE m.indicator_id = @indicatorId",
            new { indicatorId }, transaction);
}

/// <summary>Reporting periods: opened by the administrator (or the demo), each with a deadline.</summary>
public static class PeriodStore
{
    private const string Columns = "id, code, frequency, year, seq, ordinal, starts_on, ends_on, due_on, is_demo, created_by, created_at";

    public static async Task<IReadOnlyList<PeriodRow>> ListAsync(Database database, string? frequency = null)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<PeriodRow>(
            $"SELECT {Columns} FROM reporting_periods WHERE @frequency IS NULL OR frequency = @frequency ORDER BY ends_on DESC, frequency",
            new { frequency })).ToList();
    }

    public static async Task<PeriodRow?> FindAsync(Database database, string code)
    {
        await using var connection = await database.OpenAsync();
        return await FindAsync(connection, null, code);
    }

    public static async Task<PeriodRow?> FindAsync(DbConnection connection, DbTransaction? transaction, string code) =>
        PeriodKey.TryParse(code, out var key)
            ? await connection.QueryFirstOrDefaultAsync<PeriodRow>($"SELECT {Columns} FROM reporting_periods WHERE code = @Code", new { key.Code }, transaction)
            : null;

    public static Task<PeriodRow?> FindAsync(DbConnection connection, DbTransaction? transaction, string frequency, long ordinal) =>
        connection.QueryFirstOrDefaultAsync<PeriodRow>($"SELECT {Columns} FROM reporting_periods WHERE frequency = @frequency AND ordinal = @ordinal",
            new { frequency, ordinal }, transaction);

    /// <summary>A period that must exist, or a 404-style refusal naming it.</summary>
    public static async Task<PeriodRow> RequireAsync(DbConnection connection, DbTransaction? transaction, string code)
    {
        if (!PeriodKey.TryParse(code, out _))
        {
            throw RefusedException.Invalid("invalid_period", $"“{code}”不是报告期代码（如 2024、2024Q2、2024-05）", $"'{code}' is not a period code (2024, 2024Q2, 2024-05)");
        }
        return await FindAsync(connection, transaction, code)
               ?? throw RefusedException.NotFound("period_not_found", $"报告期“{code}”尚未开设", $"the reporting period '{code}' has not been opened");
    }

    public static async Task<PeriodRow> OpenAsync(Database database, Actor actor, string code, DateOnly? dueOn = null)
    {
        MonitoringSetup.RequireAdmin(actor);
        if (!PeriodKey.TryParse(code, out var key))
        {
            throw RefusedException.Invalid("invalid_period", $"“{code}”不是报告期代码（如 2024、2024Q2、2024-05）", $"'{code}' is not a period code (2024, 2024Q2, 2024-05)");
        }
        if (dueOn is { } due && due < key.EndsOn)
        {
            throw RefusedException.Invalid("invalid_due_date", $"截止日期 {due:yyyy-MM-dd} 早于报告期结束日 {key.EndsOn:yyyy-MM-dd}", "the deadline is before the end of the period");
        }
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            if (await FindAsync(connection, transaction, key.Code) is not null)
            {
                throw RefusedException.Conflict("period_exists", $"报告期“{key.Code}”已开设", $"the period '{key.Code}' exists already");
            }
            var period = await InsertAsync(connection, transaction, database, key, dueOn ?? key.DefaultDueOn, actor.Name, demo: false);
            await AuditLog.AppendAsync(connection, transaction, database, actor, "monitoring.period.open", "reporting_periods", period.Code, null, period);
            return period;
        });
    }

    /// <summary>Inserts a period if it does not exist (the caller records the audit entry); returns it either way.</summary>
    public static async Task<PeriodRow> InsertAsync(DbConnection connection, DbTransaction transaction, Database database, PeriodKey key, DateOnly dueOn, string by, bool demo)
    {
        await connection.ExecuteAsync(
            """
            INSERT INTO reporting_periods (code, frequency, year, seq, ordinal, starts_on, ends_on, due_on, is_demo, created_by, created_at)
            VALUES (@Code, @Frequency, @Year, @Seq, @Ordinal, @StartsOn, @EndsOn, @DueOn, @Demo, @By, @At)
            ON CONFLICT (code) DO NOTHING
            """,
            new
            {
                key.Code, key.Frequency, Year = (long)key.Year, Seq = (long)key.Seq, key.Ordinal, StartsOn = Iso(key.StartsOn), EndsOn = Iso(key.EndsOn),
                DueOn = Iso(dueOn), Demo = demo ? 1L : 0L, By = by, At = database.UtcStamp(),
            }, transaction);
        return (await FindAsync(connection, transaction, key.Code))!;
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
