using System.Globalization;
using System.Text;

namespace IndustryMap.Placement;

/// <summary>
/// Text as the classifier compares it. No word segmenter restores here (ENVIRONMENT.md: no jieba.NET), and Chinese has
/// no spaces, so matching is by substring and by character bigram. Normalising first makes full-width and half-width
/// forms, letter case and spacing irrelevant ("ＬＥＤ面板" = "led 面板" = "LED面板"); punctuation becomes a separator so
/// that no match runs across "、" or "，". Traditional characters are folded to simplified first (ChineseScript), and
/// 深加工 / 精深加工 / 精加工 read as 加工 (<see cref="FoldProcessing"/>). What is shown is always the text as written.
/// </summary>
public static class ChineseText
{
    public const char Separator = '|';

    /// <summary>The text as compared: <see cref="Clean"/>, then <see cref="FoldProcessing"/> (深加工 reads as 加工).</summary>
    public static string Normalize(string? text) => FoldProcessing(Clean(text), null, null);

    /// <summary>Width, case, spacing and script made irrelevant; punctuation becomes <see cref="Separator"/>. No word is rewritten.</summary>
    public static string Clean(string? text) => Clean(text, null);

    /// <summary>
    /// <see cref="Clean(string?)"/>; when given, <paramref name="listSeparators"/> receives the indices of the result's
    /// separators that stand only for the enumeration comma "、" (顿号), which joins items of one list, not clauses
    /// (DescriptionText reads "购置反应釜、冷凝器等设备" as one object).
    /// </summary>
    public static string Clean(string? text, HashSet<int>? listSeparators)
    {
        if (string.IsNullOrEmpty(text)) return "";
        // Traditional characters fold to simplified (issue 13 §3): the catalog and the seeds print simplified ones.
        var folded = IndustryMap.Text.ChineseScript.ToSimplified(text.Normalize(NormalizationForm.FormKC));
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c)) continue;
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
            else if (builder.Length > 0 && builder[^1] != Separator)
            {
                builder.Append(Separator);
                if (c == '、') listSeparators?.Add(builder.Length - 1);
            }
            else if (builder.Length > 0 && c != '、') listSeparators?.Remove(builder.Length - 1); // "、，" is a clause end
        }
        var cleaned = builder.ToString();
        if (cleaned.Length > 0 && cleaned[^1] == Separator) listSeparators?.Remove(cleaned.Length - 1);
        return cleaned.Trim(Separator);
    }

    /// <summary>
    /// The modifiers of 加工 that say how far a product is processed, not what: "深加工", "精深加工", "精加工". Issue 13 §3:
    /// "农产品深加工" is 农产品加工 (the catalog's word) with 深 inserted, so a term matched only partly; every text compared
    /// (descriptions and lexicon alike, since all go through <see cref="Normalize"/>) reads them as 加工. Longest first.
    /// </summary>
    public static readonly IReadOnlyList<string> ProcessingModifiers = ["精深", "深", "精"];

    /// <summary>
    /// Words that end in a modifier's character, where it is not a modifier of 加工: "酒精加工" is alcohol processing,
    /// "资深" is an adjective of people. Before one of these the text is left as it is.
    /// </summary>
    public static readonly IReadOnlyList<string> NotProcessingModifiers = ["酒精", "香精", "味精", "糖精", "鸡精", "资深", "纵深", "加深"];

    /// <summary>
    /// <paramref name="normalized"/> with <see cref="ProcessingModifiers"/> before 加工 taken out. When given,
    /// <paramref name="origin"/> receives, for each character of the result, its index in <paramref name="normalized"/>
    /// (so that a phrase can be shown as written), and <paramref name="joins"/> the indices of the result where a
    /// modifier was taken out (the 加 that now follows the word before it).
    /// </summary>
    public static string FoldProcessing(string normalized, List<int>? origin, List<int>? joins)
    {
        if (!normalized.Contains("加工", StringComparison.Ordinal))
        {
            origin?.AddRange(Enumerable.Range(0, normalized.Length));
            return normalized;
        }
        var builder = new StringBuilder(normalized.Length);
        for (var i = 0; i < normalized.Length; i++)
        {
            var modifier = ProcessingModifiers.FirstOrDefault(m =>
                string.CompareOrdinal(normalized, i, m, 0, m.Length) == 0 &&
                string.CompareOrdinal(normalized, i + m.Length, "加工", 0, 2) == 0 &&
                // The modifier's first character must not end a word (酒精, 资深).
                !NotProcessingModifiers.Any(w => i + 1 - w.Length >= 0 &&
                    string.CompareOrdinal(normalized, i + 1 - w.Length, w, 0, w.Length) == 0));
            if (modifier is not null)
            {
                // A modifier at the very start has nothing before it to join.
                if (builder.Length > 0 && builder[^1] != Separator) joins?.Add(builder.Length);
                i += modifier.Length - 1;
                continue;
            }
            origin?.Add(i);
            builder.Append(normalized[i]);
        }
        return builder.ToString();
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
