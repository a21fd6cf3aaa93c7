using System.Text;

namespace IndustryMap.Text;

/// <summary>
/// Folds traditional Chinese to simplified for matching (search, placement, intake): users paste text from Hong Kong,
/// Taiwan or older documents, while the catalog and the seeds print simplified characters. The OpenCC dictionaries
/// (Text/OpenCC, Apache-2.0) are applied phrase first (longest match), then character by character, taking OpenCC's
/// first candidate. Only for matching: stored and displayed text is never folded.
/// </summary>
public static class ChineseScript
{
    private static readonly Lazy<Dictionaries> Loaded = new(Load);

    /// <summary>The text with every traditional character or phrase OpenCC knows replaced by its simplified form.</summary>
    public static string ToSimplified(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dictionaries = Loaded.Value;
        if (!HasTraditional(text, dictionaries)) return text;

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (TryPhrase(text, i, dictionaries, out var phrase, out var phraseLength))
            {
                result.Append(phrase);
                i += phraseLength;
                continue;
            }
            var length = char.IsSurrogatePair(text, i) ? 2 : 1;
            var key = text.Substring(i, length);
            result.Append(dictionaries.Characters.TryGetValue(key, out var simplified) ? simplified : key);
            i += length;
        }
        return result.ToString();
    }

    /// <summary>True when the text holds at least one character that folds to another.</summary>
    public static bool HasTraditional(string text) => HasTraditional(text, Loaded.Value);

    private static bool HasTraditional(string text, Dictionaries dictionaries)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var length = char.IsSurrogatePair(text, i) ? 2 : 1;
            if (dictionaries.Characters.ContainsKey(text.Substring(i, length))) return true;
            i += length - 1;
        }
        return false;
    }

    private static bool TryPhrase(string text, int start, Dictionaries dictionaries, out string phrase, out int length)
    {
        for (length = Math.Min(dictionaries.LongestPhrase, text.Length - start); length >= 2; length--)
        {
            if (dictionaries.Phrases.TryGetValue(text.Substring(start, length), out phrase!)) return true;
        }
        phrase = "";
        return false;
    }

    private sealed record Dictionaries(Dictionary<string, string> Characters, Dictionary<string, string> Phrases, int LongestPhrase);

    private static Dictionaries Load()
    {
        var characters = Read("TSCharacters.txt");
        // A "character" entry that maps to itself is no folding at all (OpenCC lists some for completeness).
        foreach (var same in characters.Where(pair => pair.Key == pair.Value).Select(pair => pair.Key).ToList())
            characters.Remove(same);
        var phrases = Read("TSPhrases.txt");
        return new Dictionaries(characters, phrases, phrases.Count == 0 ? 0 : phrases.Keys.Max(key => key.Length));
    }

    // Each line: the traditional form, a tab, then one or more simplified candidates separated by spaces; '#' starts a comment.
    private static Dictionary<string, string> Read(string file)
    {
        using var stream = typeof(ChineseScript).Assembly.GetManifestResourceStream("opencc/" + file)
            ?? throw new InvalidOperationException($"embedded resource opencc/{file} is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0) continue;
            var candidates = line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (candidates.Length > 0) map.TryAdd(line[..tab], candidates[0]);
        }
        return map;
    }
}
