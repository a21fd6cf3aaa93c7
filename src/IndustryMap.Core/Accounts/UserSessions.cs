using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using IndustryMap.Storage;

namespace IndustryMap.Accounts;

/// <summary>
/// Cookie sessions kept on the server (table user_sessions, migration 0011): the sign-in cookie names its session, and
/// the session must still be open on every request. Sign-out ends it, so a copy of the cookie taken before sign-out
/// no longer works (issue 10 §6); a password change or disabling the account ends all of the user's sessions.
/// </summary>
public static class UserSessions
{
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static async Task<string> StartAsync(Database database, long userId, DateTime now)
    {
        var id = NewId();
        await database.InTransactionAsync((connection, transaction) =>
            connection.ExecuteAsync("INSERT INTO user_sessions (id, user_id, created_at) VALUES (@id, @userId, @at)",
                new { id, userId, at = Timestamps.Stamp(now) }, transaction), advancesDataVersion: false);
        return id;
    }

    public static async Task<bool> IsOpenAsync(Database database, string id, long userId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM user_sessions WHERE id = @id AND user_id = @userId AND ended_at IS NULL", new { id, userId }) == 1;
    }

    public static Task EndAsync(Database database, string id, DateTime now, string why) =>
        database.InTransactionAsync((connection, transaction) =>
            connection.ExecuteAsync("UPDATE user_sessions SET ended_at = @at, ended_why = @why WHERE id = @id AND ended_at IS NULL",
                new { id, at = Timestamps.Stamp(now), why }, transaction), advancesDataVersion: false);

    /// <summary>Ends every open session of a user, inside the caller's transaction (password change, disable).</summary>
    public static Task<int> EndAllAsync(DbConnection connection, DbTransaction transaction, long userId, string at, string why) =>
        connection.ExecuteAsync("UPDATE user_sessions SET ended_at = @at, ended_why = @why WHERE user_id = @userId AND ended_at IS NULL",
            new { userId, at, why }, transaction);
}
