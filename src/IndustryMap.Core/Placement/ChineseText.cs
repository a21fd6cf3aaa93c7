using System.Globalization;
using System.Text;

namespace IndustryMap.Placement;

/// <summary>
/// Text as the classifier compares it. No word segmenter restores here (ENVIRONMENT.md: no jieba.NET), and Chinese has
/// no spaces, so matching is by substring and by character bigram. Normalising first makes full-width and half-width
/// forms, letter case and spacing irrelevant ("ＬＥＤ面板" = "led 面板" = "LED面板"); punctuation becomes a separator so
/// that no match runs across "、" or "，". Traditional characters are folded to simplified first (ChineseScript).
/// </summary>
public static class ChineseText
{
    public const char Separator = '|';

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        // Traditional characters fold to simplified (issue 13 §3): the catalog and the seeds print simplified ones.
        var folded = IndustryMap.Text.ChineseScript.ToSimplified(text.Normalize(NormalizationForm.FormKC));
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c)) continue;
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
            else if (builder.Length > 0 && builder[^1] != Separator) builder.Append(Separator);
        }
        return builder.ToString().Trim(Separator);
    }

    /// <summary>The adjacent character pairs of a normalised text that do not cross a separator.</summary>
    public static IEnumerable<string> Bigrams(string normalized)
    {
        for (var i = 0; i + 1 < normalized.Length; i++)
        {
            if (normalized[i] != Separator && normalized[i + 1] != Separator) yield return normalized.Substring(i, 2);
        }
    }

    public static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
