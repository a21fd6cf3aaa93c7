namespace IndustryMap.Layout;

public static class LayoutRoles
{
    public const string Dominant = "dominant";
    public const string Characteristic = "characteristic";

    public static string Chinese(string role) => role == Dominant ? "主导产业" : "特色产业";
}

public sealed record LayoutViolation(string Unit, string Role, int Count, int Limit, string Rule, string Message, string MessageEn);

/// <summary>The caps on a unit's designations in one layout edition.</summary>
public static class LayoutRules
{
    /// <summary>
    /// 产业地图（2023年）说明: each unit chooses "不超过2个优先发展的主导产业（两江新区、西部科学城重庆高新区不超过3个）".
    /// The seed text of 000 lost this sentence with the PDF's picture pages; it is quoted from the published map at
    /// http://m.gzshangchuan.com/news/chanye/20240516/083534271581973422615428.shtml, and seed 001 §四 (L279)
    /// repeats the cap of 2 for the 渝西 districts.
    /// </summary>
    public static int MaxDominant(string unit) => unit is "两江新区" or "西部科学城重庆高新区" ? 3 : 2;

    /// <summary>产业地图（2023年）说明: "不超过4个重点发展的特色产业" (same source as <see cref="MaxDominant"/>).</summary>
    public const int MaxCharacteristic = 4;

    public const string RuleClause = "产业地图（2023年）说明：主导产业不超过2个（两江新区、西部科学城重庆高新区不超过3个），特色产业不超过4个";

    /// <summary>Checks one unit's designations (their roles) in one edition against the caps.</summary>
    public static IReadOnlyList<LayoutViolation> Check(string unit, IEnumerable<string> roles)
    {
        var list = roles.ToList();
        var violations = new List<LayoutViolation>();
        var dominant = list.Count(r => r == LayoutRoles.Dominant);
        var characteristic = list.Count(r => r == LayoutRoles.Characteristic);
        var maxDominant = MaxDominant(unit);
        if (dominant > maxDominant)
        {
            violations.Add(new LayoutViolation(unit, LayoutRoles.Dominant, dominant, maxDominant, RuleClause,
                $"{unit}有 {dominant} 个主导产业，超过上限 {maxDominant} 个",
                $"{unit} has {dominant} dominant industries, more than the cap of {maxDominant}"));
        }
        if (characteristic > MaxCharacteristic)
        {
            violations.Add(new LayoutViolation(unit, LayoutRoles.Characteristic, characteristic, MaxCharacteristic, RuleClause,
                $"{unit}有 {characteristic} 个特色产业，超过上限 {MaxCharacteristic} 个",
                $"{unit} has {characteristic} characteristic industries, more than the cap of {MaxCharacteristic}"));
        }
        return violations;
    }
}
