using System.Text;

namespace IndustryMap.Placement;

/// <summary>
/// English words for catalog nodes (seed-data/reference/industry_vocabulary.csv, kind <c>english</c>): an English
/// description is read through them (issue 13 §3) — each glossary phrase found in it, as whole words, gives the catalog
/// name it stands for, and the names are classified as a Chinese description would be. Matching ignores case and a
/// plural "s"/"ies"; the longest phrase wins where phrases overlap ("electric motorcycle" before "motorcycle").
/// </summary>
public sealed class EnglishGlossary
{
    private readonly List<(string[] Words, string Phrase, string Target)> _entries;

    public EnglishGlossary(IEnumerable<(string Term, string Target)> entries)
    {
        _entries = entries.Select(e => (Words(e.Term), e.Term, e.Target))
            .Where(e => e.Item1.Length > 0)
            .OrderByDescending(e => e.Item1.Length).ThenByDescending(e => e.Term.Length)
            .ToList();
    }

    public static readonly EnglishGlossary Empty = new([]);

    public int Count => _entries.Count;

    /// <summary>The glossary phrases found in the text and the catalog names they mean, in the text's order.</summary>
    public IReadOnlyList<(string Phrase, string Target)> Find(string? text)
    {
        var words = Words(text ?? "");
        var used = new bool[words.Length];
        var found = new List<(int At, string Phrase, string Target)>();
        foreach (var (entry, phrase, target) in _entries)
        {
            for (var i = 0; i + entry.Length <= words.Length; i++)
            {
                var match = true;
                for (var k = 0; k < entry.Length && match; k++) match = !used[i + k] && words[i + k] == entry[k];
                if (!match) continue;
                for (var k = 0; k < entry.Length; k++) used[i + k] = true;
                found.Add((i, phrase, target));
            }
        }
        return found.OrderBy(f => f.At).Select(f => (f.Phrase, f.Target)).ToList();
    }

    /// <summary>Lower-case words of Latin letters and digits, a plural ending taken off ("batteries" → "battery", "parts" → "part").</summary>
    public static string[] Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        void Flush()
        {
            if (current.Length == 0) return;
            var word = current.ToString();
            current.Clear();
            if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal)) word = word[..^3] + "y";
            else if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)) word = word[..^1];
            words.Add(word);
        }
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') current.Append(c);
            else if (c is >= 'A' and <= 'Z') current.Append(char.ToLowerInvariant(c));
            else Flush();
        }
        Flush();
        return [.. words];
    }
}
