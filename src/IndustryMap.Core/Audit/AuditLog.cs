using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Dapper;
using IndustryMap.Authorization;
using IndustryMap.Storage;
using IndustryMap.Text;

namespace IndustryMap.Audit;

public sealed class AuditEntry
{
    public long Id { get; set; }
    public string At { get; set; } = "";
    public string Actor { get; set; } = "";
    public string? ActorRole { get; set; }
    public string Action { get; set; } = "";
    public string Entity { get; set; } = "";
    public string EntityKey { get; set; } = "";
    public string? BeforeJson { get; set; }
    public string? AfterJson { get; set; }
    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

public sealed record AuditFilter(string? Entity = null, string? EntityKey = null, string? Actor = null, string? Action = null,
    string? From = null, string? To = null, long? AfterId = null, int Limit = 100);

/// <summary>The result of walking the chain: intact, or the first entry that does not hash to what it says.</summary>
/// <param name="GuardsInPlace">The database still refuses UPDATE, DELETE (and TRUNCATE on PostgreSQL) of entries: the triggers of migration 0003 exist and are enabled.</param>
public sealed record AuditVerification(bool Intact, long Count, string Head, long? BrokenAt, string? Problem, string? ProblemEn, bool GuardsInPlace = true);

/// <summary>
/// The hash chain (pure): each entry's hash covers its own fields and the previous entry's hash, so changing,
/// removing or reordering any entry breaks every hash after it.
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    public static string Hash(AuditEntry e)
    {
        // A JSON array is an unambiguous encoding of the fields (no separator can be forged inside a value).
        var canonical = JsonSerializer.SerializeToUtf8Bytes(new object?[]
        {
            e.Id, e.At, e.Actor, e.ActorRole, e.Action, e.Entity, e.EntityKey, e.BeforeJson, e.AfterJson, e.PrevHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    /// <summary>Walks the entries in id order; <paramref name="expectedHead"/> (a head recorded earlier) also detects a cut-off tail.</summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> entries, string? expectedHead = null)
    {
        var previous = Genesis;
        long count = 0;
        var seenExpected = expectedHead is null;
        foreach (var e in entries)
        {
            count++;
            if (e.PrevHash != previous)
            {
                return new AuditVerification(false, count, previous, e.Id, $"第 {e.Id} 条的前一条哈希与链不符（之前的条目被删除、插入或改动）",
                    $"entry {e.Id}: prev_hash does not match the chain (an earlier entry was removed, inserted or altered)");
            }
            if (Hash(e) != e.Hash)
            {
                return new AuditVerification(false, count, previous, e.Id, $"第 {e.Id} 条的内容与其哈希不符（该条被改动）",
                    $"entry {e.Id}: its content does not match its hash (the entry was altered)");
            }
            previous = e.Hash;
            if (e.Hash == expectedHead) seenExpected = true;
        }
        if (!seenExpected)
        {
            return new AuditVerification(false, count, previous, null, $"链中没有先前记录的末条哈希 {expectedHead}（末尾的条目被删除）",
                $"the chain does not contain the recorded head {expectedHead} (entries were cut off the end)");
        }
        return new AuditVerification(true, count, previous, null, null, null);
    }
}

/// <summary>
/// The audit log: every change, who and when, and the values before and after. Written in the same transaction as
/// the change it records; only appended (there is no UPDATE or DELETE path, and the database refuses both).
/// </summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions StoredJson = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    private const string Columns = "id, at, actor, actor_role, action, entity, entity_key, before_json, after_json, prev_hash, hash";

    public static string? Json(object? value) => value is null ? null : JsonSerializer.Serialize(value, StoredJson);

    /// <summary>Appends one entry inside the caller's transaction; the chain lock is held until that transaction ends.</summary>
    public static async Task<AuditEntry> AppendAsync(DbConnection connection, DbTransaction transaction, Database database,
        Actor actor, string action, string entity, string entityKey, object? before, object? after)
    {
        await database.Dialect.LockAsync(connection, transaction, "audit_log");
        var last = (await connection.QueryAsync<(long Id, string Hash)>(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", transaction: transaction)).ToList();
        var entry = new AuditEntry
        {
            Id = (last.Count == 0 ? 0 : last[0].Id) + 1,
            At = database.UtcStamp(),
            Actor = actor.Name,
            ActorRole = actor.RoleCode,
            Action = action,
            Entity = entity,
            EntityKey = entityKey,
            BeforeJson = Json(before),
            AfterJson = Json(after),
            PrevHash = last.Count == 0 ? AuditChain.Genesis : last[0].Hash,
        };
        entry.Hash = AuditChain.Hash(entry);
        await connection.ExecuteAsync(
            """
            INSERT INTO audit_log (id, at, actor, actor_role, action, entity, entity_key, before_json, after_json, prev_hash, hash)
            VALUES (@Id, @At, @Actor, @ActorRole, @Action, @Entity, @EntityKey, @BeforeJson, @AfterJson, @PrevHash, @Hash)
            """, entry, transaction);
        return entry;
    }

    public static async Task<IReadOnlyList<AuditEntry>> QueryAsync(Database database, AuditFilter filter)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<AuditEntry>(
            $"""
             SELECT {Columns} FROM audit_log
             WHERE (@Entity IS NULL OR entity = @Entity) AND (@EntityKey IS NULL OR entity_key = @EntityKey)
               AND (@Actor IS NULL OR actor = @Actor) AND (@Action IS NULL OR action = @Action)
               AND (@From IS NULL OR at >= @From) AND (@To IS NULL OR at < @To) AND id > @AfterId
             ORDER BY id LIMIT @Limit
             """,
            new { filter.Entity, filter.EntityKey, filter.Actor, filter.Action, filter.From, filter.To, AfterId = filter.AfterId ?? 0, Limit = (long)filter.Limit }))
            .ToList();
    }

    /// <summary>Every entry in chain order, read in pages so a long log is not held in memory at once.</summary>
    public static async IAsyncEnumerable<AuditEntry> AllAsync(Database database, AuditFilter? filter = null)
    {
        var page = (filter ?? new AuditFilter()) with { Limit = 2000 };
        while (true)
        {
            var rows = await QueryAsync(database, page);
            foreach (var row in rows) yield return row;
            if (rows.Count < page.Limit) yield break;
            page = page with { AfterId = rows[^1].Id };
        }
    }

    /// <summary>Walks the chain and checks, like `register verify`, that the append-only triggers are still there.</summary>
    public static async Task<AuditVerification> VerifyAsync(Database database, string? expectedHead = null)
    {
        var entries = new List<AuditEntry>();
        await foreach (var e in AllAsync(database)) entries.Add(e);
        await using var connection = await database.OpenAsync();
        return AuditChain.Verify(entries, expectedHead) with { GuardsInPlace = await GuardsInPlaceAsync(connection, database.Dialect) };
    }

    /// <summary>The triggers of migration 0003 that make the database refuse changes to audit entries (enabled ones, on PostgreSQL).</summary>
    public static async Task<bool> GuardsInPlaceAsync(System.Data.Common.DbConnection connection, ISqlDialect dialect)
    {
        if (dialect.Engine == Configuration.StorageEngine.Postgres)
        {
            return await connection.ExecuteScalarAsync<long>(
                """
                SELECT COUNT(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relname = 'audit_log' AND t.tgenabled <> 'D'
                  AND t.tgname IN ('audit_log_no_update_delete', 'audit_log_no_truncate')
                """) == 2;
        }
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log' AND name IN ('audit_log_no_update', 'audit_log_no_delete')") == 2;
    }

    public static readonly IReadOnlyList<string> CsvColumns =
        ["id", "at", "actor", "actor_role", "action", "entity", "entity_key", "before", "after", "prev_hash", "hash"];

    public static IReadOnlyList<string?> CsvCells(AuditEntry e) =>
    [
        e.Id.ToString(CultureInfo.InvariantCulture), e.At, e.Actor, e.ActorRole, e.Action, e.Entity, e.EntityKey, e.BeforeJson, e.AfterJson, e.PrevHash, e.Hash,
    ];

    /// <summary>The audit log as CSV for spreadsheets (<see cref="Csv.Line"/> neutralises formulas), streamed entry by entry.</summary>
    public static async Task WriteCsvAsync(Database database, AuditFilter filter, TextWriter writer)
    {
        await writer.WriteAsync(Csv.Line(CsvColumns) + "\r\n");
        await foreach (var e in AllAsync(database, filter)) await writer.WriteAsync(Csv.Line(CsvCells(e)) + "\r\n");
    }
}
