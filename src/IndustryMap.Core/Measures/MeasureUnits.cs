namespace IndustryMap.Measures;

/// <summary>A value in a normalised unit: money in 亿元, area in 亩 (and 平方公里).</summary>
public sealed record Normalized(decimal Value, string Unit);

/// <summary>
/// Exact conversions between the units the documents use. Values stay in the document's unit; these give the
/// normalised copy. Only pure money or pure area units convert: "万元/人" or "亿元/平方公里" are rates and stay
/// as printed. 1 平方公里 = 1,500 亩 exactly (1 亩 = 10,000/15 m²).
/// </summary>
public static class MeasureUnits
{
    public const string Yi = "亿元";
    public const string Mu = "亩";
    public const string SquareKilometre = "平方公里";

    private static readonly Dictionary<string, decimal> MoneyInYi = new(StringComparer.Ordinal)
    {
        ["亿元"] = 1m,
        ["亿"] = 1m,
        ["万亿元"] = 10_000m,
        ["万亿"] = 10_000m,
        ["千亿元"] = 1_000m,
        ["万元"] = 0.0001m,
        ["元"] = 0.00000001m,
    };

    private static readonly Dictionary<string, decimal> AreaInMu = new(StringComparer.Ordinal)
    {
        ["亩"] = 1m,
        ["万亩"] = 10_000m,
        ["平方公里"] = 1_500m,
        ["km²"] = 1_500m,
        ["km2"] = 1_500m,
        ["公顷"] = 15m,
        ["平方米"] = 0.0015m,
        ["m²"] = 0.0015m,
        ["m2"] = 0.0015m,
        ["万平方米"] = 15m,
        ["万m²"] = 15m,
    };

    /// <summary>The unit as a Chinese sentence names it: "km²"/"km2" as 平方公里 (the same unit; the stored value keeps
    /// what the document printed).</summary>
    public static string? InChinese(string? unit) => unit?.Trim() is "km²" or "km2" ? SquareKilometre : unit;

    public static bool IsMoney(string? unit) => unit is not null && MoneyInYi.ContainsKey(unit.Trim());

    public static bool IsArea(string? unit) => unit is not null && AreaInMu.ContainsKey(unit.Trim());

    /// <summary>Money in 亿元, area in 亩; anything else (a count, a share, a rate) is not normalised.</summary>
    public static Normalized? Normalize(decimal value, string? unit)
    {
        if (unit is null) return null;
        var u = unit.Trim();
        if (MoneyInYi.TryGetValue(u, out var yi)) return new Normalized(Exact(value * yi), Yi);
        if (AreaInMu.TryGetValue(u, out var mu)) return new Normalized(Exact(value * mu), Mu);
        return null;
    }

    public static decimal? ToYi(decimal? value, string? unit) =>
        value is { } v && unit is not null && MoneyInYi.TryGetValue(unit.Trim(), out var f) ? Exact(v * f) : null;

    public static decimal? ToMu(decimal? value, string? unit) =>
        value is { } v && unit is not null && AreaInMu.TryGetValue(unit.Trim(), out var f) ? Exact(v * f) : null;

    /// <summary>
    /// 亩 to 平方公里. Exact when the area was printed in 平方公里 or in a round number of 亩; otherwise (100 亩 =
    /// 0.0666… 平方公里) rounded to 10 decimal places — the 亩 value stays the exact one.
    /// </summary>
    public static decimal MuToSquareKilometres(decimal mu) => Exact(Math.Round(mu / 1_500m, 10, MidpointRounding.ToEven));

    /// <summary>Drops trailing zeros a multiplication adds (4.00 × 1 stays 4.00; 0.35 × 10000 → 3500).</summary>
    private static decimal Exact(decimal value) => value / 1.000000000000000000000000000000000m;
}
