using System.Data.Common;
using System.Globalization;
using Dapper;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Storage;
using IndustryMap.Writing;

namespace IndustryMap.Monitoring;

public sealed class SubmissionRow
{
    public long Id { get; set; }
    public long UnitId { get; set; }
    public string Unit { get; set; } = "";
    public long PeriodId { get; set; }
    public string Period { get; set; } = "";
    public string State { get; set; } = "";
    public long Version { get; set; }
    public string? Comment { get; set; }
    public long IsDemo { get; set; }
    public string CreatedBy { get; set; } = "";
    public string CreatedAt { get; set; } = "";
    public string UpdatedBy { get; set; } = "";
    public string UpdatedAt { get; set; } = "";
    public string? SubmittedBy { get; set; }
    public string? SubmittedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public string? ReviewedAt { get; set; }
}

public sealed class SubmissionEvent
{
    public long Id { get; set; }
    public string Action { get; set; } = "";
    public string? FromState { get; set; }
    public string ToState { get; set; } = "";
    public string? Comment { get; set; }
    public string Actor { get; set; } = "";
    public string? ActorRole { get; set; }
    public string At { get; set; } = "";
}

/// <summary>One line of the entry form: the indicator, its stored value and the value of the period before, and what the checks say.</summary>
public sealed record FormLine(string Indicator, string Plan, string Code, string Name, string? Unit, string Kind, bool Required, decimal? Min, decimal? Max,
    decimal? Value, string? Note, bool Demo, decimal? Previous, string? PreviousPeriod, IReadOnlyList<ValueCheck> Checks);

/// <summary>
/// A unit's report for a period as the form, the review page and machine clients see it. <see cref="Version"/> 0 and
/// state <c>not_started</c>: nothing entered yet. <see cref="Record"/> names it in messages ("submissions/江津区/2024Q2").
/// </summary>
public sealed record SubmissionForm(string Record, string Unit, string Period, string PeriodName, string Frequency, string DueOn, string State,
    string StateName, long Version, string? Comment, bool Demo, bool Late, string? CreatedBy, string? UpdatedBy, string? UpdatedAt, string? SubmittedBy,
    string? SubmittedAt, string? ReviewedBy, string? ReviewedAt, IReadOnlyList<FormLine> Lines, IReadOnlyList<SubmissionEvent> History)
{
    public int Errors => Lines.Sum(l => l.Checks.Count(c => c.Severity == "error"));
    public int Warnings => Lines.Sum(l => l.Checks.Count(c => c.Severity == "warning"));
}

public sealed record ReportingUnit(string Unit, string State, string StateName, bool Late, string? SubmittedAt, string? UpdatedBy, string? UpdatedAt, bool Demo);

/// <summary>Who has reported for a period (DHIS2's reporting rate): submitted (in time or late), not yet, not started.</summary>
public sealed record ReportingRate(string Period, string PeriodName, string DueOn, bool DuePassed, int Expected, int Submitted, int Approved,
    int SubmittedLate, int Late, int InProgress, int NotStarted, decimal Rate, IReadOnlyList<ReportingUnit> Units);

/// <summary>
/// Submissions: the workflow of <see cref="SubmissionWorkflow"/> on stored records. Every write checks who may make it
/// (<see cref="WriteRules"/>: a unit officer writes their own unit, the administrator approves, returns and unlocks),
/// names the version it was based on (optimistic concurrency: a stale version is refused with 409 naming the record
/// and who changed it), and records the transition in submission_events and the audit log, in one transaction.
/// </summary>
public static class Submissions
{
    public const string NotStarted = "not_started";

    public static string StateName(string state) => state == NotStarted ? "未开始" : SubmissionStates.Chinese(state);

    private const string SelectSubmission =
        """
        SELECT s.id, s.unit_id, u.name AS unit, s.period_id, p.code AS period, s.state, s.version, s.comment, s.is_demo, s.created_by, s.created_at,
               s.updated_by, s.updated_at, s.submitted_by, s.submitted_at, s.reviewed_by, s.reviewed_at
        FROM submissions s JOIN units u ON u.id = s.unit_id JOIN reporting_periods p ON p.id = s.period_id
        """ + "\n"; // a raw literal drops its last line break: without this, "… s.period_id" + "WHERE …" ran together (issue 10 §2)

    public static string RecordName(string unit, string period) => $"submissions/{unit}/{period}";

    public static async Task<IReadOnlyList<SubmissionRow>> ListAsync(Database database, string? period = null, string? unit = null, string? state = null)
    {
        await using var connection = await database.OpenAsync();
        var unitName = unit is null ? null : await CanonicalUnitAsync(connection, null, unit);
        return (await connection.QueryAsync<SubmissionRow>(
            SelectSubmission + """
                                WHERE (@period IS NULL OR p.code = @period) AND (@unitName IS NULL OR u.name = @unitName) AND (@state IS NULL OR s.state = @state)
                                ORDER BY p.ends_on DESC, u.position
                                """,
            new { period = period is not null && PeriodKey.TryParse(period, out var k) ? k.Code : period, unitName = unit is null ? null : unitName ?? unit, state }))
            .ToList();
    }

    public static async Task<SubmissionForm> GetFormAsync(Database database, string unit, string period)
    {
        await using var connection = await database.OpenAsync();
        var catalog = await MonitoringCatalog.LoadAsync(connection);
        var (unitInfo, periodRow) = await ResolveAsync(connection, null, catalog, unit, period);
        var submission = await FindAsync(connection, null, unitInfo.Id, periodRow.Id);
        return await FormAsync(connection, null, catalog, unitInfo, periodRow, submission, database.Today());
    }

    /// <summary>Saves values into the unit's draft (creating it at version 0). Values that cannot be read refuse the whole save; range and required problems are reported and block only the submission.</summary>
    public static async Task<SubmissionForm> SaveAsync(Database database, Actor actor, string unit, string period, long expectedVersion, IReadOnlyList<ValueInput> values)
    {
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var catalog = await MonitoringCatalog.LoadAsync(connection, transaction);
            var (unitInfo, periodRow) = await ResolveAsync(connection, transaction, catalog, unit, period);
            Authorize(WriteRules.WriteUnitData(actor, unitInfo.Name));
            var form = catalog.FormFor(unitInfo.Id, periodRow.Frequency);
            var parsed = Parse(form, values);
            await database.Dialect.LockAsync(connection, transaction, $"submissions:{unitInfo.Id}:{periodRow.Id}");
            var submission = await FindAsync(connection, transaction, unitInfo.Id, periodRow.Id);
            CheckVersion(submission, expectedVersion, unitInfo.Name, periodRow.Code);
            var stateBefore = submission?.State ?? SubmissionStates.Draft;
            var transition = SubmissionWorkflow.Apply(stateBefore, SubmissionActions.Edit);
            if (!transition.Allowed) throw StateRefusal(transition, unitInfo.Name, periodRow.Code, stateBefore);
            var before = submission is null ? null : await ValuesAsync(connection, transaction, submission.Id);
            var now = database.UtcStamp();
            long id;
            if (submission is null)
            {
                id = await connection.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO submissions (unit_id, period_id, state, version, is_demo, created_by, created_at, updated_by, updated_at)
                    VALUES (@UnitId, @PeriodId, 'draft', 1, 0, @By, @At, @By, @At)
                    ON CONFLICT (period_id, unit_id) DO NOTHING RETURNING id
                    """, new { UnitId = unitInfo.Id, PeriodId = periodRow.Id, By = actor.Name, At = now }, transaction);
                if (id == 0) throw Conflict(await FindAsync(connection, transaction, unitInfo.Id, periodRow.Id), unitInfo.Name, periodRow.Code, expectedVersion);
            }
            else
            {
                id = submission.Id;
                await BumpAsync(connection, transaction, submission, SubmissionStates.Draft, actor, now, expectedVersion, unitInfo.Name, periodRow.Code);
            }
            foreach (var (indicator, value, note) in parsed)
            {
                // A value a person saves is theirs, even where the demo had put a synthetic one.
                await connection.ExecuteAsync(
                    """
                    INSERT INTO submission_values (submission_id, indicator_id, value, note, is_demo) VALUES (@id, @IndicatorId, @value, @note, 0)
                    ON CONFLICT (submission_id, indicator_id) DO UPDATE SET value = excluded.value, note = excluded.note, is_demo = 0
                    """, new { id, indicator.IndicatorId, value, note }, transaction);
            }
            await RecordAsync(connection, transaction, database, actor, id, "save", submission?.State, SubmissionStates.Draft, null,
                unitInfo.Name, periodRow.Code, before, await ValuesAsync(connection, transaction, id));
            return await FormAsync(connection, transaction, catalog, unitInfo, periodRow, await FindAsync(connection, transaction, unitInfo.Id, periodRow.Id), database.Today());
        });
    }

    /// <summary>submit (the unit), approve, return with a comment, unlock with a reason (the administrator).</summary>
    public static async Task<SubmissionForm> TransitionAsync(Database database, Actor actor, string unit, string period, string action, long expectedVersion,
        string? comment = null)
    {
        if (action is not (SubmissionActions.Submit or SubmissionActions.Approve or SubmissionActions.Return or SubmissionActions.Unlock))
        {
            throw RefusedException.Invalid("invalid_action", "操作须为 submit、approve、return 或 unlock", "action must be submit, approve, return or unlock");
        }
        FieldRules.ThrowIfAny([FieldRules.Text("comment", action == SubmissionActions.Unlock ? "解锁理由" : "意见", comment, 500, multiline: true)]);
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var catalog = await MonitoringCatalog.LoadAsync(connection, transaction);
            var (unitInfo, periodRow) = await ResolveAsync(connection, transaction, catalog, unit, period);
            Authorize(action == SubmissionActions.Submit ? WriteRules.WriteUnitData(actor, unitInfo.Name) : WriteRules.Administer(actor));
            await database.Dialect.LockAsync(connection, transaction, $"submissions:{unitInfo.Id}:{periodRow.Id}");
            var submission = await FindAsync(connection, transaction, unitInfo.Id, periodRow.Id)
                             ?? throw RefusedException.NotFound("submission_not_found",
                                 $"{unitInfo.Name}{periodRow.Key.Chinese}尚未填报，无法执行该操作", $"{unitInfo.Name} has not started its report for {periodRow.Code}");
            CheckVersion(submission, expectedVersion, unitInfo.Name, periodRow.Code);
            var transition = SubmissionWorkflow.Apply(submission.State, action, comment);
            if (!transition.Allowed) throw StateRefusal(transition, unitInfo.Name, periodRow.Code, submission.State);
            if (action == SubmissionActions.Submit)
            {
                var form = await FormAsync(connection, transaction, catalog, unitInfo, periodRow, submission, database.Today());
                if (form.Errors > 0)
                {
                    var errors = form.Lines.SelectMany(l => l.Checks.Where(c => c.Severity == "error").Select(c => new { l.Indicator, l.Name, c.Code, c.Message })).ToList();
                    throw new RefusedException(RefusalKind.RuleViolated, "validation_failed",
                        $"{unitInfo.Name}{periodRow.Key.Chinese}有 {errors.Count} 项未通过校验，不能提交：" + string.Join("；", errors.Select(e => $"{e.Name}：{e.Message}")),
                        $"{errors.Count} value(s) fail validation; the report was not submitted",
                        new Dictionary<string, object?> { ["errors"] = errors, ["record"] = RecordName(unitInfo.Name, periodRow.Code) });
                }
            }
            var now = database.UtcStamp();
            await BumpAsync(connection, transaction, submission, transition.NewState!, actor, now, expectedVersion, unitInfo.Name, periodRow.Code,
                action, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());
            await RecordAsync(connection, transaction, database, actor, submission.Id, action, submission.State, transition.NewState!,
                string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), unitInfo.Name, periodRow.Code, null, null);
            return await FormAsync(connection, transaction, catalog, unitInfo, periodRow, await FindAsync(connection, transaction, unitInfo.Id, periodRow.Id), database.Today());
        });
    }

    /// <param name="includeDemo">false (official exports): a demo submission counts as no submission at all.</param>
    public static async Task<ReportingRate> ReportingRateAsync(Database database, string period, bool includeDemo = true)
    {
        await using var connection = await database.OpenAsync();
        var catalog = await MonitoringCatalog.LoadAsync(connection);
        var periodRow = await PeriodStore.RequireAsync(connection, null, period);
        var submissions = (await connection.QueryAsync<SubmissionRow>(SelectSubmission + " WHERE s.period_id = @Id", new { periodRow.Id }))
            .Where(s => includeDemo || s.IsDemo == 0).ToDictionary(s => s.UnitId);
        var due = DateOnly.ParseExact(periodRow.DueOn, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var duePassed = database.Today() > due;
        var units = catalog.ExpectedReporters(periodRow.Frequency).Select(u =>
        {
            var s = submissions.GetValueOrDefault(u.Id);
            var state = s?.State ?? NotStarted;
            return new ReportingUnit(u.Name, state, StateName(state), IsLate(s, due, duePassed), s?.SubmittedAt, s?.UpdatedBy, s?.UpdatedAt, s?.IsDemo == 1);
        }).ToList();
        var submitted = units.Count(u => u.State is SubmissionStates.Submitted or SubmissionStates.Approved);
        return new ReportingRate(periodRow.Code, periodRow.Key.Chinese, periodRow.DueOn, duePassed, units.Count, submitted,
            units.Count(u => u.State == SubmissionStates.Approved),
            units.Count(u => u.Late && u.State is SubmissionStates.Submitted or SubmissionStates.Approved),
            units.Count(u => u.Late && u.State is not (SubmissionStates.Submitted or SubmissionStates.Approved)),
            units.Count(u => u.State is SubmissionStates.Draft or SubmissionStates.Returned),
            units.Count(u => u.State == NotStarted),
            units.Count == 0 ? 0 : Math.Round((decimal)submitted / units.Count, 4), units);
    }

    /// <summary>Late: submitted after the deadline, or not submitted although the deadline has passed.</summary>
    public static bool IsLate(SubmissionRow? s, DateOnly due, bool duePassed)
    {
        if (s?.SubmittedAt is { Length: >= 10 } at && s.State is SubmissionStates.Submitted or SubmissionStates.Approved)
        {
            // submitted_at is UTC; the deadline is a Beijing date.
            var submittedOn = IndustryMap.Time.BeijingTime.DateOf(new DateTimeOffset(Timestamps.Parse(at), TimeSpan.Zero));
            return submittedOn > due;
        }
        return duePassed;
    }

    // ---------------------------------------------------------------- helpers

    private static void Authorize(Decision decision) => RefusedException.UnlessAllowed(decision);

    private static async Task<string?> CanonicalUnitAsync(DbConnection connection, DbTransaction? transaction, string nameOrAlias) =>
        await connection.QueryFirstOrDefaultAsync<string>(
            """
            SELECT u.name FROM units u WHERE u.name = @n OR u.full_name = @n OR u.code = @n
            UNION SELECT u.name FROM unit_aliases a JOIN units u ON u.id = a.unit_id WHERE a.alias = @n
            """, new { n = nameOrAlias.Trim() }, transaction);

    public static async Task<(UnitInfo Unit, PeriodRow Period)> ResolveAsync(DbConnection connection, DbTransaction? transaction, MonitoringCatalog catalog,
        string unit, string period)
    {
        var name = await CanonicalUnitAsync(connection, transaction, unit);
        var unitInfo = name is null ? null : catalog.FindUnit(name);
        if (unitInfo is null) throw RefusedException.NotFound("unit_not_found", $"没有名为“{unit}”的规划单元", $"no planning unit '{unit}'");
        var periodRow = await PeriodStore.RequireAsync(connection, transaction, period);
        if (catalog.FormFor(unitInfo.Id, periodRow.Frequency).Count == 0)
        {
            throw RefusedException.NotFound("nothing_to_report", $"{unitInfo.Name}在{Frequencies.Chinese(periodRow.Frequency)}（{periodRow.Code}）中没有需要报送的指标",
                $"{unitInfo.Name} reports no indicator in {periodRow.Frequency} periods");
        }
        return (unitInfo, periodRow);
    }

    private static Task<SubmissionRow?> FindAsync(DbConnection connection, DbTransaction? transaction, long unitId, long periodId) =>
        connection.QueryFirstOrDefaultAsync<SubmissionRow>(SelectSubmission + " WHERE s.unit_id = @unitId AND s.period_id = @periodId", new { unitId, periodId }, transaction);

    public sealed record StoredValue(long IndicatorId, decimal? Value, string? Note, long IsDemo);

    private static async Task<Dictionary<long, StoredValue>> ValuesAsync(DbConnection connection, DbTransaction? transaction, long submissionId) =>
        (await connection.QueryAsync<(long IndicatorId, object? Value, string? Note, long IsDemo)>(
            "SELECT indicator_id, value, note, is_demo FROM submission_values WHERE submission_id = @submissionId", new { submissionId }, transaction))
        .ToDictionary(v => v.IndicatorId, v => new StoredValue(v.IndicatorId, ValueReader.Decimal(v.Value), v.Note, v.IsDemo));

    private static List<(MonitoredIndicator Indicator, decimal? Value, string? Note)> Parse(IReadOnlyList<MonitoredIndicator> form, IReadOnlyList<ValueInput> values)
    {
        var errors = new List<Refusal>();
        var result = new List<(MonitoredIndicator, decimal?, string?)>();
        var seen = new HashSet<long>();
        foreach (var input in values)
        {
            var indicator = form.FirstOrDefault(i => i.Key == input.Indicator?.Trim() || i.Code == input.Indicator?.Trim() && form.Count(f => f.Code == i.Code) == 1);
            if (indicator is null)
            {
                errors.Add(Refusal.InLine(input.Row, "indicator", input.Indicator ?? "", "unknown_indicator",
                    $"“{input.Indicator}”不是本期需要报送的指标", $"'{input.Indicator}' is not an indicator of this report"));
                continue;
            }
            if (!seen.Add(indicator.IndicatorId))
            {
                errors.Add(Refusal.InLine(input.Row, "indicator", indicator.Key, "duplicate_indicator", $"“{indicator.Name}”出现了不止一次", $"{indicator.Key} appears more than once"));
                continue;
            }
            if (!ValueRules.TryReadNumber(input.Value, indicator.Unit, out var number))
            {
                errors.Add(Refusal.InLine(input.Row, "value", indicator.Key, "not_a_number",
                    $"“{indicator.Name}”的值“{input.Value}”不是数字", $"the value '{input.Value}' of {indicator.Key} is not a number"));
                continue;
            }
            decimal? converted = number;
            if (number is { } n)
            {
                converted = ValueRules.ToIndicatorUnit(n, input.Unit, indicator.Unit);
                if (converted is null)
                {
                    errors.Add(Refusal.InLine(input.Row, "unit", indicator.Key, "unit_mismatch",
                        $"“{indicator.Name}”以{indicator.Unit ?? "（无单位）"}填报，给出的单位“{input.Unit}”无法换算",
                        $"{indicator.Key} is reported in {indicator.Unit}; '{input.Unit}' does not convert"));
                    continue;
                }
            }
            if (FieldRules.Text("note", "备注", input.Note, ValueRules.MaxNoteLength) is { } noteError)
            {
                errors.Add(Refusal.InLine(input.Row, "note", indicator.Key, noteError.Code, $"“{indicator.Name}”的{noteError.Message}", noteError.MessageEn));
                continue;
            }
            result.Add((indicator, converted, FieldRules.Clean(input.Note)));
        }
        if (errors.Count > 0)
        {
            throw RefusedException.Listing("invalid_values", errors,
                $"{errors.Count} 处填报内容无法读取，未保存任何数据：" + string.Join("；", errors.Select(e => (e.Row is { } r ? $"第 {r} 行 " : "") + e.Message)),
                $"{errors.Count} value(s) could not be read; nothing was saved");
        }
        return result;
    }

    private static void CheckVersion(SubmissionRow? current, long expected, string unit, string period)
    {
        if ((current?.Version ?? 0) != expected) throw Conflict(current, unit, period, expected);
    }

    private static RefusedException Conflict(SubmissionRow? current, string unit, string period, long expected) => RefusedException.Conflict("edit_conflict",
        $"“{unit}{PeriodKey.Parse(period).Chinese}”的填报已被 {current?.UpdatedBy} 于 {current?.UpdatedAt} 修改（现为第 {current?.Version ?? 0} 版，您的操作基于第 {expected} 版），未保存您的修改；请刷新后重试",
        string.Create(CultureInfo.InvariantCulture,
            $"the report {RecordName(unit, period)} was changed by {current?.UpdatedBy} at {current?.UpdatedAt} (now version {current?.Version ?? 0}; yours was based on version {expected}); nothing was saved: reload and try again"),
        new Dictionary<string, object?>
        {
            ["record"] = RecordName(unit, period), ["currentVersion"] = current?.Version ?? 0, ["changedBy"] = current?.UpdatedBy, ["changedAt"] = current?.UpdatedAt,
        });

    /// <summary>A missing comment or reason is a bad request (400); anything the state does not allow is a conflict with the record's state (409).</summary>
    private static RefusedException StateRefusal(TransitionResult transition, string unit, string period, string state) => new(
        transition.Code is "comment_required" or "reason_required" ? RefusalKind.Invalid : RefusalKind.Conflict, transition.Code!, $"{unit}{PeriodKey.Parse(period).Chinese}：{transition.Message}", $"{RecordName(unit, period)} is {state}: {transition.Code}",
        new Dictionary<string, object?> { ["record"] = RecordName(unit, period), ["state"] = state });

    private static async Task BumpAsync(DbConnection connection, DbTransaction transaction, SubmissionRow submission, string newState, Actor actor, string now,
        long expectedVersion, string unit, string period, string? action = null, string? comment = null)
    {
        // The version condition is in the statement, so even without the lock a stale write changes nothing.
        var changed = await connection.ExecuteAsync(
            """
            UPDATE submissions SET state = @newState, version = version + 1, updated_by = @By, updated_at = @At,
                comment = CASE WHEN @action IN ('return', 'unlock') THEN @comment WHEN @action = 'approve' THEN NULL ELSE comment END,
                submitted_by = CASE WHEN @action = 'submit' THEN @By ELSE submitted_by END,
                submitted_at = CASE WHEN @action = 'submit' THEN @At ELSE submitted_at END,
                reviewed_by = CASE WHEN @action IN ('approve', 'return', 'unlock') THEN @By ELSE reviewed_by END,
                reviewed_at = CASE WHEN @action IN ('approve', 'return', 'unlock') THEN @At ELSE reviewed_at END
            WHERE id = @Id AND version = @expectedVersion
            """, new { newState, By = actor.Name, At = now, action = action ?? "save", comment, submission.Id, expectedVersion }, transaction);
        if (changed == 0) throw Conflict(await FindAsync(connection, transaction, submission.UnitId, submission.PeriodId), unit, period, expectedVersion);
    }

    private static async Task RecordAsync(DbConnection connection, DbTransaction transaction, Database database, Actor actor, long submissionId, string action,
        string? from, string to, string? comment, string unit, string period, Dictionary<long, StoredValue>? valuesBefore, Dictionary<long, StoredValue>? valuesAfter)
    {
        await connection.ExecuteAsync(
            """
            INSERT INTO submission_events (submission_id, action, from_state, to_state, comment, actor, actor_role, at)
            VALUES (@submissionId, @action, @from, @to, @comment, @Name, @RoleCode, @At)
            """, new { submissionId, action, from, to, comment, actor.Name, actor.RoleCode, At = database.UtcStamp() }, transaction);
        object? Snapshot(string? state, Dictionary<long, StoredValue>? values) => state is null && values is null ? null : new
        {
            State = state, Comment = state == to ? comment : null,
            Values = values?.Values.OrderBy(v => v.IndicatorId).Select(v => new { v.IndicatorId, Value = Decimals.Text(v.Value), v.Note, Demo = v.IsDemo == 1 }),
        };
        await AuditLog.AppendAsync(connection, transaction, database, actor, "submission." + action, "submissions", $"{unit}/{period}",
            Snapshot(from, valuesBefore), Snapshot(to, valuesAfter));
    }

    /// <summary>The form; <paramref name="today"/> is the Beijing date (deadlines are Beijing dates).</summary>
    private static async Task<SubmissionForm> FormAsync(DbConnection connection, DbTransaction? transaction, MonitoringCatalog catalog, UnitInfo unit,
        PeriodRow period, SubmissionRow? submission, DateOnly today)
    {
        var indicators = catalog.FormFor(unit.Id, period.Frequency);
        var values = submission is null ? [] : await ValuesAsync(connection, transaction, submission.Id);
        var previousPeriod = await PeriodStore.FindAsync(connection, transaction, period.Frequency, period.Ordinal - 1);
        var previousSubmission = previousPeriod is null ? null : await FindAsync(connection, transaction, unit.Id, previousPeriod.Id);
        var previous = previousSubmission is null ? [] : await ValuesAsync(connection, transaction, previousSubmission.Id);
        var lines = indicators.Select(i =>
        {
            var stored = values.GetValueOrDefault(i.IndicatorId);
            var before = previous.GetValueOrDefault(i.IndicatorId)?.Value;
            var (min, max) = ValueRules.Range(i);
            return new FormLine(i.Key, i.PlanId, i.Code, i.Name, i.Unit, i.Kind, i.Required == 1, min, max, Decimals.Normalize(stored?.Value), stored?.Note,
                stored?.IsDemo == 1, Decimals.Normalize(before), before is null ? null : previousPeriod!.Code, ValueRules.Check(i, stored?.Value, before));
        }).ToList();
        var history = submission is null
            ? []
            : (await connection.QueryAsync<SubmissionEvent>(
                "SELECT id, action, from_state, to_state, comment, actor, actor_role, at FROM submission_events WHERE submission_id = @Id ORDER BY id",
                new { submission.Id }, transaction)).ToList();
        var due = DateOnly.ParseExact(period.DueOn, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var state = submission?.State ?? NotStarted;
        return new SubmissionForm(RecordName(unit.Name, period.Code), unit.Name, period.Code, period.Key.Chinese, period.Frequency, period.DueOn, state, StateName(state),
            submission?.Version ?? 0, submission?.Comment, lines.Any(l => l.Demo) || submission?.IsDemo == 1, IsLate(submission, due, today > due),
            submission?.CreatedBy, submission?.UpdatedBy, submission?.UpdatedAt, submission?.SubmittedBy, submission?.SubmittedAt, submission?.ReviewedBy,
            submission?.ReviewedAt, lines, history);
    }
}

/// <summary>Exact numbers come back as TEXT from SQLite and as NUMERIC (decimal) from PostgreSQL; both become a decimal here.</summary>
public static class ValueReader
{
    public static decimal? Decimal(object? value) => value switch
    {
        null or DBNull => null,
        decimal d => d,
        string s => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
        long l => l,
        double f => (decimal)f,
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

    public static decimal? Decimal(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Decimal(reader.GetValue(ordinal));
}
