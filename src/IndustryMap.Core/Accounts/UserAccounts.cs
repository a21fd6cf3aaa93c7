using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Storage;
using IndustryMap.Units;
using IndustryMap.Writing;

namespace IndustryMap.Accounts;

/// <summary>A user account as stored. The password hash never leaves the server (see <see cref="UserView"/>).</summary>
public sealed class UserAccount
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string? DisplayName { get; set; }
    public string Role { get; set; } = "";
    public long? UnitId { get; set; }
    public string? Unit { get; set; }
    public string PasswordHash { get; set; } = "";
    public string SecurityStamp { get; set; } = "";
    public long FailedCount { get; set; }
    public string? LockedUntil { get; set; }
    public string? DisabledAt { get; set; }
    public string? LastSignInAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public string CreatedAt { get; set; } = "";
    public string? UpdatedBy { get; set; }
    public string? UpdatedAt { get; set; }

    public Role RoleValue => Roles.TryParse(Role, out var r) ? r : throw new InvalidOperationException($"unknown role '{Role}' for user {Name}");

    public Actor ToActor() => new(Id, Name, RoleValue, Unit);

    public UserView ToView() => new(Name, DisplayName, Role, Roles.Chinese(RoleValue), Unit, DisabledAt is not null, LockedUntil, LastSignInAt, CreatedBy, CreatedAt);
}

/// <summary>What the API, the CLI and the audit log show of a user.</summary>
public sealed record UserView(string Name, string? DisplayName, string Role, string RoleName, string? Unit, bool Disabled, string? LockedUntil,
    string? LastSignInAt, string CreatedBy, string CreatedAt);

public sealed record NewUser(string Name, string? DisplayName, Role Role, string? Unit);

/// <summary>User accounts: SQL and the audit entries that go with every change. Passwords arrive already hashed.</summary>
public static class UserAccounts
{
    private const string Select =
        """
        SELECT us.id, us.name, us.display_name, us.role, us.unit_id, un.name AS unit, us.password_hash, us.security_stamp, us.failed_count,
               us.locked_until, us.disabled_at, us.last_sign_in_at, us.created_by, us.created_at, us.updated_by, us.updated_at
        FROM users us LEFT JOIN units un ON un.id = us.unit_id
        """;

    public static string NewSecurityStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static async Task<IReadOnlyList<UserAccount>> ListAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<UserAccount>(Select + " ORDER BY us.name")).ToList();
    }

    public static async Task<UserAccount?> FindAsync(Database database, string name)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QueryFirstOrDefaultAsync<UserAccount>(Select + " WHERE us.name = @name", new { name });
    }

    public static async Task<UserAccount?> FindByIdAsync(Database database, long id)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QueryFirstOrDefaultAsync<UserAccount>(Select + " WHERE us.id = @id", new { id });
    }

    private static Task<UserAccount?> FindAsync(DbConnection connection, DbTransaction transaction, string name) =>
        connection.QueryFirstOrDefaultAsync<UserAccount>(Select + " WHERE us.name = @name", new { name }, transaction);

    /// <summary>Checks the fields of a new account (the password is checked by the caller before hashing).</summary>
    public static void Validate(NewUser user)
    {
        FieldRules.ThrowIfAny([
            AccountRules.CheckName(user.Name),
            FieldRules.Text("displayName", "显示名称", user.DisplayName, AccountRules.MaxDisplayName),
            user.Role == Role.Unit && string.IsNullOrWhiteSpace(user.Unit)
                ? Refusal.OfField("unit", "unit_required", "区县单位用户必须绑定一个规划单元（--unit）", "a unit officer must be bound to a planning unit (--unit)")
                : null,
            user.Role != Role.Unit && !string.IsNullOrWhiteSpace(user.Unit)
                ? Refusal.OfField("unit", "unit_not_allowed", "只有区县单位用户绑定规划单元", "only unit officers are bound to a planning unit")
                : null,
        ]);
    }

    public static async Task<UserAccount> CreateAsync(Database database, Actor actor, NewUser user, string passwordHash)
    {
        Validate(user);
        long? unitId = null;
        if (user.Role == Role.Unit)
        {
            var unit = await UnitQueries.FindAsync(database, user.Unit!.Trim())
                       ?? throw RefusedException.Invalid("unknown_unit", $"没有名为“{user.Unit}”的规划单元", $"no planning unit '{user.Unit}'");
            unitId = unit.Id;
        }
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            // Names are unique by skeleton (UTS #39): Admin, ADMIN and Cyrillic аdmin are one name. Few accounts exist, so
            // the check reads them all, under a lock so that two simultaneous creations cannot both pass it.
            await database.Dialect.LockAsync(connection, transaction, "users:create");
            var skeleton = UserNameSkeleton.Of(user.Name);
            var names = await connection.QueryAsync<string>("SELECT name FROM users", transaction: transaction);
            if (names.FirstOrDefault(n => UserNameSkeleton.Of(n) == skeleton) is { } existing)
            {
                throw RefusedException.Conflict("user_exists",
                    existing == user.Name ? $"用户“{user.Name}”已存在" : $"用户名“{user.Name}”与已有用户“{existing}”看起来相同（大小写或形近字符）",
                    existing == user.Name ? $"user '{user.Name}' already exists" : $"the user name '{user.Name}' looks the same as the existing user '{existing}' (case or confusable characters)");
            }
            await connection.ExecuteAsync(
                """
                INSERT INTO users (name, display_name, role, unit_id, password_hash, security_stamp, created_by, created_at)
                VALUES (@Name, @DisplayName, @Role, @UnitId, @PasswordHash, @Stamp, @CreatedBy, @CreatedAt)
                """,
                new
                {
                    user.Name, DisplayName = FieldRules.Clean(user.DisplayName), Role = Roles.Code(user.Role), UnitId = unitId, PasswordHash = passwordHash,
                    Stamp = NewSecurityStamp(), CreatedBy = actor.Name, CreatedAt = database.UtcStamp(),
                }, transaction);
            var created = (await FindAsync(connection, transaction, user.Name))!;
            await AuditLog.AppendAsync(connection, transaction, database, actor, "user.create", "users", created.Name, null, created.ToView());
            return created;
        });
    }

    /// <summary>Disables or re-enables an account. Either way the security stamp changes, which ends every cookie session.</summary>
    public static Task<UserAccount> SetDisabledAsync(Database database, Actor actor, string name, bool disabled) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var before = await FindAsync(connection, transaction, name)
                         ?? throw RefusedException.NotFound("user_not_found", $"没有用户“{name}”", $"no user '{name}'");
            if (disabled && before.Id == actor.UserId)
            {
                throw RefusedException.Invalid("cannot_disable_self", "不能停用自己的账户", "you cannot disable your own account");
            }
            var now = database.UtcStamp();
            await connection.ExecuteAsync(
                """
                UPDATE users SET disabled_at = @DisabledAt, security_stamp = @Stamp, failed_count = 0, locked_until = NULL,
                    updated_by = @By, updated_at = @Now WHERE id = @Id
                """,
                new { DisabledAt = disabled ? now : null, Stamp = NewSecurityStamp(), By = actor.Name, Now = now, before.Id }, transaction);
            await UserSessions.EndAllAsync(connection, transaction, before.Id, now, disabled ? "disabled" : "enabled");
            await SignInThrottle.ClearAsync(connection, transaction, before.Name);
            var after = (await FindAsync(connection, transaction, name))!;
            await AuditLog.AppendAsync(connection, transaction, database, actor, disabled ? "user.disable" : "user.enable", "users", name,
                before.ToView(), after.ToView());
            return after;
        });

    /// <summary>
    /// Sets a new password (already hashed and checked); ends every cookie session of the user and lifts any sign-in
    /// wait. With <paramref name="revokeTokens"/> the user's API tokens are revoked in the same transaction. Returns
    /// how many tokens were revoked and how many are still active.
    /// </summary>
    public static Task<(int Revoked, int Active)> SetPasswordAsync(Database database, Actor actor, string name, string passwordHash, bool revokeTokens = false) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var before = await FindAsync(connection, transaction, name)
                         ?? throw RefusedException.NotFound("user_not_found", $"没有用户“{name}”", $"no user '{name}'");
            var now = database.UtcStamp();
            await connection.ExecuteAsync(
                """
                UPDATE users SET password_hash = @Hash, security_stamp = @Stamp, failed_count = 0, locked_until = NULL,
                    updated_by = @By, updated_at = @Now WHERE id = @Id
                """, new { Hash = passwordHash, Stamp = NewSecurityStamp(), By = actor.Name, Now = now, before.Id }, transaction);
            // The audit entry says that the password changed, never what it is or what its hash is.
            await AuditLog.AppendAsync(connection, transaction, database, actor, "user.password", "users", name,
                new { passwordChangedAt = before.UpdatedAt }, new { passwordChangedAt = now });
            await UserSessions.EndAllAsync(connection, transaction, before.Id, now, "password changed");
            await SignInThrottle.ClearAsync(connection, transaction, before.Name);
            var revoked = revokeTokens ? await ApiTokens.RevokeAllAsync(connection, transaction, database, actor, before.Id) : 0;
            var active = await connection.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM api_tokens WHERE user_id = @Id AND revoked_at IS NULL", new { before.Id }, transaction);
            return (revoked, active);
        });

    /// <summary>Rehashes a password with the current parameters after a successful sign-in (no audit: nothing a person changed).</summary>
    public static Task UpgradeHashAsync(Database database, long userId, string passwordHash) =>
        database.InTransactionAsync((connection, transaction) =>
            connection.ExecuteAsync("UPDATE users SET password_hash = @passwordHash WHERE id = @userId", new { userId, passwordHash }, transaction));

    public static Task RecordSuccessAsync(Database database, long userId, DateTime now) =>
        database.InTransactionAsync((connection, transaction) =>
            connection.ExecuteAsync("UPDATE users SET failed_count = 0, locked_until = NULL, last_sign_in_at = @now WHERE id = @userId",
                new { userId, now = Timestamps.Stamp(now) }, transaction));
}
