using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Dapper;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.FirstContacts;
using IndustryMap.Placement;
using IndustryMap.Registries;
using IndustryMap.Storage;
using IndustryMap.Units;
using IndustryMap.Writing;

namespace IndustryMap.Pipeline;

public sealed class PipelineProject
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string? Investor { get; set; }
    public string Unit { get; set; } = "";
    public string? Park { get; set; }
    public string? Industry { get; set; }
    public string? Cluster { get; set; }
    public decimal? AmountYi { get; set; }
    public decimal? LandMu { get; set; }
    public string? Origin { get; set; }
    /// <summary>1 when foreign-invested (stored as an integer on both engines).</summary>
    public long ForeignInvested { get; set; }
    public long? FirstContact { get; set; }
    public long? PlacementRank { get; set; }
    public string Stage { get; set; } = "";
    public string StageOn { get; set; } = "";
    public long Version { get; set; }
    public string CreatedBy { get; set; } = "";
    public string CreatedAt { get; set; } = "";
    public string UpdatedBy { get; set; } = "";
    public string UpdatedAt { get; set; } = "";
    public IReadOnlyList<StageEvent> Events { get; set; } = [];

    /// <summary>The date the project started construction (reached 在建 or later), if it has.</summary>
    public string? StartedOn => PipelineRules.StartedOn(Events);
}

public sealed class StageEvent
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public string Stage { get; set; } = "";
    public string StageOn { get; set; } = "";
    public string? Note { get; set; }
    public string RecordedBy { get; set; } = "";
    public string RecordedAt { get; set; } = "";
}

public sealed record NewPipelineProject(
    string? Name, string? Description, string? Unit, string? Park = null, decimal? AmountYi = null, decimal? LandMu = null, string? Origin = null,
    bool ForeignInvested = false, string? Investor = null, long? FirstContact = null, string? Stage = null, string? StageOn = null, string? Note = null);

public sealed record StageMove(string? Stage, string? StageOn, string? Note = null, long? Version = null);

public sealed record StageCount(string Unit, string Stage, string StageChinese, long Projects, decimal AmountYi);

/// <summary>One 渝西 district and year against the floor of seed 001 L544-546.</summary>
public sealed record YuxiFloorRow(string Unit, int Year, long Projects, decimal StartedYi, decimal FloorYi, bool Met, decimal Shortfall);

/// <summary>The pipeline's policy (pure): stages move forward with dates in order; a project starts when it reaches 在建.</summary>
public static class PipelineRules
{
    public static int Index(string stage) => ProjectLifecycle.Stages.Select(s => s.Stage).ToList().IndexOf(stage);

    public static bool IsStage(string? stage) => stage is not null && Index(stage) >= 0;

    /// <summary>
    /// A project moves forward through the lifecycle (it may skip stages: a signed project can report construction
    /// directly); it does not move back or stay — a stalled or withdrawn project is not in the six stages.
    /// </summary>
    public static Refusal? Move(string current, string next, string? lastDate, string nextDate, DateOnly today)
    {
        if (!IsStage(next))
        {
            return Refusal.OfField("stage", "unknown_stage", $"未知的项目阶段“{next}”（可选：{string.Join("、", ProjectLifecycle.Stages.Select(s => $"{s.Stage} {s.Chinese}"))}）",
                $"unknown stage '{next}': one of {string.Join(", ", ProjectLifecycle.Stages.Select(s => s.Stage))}");
        }
        if (Index(next) <= Index(current))
        {
            return Refusal.OfField("stage", "stage_not_forward", $"项目已处于“{ProjectLifecycle.Chinese(current)}”，只能推进到其后的阶段，不能改为“{ProjectLifecycle.Chinese(next)}”",
                $"the project is at '{current}': it can only move forward, not to '{next}'");
        }
        return Date(nextDate, lastDate, today);
    }

    public static Refusal? Date(string? date, string? notBefore, DateOnly today)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return Refusal.OfField("stageOn", "malformed_date", $"阶段日期格式应为 YYYY-MM-DD：“{date}”", $"stageOn must be YYYY-MM-DD: '{date}'");
        }
        if (parsed > today)
        {
            return Refusal.OfField("stageOn", "date_in_future", $"阶段日期不能晚于今天（{today:yyyy-MM-dd}）", $"stageOn cannot be after today ({today:yyyy-MM-dd})");
        }
        if (notBefore is not null && string.CompareOrdinal(date, notBefore) < 0)
        {
            return Refusal.OfField("stageOn", "date_before_previous", $"阶段日期不能早于上一阶段的日期（{notBefore}）", $"stageOn cannot be before the previous stage's date ({notBefore})");
        }
        return parsed.Year < 2000 ? Refusal.OfField("stageOn", "implausible_date", $"阶段日期不合理：{date}", $"implausible stageOn {date}") : null;
    }

    /// <summary>The date of the first stage at or after construction: when the project 落地开工 (seed 001 L546).</summary>
    public static string? StartedOn(IEnumerable<StageEvent> events) =>
        events.Where(e => Index(e.Stage) >= Index(ProjectLifecycle.Construction)).OrderBy(e => e.StageOn, StringComparer.Ordinal).FirstOrDefault()?.StageOn;

    /// <summary>
    /// seed 001 L544-546: 确保渝西地区各区每年均有 50 亿元及以上新招商项目落地开工. For each 渝西 district and year, the
    /// investment of pipeline projects (newly attracted projects placed through IndustryMap) that started that year.
    /// </summary>
    public static IReadOnlyList<YuxiFloorRow> YuxiFloor(IEnumerable<PipelineProject> projects, IReadOnlyList<string> yuxiUnits, IReadOnlyList<int> years)
    {
        var started = projects.Where(p => p.StartedOn is not null)
            .Select(p => (p.Unit, Year: int.Parse(p.StartedOn![..4], CultureInfo.InvariantCulture), Amount: p.AmountYi ?? 0m))
            .ToLookup(p => (p.Unit, p.Year));
        var rows = new List<YuxiFloorRow>();
        foreach (var unit in yuxiUnits)
        {
            foreach (var year in years)
            {
                var items = started[(unit, year)].ToList();
                var total = Decimals.Normalize(items.Sum(i => i.Amount));
                var floor = PlacementClauses.YuxiFloorYi;
                rows.Add(new YuxiFloorRow(unit, year, items.Count, total, floor, total >= floor, total >= floor ? 0 : Decimals.Normalize(floor - total)));
            }
        }
        return rows;
    }
}

/// <summary>
/// The project pipeline (issue 6): a placed project, the unit it goes to, and the dated stages it moves through.
/// Every write names its actor and is written with its audit-log entry in one transaction; the stage history is
/// append-only in the database (migration 0007).
/// </summary>
public static class ProjectPipeline
{
    public const int MaxName = 200;
    public const int MaxDescription = 2000;
    public const int MaxNote = 1000;

    private static readonly JsonSerializerOptions SnapshotJson = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    private const string ProjectColumns =
        """
        p.id, p.name, p.description, p.investor, u.name AS unit, p.park, p.industry, p.cluster, p.amount_yi, p.land_mu, p.origin,
        p.foreign_invested, p.first_contact, p.placement_rank, p.stage, p.stage_on, p.version, p.created_by, p.created_at, p.updated_by, p.updated_at
        """;

    private static void Authorize(Actor actor)
    {
        var decision = WriteRules.WriteInvestment(actor);
        RefusedException.UnlessAllowed(decision);
    }

    public static async Task<PipelineProject> CreateAsync(Database database, PlacementService placement, Actor actor, NewPipelineProject input,
        CancellationToken cancellationToken = default)
    {
        Authorize(actor);
        var today = database.Today();
        var stage = string.IsNullOrWhiteSpace(input.Stage) ? ProjectLifecycle.Negotiating : input.Stage.Trim();
        var stageOn = string.IsNullOrWhiteSpace(input.StageOn) ? today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : input.StageOn.Trim();
        string? origin = null;
        var errors = new List<Refusal?>
        {
            FieldRules.Text("name", "项目名称", input.Name, MaxName, required: true),
            FieldRules.Text("description", "项目描述", input.Description, MaxDescription, multiline: true, required: true),
            FieldRules.Text("unit", "落户单位", input.Unit, 50, required: true),
            FieldRules.Text("park", "园区", input.Park, MaxName),
            FieldRules.Text("investor", "投资方", input.Investor, MaxName),
            FieldRules.Text("note", "备注", input.Note, MaxNote, multiline: true),
            PipelineRules.IsStage(stage) ? null : Refusal.OfField("stage", "unknown_stage", $"未知的项目阶段“{stage}”", $"unknown stage '{stage}'"),
            PipelineRules.Date(stageOn, null, today),
            input.AmountYi is < 0 or > 100_000 ? Refusal.OfField("amountYi", "out_of_range", "投资额应在 0 至 100000 亿元之间", "amountYi must be between 0 and 100000") : null,
            input.LandMu is < 0 or > 1_000_000 ? Refusal.OfField("landMu", "out_of_range", "用地应在 0 至 1000000 亩之间", "landMu must be between 0 and 1000000") : null,
        };
        try { origin = Origins.Parse(input.Origin); }
        catch (ArgumentException) { errors.Add(Refusal.OfField("origin", "invalid_origin", "来源应为 outside_city（市外招引）或 within_city（市内转移）", "origin must be outside_city or within_city")); }
        FieldRules.ThrowIfAny(errors);
        var unit = await UnitQueries.FindAsync(database, input.Unit!.Trim())
                   ?? throw RefusedException.Invalid("unknown_unit", $"未知的规划单元“{input.Unit}”", $"unknown planning unit '{input.Unit}'");
        if (input.FirstContact is { } seq && await FirstContactRegister.FindAsync(database, seq) is null)
        {
            throw RefusedException.Invalid("unknown_first_contact", $"首谈登记中没有第 {seq} 号", $"no first-contact entry {seq}");
        }

        // The placement at the time the project entered the pipeline is kept with it: why this unit, and how it ranked.
        var placed = await placement.PlaceAsync(new PlacementRequest(input.Description!, input.AmountYi, input.LandMu, origin, input.ForeignInvested, input.Investor),
            cancellationToken);
        // A description that matches nothing has no ranking (issue 13 §3): the project is kept without a rank.
        var candidate = placed.Candidates.FirstOrDefault(c => c.Unit == unit.Name);
        var snapshot = JsonSerializer.Serialize(new
        {
            placed.Summary,
            Industries = placed.Industries.Take(5).Select(i => new { i.Name, i.Cluster, i.Score }),
            Top = placed.Candidates.Take(5).Select(c => new { c.Unit, c.Rank, c.RankTo, c.Score }),
            Chosen = candidate is null ? null : new { candidate.Unit, candidate.Rank, candidate.RankTo, candidate.Score, Reasons = candidate.Reasons.Select(r => r.Text) },
            Notes = placed.Notes.Select(n => n.Text),
            Warnings = placed.Warnings.Select(w => w.Text),
        }, SnapshotJson);

        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var now = database.UtcStamp();
            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO pipeline_projects (name, description, investor, investor_key, unit_id, park, industry, cluster, amount_yi, land_mu, origin,
                    foreign_invested, first_contact, placement_rank, placement, stage, stage_on, version, created_by, created_at, updated_by, updated_at)
                VALUES (@Name, @Description, @Investor, @InvestorKey, @UnitId, @Park, @Industry, @Cluster, @AmountYi, @LandMu, @Origin,
                    @ForeignInvested, @FirstContact, @PlacementRank, @Placement, @Stage, @StageOn, 1, @Actor, @Now, @Actor, @Now)
                RETURNING id
                """,
                new
                {
                    Name = input.Name!.Trim(), Description = input.Description!.Trim(), Investor = FieldRules.Clean(input.Investor),
                    InvestorKey = input.Investor is { Length: > 0 } inv ? NameKeys.Investor(inv) : null, UnitId = unit.Id, Park = FieldRules.Clean(input.Park),
                    Industry = placed.Industries.FirstOrDefault()?.Name, Cluster = placed.Industries.FirstOrDefault()?.Cluster,
                    AmountYi = input.AmountYi is { } a ? Decimals.Normalize(a) : (decimal?)null, LandMu = input.LandMu is { } l ? Decimals.Normalize(l) : (decimal?)null,
                    Origin = origin, ForeignInvested = input.ForeignInvested ? 1L : 0L, input.FirstContact, PlacementRank = (long?)candidate?.Rank,
                    Placement = snapshot, Stage = stage, StageOn = stageOn, Actor = actor.Name, Now = now,
                }, transaction);
            await InsertEventAsync(connection, transaction, id, stage, stageOn, FieldRules.Clean(input.Note), actor, now);
            var created = (await ReadAsync(connection, transaction, id))!;
            await AuditLog.AppendAsync(connection, transaction, database, actor, "pipeline.create", "pipeline_projects",
                id.ToString(CultureInfo.InvariantCulture), null, Audited(created));
            return created;
        }, cancellationToken);
    }

    public static async Task<PipelineProject> MoveAsync(Database database, Actor actor, long id, StageMove move, CancellationToken cancellationToken = default)
    {
        Authorize(actor);
        FieldRules.ThrowIfAny([FieldRules.Text("note", "备注", move.Note, MaxNote, multiline: true),
            FieldRules.Text("stage", "阶段", move.Stage, 20, required: true)]);
        var today = database.Today();
        var stageOn = string.IsNullOrWhiteSpace(move.StageOn) ? today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : move.StageOn.Trim();
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var before = await ReadAsync(connection, transaction, id)
                         ?? throw RefusedException.NotFound("project_not_found", $"项目库中没有第 {id} 号项目", $"no pipeline project {id}");
            if (move.Version is { } expected && expected != before.Version)
            {
                throw RefusedException.Conflict("version_conflict",
                    $"项目“{before.Name}”（第 {id} 号）已被 {before.UpdatedBy} 于 {before.UpdatedAt} 修改（当前版本 {before.Version}，您修改的是版本 {expected}）：请刷新后重试",
                    $"pipeline project {id} was changed by {before.UpdatedBy} at {before.UpdatedAt} (version {before.Version}, you edited {expected})",
                    new Dictionary<string, object?> { ["version"] = before.Version });
            }
            var stage = move.Stage!.Trim();
            FieldRules.ThrowIfAny([PipelineRules.Move(before.Stage, stage, before.Events.LastOrDefault()?.StageOn, stageOn, today)]);
            var now = database.UtcStamp();
            var updated = await connection.ExecuteAsync(
                """
                UPDATE pipeline_projects SET stage = @stage, stage_on = @stageOn, version = version + 1, updated_by = @actor, updated_at = @now
                WHERE id = @id AND version = @version
                """, new { stage, stageOn, actor = actor.Name, now, id, version = before.Version }, transaction);
            if (updated != 1) throw RefusedException.Conflict("version_conflict", $"项目（第 {id} 号）同时被他人修改：请刷新后重试", $"pipeline project {id} changed meanwhile");
            await InsertEventAsync(connection, transaction, id, stage, stageOn, FieldRules.Clean(move.Note), actor, now);
            var after = (await ReadAsync(connection, transaction, id))!;
            await AuditLog.AppendAsync(connection, transaction, database, actor, "pipeline.stage", "pipeline_projects",
                id.ToString(CultureInfo.InvariantCulture), Audited(before), Audited(after));
            return after;
        }, cancellationToken);
    }

    private static object Audited(PipelineProject p) => new { p.Id, p.Name, p.Unit, p.AmountYi, p.Stage, p.StageOn, p.Version };

    private static Task InsertEventAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, long id, string stage,
        string stageOn, string? note, Actor actor, string now) =>
        connection.ExecuteAsync(
            """
            INSERT INTO pipeline_stage_events (project_id, stage, stage_on, note, recorded_by, recorded_at)
            VALUES (@id, @stage, @stageOn, @note, @actor, @now)
            """, new { id, stage, stageOn, note, actor = actor.Name, now }, transaction);

    private static async Task<PipelineProject?> ReadAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, long id)
    {
        var project = await connection.QueryFirstOrDefaultAsync<PipelineProject>(
            $"SELECT {ProjectColumns} FROM pipeline_projects p JOIN units u ON u.id = p.unit_id WHERE p.id = @id", new { id }, transaction);
        if (project is null) return null;
        project.Events = (await connection.QueryAsync<StageEvent>(
            "SELECT id, project_id, stage, stage_on, note, recorded_by, recorded_at FROM pipeline_stage_events WHERE project_id = @id ORDER BY id",
            new { id }, transaction)).ToList();
        return project;
    }

    public static async Task<PipelineProject?> FindAsync(Database database, long id)
    {
        await using var connection = await database.OpenAsync();
        return await ReadAsync(connection, null, id);
    }

    public static async Task<string?> PlacementSnapshotAsync(Database database, long id)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<string?>("SELECT placement FROM pipeline_projects WHERE id = @id", new { id });
    }

    public sealed record Filter(string? Unit = null, string? Stage = null);

    public static async Task<IReadOnlyList<PipelineProject>> ListAsync(Database database, Filter? filter = null)
    {
        filter ??= new Filter();
        await using var connection = await database.OpenAsync();
        var projects = (await connection.QueryAsync<PipelineProject>(
            $"""
             SELECT {ProjectColumns} FROM pipeline_projects p JOIN units u ON u.id = p.unit_id
             WHERE (@unit IS NULL OR u.name = @unit) AND (@stage IS NULL OR p.stage = @stage)
             ORDER BY p.id
             """, new { unit = filter.Unit, stage = filter.Stage })).ToList();
        var events = (await connection.QueryAsync<StageEvent>(
            "SELECT id, project_id, stage, stage_on, note, recorded_by, recorded_at FROM pipeline_stage_events ORDER BY id")).ToLookup(e => e.ProjectId);
        foreach (var p in projects) p.Events = events[p.Id].ToList();
        return projects;
    }

    /// <summary>Projects by stage and unit: how many, and their investment in 亿元.</summary>
    public static async Task<IReadOnlyList<StageCount>> ByStageAndUnitAsync(Database database)
    {
        var projects = await ListAsync(database);
        return projects.GroupBy(p => (p.Unit, p.Stage))
            .OrderBy(g => g.Key.Unit, StringComparer.Ordinal).ThenBy(g => PipelineRules.Index(g.Key.Stage))
            .Select(g => new StageCount(g.Key.Unit, g.Key.Stage, ProjectLifecycle.Chinese(g.Key.Stage), g.LongCount(),
                Decimals.Normalize(g.Sum(p => p.AmountYi ?? 0m))))
            .ToList();
    }

    /// <summary>For each 渝西 district and year (the plan period 2023–2027 and any later year with a start), the started investment against 50 亿元.</summary>
    public static async Task<IReadOnlyList<YuxiFloorRow>> YuxiFloorAsync(Database database, int? year = null)
    {
        var projects = await ListAsync(database);
        await using var connection = await database.OpenAsync();
        var yuxi = (await connection.QueryAsync<string>(
            """
            SELECT u.name FROM unit_group_members m JOIN unit_groups g ON g.id = m.group_id JOIN units u ON u.id = m.unit_id
            WHERE g.name = @group ORDER BY u.position
            """, new { group = PlacementCatalog.YuxiGroup })).ToList();
        var startYears = projects.Select(p => p.StartedOn).OfType<string>().Select(s => int.Parse(s[..4], CultureInfo.InvariantCulture));
        var years = year is { } y ? [y] : Enumerable.Range(2023, 5).Concat(startYears).Distinct().Order().ToList();
        return PipelineRules.YuxiFloor(projects, yuxi, years);
    }
}
