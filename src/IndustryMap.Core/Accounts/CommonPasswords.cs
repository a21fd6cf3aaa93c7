using System.Collections.Frozen;

namespace IndustryMap.Accounts;

/// <summary>
/// The common-password list of NIST SP 800-63B §5.1.1.2 ("passwords obtained from previous breach corpuses",
/// "commonly-used passwords"): <c>Data/common-passwords.txt</c>, the 4,000 most common passwords of the SecLists
/// top-1M list (source and licence in the file's header). A password is common when it is on the list, or when it
/// is a listed password with digits and symbols added at the end ("password12", "qwerty2024!").
/// </summary>
public static class CommonPasswords
{
    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    public static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        if (List.Value.Contains(lower)) return true;
        var stem = lower.TrimEnd("0123456789!@#$%^&*.?_-+=~ ".ToCharArray());
        return stem.Length >= 4 && stem.Length < lower.Length && List.Value.Contains(stem);
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream("accounts/common-passwords.txt")
                           ?? throw new InvalidOperationException("the common-password list is not embedded in IndustryMap.Core");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            words.Add(line);
        }
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
