using IndustryMap.Placement;

namespace IndustryMap.FirstContacts;

/// <summary>
/// Investor and project names reduced to what identifies them, so that two units registering "重庆美的制冷设备有限公司"
/// and "美的制冷设备有限公司", or "年产5万吨正极材料项目" and "5万吨正极材料", are seen registering the same thing.
/// seed 004 itself prints one owner both ways (附件三 一-2 and 一-3).
/// </summary>
public static class NameKeys
{
    /// <summary>Legal-form words and a leading home-city prefix say nothing about who the investor is.</summary>
    private static readonly string[] InvestorNoise = ["股份有限公司", "有限责任公司", "有限公司", "股份公司", "集团公司", "集团", "控股", "公司"];
    private static readonly string[] InvestorPrefixes = ["重庆市", "重庆"];

    /// <summary>Words around a project's name that officers add or leave out.</summary>
    private static readonly string[] ProjectNoise = ["建设项目", "项目", "工程"];
    private static readonly string[] ProjectPrefixes = ["新建", "年产"];

    public static string Investor(string? name) => Key(name, InvestorPrefixes, InvestorNoise);

    public static string Project(string? name) => Key(name, ProjectPrefixes, ProjectNoise);

    private static string Key(string? name, string[] prefixes, string[] noise)
    {
        var plain = ChineseText.Normalize(name).Replace(ChineseText.Separator.ToString(), "", StringComparison.Ordinal);
        var key = plain;
        foreach (var prefix in prefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length) key = key[prefix.Length..];
        }
        foreach (var word in noise) key = key.Replace(word, "", StringComparison.Ordinal);
        return key.Length > 0 ? key : plain;
    }
}
