using System.Globalization;
using System.Text.RegularExpressions;
using IndustryMap.Writing;

namespace IndustryMap.Accounts;

/// <summary>What a user name and a password must be. Pure functions, tested without a database.</summary>
public static partial class AccountRules
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 128;
    public const int MaxDisplayName = 50;

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}._@-]{1,63}$")]
    private static partial Regex UserName();

    /// <summary>
    /// A sign-in name is 2–64 letters (Chinese included), digits and . _ @ -, starting with a letter or digit: it is
    /// typed at sign-in and appears in the audit log, so it carries no spaces, markup or quotes. Display names are free text.
    /// </summary>
    public static FieldError? CheckName(string? name) =>
        name is not null && UserName().IsMatch(name)
            ? null
            : new FieldError("name", "invalid_user_name", "用户名须为 2–64 个字母、汉字、数字或 . _ @ -，以字母、汉字或数字开头",
                "a user name is 2–64 letters, digits or . _ @ -, starting with a letter or digit");

    /// <summary>
    /// NIST SP 800-63B §5.1.1.2: length matters, composition rules do not; refuse passwords that are short, that
    /// contain the user name, or that are one repeated character.
    /// </summary>
    public static FieldError? CheckPassword(string? password, string userName)
    {
        if (password is null || password.Length < MinPasswordLength)
        {
            return new FieldError("password", "password_too_short", $"密码至少 {MinPasswordLength} 个字符",
                string.Create(CultureInfo.InvariantCulture, $"a password needs at least {MinPasswordLength} characters"));
        }
        if (password.Length > MaxPasswordLength)
        {
            return new FieldError("password", "password_too_long", $"密码最多 {MaxPasswordLength} 个字符",
                string.Create(CultureInfo.InvariantCulture, $"a password may have at most {MaxPasswordLength} characters"));
        }
        if (userName.Length > 0 && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            return new FieldError("password", "password_contains_name", "密码不能包含用户名", "a password must not contain the user name");
        }
        if (password.Distinct().Count() == 1)
        {
            return new FieldError("password", "password_repetitive", "密码不能由同一个字符重复组成", "a password must not be one repeated character");
        }
        return null;
    }
}

/// <summary>
/// Lockout after repeated failed sign-ins (issue 4 §1): after <see cref="MaxFailures"/> consecutive failures the
/// account refuses every password for <see cref="LockFor"/>; a successful sign-in resets the count.
/// </summary>
public static class LockoutRules
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(15);

    public static bool IsLocked(DateTime? lockedUntil, DateTime now) => lockedUntil is { } until && until > now;

    /// <summary>The failure count and lock after one more failed attempt. A lock that has run out starts a new count.</summary>
    public static (long FailedCount, DateTime? LockedUntil) AfterFailure(long failedCount, DateTime? lockedUntil, DateTime now)
    {
        if (IsLocked(lockedUntil, now)) return (failedCount, lockedUntil);
        var count = (lockedUntil is not null ? 0 : failedCount) + 1;
        return count >= MaxFailures ? (count, now + LockFor) : (count, null);
    }
}
