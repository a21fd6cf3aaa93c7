using System.Collections.Frozen;
using System.Text;

namespace IndustryMap.Accounts;

/// <summary>
/// When two user names would look the same to a person: "Admin", "ADMIN", "аdmin" (Cyrillic а) and "ａｄｍｉｎ"
/// (fullwidth) all have the skeleton "admin", so only one of them can exist. This is the skeleton of Unicode
/// Technical Standard #39 "Unicode Security Mechanisms" §4 (Confusable Detection): normalise (NFKC folds fullwidth
/// and compatibility forms), map each confusable character to its prototype, then — because sign-in names are
/// case-insensitive here — fold case. The map is a small subset of the standard's confusables.txt: the Cyrillic and
/// Greek letters that look like Latin ones, in both cases, and the digits 0 and 1 that look like o and l.
/// </summary>
public static class UserNameSkeleton
{
    private static readonly FrozenDictionary<char, char> Prototypes = new Dictionary<char, char>
    {
        // Cyrillic lower case (confusables.txt: U+0430 → a, U+0435 → e, U+043E → o, U+0440 → p, U+0441 → c, U+0443 → y, U+0445 → x …)
        ['а'] = 'a', ['е'] = 'e', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ј'] = 'j',
        ['ѕ'] = 's', ['ԁ'] = 'd', ['һ'] = 'h', ['ӏ'] = 'l', ['ԛ'] = 'q', ['ԝ'] = 'w', ['ё'] = 'e', ['ї'] = 'i',
        // Cyrillic capitals that look like Latin capitals
        ['А'] = 'a', ['В'] = 'b', ['Е'] = 'e', ['К'] = 'k', ['М'] = 'm', ['Н'] = 'h', ['О'] = 'o', ['Р'] = 'p', ['С'] = 'c',
        ['Т'] = 't', ['Х'] = 'x', ['У'] = 'y', ['І'] = 'i', ['Ј'] = 'j', ['Ѕ'] = 's', ['Ԁ'] = 'd',
        // Greek
        ['α'] = 'a', ['ο'] = 'o', ['ρ'] = 'p', ['ν'] = 'v', ['ι'] = 'i', ['κ'] = 'k', ['υ'] = 'u', ['χ'] = 'x', ['ε'] = 'e',
        ['Α'] = 'a', ['Β'] = 'b', ['Ε'] = 'e', ['Ζ'] = 'z', ['Η'] = 'h', ['Ι'] = 'i', ['Κ'] = 'k', ['Μ'] = 'm', ['Ν'] = 'n',
        ['Ο'] = 'o', ['Ρ'] = 'p', ['Τ'] = 't', ['Υ'] = 'y', ['Χ'] = 'x',
        // Latin and digits that confusables.txt maps together (1 → l, | → l, 0 → O); I folds to i with case
        ['0'] = 'o', ['1'] = 'l', ['|'] = 'l',
    }.ToFrozenDictionary();

    public static string Of(string name)
    {
        var normalized = name.Trim().Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            // Case folds first (Admin = ADMIN = admin), so capital I becomes i, not the l that confusables.txt maps it to.
            builder.Append(Prototypes.TryGetValue(c, out var p) ? p : char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}
