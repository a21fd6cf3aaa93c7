using System.Text.RegularExpressions;
using IndustryMap.Text;

namespace IndustryMap.Intake;

/// <summary>
/// Proposes designations (issue 16 §2): statements that name 主导/特色/支柱 (also 重点/优势) industries —
/// “做大做强新材料、食品医药两大重点产业”, “主导产业为汽车、电子” — each word mapped onto the catalog through the shared
/// vocabulary (<see cref="Catalog.IndustryVocabulary"/>) or the catalog's own names, the printed words kept.
/// </summary>
public static partial class DesignationExtractor
{
    public sealed record IndustryList(string RolePrinted, IReadOnlyList<string> Words, int Start, int End);

    [GeneratedRegex(@"(?<list>[\p{IsCJKUnifiedIdeographs}、和及与“”]{2,80}?)(?:等)?(?<n>[两二三四五六七八九十]|\d+)大(?<role>主导|特色|支柱|重点|优势|新兴|战略性新兴)产业")]
    private static partial Regex CountedList();

    [GeneratedRegex(@"(?<role>主导|特色|支柱)产业(?:为|是|包括|：|:)(?<list>[\p{IsCJKUnifiedIdeographs}、和及与“”]{2,80})")]
    private static partial Regex NamedList();

    private static readonly string[] Verbs = ["做大做强", "提质发展", "培育发展", "重点发展", "加快发展", "大力发展", "发展壮大", "做优做强", "巩固提升", "发展", "打造", "壮大", "培育", "聚焦", "围绕", "形成", "构建", "以"];

    public static string Role(string printed) => printed switch
    {
        "主导" => "dominant",
        "特色" => "characteristic",
        "支柱" => "pillar",
        "优势" => "advantage",
        _ => "key",
    };

    /// <summary>The industry lists a line states, with the role word as printed.</summary>
    public static IEnumerable<IndustryList> Lists(string line)
    {
        foreach (Match m in CountedList().Matches(line)) yield return new IndustryList(m.Groups["role"].Value, Words(m.Groups["list"].Value), m.Index, m.Index + m.Length);
        foreach (Match m in NamedList().Matches(line)) yield return new IndustryList(m.Groups["role"].Value, Words(m.Groups["list"].Value), m.Index, m.Index + m.Length);
    }

    private static List<string> Words(string list)
    {
        var t = list;
        foreach (var v in Verbs)
        {
            var at = t.LastIndexOf(v, StringComparison.Ordinal);
            if (at >= 0) { t = t[(at + v.Length)..]; break; }
        }
        return Regex.Split(t, "[、和及与]").Select(w => w.Trim('“', '”', ' ')).Where(w => w.Length >= 2 && w.Length <= 12).Distinct().ToList();
    }

    public static IReadOnlyList<DesignationProposal> Extract(IntakeLines document, IntakeScope scope, IntakeDictionary dictionary)
    {
        var result = new List<DesignationProposal>();
        for (var i = 0; i < document.Lines.Count; i++)
        {
            var line = ChineseScript.ToSimplified(document.Lines[i]);
            if (line.TrimStart().StartsWith('|')) continue;
            foreach (var list in Lists(line))
            {
                foreach (var word in list.Words)
                {
                    var mapped = Map(word, dictionary);
                    result.Add(new DesignationProposal(Role(list.RolePrinted), list.RolePrinted, word, mapped, scope.Kind, scope.Name, i + 1, i + 1,
                        mapped.Count > 0 ? 0.8m : 0.5m));
                }
            }
        }
        return result;
    }

    /// <summary>The catalog nodes a printed industry word means: the vocabulary first, then a catalog name equal to it or containing it.</summary>
    public static IReadOnlyList<string> Map(string word, IntakeDictionary dictionary)
    {
        var found = dictionary.Vocabulary?.Resolve(word) is { Count: > 0 } resolved ? resolved.ToList() : [];
        if (found.Count == 0) found = dictionary.Industries.Where(n => n == word || n == word + "产业").ToList();
        if (found.Count == 0) found = dictionary.Industries.Where(n => n.Contains(word, StringComparison.Ordinal)).OrderBy(n => n.Length).Take(3).ToList();
        return found;
    }
}
