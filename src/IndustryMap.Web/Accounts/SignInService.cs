using IndustryMap.Accounts;
using IndustryMap.Storage;

namespace IndustryMap.Web.Accounts;

/// <summary>
/// Checks a user name and password. Every failure looks the same to the caller (unknown user, wrong password,
/// disabled or locked account), so sign-in reveals nothing about which accounts exist; failures count towards
/// the lockout (<see cref="LockoutRules"/>).
/// </summary>
public sealed class SignInService(Database database, Passwords passwords, ILogger<SignInService> logger)
{
    public async Task<UserAccount?> VerifyAsync(string? name, string? password)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password) || name.Length > 64 || password.Length > AccountRules.MaxPasswordLength)
        {
            return null;
        }
        var user = await UserAccounts.FindAsync(database, name);
        if (user is null)
        {
            passwords.VerifyDecoy(password);
            logger.LogInformation("Sign-in refused: unknown user");
            return null;
        }
        var now = DateTime.UtcNow;
        if (user.DisabledAt is not null || LockoutRules.IsLocked(user.LockedUntil is null ? null : Clock.Parse(user.LockedUntil), now))
        {
            passwords.VerifyDecoy(password);
            logger.LogInformation("Sign-in refused: {User} is disabled or locked", user.Name);
            return null;
        }
        var check = passwords.Verify(user.PasswordHash, password);
        if (check == PasswordCheck.Failed)
        {
            var locked = await UserAccounts.RecordFailureAsync(database, user.Id, now);
            logger.LogInformation("Sign-in refused: wrong password for {User}{Locked}", user.Name, locked is null ? "" : ", account locked");
            return null;
        }
        if (check == PasswordCheck.SuccessRehashNeeded) await UserAccounts.UpgradeHashAsync(database, user.Id, passwords.Hash(password));
        await UserAccounts.RecordSuccessAsync(database, user.Id);
        return user;
    }
}
