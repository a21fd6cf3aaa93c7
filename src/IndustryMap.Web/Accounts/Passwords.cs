using Microsoft.AspNetCore.Identity;

namespace IndustryMap.Web.Accounts;

public enum PasswordCheck { Failed, Success, SuccessRehashNeeded }

/// <summary>
/// ASP.NET Core Identity's password hasher (Microsoft.Extensions.Identity.Core, in the shared framework): PBKDF2
/// with HMAC-SHA512, a per-password salt and the iteration count stored in the hash (format V3), so the cost can be
/// raised later and old hashes upgraded at the next sign-in.
/// </summary>
public sealed class Passwords
{
    private readonly PasswordHasher<string> _hasher = new();
    private readonly Lazy<string> _decoy;

    public Passwords() => _decoy = new Lazy<string>(() => Hash(Guid.NewGuid().ToString("N")));

    public string Hash(string password) => _hasher.HashPassword("", password);

    public PasswordCheck Verify(string hash, string password) => _hasher.VerifyHashedPassword("", hash, password) switch
    {
        PasswordVerificationResult.Success => PasswordCheck.Success,
        PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
        _ => PasswordCheck.Failed,
    };

    /// <summary>Spends the same time as a real check, so an unknown user name answers no faster than a wrong password.</summary>
    public void VerifyDecoy(string password) => _ = _hasher.VerifyHashedPassword("", _decoy.Value, password);
}
