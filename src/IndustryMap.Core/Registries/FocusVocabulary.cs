using IndustryMap.Catalog;
using IndustryMap.Text;

namespace IndustryMap.Registries;

/// <summary>A focus industry as printed and the 33618 catalog node it names (decision 0011 §4).</summary>
public sealed record FocusPair(string Printed, string Industry)
{
    public override string ToString() => $"{Printed}={Industry}";

    public static IReadOnlyList<FocusPair> ParseList(string? text) =>
        text is null ? [] : text.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .Select(p => new FocusPair(p[0], p[1])).ToList();

    public static string? JoinList(IReadOnlyList<FocusPair> pairs) => pairs.Count == 0 ? null : string.Join('|', pairs);
}

/// <summary>A node of the 33618 catalog as the focus vocabulary sees it: its name, level and the words that name it.</summary>
public sealed record CatalogTerm(string Industry, string Level, IReadOnlyList<string> Terms);

/// <summary>
/// Whether a printed focus word names a node of the 33618 catalog, and which node a seed document's focus word
/// names (decision 0011 §4). The words of a node are its name, its aliases, the keywords of
/// reference/industry_keywords.csv and the names of its products; a printed word names the node when one of those
/// words occurs in it, or when it occurs in one of them (the printed word at least two characters long, a one-character
/// word such as 铝 only inside it; after folding
/// traditional characters to simplified with ChineseScript). The curated terms of the shared industry vocabulary come
/// first. The printed words are never changed.
/// </summary>
public sealed class FocusVocabulary
{
    private readonly IReadOnlyList<CatalogTerm> _nodes;
    private readonly Dictionary<string, CatalogTerm> _byName;
    private readonly Func<string, string> _fold;
    private readonly IndustryVocabulary? _shared;

    /// <param name="shared">The one industry vocabulary (reference/industry_vocabulary.csv, issue 11 §4): its curated
    /// terms count first; the catalog's own words (aliases, keywords, products) complete it.</param>
    public FocusVocabulary(IEnumerable<CatalogTerm> nodes, IndustryVocabulary? shared = null, Func<string, string>? fold = null)
    {
        _shared = shared;
        _fold = fold ?? ChineseScript.ToSimplified;
        _nodes = nodes.Select(n => n with { Terms = n.Terms.Where(t => t.Length >= 1).Select(_fold).Distinct(StringComparer.Ordinal).ToList() }).ToList();
        _byName = new Dictionary<string, CatalogTerm>(StringComparer.Ordinal);
        foreach (var node in _nodes) _byName.TryAdd(node.Industry, node);
    }

    public bool Knows(string industry) => _byName.ContainsKey(industry);

    /// <summary>
    /// The word of <paramref name="industry"/> that the printed word shares, or null when it names it not: a word equal
    /// to it first, then the longest word printed inside it, then the shortest word it is printed inside.
    /// </summary>
    public string? Evidence(string printed, string industry) => Match(printed, industry)?.Term;

    private (string Term, int Rank, int Length)? Match(string printed, string industry)
    {
        if (!_byName.TryGetValue(industry, out var node)) return null;
        var word = _fold(printed.Trim());
        if (word.Length < 2) return null;
        (string Term, int Rank, int Length)? best = null;
        foreach (var term in node.Terms)
        {
            // A one-character word (铝, 铜) only counts printed inside the focus word, never the other way round.
            (string, int, int)? m = term == word ? (term, 3, term.Length)
                : word.Contains(term, StringComparison.Ordinal) ? (term, 2, term.Length)
                : term.Length >= 2 && term.Contains(word, StringComparison.Ordinal) ? (term, 1, -term.Length)
                : null;
            if (m is null) continue;
            if (best is null || m.Value.Item2 > best.Value.Rank || (m.Value.Item2 == best.Value.Rank && m.Value.Item3 > best.Value.Length)) best = m;
        }
        return best;
    }

    public bool Names(string printed, string industry) =>
        _byName.ContainsKey(industry) && (_shared?.Names(printed, industry) == true || Match(printed, industry) is not null);

    /// <summary>
    /// The node a printed word names best (<see cref="Evidence"/>'s order across nodes; a sub-industry before a
    /// cluster when equal, then catalog order); null when no node's words meet it.
    /// </summary>
    public string? Resolve(string printed)
    {
        // A curated vocabulary entry that names exactly one node decides.
        if (_shared?.Resolve(printed).Where(_byName.ContainsKey).ToList() is [var curated]) return curated;
        string? best = null;
        (int Rank, int Length, bool IsSub) score = (0, int.MinValue, false);
        foreach (var node in _nodes)
        {
            var m = Match(printed, node.Industry);
            if (m is null) continue;
            var candidate = (m.Value.Rank, m.Value.Length, node.Level != "cluster");
            if (best is null || candidate.Rank > score.Rank || (candidate.Rank == score.Rank && candidate.Length > score.Length) ||
                (candidate.Rank == score.Rank && candidate.Length == score.Length && candidate.Item3 && !score.IsSub))
            {
                best = node.Industry;
                score = candidate;
            }
        }
        return best;
    }
}
