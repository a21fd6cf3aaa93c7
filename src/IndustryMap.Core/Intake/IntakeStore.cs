using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Plans;
using IndustryMap.Search;
using IndustryMap.Storage;
using IndustryMap.Units;
using IndustryMap.Writing;

namespace IndustryMap.Intake;

/// <summary>An upload: the file as received (or text given in JSON), what the uploader says about it.</summary>
public sealed record NewIntake(string FileName, byte[] Content, string? Title, string? Issuer, string? IssuedOn, string? Scope, bool FromJson = false);

public sealed record IntakeDocumentRow
{
    public long Id { get; init; }
    public string DocumentId { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Issuer { get; init; }
    public string? IssuedOn { get; init; }
    public string FileName { get; init; } = "";
    public string FileKind { get; init; } = "";
    public long ByteCount { get; init; }
    public string Sha256 { get; init; } = "";
    public string ScopeKind { get; init; } = "";
    public string? Scope { get; init; }
    public long? PeriodStart { get; init; }
    public long? PeriodEnd { get; init; }
    public long LineCount { get; init; }
    public string? PlanId { get; init; }
    public string UploadedBy { get; init; } = "";
    public string UploadedAt { get; init; } = "";
}

/// <summary>A stored proposal: what was proposed (JSON of <see cref="TargetProposal"/> …), and the decision on it.</summary>
public sealed record ProposalRow
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public long Position { get; init; }
    public string Proposed { get; init; } = "";
    public long SrcFrom { get; init; }
    public long SrcTo { get; init; }
    public decimal Confidence { get; init; }
    public string Status { get; init; } = "";
    public string? Accepted { get; init; }
    public string? DecidedBy { get; init; }
    public string? DecidedAt { get; init; }
    public long? TargetId { get; init; }
}

/// <summary>A stored target that says something else about the fact a proposal states.</summary>
public sealed record IntakeConflict(long TargetId, string Plan, string Indicator, string? Scope, long? Year, decimal Value, decimal? ValueHigh, string? Unit,
    string Printed, string? Document, long? From, long? To);

public sealed record IntakeProposalView(ProposalRow Row, JsonElement Proposed, JsonElement? Accepted, IReadOnlyList<IntakeConflict> Conflicts);

public sealed record IntakeDetail(IntakeDocumentRow Document, IReadOnlyList<IntakeProposalView> Proposals);

/// <summary>
/// One decision of a reviewer: accept (optionally with edited fields: <see cref="TargetEdit"/> for a target,
/// <see cref="ProjectEdit"/> for a park or project) or reject one proposal, or every pending proposal of a kind.
/// <paramref name="Edition"/>: the draft layout edition (its year) an accepted designation enters; null = the newest draft.
/// </summary>
public sealed record IntakeDecision(long? Proposal, string? Kind, string Action, TargetEdit? Edit = null, ProjectEdit? ProjectEdit = null, int? Edition = null);

/// <summary>The fields a reviewer may change before accepting a park or project; null keeps the proposal's, Clear… empties a figure.</summary>
public sealed record ProjectEdit(string? Name = null, decimal? Investment = null, bool ClearInvestment = false, string? InvestmentUnit = null,
    decimal? Land = null, bool ClearLand = false, string? LandUnit = null, string? Period = null, string? Stage = null);

/// <summary>The fields a reviewer may change before accepting a target; null keeps the proposal's.</summary>
public sealed record TargetEdit(string? Indicator = null, string? ScopeKind = null, string? Scope = null, int? Year = null, bool ClearYear = false,
    decimal? Value = null, decimal? ValueHigh = null, string? Unit = null, string? Comparator = null, bool? Cumulative = null);

/// <summary>
/// Document intake (issue 16, decision 0016): stores an uploaded plan byte for byte with its line-numbered text and
/// the extractor's proposals; records the reviewer's decisions; turns accepted targets into data with provenance
/// (document + lines, reviewer + time). Every write is authorised by <see cref="WriteRules.TakeInPlan"/> and audited in
/// its transaction.
/// </summary>
public static partial class IntakeStore
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] Comparators = ["eq", "ge", "gt", "le", "lt", "approx", "range", "strive"];

    [GeneratedRegex(@"(?<from>20\d{2})\s*[—–\-~至]\s*(?<to>20\d{2})\s*年")]
    private static partial Regex PeriodRange();

    [GeneratedRegex(@"十([三四五六])五")]
    private static partial Regex FiveYearPlan();

    /// <summary>The plan's years from its title (or first lines): 2023—2027 年, “十四五” (2021–2025).</summary>
    public static (int From, int To)? Period(string title, IntakeLines lines)
    {
        foreach (var text in lines.Lines.Take(20).Prepend(title))
        {
            var t = Text.ChineseScript.ToSimplified(PlanNumbers.FoldWidth(text));
            var r = PeriodRange().Match(t);
            if (r.Success) return (int.Parse(r.Groups["from"].Value, CultureInfo.InvariantCulture), int.Parse(r.Groups["to"].Value, CultureInfo.InvariantCulture));
            var f = FiveYearPlan().Match(t);
            if (f.Success)
            {
                var end = 2025 + ("三四五六".IndexOf(f.Groups[1].Value[0], StringComparison.Ordinal) - 1) * 5;
                return (end - 4, end);
            }
        }
        return null;
    }

    /// <summary>Every proposal of a text: targets, designations, and parks and projects from its tables.</summary>
    public static IntakeProposals Propose(IntakeLines lines, IntakeScope scope, IntakeDictionary dictionary, (int From, int To)? period)
    {
        var (parks, projects) = ProjectExtractor.Extract(lines);
        return new(TargetExtractor.Extract(lines, scope, dictionary, period), DesignationExtractor.Extract(lines, scope, dictionary), parks, projects);
    }

    public static async Task<IntakeDictionary> DictionaryAsync(Database database)
    {
        var units = await UnitQueries.ListAsync(database);
        var groups = await UnitQueries.GroupsAsync(database);
        var vocabulary = await VocabularyQueries.LoadAsync(database);
        await using var connection = await database.OpenAsync();
        var industries = (await connection.QueryAsync<string>("SELECT name FROM industries WHERE taxonomy_id = '33618' ORDER BY position")).ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var u in units)
        {
            names[u.Name] = u.Name;
            names[u.FullName] = u.Name;
            foreach (var a in u.Aliases) names[a] = u.Name;
        }
        return new IntakeDictionary(names, groups.Select(g => g.Name).ToList(), industries, vocabulary)
        {
            RegionMembers = groups.ToDictionary(g => g.Name, g => g.Members, StringComparer.Ordinal),
        };
    }

    /// <summary>The scope a document is about: none or 全市/重庆市 = the city, a unit's name or alias, or a group (region).</summary>
    public static async Task<(IntakeScope Scope, long? UnitId)> ResolveScopeAsync(Database database, string? scope)
    {
        var s = scope?.Trim();
        if (string.IsNullOrEmpty(s) || s is "全市" or "重庆市" or "重庆" or "city") return (IntakeScope.City, null);
        if (await UnitQueries.FindAsync(database, s) is { } unit) return (new IntakeScope("unit", unit.Name), unit.Id);
        if ((await UnitQueries.GroupsAsync(database)).FirstOrDefault(g => g.Name == s) is { } group) return (new IntakeScope("region", group.Name), null);
        throw RefusedException.Invalid("unknown_scope", $"未知的范围“{s}”：应为全市、区县名称或片区名称", $"unknown scope '{s}': the city, a planning unit or a region",
            new Dictionary<string, object?> { ["field"] = "scope" });
    }

    private static void Authorize(Actor actor, IntakeScope scope)
    {
        var decision = WriteRules.TakeInPlan(actor, scope.Kind, scope.Name);
        RefusedException.UnlessAllowed(decision);
    }

    /// <summary>Reads, checks and stores an upload with its proposals in one transaction; a refused file stores nothing.</summary>
    public static async Task<IntakeDetail> CreateAsync(Database database, Actor actor, NewIntake input, IntakeLimits? limits = null,
        CancellationToken cancellationToken = default)
    {
        var (scope, unitId) = await ResolveScopeAsync(database, input.Scope);
        Authorize(actor, scope);
        var text = IntakeFiles.Read(input.Content, input.FileName, limits);
        var kind = input.FromJson ? "json" : text.Kind;
        var title = string.IsNullOrWhiteSpace(input.Title)
            ? text.Lines.Lines.Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? input.FileName
            : input.Title.Trim();
        if (title.Length > 200) title = title[..200];
        var period = Period(title, text.Lines);
        var dictionary = await DictionaryAsync(database);
        var proposals = Propose(text.Lines, scope, dictionary, period);
        var sha = Convert.ToHexStringLower(SHA256.HashData(input.Content));
        var at = database.UtcStamp();

        var id = await database.InTransactionAsync(async (connection, transaction) =>
        {
            await database.Dialect.LockAsync(connection, transaction, "intake_documents");
            var next = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(id), 0) + 1 FROM intake_documents", transaction: transaction);
            var documentId = "intake-" + next.ToString(CultureInfo.InvariantCulture);
            await connection.ExecuteAsync(
                """
                INSERT INTO documents (id, folder, title, issuer, number, issued_on, period, kind, title_from, title_to, note, line_count, sha256)
                VALUES (@documentId, 'intake', @title, @Issuer, NULL, @IssuedOn, @periodText, 'intake', NULL, NULL, @note, @lineCount, @sha)
                """,
                new
                {
                    documentId, title, input.Issuer, input.IssuedOn, periodText = period is { } p ? $"{p.From}-{p.To}" : null,
                    note = $"uploaded by {actor.Name} at {at}: {Path.GetFileName(input.FileName)}", lineCount = (long)text.Lines.Lines.Count, sha,
                }, transaction);
            await BulkInsert.RowsAsync(connection, transaction, "document_lines", ["document_id", "line_no", "text"],
                text.Lines.Lines.Select((line, i) => new object?[] { documentId, (long)(i + 1), line }));
            await connection.ExecuteAsync(
                """
                INSERT INTO intake_documents (id, document_id, file_name, file_kind, content, byte_count, sha256, scope_kind, scope, unit_id, period_start,
                    period_end, plan_id, uploaded_by, uploaded_at)
                VALUES (@next, @documentId, @fileName, @kind, @Content, @bytes, @sha, @scopeKind, @scopeName, @unitId, @from, @to, NULL, @by, @at)
                """,
                new
                {
                    next, documentId, fileName = Path.GetFileName(input.FileName), kind, input.Content, bytes = (long)input.Content.Length, sha,
                    scopeKind = scope.Kind, scopeName = scope.Name, unitId, from = (long?)period?.From, to = (long?)period?.To, by = actor.Name, at,
                }, transaction);
            var rows = proposals.Targets.Select(t => ("target", (object)t, t.From, t.To, t.Confidence))
                .Concat(proposals.Designations.Select(d => ("designation", (object)d, d.From, d.To, d.Confidence)))
                .Concat(proposals.Parks.Select(d => ("park", (object)d, d.From, d.To, d.Confidence)))
                .Concat(proposals.Projects.Select(d => ("project", (object)d, d.From, d.To, d.Confidence)))
                .Select((r, i) => new object?[]
                {
                    next, r.Item1, (long)(i + 1), JsonSerializer.Serialize(r.Item2, r.Item2.GetType(), Json), (long)r.Item3, (long)r.Item4,
                    database.Dialect.Engine == IndustryMap.Configuration.StorageEngine.Sqlite ? r.Item5.ToString(CultureInfo.InvariantCulture) : r.Item5, "proposed",
                });
            await BulkInsert.RowsAsync(connection, transaction, "intake_proposals",
                ["intake_id", "kind", "position", "proposed", "src_from", "src_to", "confidence", "status"], rows);
            await AuditLog.AppendAsync(connection, transaction, database, actor, "intake.upload", "intake_documents", next.ToString(CultureInfo.InvariantCulture), null,
                new
                {
                    document = documentId, file = Path.GetFileName(input.FileName), kind, bytes = input.Content.Length, sha256 = sha, scope = scope.Name ?? scope.Kind,
                    lines = text.Lines.Lines.Count, targets = proposals.Targets.Count, designations = proposals.Designations.Count,
                    parks = proposals.Parks.Count, projects = proposals.Projects.Count,
                });
            return next;
        }, cancellationToken);
        return (await GetAsync(database, id))!;
    }

    private const string DocumentColumns =
        """
        d.id, d.document_id, doc.title, doc.issuer, doc.issued_on, d.file_name, d.file_kind, d.byte_count, d.sha256, d.scope_kind, d.scope, d.period_start,
        d.period_end, doc.line_count, d.plan_id, d.uploaded_by, d.uploaded_at
        """;

    public static async Task<IReadOnlyList<IntakeDocumentRow>> ListAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<IntakeDocumentRow>(
            $"SELECT {DocumentColumns} FROM intake_documents d JOIN documents doc ON doc.id = d.document_id ORDER BY d.id DESC")).ToList();
    }

    /// <summary>The stored file as it was received.</summary>
    public static async Task<(string Name, string Kind, byte[] Content)?> FileAsync(Database database, long id)
    {
        await using var connection = await database.OpenAsync();
        var row = (await connection.QueryAsync<(string Name, string Kind, byte[] Content)>(
            "SELECT file_name, file_kind, content FROM intake_documents WHERE id = @id", new { id })).ToList();
        return row.Count == 0 ? null : row[0];
    }

    public static async Task<IntakeDetail?> GetAsync(Database database, long id)
    {
        IntakeDocumentRow? document;
        List<ProposalRow> proposals;
        await using (var connection = await database.OpenAsync())
        {
            document = await connection.QuerySingleOrDefaultAsync<IntakeDocumentRow>(
                $"SELECT {DocumentColumns} FROM intake_documents d JOIN documents doc ON doc.id = d.document_id WHERE d.id = @id", new { id });
            if (document is null) return null;
            proposals = (await connection.QueryAsync<ProposalRow>(
                """
                SELECT id, kind, position, proposed, src_from, src_to, confidence, status, accepted, decided_by, decided_at, target_id
                FROM intake_proposals WHERE intake_id = @id ORDER BY position
                """, new { id })).ToList();
        }
        var stored = await PlanQueries.TargetsAsync(database);
        var equivalences = await Equivalences.LoadAsync(database);
        return new IntakeDetail(document, proposals.Select(p =>
        {
            using var proposed = JsonDocument.Parse(p.Proposed);
            using var accepted = p.Accepted is null ? null : JsonDocument.Parse(p.Accepted);
            var conflicts = p.Kind == "target"
                ? Conflicts(JsonSerializer.Deserialize<TargetProposal>(p.Accepted ?? p.Proposed, Json)!, stored, equivalences, p.TargetId)
                : [];
            return new IntakeProposalView(p, proposed.RootElement.Clone(), accepted?.RootElement.Clone(), conflicts);
        }).ToList());
    }

    /// <summary>Stored targets of the same indicator (by name, <see cref="IndicatorNames"/>), scope, year and period that state another value.</summary>
    public static IReadOnlyList<IntakeConflict> Conflicts(TargetProposal t, IReadOnlyList<TargetRow> stored, Equivalences equivalences, long? self = null)
    {
        if (t.Year is null) return [];
        var probe = Row(t, 0);
        return stored.Where(s => s.Id != self && s.ScopeKind == t.ScopeKind && s.Scope == t.Scope && s.Year == t.Year && s.Period == t.Period
                                 && IndicatorNames.Same(s.IndicatorName, t.Indicator) && equivalences.Compare(s, probe) == Sameness.Different)
            .Select(s => new IntakeConflict(s.Id, s.PlanId, s.IndicatorName, s.Scope, s.Year, Decimals.Normalize(s.Value), Decimals.Normalize(s.ValueHigh), s.Unit,
                s.Printed, s.SrcDocument, s.SrcFrom, s.SrcTo))
            .ToList();
    }

    private static TargetRow Row(TargetProposal t, long id) => new()
    {
        Id = id,
        IndicatorName = t.Indicator,
        ScopeKind = t.ScopeKind,
        Scope = t.Scope,
        Year = t.Year,
        Comparator = t.Comparator,
        Value = t.Value,
        ValueHigh = t.ValueHigh,
        Unit = t.Unit,
        NormalizedValue = t.Normalized,
        NormalizedHigh = t.NormalizedHigh,
        NormalizedUnit = t.NormalizedUnit,
        Printed = t.Printed,
        Period = t.Period,
        YearFrom = t.YearFrom,
    };

    /// <summary>Applies a reviewer's decisions in one transaction (all or nothing), each audited.</summary>
    public static async Task<IntakeDetail> DecideAsync(Database database, Actor actor, long id, IReadOnlyList<IntakeDecision> decisions,
        CancellationToken cancellationToken = default)
    {
        var detail = await GetAsync(database, id) ?? throw RefusedException.NotFound("intake_not_found", $"没有编号为 {id} 的上传文件", $"no intake {id}");
        var doc = detail.Document;
        Authorize(actor, new IntakeScope(doc.ScopeKind, doc.Scope));
        if (decisions.Count == 0) throw RefusedException.Invalid("no_decisions", "没有要保存的审核决定", "no decisions given");
        var at = database.UtcStamp();
        var byId = detail.Proposals.ToDictionary(p => p.Row.Id);

        // Expand "all of a kind" and check every decision before anything is written.
        var work = new List<(ProposalRow Row, string Action, TargetEdit? Edit, ProjectEdit? ProjectEdit, int? Edition)>();
        foreach (var (d, index) in decisions.Select((d, i) => (d, i)))
        {
            var action = d.Action?.Trim().ToLowerInvariant() ?? "";
            if (action is not ("accept" or "reject"))
            {
                throw RefusedException.Invalid("bad_action", $"第 {index + 1} 条决定：操作应为 accept（采纳）或 reject（驳回）", $"decision {index + 1}: action must be accept or reject",
                    new Dictionary<string, object?> { ["decision"] = index + 1, ["field"] = "action" });
            }
            if (d.Proposal is { } pid)
            {
                if (!byId.TryGetValue(pid, out var p))
                {
                    throw RefusedException.Invalid("unknown_proposal", $"第 {index + 1} 条决定：本文件没有编号为 {pid} 的建议", $"decision {index + 1}: no proposal {pid} in this intake",
                        new Dictionary<string, object?> { ["decision"] = index + 1, ["field"] = "proposal" });
                }
                if (p.Row.Status != "proposed")
                {
                    throw RefusedException.Conflict("already_decided", $"建议 {pid} 已由 {p.Row.DecidedBy} 于 {p.Row.DecidedAt} 处理", $"proposal {pid} was already decided",
                        new Dictionary<string, object?> { ["proposal"] = pid });
                }
                // An edit states the fields of its kind: a target's (indicator, value …) or a park's or project's (name, investment …).
                if (d.Edit is not null && p.Row.Kind != "target" || d.ProjectEdit is not null && p.Row.Kind is not ("park" or "project"))
                {
                    throw RefusedException.Invalid("edit_wrong_kind", $"第 {index + 1} 条决定：建议 {pid} 是{KindZh(p.Row.Kind)}，所给的修改项不适用",
                        $"decision {index + 1}: proposal {pid} is a {p.Row.Kind}; the edit's fields do not apply to it",
                        new Dictionary<string, object?> { ["decision"] = index + 1, ["field"] = "edit" });
                }
                if (d.Edition is not null && p.Row.Kind != "designation")
                {
                    throw RefusedException.Invalid("edition_wrong_kind", $"第 {index + 1} 条决定：只有布局建议可以指定布局版本", $"decision {index + 1}: only a designation takes a layout edition",
                        new Dictionary<string, object?> { ["decision"] = index + 1, ["field"] = "edition" });
                }
                work.Add((p.Row, action, d.Edit, d.ProjectEdit, d.Edition));
            }
            else if (d.Kind is "target" or "designation" or "park" or "project")
            {
                if (d.Edit is not null || d.ProjectEdit is not null)
                {
                    throw RefusedException.Invalid("edit_needs_proposal", $"第 {index + 1} 条决定：修改只能针对一条建议（proposal）", $"decision {index + 1}: an edit applies to one proposal",
                        new Dictionary<string, object?> { ["decision"] = index + 1, ["field"] = "edit" });
                }
                if (d.Edition is not null && d.Kind != "designation")
                {
                    throw RefusedException.Invalid("edition_wrong_kind", $"第 {index + 1} 条决定：只有布局建议可以指定布局版本", $"decision {index + 1}: only a designation takes a layout edition",
                        new Dictionary<string, object?> { ["decision"] = index + 1, ["field"] = "edition" });
                }
                work.AddRange(detail.Proposals.Where(p => p.Row.Kind == d.Kind && p.Row.Status == "proposed" && work.All(w => w.Row.Id != p.Row.Id))
                    .Select(p => (p.Row, action, (TargetEdit?)null, (ProjectEdit?)null, d.Edition)));
            }
            else
            {
                throw RefusedException.Invalid("bad_decision", $"第 {index + 1} 条决定：应给出 proposal（建议编号）或 kind（类别）", $"decision {index + 1}: give proposal or kind",
                    new Dictionary<string, object?> { ["decision"] = index + 1, ["field"] = "proposal" });
            }
        }
        var accepted = new Dictionary<long, TargetProposal>();
        var unitIds = new Dictionary<string, long>(StringComparer.Ordinal);
        var registryRows = new Dictionary<long, ProjectProposal>();
        foreach (var (row, _, _, projectEdit, _) in work.Where(w => w.Action == "accept" && w.Row.Kind is "park" or "project"))
        {
            registryRows[row.Id] = ApplyProject(JsonSerializer.Deserialize<ProjectProposal>(row.Proposed, Json)!, projectEdit, row.Id);
        }
        foreach (var (row, action, edit, _, _) in work.Where(w => w.Action == "accept" && w.Row.Kind == "target"))
        {
            var t = Apply(JsonSerializer.Deserialize<TargetProposal>(row.Proposed, Json)!, edit, row.Id);
            if (t.ScopeKind == "unit")
            {
                var unit = await UnitQueries.FindAsync(database, t.Scope ?? "")
                           ?? throw RefusedException.Invalid("unknown_unit", $"建议 {row.Id}：未知的规划单元“{t.Scope}”", $"proposal {row.Id}: unknown unit '{t.Scope}'",
                               new Dictionary<string, object?> { ["proposal"] = row.Id, ["field"] = "scope" });
                t = t with { Scope = unit.Name };
                unitIds[unit.Name] = unit.Id;
            }
            accepted[row.Id] = t;
        }
        var stored = await PlanQueries.IndicatorsAsync(database);
        var storedTargets = await PlanQueries.TargetsAsync(database);

        await database.InTransactionAsync(async (connection, transaction) =>
        {
            var planId = doc.PlanId;
            // A layout edition the reviewer named must be a draft, whether or not a designation ends up entering it.
            foreach (var year in work.Where(w => w.Action == "accept" && w.Edition is not null).Select(w => w.Edition!.Value).Distinct())
            {
                await Layout.LayoutEditing.RequireDraftAsync(connection, transaction, database.Dialect, year);
            }
            var position = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(position), 0) FROM targets", transaction: transaction);
            foreach (var (row, action, edit, projectEdit, edition) in work)
            {
                long? targetId = null;
                string? acceptedJson = null;
                if (action == "accept")
                {
                    if (row.Kind == "target")
                    {
                        var t = accepted[row.Id];
                        planId ??= await EnsurePlanAsync(connection, transaction, doc, actor, at);
                        var indicatorId = await IndicatorAsync(connection, transaction, planId, t, stored, storedTargets, doc, row, actor, at);
                        targetId = await connection.ExecuteScalarAsync<long>(
                            """
                            INSERT INTO targets (indicator_id, scope_kind, scope, unit_id, group_id, industry_id, year, comparator, value, value_high, unit, normalized_value,
                                normalized_high, normalized_unit, printed, baseline_year, baseline_value, source_kind, position, quality, note, period, year_from,
                                src_document, src_from, src_to, entered_by, entered_at)
                            VALUES (@indicatorId, @ScopeKind, @Scope, @unitId, NULL, NULL, @Year, @Comparator, @Value, @ValueHigh, @Unit, @Normalized, @NormalizedHigh,
                                @NormalizedUnit, @Printed, @BaselineYear, @BaselineValue, @SourceKind, @position, NULL, @note, @Period, @YearFrom,
                                @document, @From, @To, @by, @at)
                            RETURNING id
                            """,
                            new
                            {
                                indicatorId, t.ScopeKind, t.Scope, unitId = t.ScopeKind == "unit" && t.Scope is not null ? unitIds[t.Scope] : (long?)null, Year = (long?)t.Year,
                                t.Comparator, t.Value, t.ValueHigh, t.Unit, t.Normalized, t.NormalizedHigh, t.NormalizedUnit, t.Printed, BaselineYear = (long?)t.BaselineYear,
                                t.BaselineValue, t.SourceKind, position = ++position, note = edit is null ? "accepted from intake" : "accepted from intake with edits",
                                t.Period, YearFrom = (long?)t.YearFrom, document = doc.DocumentId, From = (long)t.From, To = (long)t.To, by = actor.Name, at,
                            }, transaction);
                        acceptedJson = JsonSerializer.Serialize(t, Json);
                    }
                    else if (row.Kind == "designation")
                    {
                        // Into the draft layout edition the reviewer chose (the newest draft when none is named), one row per catalog
                        // industry the printed word maps to (the first).
                        var d = JsonSerializer.Deserialize<DesignationProposal>(row.Proposed, Json)!;
                        var added = d.ScopeKind == "unit" && d.Scope is { } unitName && d.Industries.Count > 0
                            ? await Layout.LayoutEditing.AddFromIntakeAsync(connection, transaction, database, actor, unitName, d.Role, d.Industries[0], d.Printed,
                                doc.DocumentId, row.SrcFrom, row.SrcTo, edition)
                            : null;
                        var node = JsonNode.Parse(row.Proposed)!.AsObject();
                        node["layout"] = added is null ? null : new JsonObject { ["edition"] = added.Year, ["designation"] = added.Id, ["industry"] = added.Industry };
                        acceptedJson = node.ToJsonString(Json);
                    }
                    else
                    {
                        var p = registryRows[row.Id];
                        var registryId = await Registries.RegistryIntake.AddAsync(connection, transaction, database, actor, row.Kind, p, doc.DocumentId, doc.ScopeKind == "unit" ? doc.Scope : null,
                            projectEdit is not null);
                        var node = JsonNode.Parse(JsonSerializer.Serialize(p, Json))!.AsObject();
                        node["edited"] = projectEdit is not null;
                        node["registry"] = row.Kind == "park" ? "parks" : "projects";
                        node["registryId"] = registryId;
                        acceptedJson = node.ToJsonString(Json);
                    }
                }
                await connection.ExecuteAsync(
                    """
                    UPDATE intake_proposals SET status = @status, accepted = @acceptedJson, decided_by = @by, decided_at = @at, target_id = @targetId
                    WHERE id = @Id AND status = 'proposed'
                    """,
                    new { status = action == "accept" ? "accepted" : "rejected", acceptedJson, by = actor.Name, at, targetId, row.Id }, transaction);
                await AuditLog.AppendAsync(connection, transaction, database, actor, action == "accept" ? "intake.accept" : "intake.reject", "intake_proposals",
                    row.Id.ToString(CultureInfo.InvariantCulture), new { status = "proposed", proposed = JsonDocument.Parse(row.Proposed).RootElement },
                    new { status = action == "accept" ? "accepted" : "rejected", document = doc.DocumentId, lines = $"{row.SrcFrom}-{row.SrcTo}", targetId,
                        accepted = acceptedJson is null ? (JsonElement?)null : JsonDocument.Parse(acceptedJson).RootElement });
            }
            return 0;
        }, cancellationToken);
        return (await GetAsync(database, id))!;
    }

    private static string KindZh(string kind) => kind switch { "target" => "目标", "designation" => "布局建议", "park" => "园区", _ => "项目" };

    /// <summary>A park's or project's edited fields, checked; the figures normalised again (亿元, 亩) as the extractor does.</summary>
    private static ProjectProposal ApplyProject(ProjectProposal p, ProjectEdit? edit, long proposal)
    {
        if (edit is null) return p;
        Dictionary<string, object?> Field(string name) => new() { ["proposal"] = proposal, ["field"] = name };
        // A text field left out keeps the proposal's value; sent blank, it clears it.
        static string? Edited(string? edited, string? proposed) => edited is null ? proposed : edited.Trim() is { Length: > 0 } text ? text : null;
        var name = edit.Name?.Trim() ?? p.Name;
        if (name.Length is 0 or > 200) throw RefusedException.Invalid("bad_name", $"建议 {proposal}：名称不能为空，且不超过 200 字", $"proposal {proposal}: the name is empty or longer than 200 characters", Field("name"));
        var investment = edit.ClearInvestment ? null : edit.Investment ?? p.Investment;
        var investmentUnit = Edited(edit.InvestmentUnit, p.InvestmentUnit);
        if (investment is < 0) throw RefusedException.Invalid("bad_investment", $"建议 {proposal}：投资额不能为负数", $"proposal {proposal}: the investment is negative", Field("investment"));
        var yi = investment is { } i ? PlanNumbers.Normalize(i, investmentUnit) : null;
        if (investment is not null && yi?.Unit != "亿元")
        {
            throw RefusedException.Invalid("bad_investment_unit", $"建议 {proposal}：投资额的单位应为亿元、万元或万亿元，而不是“{investmentUnit}”",
                $"proposal {proposal}: the investment's unit must be 亿元, 万元 or 万亿元, not '{investmentUnit}'", Field("investmentUnit"));
        }
        var land = edit.ClearLand ? null : edit.Land ?? p.Land;
        var landUnit = Edited(edit.LandUnit, p.LandUnit);
        if (land is < 0) throw RefusedException.Invalid("bad_land", $"建议 {proposal}：用地面积不能为负数", $"proposal {proposal}: the land area is negative", Field("land"));
        var mu = land is { } l ? PlanNumbers.Normalize(l, landUnit) : null;
        if (land is not null && mu?.Unit != "亩")
        {
            throw RefusedException.Invalid("bad_land_unit", $"建议 {proposal}：用地面积的单位应为亩、公顷或平方公里，而不是“{landUnit}”",
                $"proposal {proposal}: the land's unit must be 亩, 公顷 or 平方公里, not '{landUnit}'", Field("landUnit"));
        }
        var period = Edited(edit.Period, p.Period);
        var stage = Edited(edit.Stage, p.Stage);
        if (period is { Length: > 60 }) throw RefusedException.Invalid("bad_period", $"建议 {proposal}：建设期不超过 60 字", $"proposal {proposal}: the period is longer than 60 characters", Field("period"));
        if (stage is { Length: > 60 }) throw RefusedException.Invalid("bad_stage", $"建议 {proposal}：阶段不超过 60 字", $"proposal {proposal}: the stage is longer than 60 characters", Field("stage"));
        return p with
        {
            Name = name, Investment = investment, InvestmentUnit = investment is null ? null : investmentUnit, InvestmentYi = yi?.Value,
            Land = land, LandUnit = land is null ? null : landUnit, LandMu = mu?.Value, Period = period, Stage = stage,
        };
    }

    private static TargetProposal Apply(TargetProposal t, TargetEdit? edit, long proposal)
    {
        if (edit is null) return t;
        Dictionary<string, object?> Field(string name) => new() { ["proposal"] = proposal, ["field"] = name };
        var indicator = edit.Indicator?.Trim() ?? t.Indicator;
        if (indicator.Length is 0 or > 200) throw RefusedException.Invalid("bad_indicator", $"建议 {proposal}：指标名称不能为空", $"proposal {proposal}: the indicator is empty", Field("indicator"));
        var comparator = edit.Comparator ?? t.Comparator;
        if (!Comparators.Contains(comparator)) throw RefusedException.Invalid("bad_comparator", $"建议 {proposal}：比较方式“{comparator}”无效", $"proposal {proposal}: unknown comparator '{comparator}'", Field("comparator"));
        var year = edit.ClearYear ? null : edit.Year ?? t.Year;
        if (year is < 1949 or > 2100) throw RefusedException.Invalid("bad_year", $"建议 {proposal}：年份 {year} 不在 1949–2100 之间", $"proposal {proposal}: year {year} out of range", Field("year"));
        var scopeKind = edit.ScopeKind ?? t.ScopeKind;
        if (scopeKind is not ("city" or "region" or "unit" or "cluster" or "industry" or "park" or "enterprise" or "project"))
        {
            throw RefusedException.Invalid("bad_scope", $"建议 {proposal}：范围类别“{scopeKind}”无效", $"proposal {proposal}: unknown scope kind '{scopeKind}'", Field("scopeKind"));
        }
        var value = edit.Value ?? t.Value;
        var unit = edit.Unit is null ? t.Unit : edit.Unit.Trim().Length == 0 ? null : edit.Unit.Trim();
        var high = comparator == "range" ? edit.ValueHigh ?? t.ValueHigh : null;
        if (comparator == "range" && (high is null || high < value))
        {
            throw RefusedException.Invalid("bad_range", $"建议 {proposal}：区间需要上限且不小于下限", $"proposal {proposal}: a range needs a high value not below the low one", Field("valueHigh"));
        }
        var n = PlanNumbers.Normalize(value, unit);
        var nh = high is { } h ? PlanNumbers.Normalize(h, unit) : null;
        var cumulative = edit.Cumulative ?? t.Cumulative;
        return t with
        {
            Indicator = indicator, Comparator = comparator, Year = year, ScopeKind = scopeKind, Scope = scopeKind == "city" ? null : (edit.Scope?.Trim() ?? t.Scope),
            Value = value, ValueHigh = high, Unit = unit, Normalized = n?.Value, NormalizedHigh = nh?.Value, NormalizedUnit = n?.Unit, Cumulative = cumulative,
            Period = cumulative ? "sum" : t.Period == "sum" ? "year" : t.Period,
        };
    }

    private static async Task<string> EnsurePlanAsync(DbConnection connection, DbTransaction transaction, IntakeDocumentRow doc, Actor actor, string at)
    {
        var planId = doc.DocumentId;
        await connection.ExecuteAsync(
            """
            INSERT INTO plans (id, document_id, title, issuer, period_start, period_end, scope_kind, scope, note, src_document, src_from, src_to, entered_by, entered_at)
            VALUES (@planId, @DocumentId, @Title, @Issuer, @PeriodStart, @PeriodEnd, @scopeKind, @Scope, 'taken in from an uploaded document (issue 16)', @DocumentId, 1, 1, @by, @at)
            """,
            new { planId, doc.DocumentId, doc.Title, doc.Issuer, doc.PeriodStart, doc.PeriodEnd, scopeKind = doc.ScopeKind, doc.Scope, by = actor.Name, at }, transaction);
        await connection.ExecuteAsync("UPDATE intake_documents SET plan_id = @planId WHERE id = @Id", new { planId, doc.Id }, transaction);
        return planId;
    }

    private static async Task<long> IndicatorAsync(DbConnection connection, DbTransaction transaction, string planId, TargetProposal t, IReadOnlyList<IndicatorRow> stored,
        IReadOnlyList<TargetRow> storedTargets, IntakeDocumentRow doc, ProposalRow row, Actor actor, string at)
    {
        var mine = (await connection.QueryAsync<(long Id, string Name, string? Unit)>(
            "SELECT id, name, unit FROM indicators WHERE plan_id = @planId ORDER BY position", new { planId }, transaction)).ToList();
        if (mine.FirstOrDefault(i => i.Name == t.Indicator && i.Unit == t.Unit) is { Id: > 0 } found) return found.Id;
        // The same measure already stored in another plan: point at it, so a different value is a conflict of one fact.
        // Prefer the indicator whose stored targets speak for the same scope (万州区's 规模以上工业总产值, not another unit's).
        var sameScope = storedTargets.FirstOrDefault(s => s.PlanId != planId && s.ScopeKind == t.ScopeKind && s.Scope == t.Scope && IndicatorNames.Same(s.IndicatorName, t.Indicator));
        var same = sameScope is not null ? stored.FirstOrDefault(i => i.Id == sameScope.Fact.Indicator)
            : stored.FirstOrDefault(i => i.PlanId != planId && IndicatorNames.Same(i.Name, t.Indicator));
        var code = "t" + (mine.Count + 1).ToString("00", CultureInfo.InvariantCulture);
        return await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO indicators (plan_id, code, name, unit, attribute, direction, cumulative, aggregation, category, growth_of_id, position, note, same_as_id,
                src_document, src_from, src_to, entered_by, entered_at)
            VALUES (@planId, @code, @Indicator, @Unit, NULL, NULL, @cumulative, 'none', NULL, NULL, @position, @note, @sameAs, @DocumentId, @From, @To, @by, @at)
            RETURNING id
            """,
            new
            {
                planId, code, t.Indicator, t.Unit, cumulative = t.Cumulative ? 1L : 0L, position = (long)mine.Count + 1,
                note = same is null ? null : $"same measure as {same.PlanId}/{same.Code} ({same.Name})", sameAs = same?.Id, doc.DocumentId,
                From = row.SrcFrom, To = row.SrcTo, by = actor.Name, at,
            }, transaction);
    }
}
