using System.Security.Cryptography;
using System.Text;
using Dapper;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Storage;
using IndustryMap.Writing;

namespace IndustryMap.Accounts;

public sealed class ApiTokenRow
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public string User { get; set; } = "";
    public string Name { get; set; } = "";
    public string Prefix { get; set; } = "";
    public string? ExpiresAt { get; set; }
    public string? LastUsedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public string CreatedAt { get; set; } = "";
    public string? RevokedBy { get; set; }
    public string? RevokedAt { get; set; }

    public ApiTokenView ToView() => new(Id, User, Name, Prefix, ExpiresAt, LastUsedAt, CreatedBy, CreatedAt, RevokedBy, RevokedAt);
}

public sealed record ApiTokenView(long Id, string User, string Name, string Prefix, string? ExpiresAt, string? LastUsedAt, string CreatedBy,
    string CreatedAt, string? RevokedBy, string? RevokedAt);

/// <summary>A token as created: <see cref="Token"/> is shown this once and never stored.</summary>
public sealed record CreatedToken(string Token, ApiTokenView Record);

/// <summary>
/// API tokens for machine clients (Authorization: Bearer …). A token is "imk_" + 43 characters of base64url (256
/// random bits); the database keeps its SHA-256 and an 8-character prefix to recognise it in lists.
/// </summary>
public static class ApiTokens
{
    public const string Scheme = "imk_";
    public const int MaxNameLength = 60;
    public const int MaxDays = 3650;

    public static string Generate() => Scheme + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private const string Select =
        """
        SELECT t.id, t.user_id, u.name AS "user", t.name, t.prefix, t.expires_at, t.last_used_at, t.created_by, t.created_at, t.revoked_by, t.revoked_at
        FROM api_tokens t JOIN users u ON u.id = t.user_id
        """;

    public static async Task<CreatedToken> CreateAsync(Database database, Actor actor, string userName, string name, int? days)
    {
        FieldRules.ThrowIfAny([FieldRules.Text("name", "令牌名称", name, MaxNameLength, required: true)]);
        if (days is < 1 or > MaxDays)
        {
            throw RefusedException.Invalid("invalid_expiry", $"有效期须为 1–{MaxDays} 天", $"expiry must be 1–{MaxDays} days");
        }
        var owner = await UserAccounts.FindAsync(database, userName)
                    ?? throw RefusedException.NotFound("user_not_found", $"没有用户“{userName}”", $"no user '{userName}'");
        if (owner.DisabledAt is not null)
        {
            throw RefusedException.Invalid("user_disabled", $"用户“{userName}”已停用", $"user '{userName}' is disabled");
        }
        var token = Generate();
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var now = database.Clock.GetUtcNow().UtcDateTime;
            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO api_tokens (user_id, name, prefix, token_sha256, expires_at, created_by, created_at)
                VALUES (@UserId, @Name, @Prefix, @Hash, @ExpiresAt, @CreatedBy, @CreatedAt) RETURNING id
                """,
                new
                {
                    UserId = owner.Id, Name = name.Trim(), Prefix = token[..(Scheme.Length + 8)], Hash = Sha256(token),
                    ExpiresAt = days is null ? null : Timestamps.Stamp(now.AddDays(days.Value)), CreatedBy = actor.Name, CreatedAt = Timestamps.Stamp(now),
                }, transaction);
            var row = await connection.QueryFirstAsync<ApiTokenRow>(Select + " WHERE t.id = @id", new { id }, transaction);
            await AuditLog.AppendAsync(connection, transaction, database, actor, "token.create", "api_tokens",
                id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, row.ToView());
            return new CreatedToken(token, row.ToView());
        });
    }

    public static async Task<IReadOnlyList<ApiTokenView>> ListAsync(Database database, string? userName = null)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<ApiTokenRow>(Select + " WHERE (@userName IS NULL OR u.name = @userName) ORDER BY t.id", new { userName }))
            .Select(t => t.ToView()).ToList();
    }

    public static async Task<ApiTokenRow?> FindAsync(Database database, long id)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QueryFirstOrDefaultAsync<ApiTokenRow>(Select + " WHERE t.id = @id", new { id });
    }

    public static Task<ApiTokenView> RevokeAsync(Database database, Actor actor, long id) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var before = await connection.QueryFirstOrDefaultAsync<ApiTokenRow>(Select + " WHERE t.id = @id", new { id }, transaction)
                         ?? throw RefusedException.NotFound("token_not_found", $"没有编号为 {id} 的令牌", $"no token {id}");
            if (before.RevokedAt is not null)
            {
                throw RefusedException.Conflict("token_revoked", $"令牌 {id} 已于 {before.RevokedAt} 被 {before.RevokedBy} 吊销",
                    $"token {id} was already revoked by {before.RevokedBy} at {before.RevokedAt}");
            }
            await connection.ExecuteAsync("UPDATE api_tokens SET revoked_by = @By, revoked_at = @At WHERE id = @id",
                new { By = actor.Name, At = database.UtcStamp(), id }, transaction);
            var after = await connection.QueryFirstAsync<ApiTokenRow>(Select + " WHERE t.id = @id", new { id }, transaction);
            await AuditLog.AppendAsync(connection, transaction, database, actor, "token.revoke", "api_tokens",
                id.ToString(System.Globalization.CultureInfo.InvariantCulture), before.ToView(), after.ToView());
            return after.ToView();
        });

    /// <summary>Revokes every active token of a user, inside the caller's transaction, one audit entry per token.</summary>
    public static async Task<int> RevokeAllAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, Database database,
        Actor actor, long userId)
    {
        var active = (await connection.QueryAsync<ApiTokenRow>(Select + " WHERE t.user_id = @userId AND t.revoked_at IS NULL ORDER BY t.id",
            new { userId }, transaction)).ToList();
        var at = database.UtcStamp();
        foreach (var before in active)
        {
            await connection.ExecuteAsync("UPDATE api_tokens SET revoked_by = @By, revoked_at = @At WHERE id = @Id",
                new { By = actor.Name, At = at, before.Id }, transaction);
            var after = await connection.QueryFirstAsync<ApiTokenRow>(Select + " WHERE t.id = @Id", new { before.Id }, transaction);
            await AuditLog.AppendAsync(connection, transaction, database, actor, "token.revoke", "api_tokens",
                before.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), before.ToView(), after.ToView());
        }
        return active.Count;
    }

    /// <summary>Revokes every active token of the named user (`industrymap accounts revoke-tokens`).</summary>
    public static async Task<int> RevokeAllAsync(Database database, Actor actor, string userName)
    {
        var owner = await UserAccounts.FindAsync(database, userName)
                    ?? throw RefusedException.NotFound("user_not_found", $"没有用户“{userName}”", $"no user '{userName}'");
        return await database.InTransactionAsync((connection, transaction) => RevokeAllAsync(connection, transaction, database, actor, owner.Id));
    }

    /// <summary>
    /// The active account behind a presented token: not revoked, not expired, its user not disabled. Records when a
    /// token was last used, at most once a minute, so a busy client does not turn every read into a write.
    /// </summary>
    public static async Task<UserAccount?> AuthenticateAsync(Database database, string token)
    {
        if (!token.StartsWith(Scheme, StringComparison.Ordinal) || token.Length > 100) return null;
        await using var connection = await database.OpenAsync();
        var found = await connection.QueryFirstOrDefaultAsync<(long Id, long UserId, string? ExpiresAt, string? LastUsedAt)>(
            "SELECT id, user_id, expires_at, last_used_at FROM api_tokens WHERE token_sha256 = @hash AND revoked_at IS NULL",
            new { hash = Sha256(token) });
        if (found.Id == 0) return null;
        var now = database.Clock.GetUtcNow().UtcDateTime;
        if (found.ExpiresAt is not null && Timestamps.Parse(found.ExpiresAt) <= now) return null;
        var user = await UserAccounts.FindByIdAsync(database, found.UserId);
        if (user is null || user.DisabledAt is not null) return null;
        if (found.LastUsedAt is null || Timestamps.Parse(found.LastUsedAt) < now.AddMinutes(-1))
        {
            await database.InTransactionAsync((c, t) =>
                c.ExecuteAsync("UPDATE api_tokens SET last_used_at = @now WHERE id = @Id", new { now = Timestamps.Stamp(now), found.Id }, t));
        }
        return user;
    }
}
