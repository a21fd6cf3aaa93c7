using System.Globalization;
using IndustryMap.Accounts;
using IndustryMap.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace IndustryMap.Web.Accounts;

/// <summary>The result of a password check: the account, or a refusal that either may retry now or must wait.</summary>
public sealed record PasswordOutcome(UserAccount? User, TimeSpan? Wait)
{
    public bool Throttled => Wait is not null;

    /// <summary>Whole seconds for Retry-After (at least 1).</summary>
    public string RetryAfter => Math.Max(1, (int)Math.Ceiling(Wait!.Value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Checks a user name and password, for sign-in and for a password change alike. Every failure looks the same to the
/// caller (unknown user, wrong password, disabled account), so sign-in reveals nothing about which accounts exist;
/// failures are throttled per account and source (<see cref="ThrottleRules"/>), never by locking the account.
/// </summary>
public sealed class SignInService(Database database, Passwords passwords, DeviceCookies devices, TimeProvider time, ILogger<SignInService> logger)
{
    public async Task<PasswordOutcome> VerifyAsync(string? name, string? password, HttpContext http)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password) || name.Length > 64 || password.Length > AccountRules.MaxPasswordLength)
        {
            return new PasswordOutcome(null, null);
        }
        var account = UserNameSkeleton.Of(name);
        var sources = ThrottleRules.SourcesOf(devices.TrustedDevice(http, account), ClientAddress(http));
        var now = time.GetUtcNow().UtcDateTime;
        if (await SignInThrottle.WaitAsync(database, account, sources, now) is { } wait)
        {
            logger.LogInformation("Password check refused without checking: {Sources} must wait {Seconds} s", string.Join(",", sources.Select(s => s.Key)), (int)wait.TotalSeconds);
            return new PasswordOutcome(null, wait);
        }
        var user = await UserAccounts.FindAsync(database, name);
        var check = PasswordCheck.Failed;
        if (user is null || user.DisabledAt is not null) passwords.VerifyDecoy(password);
        else check = passwords.Verify(user.PasswordHash, password);
        if (check == PasswordCheck.Failed)
        {
            var delay = await SignInThrottle.FailedAsync(database, account, sources, now);
            logger.LogInformation("Password refused ({Why}){Delay}", user is null ? "unknown user" : user.DisabledAt is not null ? "disabled" : "wrong password",
                delay > TimeSpan.Zero ? $", source waits {delay.TotalSeconds} s" : "");
            return new PasswordOutcome(null, null);
        }
        if (check == PasswordCheck.SuccessRehashNeeded) await UserAccounts.UpgradeHashAsync(database, user!.Id, passwords.Hash(password));
        await SignInThrottle.SucceededAsync(database, account, sources);
        return new PasswordOutcome(user, null);
    }

    /// <summary>The client's address (X-Forwarded-For from a loopback proxy is already applied by the forwarded-headers middleware).</summary>
    public static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary>
/// Device cookies (OWASP "Slow Down Online Guessing Attacks with Device Cookies"): a successful sign-in gives the
/// browser a long-lived cookie, protected by the app's Data Protection keys, naming the account (its skeleton) and a
/// random device id. Presented again for the same account, it makes the browser a trusted device whose attempts are
/// counted apart from everybody else's, so guesses by others never slow down its owner.
/// </summary>
public sealed class DeviceCookies(IDataProtectionProvider provider)
{
    public const string CookieName = "industrymap.device";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);
    private readonly IDataProtector _protector = provider.CreateProtector("IndustryMap.DeviceCookie.v1");

    /// <summary>The device id when the request carries a genuine device cookie for this account.</summary>
    public string? TrustedDevice(HttpContext http, string account)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 and < 1000 } value) return null;
        try
        {
            var parts = _protector.Unprotect(value).Split('\n');
            return parts.Length == 2 && parts[0] == account ? parts[1] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public void Issue(HttpContext http, string account)
    {
        var id = TrustedDevice(http, account) ?? UserSessions.NewId()[..32];
        http.Response.Cookies.Append(CookieName, _protector.Protect(account + "\n" + id), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, MaxAge = Lifetime, Path = "/",
            IsEssential = true,
        });
    }
}
