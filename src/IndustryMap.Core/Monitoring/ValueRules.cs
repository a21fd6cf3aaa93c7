using System.Globalization;
using System.Text;
using IndustryMap.Measures;

namespace IndustryMap.Monitoring;

/// <summary>A value as typed by a person or sent by a machine, before it is checked: the indicator ("yx2027/ind01"), the text of the number, the unit it was given in, a note.</summary>
public sealed record ValueInput(string Indicator, string? Value, string? Unit = null, string? Note = null, int? Row = null);

/// <summary>
/// Reading and checking one reported value (issue 7 §1: type, unit, allowed range, required, large moves). Pure
/// functions; <see cref="SubmissionValidation"/> holds the range/required/change checks they build on.
/// </summary>
public static class ValueRules
{
    public const int MaxNoteLength = 200;

    /// <summary>
    /// Reads a number the way people type it in a Chinese office: full-width digits and point, thousands separators
    /// (1,234.5 or 1，234.5), a trailing % on a percentage indicator. Returns null for an empty cell.
    /// </summary>
    public static bool TryReadNumber(string? text, string? indicatorUnit, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var builder = new StringBuilder(text.Length);
        // A leading apostrophe is how a spreadsheet (and our CSV export) marks a cell as text: "'-5" is -5.
        foreach (var c in text.Trim().TrimStart('\''))
        {
            builder.Append(c switch
            {
                >= '０' and <= '９' => (char)('0' + (c - '０')),
                '．' => '.',
                '－' or '—' or '−' => '-',
                '＋' => '+',
                '％' => '%',
                _ => c,
            });
        }
        var s = builder.ToString().Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (indicatorUnit == "%" && s.EndsWith('%')) s = s[..^1];
        if (!decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)) return false;
        value = parsed;
        return true;
    }

    /// <summary>
    /// A value given in another unit than the indicator's is converted when both are money (万元 → 亿元); anything else
    /// is refused rather than guessed. Null when it cannot be converted.
    /// </summary>
    public static decimal? ToIndicatorUnit(decimal value, string? givenUnit, string? indicatorUnit)
    {
        if (string.IsNullOrWhiteSpace(givenUnit) || string.Equals(givenUnit.Trim(), indicatorUnit, StringComparison.Ordinal)) return value;
        if (MeasureUnits.IsMoney(givenUnit) && MeasureUnits.IsMoney(indicatorUnit))
        {
            var yi = MeasureUnits.ToYi(value, givenUnit)!.Value;
            return Decimals(yi / MeasureUnits.ToYi(1m, indicatorUnit)!.Value);
        }
        return null;
    }

    private static decimal Decimals(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>
    /// The range a value must lie in: the configured one, else what the indicator's nature implies — money and counts
    /// are never negative, a share in % lies between 0 and 100. A growth rate or a reduction may be negative.
    /// </summary>
    public static (decimal? Min, decimal? Max) Range(MonitoredIndicator indicator)
    {
        if (indicator.MinValue is not null || indicator.MaxValue is not null) return (indicator.MinValue, indicator.MaxValue);
        if (indicator.Kind == IndicatorKinds.Decrease) return (null, indicator.Unit == "%" ? 100m : null);
        if (indicator.Unit == "%") return indicator.Kind == IndicatorKinds.Share || indicator.Kind == IndicatorKinds.LowerIsBetter ? (0m, 100m) : (null, null);
        if (MeasureUnits.IsMoney(indicator.Unit) || IndicatorKinds.IsCount(indicator.Unit) || indicator.Kind == IndicatorKinds.Cumulative) return (0m, null);
        return (null, null);
    }

    /// <summary>Every check of one value before submission: type (whole numbers for counts), required, range, and moves from the previous period.</summary>
    public static IReadOnlyList<ValueCheck> Check(MonitoredIndicator indicator, decimal? value, decimal? previous)
    {
        var checks = new List<ValueCheck>();
        if (value is { } v && IndicatorKinds.IsCount(indicator.Unit) && v != decimal.Truncate(v))
        {
            checks.Add(new ValueCheck(indicator.Key, "error", "not_whole_number", $"“{indicator.Name}”以{indicator.Unit}计，须为整数，不能是 {v}"));
        }
        var (min, max) = Range(indicator);
        checks.AddRange(SubmissionValidation.Check(indicator.Key, value, previous, min, max, indicator.Required == 1, indicator.WarningShare));
        // A running total ("[ ]", 累计) cannot fall: a smaller value than last period is almost always a period total typed by mistake.
        if (value is { } c && previous is { } p && indicator.Kind == IndicatorKinds.Cumulative && c < p)
        {
            checks.Add(new ValueCheck(indicator.Key, "warning", "cumulative_fell", $"累计值 {c} 小于上期累计值 {p}，请确认填报的是自基期以来的累计数"));
        }
        return checks;
    }
}
