using System.Text.RegularExpressions;
using IndustryMap.Provenance;

namespace IndustryMap.Catalog;

/// <summary>One row of seed-data/reference/industry_vocabulary.csv (issue 11 §4).</summary>
public sealed record VocabularyEntry(string Term, string Kind, string Target, string Note, Source Source);

public static class VocabularyKinds
{
    /// <summary>Term and target name the same industry in two wordings; resolves both ways.</summary>
    public const string Synonym = "synonym";
    /// <summary>The term is part of the target (a printed name under a catalog node).</summary>
    public const string Narrower = "narrower";
    /// <summary>The term spans several targets (one row each), e.g. “零部件及摩托车” across two clusters.</summary>
    public const string Compound = "compound";
    /// <summary>Two product words that find each other in a search (锂电池 ↔ 动力电池); not industries.</summary>
    public const string Product = "product";
    /// <summary>
    /// An English word for a catalog node (power battery → 动力电池): only placement reads it, to classify an English
    /// description (issue 13 §3); never an industry name of its own.
    /// </summary>
    public const string English = "english";

    public static readonly string[] All = [Synonym, Narrower, Compound, Product, English];

    /// <summary>Rows that say which catalog node a printed Chinese name means (not product aliases, not English words).</summary>
    public static bool NamesIndustry(string kind) => kind is not (Product or English);
}

/// <summary>
/// One industry vocabulary: which catalog nodes a printed name means (keeping the printed words elsewhere), which
/// words a catalog node is printed as, and which product words a search should also look for. Pure; built from the
/// vocabulary rows and the catalog's names.
/// </summary>
public sealed partial class IndustryVocabulary
{
    private readonly HashSet<string> _catalog;
    private readonly IReadOnlyList<VocabularyEntry> _entries;

    public IndustryVocabulary(IEnumerable<VocabularyEntry> entries, IEnumerable<string> catalogNames)
    {
        _entries = entries.ToList();
        _catalog = catalogNames.ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<VocabularyEntry> Entries => _entries;

    [GeneratedRegex(@"[（(][^（）()]*[）)]")]
    private static partial Regex Parenthetical();

    /// <summary>The printed words without a parenthetical product list, whitespace or a closing 等.</summary>
    public static string Normalize(string printed)
    {
        var simplified = IndustryMap.Text.ChineseScript.ToSimplified(printed);
        var text = string.Concat(Parenthetical().Replace(simplified, "").Where(c => !char.IsWhiteSpace(c)));
        return text.EndsWith('等') && text.Length > 1 ? text[..^1] : text;
    }

    /// <summary>The catalog nodes the printed name means: itself if it is one, its vocabulary targets, and its synonyms.</summary>
    public IReadOnlySet<string> Resolve(string printed)
    {
        var text = Normalize(printed);
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (_catalog.Contains(text)) result.Add(text);
        foreach (var e in _entries.Where(e => VocabularyKinds.NamesIndustry(e.Kind)))
        {
            if (e.Term == text && _catalog.Contains(e.Target)) result.Add(e.Target);
            if (e.Kind == VocabularyKinds.Synonym && e.Target == text && _catalog.Contains(e.Term)) result.Add(e.Term);
        }
        return result;
    }

    /// <summary>Whether the printed words name the industry (its name printed, or the vocabulary says so).</summary>
    public bool Names(string printed, string industry) =>
        Normalize(printed).Contains(industry, StringComparison.Ordinal) || Resolve(printed).Contains(industry);

    /// <summary>The words the vocabulary knows for a catalog node: the other way of <see cref="Resolve"/>.</summary>
    public IReadOnlySet<string> TermsFor(string industry)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in _entries.Where(e => VocabularyKinds.NamesIndustry(e.Kind)))
        {
            if (e.Target == industry) result.Add(e.Term);
            if (e.Kind == VocabularyKinds.Synonym && e.Term == industry) result.Add(e.Target);
        }
        return result;
    }

    /// <summary>
    /// The words a search for <paramref name="word"/> looks for: itself and its direct product aliases, one step
    /// (锂电池 → 动力电池, but not on to 动力电池及材料 → 正极材料: a cathode material is not a battery).
    /// </summary>
    public IReadOnlySet<string> ExpandProduct(string word)
    {
        word = IndustryMap.Text.ChineseScript.ToSimplified(word);
        var result = new HashSet<string>(StringComparer.Ordinal) { word };
        foreach (var e in _entries.Where(e => e.Kind == VocabularyKinds.Product))
        {
            if (e.Term == word) result.Add(e.Target);
            if (e.Target == word) result.Add(e.Term);
        }
        return result;
    }
}

/// <summary>The product words of a designation's detail (“曲轴、底盘、车身”), linked to that designation.</summary>
public static class DesignationProducts
{
    private static readonly char[] Separators = ['、', '，', ',', '；', ';', '/'];

    public static IReadOnlyList<string> Of(string? detail)
    {
        if (string.IsNullOrWhiteSpace(detail)) return [];
        return detail.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.EndsWith('等') && p.Length > 1 ? p[..^1] : p)
            .Where(p => p.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
