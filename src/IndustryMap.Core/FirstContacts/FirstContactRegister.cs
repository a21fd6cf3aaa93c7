using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Storage;
using IndustryMap.Units;
using IndustryMap.Writing;

namespace IndustryMap.FirstContacts;

/// <summary>One entry of the first-contact register (首谈登记).</summary>
public sealed class FirstContactEntry
{
    public long Seq { get; set; }
    public string Unit { get; set; } = "";
    public string Investor { get; set; } = "";
    public string InvestorKey { get; set; } = "";
    public string Project { get; set; } = "";
    public string ProjectKey { get; set; } = "";
    public decimal? AmountYi { get; set; }
    public string ContactedOn { get; set; } = "";
    public string? Note { get; set; }
    public long? ConflictWith { get; set; }
    public string RecordedBy { get; set; } = "";
    public string RecordedAt { get; set; } = "";
    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

public sealed record NewFirstContact(string? Unit, string? Investor, string? Project, decimal? AmountYi = null, string? ContactedOn = null, string? Note = null);

/// <summary>
/// The outcome of a registration. <see cref="Earlier"/> is the entry of another unit that registered the same investor
/// and project first: the new entry is stored, flagged as a conflict, and both timestamps are shown.
/// </summary>
public sealed record Registration(FirstContactEntry Entry, FirstContactEntry? Earlier)
{
    public bool IsConflict => Earlier is not null;

    public string? ConflictText => Earlier is null ? null :
        $"{Earlier.Unit}已于 {Earlier.RecordedAt}（接触日期 {Earlier.ContactedOn}）登记同一投资方和项目（第 {Earlier.Seq} 号）；" +
        $"{Entry.Unit}于 {Entry.RecordedAt}（接触日期 {Entry.ContactedOn}）登记（第 {Entry.Seq} 号）：首谈归属存在冲突，需由市级统筹协调";
}

/// <summary>The result of walking the register: intact, or the first entry that breaks the chain, and whether the database guards are in place.</summary>
public sealed record RegisterVerification(bool Intact, long Count, string Head, long? BrokenAt, string? Problem, string? ProblemEn, bool GuardsInPlace);

/// <summary>
/// The hash chain of the register (pure). An entry's hash covers every stored field and the previous entry's hash,
/// as a JSON array of invariant text, so changing, removing or reordering an entry breaks the chain from there on.
/// </summary>
public static class FirstContactChain
{
    public static readonly string Genesis = new('0', 64);

    public static string Hash(FirstContactEntry e)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(new object?[]
        {
            e.Seq, e.Unit, e.Investor, e.InvestorKey, e.Project, e.ProjectKey, e.AmountYi is { } a ? Decimals.Text(a) : null, e.ContactedOn, e.Note,
            e.ConflictWith, e.RecordedBy, e.RecordedAt, e.PrevHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    public static RegisterVerification Verify(IEnumerable<FirstContactEntry> entries, bool guardsInPlace = true)
    {
        var previous = Genesis;
        long count = 0;
        long expectedSeq = 1;
        foreach (var e in entries)
        {
            count++;
            if (e.Seq != expectedSeq)
            {
                return new RegisterVerification(false, count, previous, e.Seq, $"第 {e.Seq} 号之前缺少第 {expectedSeq} 号（条目被删除）",
                    $"entry {expectedSeq} is missing before entry {e.Seq} (an entry was removed)", guardsInPlace);
            }
            if (e.PrevHash != previous)
            {
                return new RegisterVerification(false, count, previous, e.Seq, $"第 {e.Seq} 号的前一条哈希与链不符（之前的条目被改动、删除或插入）",
                    $"entry {e.Seq}: prev_hash does not match the chain (an earlier entry was altered, removed or inserted)", guardsInPlace);
            }
            if (Hash(e) != e.Hash)
            {
                return new RegisterVerification(false, count, previous, e.Seq, $"第 {e.Seq} 号的内容与其哈希不符（该条被改动）",
                    $"entry {e.Seq}: its content does not match its hash (the entry was altered)", guardsInPlace);
            }
            previous = e.Hash;
            expectedSeq++;
        }
        return new RegisterVerification(true, count, previous, null, null, null, guardsInPlace);
    }
}

/// <summary>Field limits of a registration (pure).</summary>
public static class FirstContactRules
{
    public const int MaxName = 200;
    public const int MaxNote = 1000;
    public const decimal MaxAmountYi = 100_000m;

    public static IReadOnlyList<Refusal> Check(NewFirstContact input, DateOnly today)
    {
        var errors = new List<Refusal?>
        {
            FieldRules.Text("unit", "首谈单位", input.Unit, 50, required: true),
            FieldRules.Text("investor", "投资方", input.Investor, MaxName, required: true),
            FieldRules.Text("project", "项目名称", input.Project, MaxName, required: true),
            FieldRules.Text("note", "备注", input.Note, MaxNote, multiline: true),
        };
        if (input.AmountYi is < 0 or > MaxAmountYi)
        {
            errors.Add(Refusal.OfField("amountYi", "out_of_range", $"投资额应在 0 至 {MaxAmountYi} 亿元之间", $"amountYi must be between 0 and {MaxAmountYi} (亿元)"));
        }
        if (input.ContactedOn is { Length: > 0 } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(Refusal.OfField("contactedOn", "malformed_date", $"接触日期格式应为 YYYY-MM-DD：“{text}”", $"contactedOn must be YYYY-MM-DD: '{text}'"));
            }
            else if (date > today)
            {
                errors.Add(Refusal.OfField("contactedOn", "date_in_future", $"接触日期不能晚于今天（{today:yyyy-MM-dd}）", $"contactedOn cannot be after today ({today:yyyy-MM-dd})"));
            }
            else if (date.Year < 2000)
            {
                errors.Add(Refusal.OfField("contactedOn", "implausible_date", $"接触日期不合理：{text}", $"implausible contactedOn {text}"));
            }
        }
        return errors.OfType<Refusal>().ToList();
    }
}

/// <summary>
/// The first-contact register: a unit records that it negotiated first with an investor about a project (seed 000
/// L27 首谈). Append-only: there is no update or delete path here, and the database refuses both (migration 0006).
/// Each registration is written with its audit-log entry in one transaction, under the register's lock, so the chain
/// never forks. A second unit registering the same investor and project (names compared by <see cref="NameKeys"/>) is
/// stored and flagged as a conflict with the first.
/// </summary>
public static class FirstContactRegister
{
    private const string Columns =
        "seq, unit, investor, investor_key, project, project_key, amount_yi, contacted_on, note, conflict_with, recorded_by, recorded_at, prev_hash, hash";

    public static async Task<Registration> RegisterAsync(Database database, Actor actor, NewFirstContact input, CancellationToken cancellationToken = default)
    {
        var today = database.Today();
        FieldRules.ThrowIfAny(FirstContactRules.Check(input, today));
        var unit = await UnitQueries.FindAsync(database, input.Unit!.Trim())
                   ?? throw RefusedException.Invalid("unknown_unit", $"未知的规划单元“{input.Unit}”", $"unknown planning unit '{input.Unit}'");
        var decision = WriteRules.WriteUnitData(actor, unit.Name);
        RefusedException.UnlessAllowed(decision);

        var investor = input.Investor!.Trim();
        var project = input.Project!.Trim();
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            await database.Dialect.LockAsync(connection, transaction, "first_contacts");
            var investorKey = NameKeys.Investor(investor);
            var projectKey = NameKeys.Project(project);
            var same = (await connection.QueryAsync<FirstContactEntry>(
                $"SELECT {Columns} FROM first_contacts WHERE investor_key = @investorKey AND project_key = @projectKey ORDER BY seq",
                new { investorKey, projectKey }, transaction)).ToList();
            if (same.FirstOrDefault(e => e.Unit == unit.Name) is { } mine)
            {
                throw RefusedException.Conflict("already_registered",
                    $"{unit.Name}已于 {mine.RecordedAt} 登记过投资方“{mine.Investor}”的项目“{mine.Project}”（第 {mine.Seq} 号）",
                    $"{unit.Name} already registered this investor and project on {mine.RecordedAt} (entry {mine.Seq})",
                    new Dictionary<string, object?> { ["seq"] = mine.Seq });
            }
            var earlier = same.FirstOrDefault();
            var last = (await connection.QueryAsync<(long Seq, string Hash)>(
                "SELECT seq, hash FROM first_contacts ORDER BY seq DESC LIMIT 1", transaction: transaction)).ToList();
            var entry = new FirstContactEntry
            {
                Seq = last.Count == 0 ? 1 : last[0].Seq + 1,
                Unit = unit.Name,
                Investor = investor,
                InvestorKey = investorKey,
                Project = project,
                ProjectKey = projectKey,
                AmountYi = input.AmountYi is { } a ? Decimals.Normalize(a) : null,
                ContactedOn = input.ContactedOn is { Length: > 0 } on ? on : today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Note = FieldRules.Clean(input.Note),
                ConflictWith = earlier?.Seq,
                RecordedBy = actor.Name,
                RecordedAt = database.UtcStamp(),
                PrevHash = last.Count == 0 ? FirstContactChain.Genesis : last[0].Hash,
            };
            entry.Hash = FirstContactChain.Hash(entry);
            await connection.ExecuteAsync(
                $"""
                 INSERT INTO first_contacts ({Columns}, unit_id)
                 VALUES (@Seq, @Unit, @Investor, @InvestorKey, @Project, @ProjectKey, @AmountYi, @ContactedOn, @Note, @ConflictWith, @RecordedBy,
                         @RecordedAt, @PrevHash, @Hash, @UnitId)
                 """,
                new
                {
                    entry.Seq, entry.Unit, entry.Investor, entry.InvestorKey, entry.Project, entry.ProjectKey, entry.AmountYi, entry.ContactedOn, entry.Note,
                    entry.ConflictWith, entry.RecordedBy, entry.RecordedAt, entry.PrevHash, entry.Hash, UnitId = unit.Id,
                }, transaction);
            await AuditLog.AppendAsync(connection, transaction, database, actor, "first_contact.register", "first_contacts",
                entry.Seq.ToString(CultureInfo.InvariantCulture), null,
                new { entry.Seq, entry.Unit, entry.Investor, entry.Project, entry.AmountYi, entry.ContactedOn, entry.ConflictWith, entry.Hash });
            return new Registration(entry, earlier);
        }, cancellationToken);
    }

    public sealed record Filter(string? Unit = null, string? Investor = null, bool ConflictsOnly = false);

    public static async Task<IReadOnlyList<FirstContactEntry>> ListAsync(Database database, Filter? filter = null)
    {
        filter ??= new Filter();
        var investorKey = filter.Investor is { Length: > 0 } i ? NameKeys.Investor(i) : null;
        await using var connection = await database.OpenAsync();
        var rows = (await connection.QueryAsync<FirstContactEntry>(
            $"""
             SELECT {Columns} FROM first_contacts
             WHERE (@unit IS NULL OR unit = @unit) AND (@investorKey IS NULL OR investor_key = @investorKey)
             ORDER BY seq
             """, new { unit = filter.Unit, investorKey })).ToList();
        if (!filter.ConflictsOnly) return rows;
        // A conflict involves both entries: the later one (flagged) and the earlier one it points at.
        var flagged = rows.Where(r => r.ConflictWith is not null).ToList();
        var involved = flagged.Select(r => r.ConflictWith!.Value).Concat(flagged.Select(r => r.Seq)).ToHashSet();
        return rows.Where(r => involved.Contains(r.Seq)).ToList();
    }

    public static async Task<FirstContactEntry?> FindAsync(Database database, long seq)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QueryFirstOrDefaultAsync<FirstContactEntry>($"SELECT {Columns} FROM first_contacts WHERE seq = @seq", new { seq });
    }

    /// <summary>Walks the whole chain and checks that the database still refuses UPDATE and DELETE on the register.</summary>
    public static async Task<RegisterVerification> VerifyAsync(Database database, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var entries = await connection.QueryAsync<FirstContactEntry>($"SELECT {Columns} FROM first_contacts ORDER BY seq");
        return FirstContactChain.Verify(entries, await GuardsInPlaceAsync(connection, database.Dialect));
    }

    /// <summary>The triggers of migration 0006 that make the database refuse UPDATE and DELETE.</summary>
    public static async Task<bool> GuardsInPlaceAsync(System.Data.Common.DbConnection connection, ISqlDialect dialect)
    {
        var count = dialect.Engine == Configuration.StorageEngine.Postgres
            ? await connection.ExecuteScalarAsync<long>(
                """
                SELECT COUNT(*) FROM information_schema.triggers
                WHERE event_object_schema = current_schema() AND event_object_table = 'first_contacts' AND event_manipulation IN ('UPDATE', 'DELETE')
                """)
            : await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'first_contacts' AND name IN ('first_contacts_no_update', 'first_contacts_no_delete')");
        return count >= 2;
    }
}
