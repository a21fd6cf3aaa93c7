using System.Text.RegularExpressions;
using IndustryMap.Text;

namespace IndustryMap.Intake;

/// <summary>
/// Whether two printed indicator names state the same measure, so that a proposal can be checked against what is
/// stored (issue 16 §3). Strict on purpose: equal after folding spelling variants the plans use (规上 = 规模以上,
/// 规模工业 = 规模以上工业, traditional characters, spaces, quotation marks, a unit in brackets), or one containing the
/// other when the shorter is at least 80 % of the longer. A looser match would invent conflicts.
/// </summary>
public static partial class IndicatorNames
{
    [GeneratedRegex(@"[（(][^（）()]*[）)]|[\s“”""'‘’*]")]
    private static partial Regex Noise();

    public static string Fold(string name)
    {
        var t = Noise().Replace(ChineseScript.ToSimplified(name), "");
        t = t.Replace("规上", "规模以上", StringComparison.Ordinal).Replace("规模工业", "规模以上工业", StringComparison.Ordinal)
            .Replace("规模以上以上", "规模以上", StringComparison.Ordinal).Replace("GDP", "地区生产总值", StringComparison.OrdinalIgnoreCase);
        return t;
    }

    public static bool Same(string a, string b)
    {
        var (x, y) = (Fold(a), Fold(b));
        if (x.Length == 0 || y.Length == 0) return false;
        if (x == y) return true;
        var (shorter, longer) = x.Length <= y.Length ? (x, y) : (y, x);
        return shorter.Length >= 4 && longer.Contains(shorter, StringComparison.Ordinal) && shorter.Length * 5 >= longer.Length * 4;
    }
}
