using System.Globalization;
using System.Text;
using IndustryMap.Measures;

namespace IndustryMap.Intake;

/// <summary>
/// Numbers and units as plans print them. Units are the ones the four seed plans and the public plan texts use; money
/// and area convert through <see cref="MeasureUnits"/> (1.4 万亿元 = 14000 亿元; 20 km² = 30000 亩), everything
/// else (%, 个, 万元/人年, 亿/km²) stays as printed.
/// </summary>
public static class PlanNumbers
{
    /// <summary>Units a target may be printed in, longest first so that 万亿元 is not read as 亿元.</summary>
    public static readonly IReadOnlyList<string> Units =
    [
        "亿元/平方公里", "亿元/km²", "亿/km²", "万元/人年", "万元/人", "万元/亩", "亿元/亩",
        "万亿元", "万亿", "千亿元", "亿元", "万元", "亿美元", "万辆", "万吨", "万平方米", "万亩", "万人", "万台", "万套", "万件", "万千瓦", "万箱", "万家", "万个", "万户",
        "平方公里", "km²", "km2", "公顷", "亩", "%", "个百分点", "百分点", "个", "户", "家", "项", "辆", "座", "所", "倍", "条", "吨", "台", "套", "款", "种", "件", "人", "亿",
    ];

    /// <summary>Measure words that count things: "5个智能工厂" names the thing after the number.</summary>
    public static readonly IReadOnlySet<string> Counters = new HashSet<string>(StringComparer.Ordinal) { "个", "户", "家", "项", "座", "所", "条", "台", "套", "辆", "款", "种", "件" };

    /// <summary>Full-width digits, percent signs and points as ASCII, one character for one, so positions stay the same.</summary>
    public static string FoldWidth(string text)
    {
        var b = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            b.Append(c switch
            {
                >= '０' and <= '９' => (char)('0' + (c - '０')),
                '％' => '%',
                '．' => '.',
                '＞' => '>',
                '＜' => '<',
                '～' => '~',
                '\u00a0' or '\u3000' => ' ',
                _ => c,
            });
        }
        return b.ToString();
    }

    public static decimal? Parse(string digits) =>
        decimal.TryParse(digits.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>一 to 九十九 (and 两), as plans print small counts: 七大产业集群, 两大主导产业.</summary>
    public static int? ChineseNumeral(string text)
    {
        const string digits = "零一二三四五六七八九";
        if (text == "两") return 2;
        if (text.Length == 0) return null;
        var ten = text.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0) return text.Length == 1 && digits.Contains(text[0], StringComparison.Ordinal) ? digits.IndexOf(text[0], StringComparison.Ordinal) : null;
        var tens = ten == 0 ? 1 : digits.IndexOf(text[0], StringComparison.Ordinal);
        var ones = ten == text.Length - 1 ? 0 : digits.IndexOf(text[^1], StringComparison.Ordinal);
        return tens < 0 || ones < 0 ? null : tens * 10 + ones;
    }

    /// <summary>The normalised copy: money in 亿元, area in 亩; null for units that do not convert.</summary>
    public static Normalized? Normalize(decimal value, string? unit) => unit switch
    {
        "亿" => new Normalized(value, MeasureUnits.Yi),
        "万亿" => new Normalized(value * 10000m, MeasureUnits.Yi), // "6万亿" printed without 元, as reports of money do
        _ => MeasureUnits.Normalize(value, unit),
    };
}
