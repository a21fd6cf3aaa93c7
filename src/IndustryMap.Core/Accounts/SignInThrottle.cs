using Dapper;
using IndustryMap.Storage;

namespace IndustryMap.Accounts;

/// <summary>Where a password guess comes from, as far as throttling is concerned.</summary>
/// <param name="Key">'device:&lt;id&gt;' (a browser that signed in to this account before), 'client:&lt;address&gt;', or 'untrusted'.</param>
/// <param name="FreeFailures">Failures allowed before the source has to wait.</param>
public sealed record ThrottleSource(string Key, int FreeFailures);

/// <summary>
/// Throttling of password checks (sign-in and password change) that an anonymous attacker cannot turn against an
/// account (issue 10 §4–5). There is no account lockout. Failures are counted per account and source, and a source
/// that failed too often waits — with a delay that doubles with each further failure, up to <see cref="MaxDelay"/>:
/// <list type="bullet">
/// <item>a trusted device (a browser holding the device cookie this account's successful sign-in gave it) counts
/// alone: what others guess never slows it down (OWASP "Slow Down Online Guessing Attacks with Device Cookies");</item>
/// <item>every other client counts per address (<see cref="PerClient"/>), and all of them together per account
/// (<see cref="Untrusted"/>), so guessing from many addresses is slowed as well — which can delay only new devices
/// of the account, never its trusted ones.</item>
/// </list>
/// While a source waits, its password is not checked at all (no oracle). Counts older than <see cref="Forget"/> start again.
/// </summary>
public static class ThrottleRules
{
    public const int PerClient = 5;
    public const int PerDevice = 5;
    public const int Untrusted = 20;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Forget = TimeSpan.FromHours(24);

    public static ThrottleSource Device(string id) => new("device:" + id, PerDevice);

    public static ThrottleSource Client(string address) => new("client:" + address, PerClient);

    public static readonly ThrottleSource AllUntrusted = new("untrusted", Untrusted);

    /// <summary>The sources a guess counts against: its device alone when trusted, else its address and the untrusted pool.</summary>
    public static IReadOnlyList<ThrottleSource> SourcesOf(string? trustedDevice, string clientAddress) =>
        trustedDevice is not null ? [Device(trustedDevice)] : [Client(clientAddress), AllUntrusted];

    /// <summary>How long a source waits after its <paramref name="failures"/>-th failure: nothing up to the free ones, then 1 s, 2 s, 4 s … 15 min.</summary>
    public static TimeSpan DelayAfter(long failures, int freeFailures)
    {
        if (failures < freeFailures) return TimeSpan.Zero;
        var exponent = Math.Min(failures - freeFailures, 20);
        var delay = TimeSpan.FromSeconds(Math.Pow(2, exponent));
        return delay < MaxDelay ? delay : MaxDelay;
    }

    /// <summary>The failure count after one more failure; an old count (last failure over a day ago) starts again.</summary>
    public static long AfterFailure(long failures, DateTime? lastFailure, DateTime now) =>
        (lastFailure is { } last && now - last < Forget ? failures : 0) + 1;
}

/// <summary>The throttle's counts in the database (table sign_in_throttle, migration 0011).</summary>
public static class SignInThrottle
{
    private sealed record Row(string Source, long Failures, string LastFailureAt, string? BlockedUntil);

    /// <summary>How long the caller must still wait, or null when it may try now.</summary>
    public static async Task<TimeSpan?> WaitAsync(Database database, string account, IReadOnlyList<ThrottleSource> sources, DateTime now)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<Row>(
            "SELECT source, failures, last_failure_at, blocked_until FROM sign_in_throttle WHERE account = @account",
            new { account });
        var keys = sources.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        TimeSpan? wait = null;
        foreach (var row in rows.Where(r => keys.Contains(r.Source) && r.BlockedUntil is not null))
        {
            var left = Timestamps.Parse(row.BlockedUntil!) - now;
            if (left > TimeSpan.Zero && (wait is null || left > wait)) wait = left;
        }
        return wait;
    }

    /// <summary>Counts a failed password check against every source; returns the longest wait it now has (zero: none).</summary>
    public static Task<TimeSpan> FailedAsync(Database database, string account, IReadOnlyList<ThrottleSource> sources, DateTime now) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            await database.Dialect.LockAsync(connection, transaction, "sign_in_throttle:" + account);
            var longest = TimeSpan.Zero;
            foreach (var source in sources)
            {
                var row = await connection.QueryFirstOrDefaultAsync<Row>(
                    "SELECT source, failures, last_failure_at, blocked_until FROM sign_in_throttle WHERE account = @account AND source = @Key",
                    new { account, source.Key }, transaction);
                var failures = ThrottleRules.AfterFailure(row?.Failures ?? 0, row is null ? null : Timestamps.Parse(row.LastFailureAt), now);
                var delay = ThrottleRules.DelayAfter(failures, source.FreeFailures);
                if (delay > longest) longest = delay;
                var blockedUntil = delay > TimeSpan.Zero ? Timestamps.Stamp(now + delay) : null;
                var sql = row is null
                    ? "INSERT INTO sign_in_throttle (account, source, failures, last_failure_at, blocked_until) VALUES (@account, @Key, @failures, @at, @blockedUntil)"
                    : "UPDATE sign_in_throttle SET failures = @failures, last_failure_at = @at, blocked_until = @blockedUntil WHERE account = @account AND source = @Key";
                await connection.ExecuteAsync(sql, new { account, source.Key, failures, at = Timestamps.Stamp(now), blockedUntil }, transaction);
            }
            return longest;
        }, advancesDataVersion: false); // bookkeeping: no read shows it

    /// <summary>A correct password: the sources that presented it start again (the untrusted pool only when an untrusted client got in).</summary>
    public static Task SucceededAsync(Database database, string account, IReadOnlyList<ThrottleSource> sources) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            foreach (var source in sources)
            {
                await connection.ExecuteAsync("DELETE FROM sign_in_throttle WHERE account = @account AND source = @Key", new { account, source.Key }, transaction);
            }
            return 0;
        }, advancesDataVersion: false); // bookkeeping: no read shows it

    /// <summary>The administrator lifts every wait of an account (user enable, new password).</summary>
    public static Task ClearAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string userName) =>
        connection.ExecuteAsync("DELETE FROM sign_in_throttle WHERE account = @account", new { account = UserNameSkeleton.Of(userName) }, transaction);
}
