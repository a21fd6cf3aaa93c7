using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Dapper;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Storage;
using IndustryMap.Writing;

namespace IndustryMap.Monitoring;

public sealed record BulletinWarning(string Scope, string Indicator, string IndicatorName, int Year, decimal? Completion, decimal? Elapsed, string Status,
    string StatusName, string Text, bool Demo);

public sealed record BulletinUnitLine(string Unit, string Text, bool Demo);

/// <summary>
/// What a bulletin (通报) says for a period: who reported, the 赛马 rankings, warnings for lagging and far-behind
/// targets, the sums for groups and the city, and a line per unit. A reviewed bulletin is this, frozen.
/// </summary>
public sealed record BulletinContent(
    string Period, string PeriodName, string Title, string Number, string Issuer, string IssuedOn, string State, string StateName, bool IncludeDemo, bool Demo,
    string GeneratedAt, string? ReviewedBy, string? ReviewedAt, ReportingRate Reporting, IReadOnlyList<string> Summary, IReadOnlyList<RankingResult> Rankings,
    IReadOnlyList<BulletinWarning> Warnings, IReadOnlyList<ProgressRow> Totals, IReadOnlyList<BulletinUnitLine> Units);

public sealed class BulletinRow
{
    public long Id { get; set; }
    public long PeriodId { get; set; }
    public string Period { get; set; } = "";
    public string? Number { get; set; }
    public string? Title { get; set; }
    public string State { get; set; } = "";
    public string? Snapshot { get; set; }
    public string? SnapshotDemo { get; set; }
    public long Version { get; set; }
    public string CreatedBy { get; set; } = "";
    public string CreatedAt { get; set; } = "";
    public string UpdatedBy { get; set; } = "";
    public string UpdatedAt { get; set; } = "";
    public string? ReviewedBy { get; set; }
    public string? ReviewedAt { get; set; }
}

public sealed record BulletinSummary(string Period, string PeriodName, string? Number, string? Title, string State, string StateName, long Version, string UpdatedBy,
    string UpdatedAt, string? ReviewedBy, string? ReviewedAt);

/// <summary>
/// Bulletins (issue 7 §5; seed 001 §七（三）“建立定期通报和调度机制”): drafted from the approved data of a period,
/// reviewed by the administrator (draft → reviewed), which freezes what it says; exported by <see cref="BulletinFiles"/>.
/// </summary>
public static class Bulletins
{
    public const string Draft = "draft";
    public const string Reviewed = "reviewed";
    public const string Issuer = "重庆市经济和信息化委员会";

    public static string StateName(string state) => state == Reviewed ? "已审核" : "草稿（未审核）";

    /// <summary>
    /// Whether a bulletin has anything to report: an approved value behind some ranking score, a group or city total,
    /// or a progress warning. Without, it would rank every unit first with 0 points (issue 14), so it cannot be
    /// finalised. The page applies the same rule (wwwroot/js/monitoring/bulletin-rules.js).
    /// </summary>
    /// <summary>Approved values of the period that are not demo values (a real value in a demo submission counts).</summary>
    private static async Task<long> ApprovedRealValuesAsync(Database database, long periodId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            """
            SELECT COUNT(*) FROM submission_values v JOIN submissions s ON s.id = v.submission_id
            WHERE s.period_id = @periodId AND s.state = 'approved' AND v.is_demo = 0 AND v.value IS NOT NULL
            """, new { periodId });
    }

    public static bool HasApprovedValues(BulletinContent content) =>
        content.Rankings.Any(r => r.Groups.Any(g => g.Units.Any(u => u.Scores.Any(s => s.Value is not null))))
        || content.Totals.Any(t => t.Actual is not null)
        || content.Warnings.Count > 0;

    public static readonly JsonSerializerOptions SnapshotJson = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    private const string Select =
        """
        SELECT b.id, b.period_id, p.code AS period, b.number, b.title, b.state, b.snapshot, b.snapshot_demo, b.version, b.created_by, b.created_at,
               b.updated_by, b.updated_at, b.reviewed_by, b.reviewed_at
        FROM bulletins b JOIN reporting_periods p ON p.id = b.period_id
        """;

    public static async Task<IReadOnlyList<BulletinSummary>> ListAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<BulletinRow>(Select + " ORDER BY p.ends_on DESC"))
            .Select(b => new BulletinSummary(b.Period, PeriodKey.Parse(b.Period).Chinese, b.Number, b.Title, b.State, StateName(b.State), b.Version, b.UpdatedBy,
                b.UpdatedAt, b.ReviewedBy, b.ReviewedAt)).ToList();
    }

    private static async Task<BulletinRow?> FindAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, long periodId) =>
        await connection.QueryFirstOrDefaultAsync<BulletinRow>(Select + " WHERE b.period_id = @periodId", new { periodId }, transaction);

    /// <summary>The bulletin of a period: as frozen by its review, or (draft, or never saved) drafted now from the approved data.</summary>
    public static async Task<BulletinContent> GetAsync(Database database, string period, bool includeDemo)
    {
        BulletinRow? row;
        PeriodRow periodRow;
        await using (var connection = await database.OpenAsync())
        {
            periodRow = await PeriodStore.RequireAsync(connection, null, period);
            row = await FindAsync(connection, null, periodRow.Id);
        }
        if (row is { State: Reviewed } && (includeDemo ? row.SnapshotDemo : row.Snapshot) is { } frozen)
        {
            return JsonSerializer.Deserialize<BulletinContent>(frozen, SnapshotJson)!;
        }
        return await BuildAsync(database, periodRow, row, includeDemo, null);
    }

    public static async Task<BulletinSummary> SaveDraftAsync(Database database, Actor actor, string period, string? number, string? title, long expectedVersion)
    {
        MonitoringSetup.RequireAdmin(actor);
        FieldRules.ThrowIfAny([FieldRules.Text("number", "文号", number, 60), FieldRules.Text("title", "标题", title, 120)]);
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var periodRow = await PeriodStore.RequireAsync(connection, transaction, period);
            await database.Dialect.LockAsync(connection, transaction, "bulletins:" + periodRow.Id);
            var before = await FindAsync(connection, transaction, periodRow.Id);
            CheckVersion(before, expectedVersion, periodRow.Code);
            if (before?.State == Reviewed)
            {
                throw RefusedException.Conflict("bulletin_reviewed", $"{periodRow.Key.Chinese}通报已审核定稿，不能修改；如需修改请先退回草稿",
                    $"the bulletin for {periodRow.Code} is reviewed; reopen it first", new Dictionary<string, object?> { ["record"] = "bulletins/" + periodRow.Code });
            }
            var values = new { PeriodId = periodRow.Id, Number = FieldRules.Clean(number), Title = FieldRules.Clean(title), By = actor.Name, At = database.UtcStamp(), Expected = expectedVersion };
            var changed = before is null
                ? await connection.ExecuteAsync(
                    """
                    INSERT INTO bulletins (period_id, number, title, state, version, created_by, created_at, updated_by, updated_at)
                    VALUES (@PeriodId, @Number, @Title, 'draft', 1, @By, @At, @By, @At) ON CONFLICT (period_id) DO NOTHING
                    """, values, transaction)
                : await connection.ExecuteAsync(
                    """
                    UPDATE bulletins SET number = @Number, title = @Title, version = version + 1, updated_by = @By, updated_at = @At
                    WHERE period_id = @PeriodId AND version = @Expected
                    """, values, transaction);
            if (changed == 0) CheckVersion(await FindAsync(connection, transaction, periodRow.Id), -1, periodRow.Code);
            var after = (await FindAsync(connection, transaction, periodRow.Id))!;
            await AuditLog.AppendAsync(connection, transaction, database, actor, "bulletin.save", "bulletins", periodRow.Code,
                before is null ? null : new { before.Number, before.Title, before.State, before.Version }, new { after.Number, after.Title, after.State, after.Version });
            return Summary(after);
        });
    }

    /// <summary>The review step: the administrator checks the draft and freezes it (both the official content and the one with demo values).</summary>
    public static async Task<BulletinSummary> ReviewAsync(Database database, Actor actor, string period, long expectedVersion)
    {
        MonitoringSetup.RequireAdmin(actor);
        PeriodRow periodRow;
        BulletinRow? current;
        await using (var connection = await database.OpenAsync())
        {
            periodRow = await PeriodStore.RequireAsync(connection, null, period);
            current = await FindAsync(connection, null, periodRow.Id);
        }
        CheckVersion(current, expectedVersion, periodRow.Code);
        if (current is null) throw RefusedException.NotFound("bulletin_not_found", $"{periodRow.Key.Chinese}通报尚未起草", $"no draft bulletin for {periodRow.Code}");
        if (current.State == Reviewed)
        {
            throw RefusedException.Conflict("bulletin_reviewed", $"{periodRow.Key.Chinese}通报已审核", $"the bulletin for {periodRow.Code} is reviewed already",
                new Dictionary<string, object?> { ["record"] = "bulletins/" + periodRow.Code });
        }
        var at = database.UtcStamp();
        var official = await BuildAsync(database, periodRow, current, false, (actor.Name, at));
        if (!HasApprovedValues(official) && await ApprovedRealValuesAsync(database, periodRow.Id) == 0)
        {
            throw RefusedException.Invalid("bulletin_no_values", $"{periodRow.Key.Chinese}没有经审核锁定的数值，通报不能定稿",
                $"there are no approved values for {periodRow.Code}: the bulletin cannot be finalised");
        }
        var withDemo = await BuildAsync(database, periodRow, current, true, (actor.Name, at));
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            await database.Dialect.LockAsync(connection, transaction, "bulletins:" + periodRow.Id);
            var changed = await connection.ExecuteAsync(
                """
                UPDATE bulletins SET state = 'reviewed', snapshot = @Official, snapshot_demo = @WithDemo, version = version + 1, updated_by = @By, updated_at = @At,
                    reviewed_by = @By, reviewed_at = @At
                WHERE period_id = @PeriodId AND version = @Expected AND state = 'draft'
                """,
                new
                {
                    Official = JsonSerializer.Serialize(official, SnapshotJson), WithDemo = JsonSerializer.Serialize(withDemo, SnapshotJson), By = actor.Name, At = at,
                    PeriodId = periodRow.Id, Expected = expectedVersion,
                }, transaction);
            if (changed == 0) CheckVersion(await FindAsync(connection, transaction, periodRow.Id), -1, periodRow.Code);
            var after = (await FindAsync(connection, transaction, periodRow.Id))!;
            await AuditLog.AppendAsync(connection, transaction, database, actor, "bulletin.review", "bulletins", periodRow.Code,
                new { current.State, current.Version }, new { after.State, after.Version, after.Number, after.Title });
            return Summary(after);
        });
    }

    /// <summary>Back to draft (the frozen content is dropped), with a reason, e.g. after an approved value was unlocked and corrected.</summary>
    public static async Task<BulletinSummary> ReopenAsync(Database database, Actor actor, string period, long expectedVersion, string? reason)
    {
        MonitoringSetup.RequireAdmin(actor);
        if (string.IsNullOrWhiteSpace(reason)) throw RefusedException.Invalid("reason_required", "退回草稿须填写理由", "a reason is required");
        FieldRules.ThrowIfAny([FieldRules.Text("reason", "理由", reason, 500, multiline: true)]);
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var periodRow = await PeriodStore.RequireAsync(connection, transaction, period);
            await database.Dialect.LockAsync(connection, transaction, "bulletins:" + periodRow.Id);
            var before = await FindAsync(connection, transaction, periodRow.Id);
            CheckVersion(before, expectedVersion, periodRow.Code);
            if (before?.State != Reviewed) throw RefusedException.Conflict("bulletin_not_reviewed", "通报尚未审核，无需退回", "the bulletin is not reviewed");
            await connection.ExecuteAsync(
                """
                UPDATE bulletins SET state = 'draft', snapshot = NULL, snapshot_demo = NULL, version = version + 1, updated_by = @By, updated_at = @At
                WHERE period_id = @PeriodId AND version = @Expected
                """, new { By = actor.Name, At = database.UtcStamp(), PeriodId = periodRow.Id, Expected = expectedVersion }, transaction);
            var after = (await FindAsync(connection, transaction, periodRow.Id))!;
            await AuditLog.AppendAsync(connection, transaction, database, actor, "bulletin.reopen", "bulletins", periodRow.Code,
                new { before.State, before.Version }, new { after.State, after.Version, Reason = reason.Trim() });
            return Summary(after);
        });
    }

    private static BulletinSummary Summary(BulletinRow b) => new(b.Period, PeriodKey.Parse(b.Period).Chinese, b.Number, b.Title, b.State, StateName(b.State), b.Version,
        b.UpdatedBy, b.UpdatedAt, b.ReviewedBy, b.ReviewedAt);

    private static void CheckVersion(BulletinRow? current, long expected, string period)
    {
        if ((current?.Version ?? 0) == expected) return;
        throw RefusedException.Conflict("edit_conflict",
            $"{PeriodKey.Parse(period).Chinese}通报已被 {current?.UpdatedBy} 于 {current?.UpdatedAt} 修改（现为第 {current?.Version ?? 0} 版），未保存您的修改；请刷新后重试",
            $"the bulletin bulletins/{period} was changed by {current?.UpdatedBy} at {current?.UpdatedAt} (now version {current?.Version ?? 0}); nothing was saved",
            new Dictionary<string, object?> { ["record"] = "bulletins/" + period, ["currentVersion"] = current?.Version ?? 0 });
    }

    public static string DefaultTitle(PeriodKey period) => $"关于{period.Chinese}全市制造业重点指标监测和“赛马”情况的通报";

    /// <summary>A neutral issue number until the administrator enters the official 文号.</summary>
    public static string DefaultNumber(PeriodKey period) => string.Create(CultureInfo.InvariantCulture, $"产业监测通报〔{period.Year}〕第{period.Seq}期");

    public static string ChineseDate(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    private static string Pct(decimal? ratio) => ratio is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static async Task<BulletinContent> BuildAsync(Database database, PeriodRow period, BulletinRow? row, bool includeDemo, (string By, string At)? review)
    {
        var reporting = await Submissions.ReportingRateAsync(database, period.Code, includeDemo);
        var rankings = await Rankings.RankAsync(database, period.Code, null, includeDemo);
        var progress = await ProgressReport.ComputeAsync(database, new ProgressQuery(AsOf: period.Code, IncludeDemo: includeDemo));
        var key = period.Key;
        // The target that is current for the period: the nearest year not yet past, per indicator and scope.
        var current = progress.Where(p => p.Year >= key.Year).GroupBy(p => (p.Indicator, p.ScopeKind, p.Scope)).Select(g => g.MinBy(p => p.Year)!).ToList();
        var warnings = current.Where(p => p.ScopeKind == "unit" && ProgressStatuses.IsWarning(p.Status))
            .OrderBy(p => p.Status == ProgressStatus.FarBehind ? 0 : 1).ThenBy(p => p.Gap)
            .Select(p => new BulletinWarning(p.Scope, p.Indicator, p.IndicatorName, p.Year, p.Completion, p.Elapsed, p.Status, p.StatusName,
                $"{p.Scope}{p.IndicatorName}（{p.Year}年目标 {p.TargetValue:0.##}{p.Unit}）完成 {Pct(p.Completion)}，时序进度 {Pct(p.Elapsed)}，{p.StatusName}", p.Demo))
            .ToList();
        // Issue 14 §8: a group or city total is reported only against a target a document states; the sum of the members'
        // targets is no one's target, so the bulletin does not print it as one.
        var totals = current.Where(p => p.ScopeKind != "unit" && p.Actual is not null && !p.TargetDerived).ToList();
        var ranked = rankings.SelectMany(r => r.Groups.SelectMany(g => g.Units.Select(u => (Index: r, Group: g.Group, Line: u)))).ToLookup(x => x.Line.Unit);
        var unitProgress = current.Where(p => p.ScopeKind == "unit" && p.Actual is not null).ToLookup(p => p.Scope);
        var units = reporting.Units.Select(u => u.Unit).Union(ranked.Select(r => r.Key)).Union(unitProgress.Select(p => p.Key)).ToHashSet();
        var catalog = await MonitoringCatalog.LoadAsync(database);
        var reportingByUnit = reporting.Units.ToDictionary(r => r.Unit);
        var lines = catalog.Units.Where(u => units.Contains(u.Name)).Select(u =>
        {
            var parts = ranked[u.Name].Select(r => $"{r.Index.IndexName}{Rankings.Describe(r.Line, r.Group)}")
                .Concat(unitProgress[u.Name].Select(p => $"{p.IndicatorName}完成{p.Year}年目标的 {Pct(p.Completion)}（时序进度 {Pct(p.Elapsed)}），{p.StatusName}"))
                .ToList();
            var state = reportingByUnit.GetValueOrDefault(u.Name);
            if (state is not null && state.State != SubmissionStates.Approved) parts.Add($"本期填报{state.StateName}{(state.Late ? "，已逾期" : "")}");
            return new BulletinUnitLine(u.Name, $"{u.Name}：{(parts.Count == 0 ? "本期无已审核数据" : string.Join("；", parts))}。",
                ranked[u.Name].Any(r => r.Line.Demo) || unitProgress[u.Name].Any(p => p.Demo));
        }).ToList();
        var summary = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"{key.Chinese}应报单位 {reporting.Expected} 个，已报送 {reporting.Submitted} 个（其中已审核锁定 {reporting.Approved} 个），报送率 {reporting.Rate * 100:0.#}%；逾期报送 {reporting.SubmittedLate} 个，逾期未报 {reporting.Late} 个，尚未开始填报 {reporting.NotStarted} 个。"),
        };
        summary.AddRange(totals.Select(t => $"{t.Scope}{t.IndicatorName}{(t.ActualPeriod is null ? "" : $"（{PeriodKey.Parse(t.ActualPeriod).Chinese}）")}为 {t.Actual:0.##}{t.Unit}，完成{t.Year}年目标（{t.TargetValue:0.##}{t.Unit}）的 {Pct(t.Completion)}，时序进度 {Pct(t.Elapsed)}，{t.StatusName}。"));
        if (warnings.Count > 0)
        {
            summary.Add(string.Create(CultureInfo.InvariantCulture,
                $"本期共有 {warnings.Count(w => w.Status == ProgressStatus.FarBehind)} 项指标严重滞后、{warnings.Count(w => w.Status == ProgressStatus.Lagging)} 项滞后于时序进度，请有关区县认真分析原因，采取有力措施加快追赶。"));
        }
        var demo = rankings.Any(r => r.Demo) || progress.Any(p => p.Demo && p.Actual is not null) || reporting.Units.Any(u => u.Demo && includeDemo);
        var reviewedAt = review?.At ?? row?.ReviewedAt;
        var issued = reviewedAt is { Length: >= 10 } ? DateOnly.ParseExact(reviewedAt[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture) : database.Today();
        var state = review is not null ? Reviewed : row?.State ?? Draft;
        return new BulletinContent(period.Code, key.Chinese, row?.Title ?? DefaultTitle(key), row?.Number ?? DefaultNumber(key), Issuer, ChineseDate(issued), state,
            StateName(state), includeDemo, demo, database.UtcStamp(), review?.By ?? row?.ReviewedBy, reviewedAt, reporting, summary, rankings, warnings, totals, lines);
    }
}
