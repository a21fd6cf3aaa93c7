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
    public static Refusal? CheckName(string? name) =>
        name is not null && UserName().IsMatch(name)
            ? null
            : Refusal.OfField("name", "invalid_user_name", "用户名须为 2–64 个字母、汉字、数字或 . _ @ -，以字母、汉字或数字开头",
                "a user name is 2–64 letters, digits or . _ @ -, starting with a letter or digit");

    /// <summary>
    /// NIST SP 800-63B §5.1.1.2: length matters, composition rules do not; refuse passwords that are short, that
    /// contain the user name, that are repeated or sequential characters, or that are on a list of common passwords
    /// (<see cref="CommonPasswords"/>).
    /// </summary>
    public static Refusal? CheckPassword(string? password, string userName)
    {
        if (password is null || password.Length < MinPasswordLength)
        {
            return Refusal.OfField("password", "password_too_short", $"密码至少 {MinPasswordLength} 个字符",
                string.Create(CultureInfo.InvariantCulture, $"a password needs at least {MinPasswordLength} characters"));
        }
        if (password.Length > MaxPasswordLength)
        {
            return Refusal.OfField("password", "password_too_long", $"密码最多 {MaxPasswordLength} 个字符",
                string.Create(CultureInfo.InvariantCulture, $"a password may have at most {MaxPasswordLength} characters"));
        }
        if (userName.Length > 0 && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            return Refusal.OfField("password", "password_contains_name", "密码不能包含用户名", "a password must not contain the user name");
        }
        if (password.Distinct().Count() < MinDistinctCharacters || IsSequence(password))
        {
            return Refusal.OfField("password", "password_repetitive", "密码不能由重复或连续的字符组成（如 aaaaaaaaaa、1234567890）",
                "a password must not be repeated or sequential characters (aaaaaaaaaa, 1234567890)");
        }
        if (CommonPasswords.IsCommon(password))
        {
            return Refusal.OfField("password", "password_common", "这是常见密码（或常见密码加数字、符号），容易被猜中，请换一个",
                "this is a commonly used password (or one with digits or symbols added): choose another");
        }
        return null;
    }

    /// <summary>At least this many different characters: "ababababab" is no stronger than "ab".</summary>
    public const int MinDistinctCharacters = 4;

    /// <summary>
    /// NIST SP 800-63B §5.1.1.2 names "repetitive or sequential characters (e.g. 'aaaaaa', '1234abcd')": a password
    /// whose every character is its predecessor plus or minus one (1234567890 counts 9→0 as a step) is a sequence.
    /// </summary>
    public static bool IsSequence(string password)
    {
        static bool Step(char a, char b, int direction) => b - a == direction || (char.IsAsciiDigit(a) && char.IsAsciiDigit(b) && (b - '0' + 10 - (a - '0')) % 10 == (direction + 10) % 10);
        var lower = password.ToLowerInvariant();
        foreach (var direction in new[] { 1, -1 })
        {
            var all = true;
            for (var i = 1; i < lower.Length && all; i++) all = Step(lower[i - 1], lower[i], direction);
            if (all) return true;
        }
        return false;
    }
}

