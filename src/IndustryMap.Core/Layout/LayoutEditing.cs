using System.Data.Common;
using System.Globalization;
using Dapper;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Catalog;
using IndustryMap.Provenance;
using IndustryMap.Storage;
using IndustryMap.Units;
using IndustryMap.Writing;

namespace IndustryMap.Layout;

public sealed record NewEdition(int Year, string Title, string? Note, int? CopyFrom);

public sealed record NewDesignation(string Unit, string Role, string Industry, string? Printed, string? Detail, string? Note,
    string? SourceDocument, string? SourceLines);

public sealed class EditionRow
{
    public long Id { get; set; }
    public long Year { get; set; }
    public string Title { get; set; } = "";
    public string Status { get; set; } = "";
    public string? Note { get; set; }
    public string? CreatedBy { get; set; }
    public string? CreatedAt { get; set; }
    public string? PublishedBy { get; set; }
    public string? PublishedAt { get; set; }
}

/// <summary>A designation as written by an administrator, with its id (to remove it) and who entered it.</summary>
public sealed class StoredDesignation
{
    public long Id { get; set; }
    public long Year { get; set; }
    public string Unit { get; set; } = "";
    public string Role { get; set; } = "";
    public long Position { get; set; }
    public string Industry { get; set; } = "";
    public string Printed { get; set; } = "";
    public string? Detail { get; set; }
    public string? Note { get; set; }
    public string? SrcDocument { get; set; }
    public long? SrcFrom { get; set; }
    public long? SrcTo { get; set; }
    public string? EnteredBy { get; set; }
    public string? EnteredAt { get; set; }
}

/// <summary>
/// The administrator's edits of layout editions: a draft for a year (empty or copied from another edition),
/// designations added and removed while it is a draft, then published. A published edition is what the map shows
/// and is not edited any more. <see cref="LayoutRules"/> are enforced on every addition and again on publishing.
/// </summary>
public static class LayoutEditing
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    public const int MaxTitle = 100;
    public const int MaxPrinted = 100;
    public const int MaxDetail = 500;
    public const int MaxNote = 1000;

    private const string SelectEdition = "SELECT id, year, title, status, note, created_by, created_at, published_by, published_at FROM layout_editions";

    private const string SelectDesignation =
        """
        SELECT d.id, e.year, u.name AS unit, d.role, d.position, i.name AS industry, d.printed, d.detail, d.note,
               d.src_document, d.src_from, d.src_to, d.entered_by, d.entered_at
        FROM layout_designations d JOIN layout_editions e ON e.id = d.edition_id JOIN units u ON u.id = d.unit_id JOIN industries i ON i.id = d.industry_id
        """;

    private static string Key(long year) => year.ToString(CultureInfo.InvariantCulture);

    public static async Task<EditionRow?> FindEditionAsync(Database database, int year)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QueryFirstOrDefaultAsync<EditionRow>(SelectEdition + " WHERE year = @year", new { year = (long)year });
    }

    /// <summary>Refuses unless the layout edition of <paramref name="year"/> exists and is a draft (an intake decision naming it).</summary>
    public static Task<EditionRow> RequireDraftAsync(DbConnection connection, DbTransaction transaction, ISqlDialect dialect, int year) =>
        DraftAsync(connection, transaction, dialect, year);

    private static async Task<EditionRow> DraftAsync(DbConnection connection, DbTransaction transaction, ISqlDialect dialect, int year)
    {
        // Every edit of one edition holds its lock: two administrators adding to the same unit cannot both pass the caps.
        await dialect.LockAsync(connection, transaction, $"layout_editions:{year}");
        var edition = await connection.QueryFirstOrDefaultAsync<EditionRow>(SelectEdition + " WHERE year = @year", new { year = (long)year }, transaction)
                      ?? throw RefusedException.NotFound("edition_not_found", $"没有 {year} 年版产业地图布局", $"no layout edition {year}");
        if (edition.Status != "draft")
        {
            throw RefusedException.Conflict("edition_published", $"{year} 年版布局已于 {edition.PublishedAt ?? "导入时"} 发布，不能再修改",
                $"layout edition {year} is published ({edition.PublishedAt ?? "on import"}) and can no longer be changed");
        }
        return edition;
    }

    public static async Task<EditionRow> CreateDraftAsync(Database database, Actor actor, NewEdition edition)
    {
        FieldRules.ThrowIfAny([
            edition.Year is < MinYear or > MaxYear
                ? Refusal.OfField("year", "invalid_year", $"年份须在 {MinYear}–{MaxYear} 之间", $"year must be {MinYear}–{MaxYear}") : null,
            FieldRules.Text("title", "标题", edition.Title, MaxTitle, required: true),
            FieldRules.Text("note", "备注", edition.Note, MaxNote, multiline: true),
        ]);
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            await database.Dialect.LockAsync(connection, transaction, $"layout_editions:{edition.Year}");
            if (await connection.QueryFirstOrDefaultAsync<EditionRow>(SelectEdition + " WHERE year = @year", new { year = (long)edition.Year }, transaction) is { } existing)
            {
                throw RefusedException.Conflict("edition_exists", $"{edition.Year} 年版布局已存在（{(existing.Status == "draft" ? "草稿" : "已发布")}）",
                    $"layout edition {edition.Year} already exists ({existing.Status})");
            }
            EditionRow? source = null;
            if (edition.CopyFrom is { } from)
            {
                source = await connection.QueryFirstOrDefaultAsync<EditionRow>(SelectEdition + " WHERE year = @from", new { from = (long)from }, transaction)
                         ?? throw RefusedException.Invalid("copy_source_not_found", $"没有 {from} 年版布局可供复制", $"no layout edition {from} to copy");
            }
            var now = database.UtcStamp();
            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO layout_editions (year, title, status, note, created_by, created_at)
                VALUES (@Year, @Title, 'draft', @Note, @By, @Now) RETURNING id
                """,
                new { Year = (long)edition.Year, Title = edition.Title.Trim(), Note = FieldRules.Clean(edition.Note), By = actor.Name, Now = now }, transaction);
            var copied = 0;
            if (source is not null)
            {
                // The copy keeps each designation's document provenance and records who copied it and when.
                copied = await connection.ExecuteAsync(
                    """
                    INSERT INTO layout_designations (edition_id, unit_id, role, position, industry_id, printed, detail, flag, note,
                        src_document, src_from, src_to, src_url, src_public, entered_by, entered_at)
                    SELECT @id, unit_id, role, position, industry_id, printed, detail, flag, note, src_document, src_from, src_to, src_url, src_public, @By, @Now
                    FROM layout_designations WHERE edition_id = @sourceId
                    """, new { id, sourceId = source.Id, By = actor.Name, Now = now }, transaction);
            }
            var created = await connection.QueryFirstAsync<EditionRow>(SelectEdition + " WHERE id = @id", new { id }, transaction);
            await AuditLog.AppendAsync(connection, transaction, database, actor, "layout.edition.create", "layout_editions", Key(created.Year), null,
                new { created.Year, created.Title, created.Status, created.Note, copiedFrom = edition.CopyFrom, copiedDesignations = copied });
            return created;
        });
    }

    public static async Task<StoredDesignation> AddDesignationAsync(Database database, Actor actor, int year, NewDesignation d)
    {
        FieldRules.ThrowIfAny([
            FieldRules.Text("unit", "规划单元", d.Unit, 50, required: true),
            d.Role is LayoutRoles.Dominant or LayoutRoles.Characteristic
                ? null : Refusal.OfField("role", "unknown_role", "角色须为 dominant（主导）或 characteristic（特色）", "role must be dominant or characteristic"),
            FieldRules.Text("industry", "产业", d.Industry, 100, required: true),
            FieldRules.Text("printed", "原文写法", d.Printed, MaxPrinted),
            FieldRules.Text("detail", "产品说明", d.Detail, MaxDetail),
            FieldRules.Text("note", "备注", d.Note, MaxNote, multiline: true),
        ]);
        var unit = await UnitQueries.FindAsync(database, d.Unit.Trim())
                   ?? throw RefusedException.Invalid("unknown_unit", $"没有名为“{d.Unit}”的规划单元", $"no planning unit '{d.Unit}'");
        var (industryId, industryName) = await FindCatalogIndustryAsync(database, d.Industry.Trim());
        var source = await CheckSourceAsync(database, d.SourceDocument, d.SourceLines);

        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var edition = await DraftAsync(connection, transaction, database.Dialect, year);
            var existing = (await connection.QueryAsync<(string Role, long IndustryId)>(
                "SELECT role, industry_id FROM layout_designations WHERE edition_id = @EditionId AND unit_id = @UnitId",
                new { EditionId = edition.Id, UnitId = unit.Id }, transaction)).ToList();
            if (existing.Any(e => e.IndustryId == industryId))
            {
                throw RefusedException.Conflict("designation_exists", $"{year} 年版布局中{unit.Name}已布局“{industryName}”",
                    $"{unit.Name} already has '{industryName}' in layout edition {year}");
            }
            var violations = LayoutRules.Check(unit.Name, existing.Select(e => e.Role).Append(d.Role));
            if (violations.Count > 0)
            {
                throw new RefusedException(RefusalKind.RuleViolated, "layout_cap_exceeded", violations[0].Message + "（" + LayoutRules.RuleClause + "）",
                    violations[0].MessageEn, new Dictionary<string, object?> { ["rule"] = LayoutRules.RuleClause, ["limit"] = violations[0].Limit });
            }
            var position = existing.Count(e => e.Role == d.Role) == 0
                ? 1
                : await connection.ExecuteScalarAsync<long>(
                    "SELECT MAX(position) + 1 FROM layout_designations WHERE edition_id = @EditionId AND unit_id = @UnitId AND role = @Role",
                    new { EditionId = edition.Id, UnitId = unit.Id, d.Role }, transaction);
            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO layout_designations (edition_id, unit_id, role, position, industry_id, printed, detail, note,
                    src_document, src_from, src_to, entered_by, entered_at)
                VALUES (@EditionId, @UnitId, @Role, @Position, @IndustryId, @Printed, @Detail, @Note, @SrcDocument, @SrcFrom, @SrcTo, @By, @At)
                RETURNING id
                """,
                new
                {
                    EditionId = edition.Id, UnitId = unit.Id, d.Role, Position = position, IndustryId = industryId,
                    Printed = FieldRules.Clean(d.Printed) ?? industryName, Detail = FieldRules.Clean(d.Detail), Note = FieldRules.Clean(d.Note),
                    SrcDocument = source?.Document, SrcFrom = (long?)source?.FromLine, SrcTo = (long?)source?.ToLine, By = actor.Name, At = database.UtcStamp(),
                }, transaction);
            var stored = await connection.QueryFirstAsync<StoredDesignation>(SelectDesignation + " WHERE d.id = @id", new { id }, transaction);
            await AuditLog.AppendAsync(connection, transaction, database, actor, "layout.designation.add", "layout_designations",
                id.ToString(CultureInfo.InvariantCulture), null, stored);
            return stored;
        });
    }

    /// <summary>
    /// A designation accepted from an uploaded plan (issue 16 §3, decision 0027) enters the newest draft layout edition,
    /// inside the reviewer's transaction, with the plan's document and lines, the reviewer and the time, under the same
    /// caps (<see cref="LayoutRules"/>) and audited as any addition. Returns the new designation, or null (nothing written)
    /// when there is no draft, the industry is not a 33618 cluster or sub-industry, or the unit already has it in the draft.
    /// </summary>
    public static async Task<StoredDesignation?> AddFromIntakeAsync(DbConnection connection, DbTransaction transaction, Database database, Actor actor,
        string unitName, string role, string industry, string printed, string document, long from, long to, int? year = null)
    {
        // The edition the reviewer chose must be a draft (a published one refuses, as every edit of it does); without a
        // choice, the newest draft, and none at all leaves the acceptance on the proposal.
        var chosen = year is { } y ? await DraftAsync(connection, transaction, database.Dialect, y) : null;
        if (role is not (LayoutRoles.Dominant or LayoutRoles.Characteristic)) return null;
        var edition = chosen ?? (await connection.QueryAsync<EditionRow>(SelectEdition + " WHERE status = 'draft' ORDER BY year DESC", transaction: transaction)).FirstOrDefault();
        if (edition is null) return null;
        var unit = await connection.QueryFirstOrDefaultAsync<(long Id, string Name)?>("SELECT id, name FROM units WHERE name = @unitName", new { unitName }, transaction);
        if (unit is not { } u) return null;
        var found = (await connection.QueryAsync<(long Id, string Name)>(
            """
            SELECT i.id, i.name FROM industries i
            WHERE i.taxonomy_id = @taxonomy AND i.level IN ('cluster', 'sub_industry')
              AND (i.name = @industry OR EXISTS (SELECT 1 FROM industry_aliases a WHERE a.industry_id = i.id AND a.alias = @industry))
            ORDER BY CASE WHEN i.name = @industry THEN 0 ELSE 1 END, CASE i.level WHEN 'sub_industry' THEN 0 ELSE 1 END
            """, new { taxonomy = CatalogQueries.Catalog33618, industry }, transaction)).ToList();
        if (found.Count == 0) return null;
        var industryId = found[0].Id;
        var existing = (await connection.QueryAsync<(string Role, long IndustryId)>(
            "SELECT role, industry_id FROM layout_designations WHERE edition_id = @EditionId AND unit_id = @UnitId",
            new { EditionId = edition.Id, UnitId = u.Id }, transaction)).ToList();
        if (existing.Any(e => e.IndustryId == industryId)) return null;
        var violations = LayoutRules.Check(u.Name, existing.Select(e => e.Role).Append(role));
        if (violations.Count > 0)
        {
            throw new RefusedException(RefusalKind.RuleViolated, "layout_cap_exceeded", $"{edition.Year} 年版布局草稿：" + violations[0].Message + "（" + LayoutRules.RuleClause + "）",
                $"layout draft {edition.Year}: " + violations[0].MessageEn, new Dictionary<string, object?> { ["rule"] = LayoutRules.RuleClause, ["limit"] = violations[0].Limit });
        }
        var position = existing.Count(e => e.Role == role) == 0 ? 1L
            : await connection.ExecuteScalarAsync<long>("SELECT MAX(position) + 1 FROM layout_designations WHERE edition_id = @EditionId AND unit_id = @UnitId AND role = @role",
                new { EditionId = edition.Id, UnitId = u.Id, role }, transaction);
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO layout_designations (edition_id, unit_id, role, position, industry_id, printed, detail, note, src_document, src_from, src_to, entered_by, entered_at)
            VALUES (@EditionId, @UnitId, @role, @position, @industryId, @printed, NULL, 'accepted from an uploaded plan', @document, @from, @to, @by, @at)
            RETURNING id
            """,
            new { EditionId = edition.Id, UnitId = u.Id, role, position, industryId, printed, document, from, to, by = actor.Name, at = database.UtcStamp() }, transaction);
        var stored = await connection.QueryFirstAsync<StoredDesignation>(SelectDesignation + " WHERE d.id = @id", new { id }, transaction);
        await AuditLog.AppendAsync(connection, transaction, database, actor, "layout.designation.add", "layout_designations", id.ToString(CultureInfo.InvariantCulture), null, stored);
        return stored;
    }

    public static Task<StoredDesignation> RemoveDesignationAsync(Database database, Actor actor, int year, long id) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var edition = await DraftAsync(connection, transaction, database.Dialect, year);
            var stored = await connection.QueryFirstOrDefaultAsync<StoredDesignation>(SelectDesignation + " WHERE d.id = @id AND d.edition_id = @EditionId",
                             new { id, EditionId = edition.Id }, transaction)
                         ?? throw RefusedException.NotFound("designation_not_found", $"{year} 年版布局中没有编号为 {id} 的布局项",
                             $"no designation {id} in layout edition {year}");
            await connection.ExecuteAsync("DELETE FROM layout_designations WHERE id = @id", new { id }, transaction);
            await AuditLog.AppendAsync(connection, transaction, database, actor, "layout.designation.remove", "layout_designations",
                id.ToString(CultureInfo.InvariantCulture), stored, null);
            return stored;
        });

    public static Task<EditionRow> PublishAsync(Database database, Actor actor, int year) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var edition = await DraftAsync(connection, transaction, database.Dialect, year);
            var roles = (await connection.QueryAsync<(string Unit, string Role)>(
                "SELECT u.name, d.role FROM layout_designations d JOIN units u ON u.id = d.unit_id WHERE d.edition_id = @Id", new { edition.Id }, transaction)).ToList();
            var violations = roles.GroupBy(r => r.Unit).SelectMany(g => LayoutRules.Check(g.Key, g.Select(r => r.Role))).ToList();
            if (violations.Count > 0)
            {
                throw new RefusedException(RefusalKind.RuleViolated, "layout_cap_exceeded", string.Join("；", violations.Select(v => v.Message)),
                    string.Join("; ", violations.Select(v => v.MessageEn)), new Dictionary<string, object?> { ["rule"] = LayoutRules.RuleClause });
            }
            await connection.ExecuteAsync("UPDATE layout_editions SET status = 'published', published_by = @By, published_at = @At WHERE id = @Id",
                new { By = actor.Name, At = database.UtcStamp(), edition.Id }, transaction);
            var after = await connection.QueryFirstAsync<EditionRow>(SelectEdition + " WHERE id = @Id", new { edition.Id }, transaction);
            await AuditLog.AppendAsync(connection, transaction, database, actor, "layout.edition.publish", "layout_editions", Key(year),
                new { edition.Status }, new { after.Status, after.PublishedBy, after.PublishedAt, designations = roles.Count });
            return after;
        });

    /// <summary>A 33618 cluster or sub-industry by name or alias (a layout may designate a cluster itself, decision 0002).</summary>
    private static async Task<(long Id, string Name)> FindCatalogIndustryAsync(Database database, string name)
    {
        await using var connection = await database.OpenAsync();
        var found = (await connection.QueryAsync<(long Id, string Name)>(
            """
            SELECT i.id, i.name FROM industries i
            WHERE i.taxonomy_id = @taxonomy AND i.level IN ('cluster', 'sub_industry')
              AND (i.name = @name OR EXISTS (SELECT 1 FROM industry_aliases a WHERE a.industry_id = i.id AND a.alias = @name))
            ORDER BY CASE WHEN i.name = @name THEN 0 ELSE 1 END, CASE i.level WHEN 'sub_industry' THEN 0 ELSE 1 END
            """, new { taxonomy = CatalogQueries.Catalog33618, name })).ToList();
        return found.Count > 0
            ? found[0]
            : throw RefusedException.Invalid("unknown_industry", $"“33618”产业目录中没有“{name}”", $"no industry '{name}' in the 33618 catalog");
    }

    private static async Task<Source?> CheckSourceAsync(Database database, string? document, string? lines)
    {
        if (string.IsNullOrWhiteSpace(document) && string.IsNullOrWhiteSpace(lines)) return null;
        if (string.IsNullOrWhiteSpace(document) || !LineRange.TryParse(lines, out var range))
        {
            throw RefusedException.Invalid("invalid_source", "出处须同时给出文件编号和行号（如 000 与 40 或 285-289）",
                "a source needs both a document id and lines (e.g. 000 and 40 or 285-289)");
        }
        var found = await Documents.DocumentQueries.FindAsync(database, document.Trim());
        if (found is null || range.To > found.LineCount)
        {
            throw RefusedException.Invalid("invalid_source", $"文件 {document} 中没有第 {range} 行", $"document {document} has no lines {range}");
        }
        return Source.Lines(found.Id, range);
    }
}
