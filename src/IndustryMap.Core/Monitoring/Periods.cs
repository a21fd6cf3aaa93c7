using System.Globalization;
using System.Text.RegularExpressions;

namespace IndustryMap.Monitoring;

public static class Frequencies
{
    public const string Year = "year";
    public const string Quarter = "quarter";
    public const string Month = "month";

    public static readonly IReadOnlyList<string> All = [Year, Quarter, Month];

    public static int PerYear(string frequency) => frequency switch
    {
        Year => 1,
        Quarter => 4,
        Month => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "year, quarter or month"),
    };

    public static string Chinese(string frequency) => frequency switch
    {
        Year => "年报",
        Quarter => "季报",
        Month => "月报",
        _ => frequency,
    };
}

/// <summary>
/// A reporting period, named by its code: <c>2024</c> (a year), <c>2024Q2</c> (a quarter) or <c>2024-05</c> (a month).
/// <para>
/// Time runs in years on the scale of the plans, where a target "for 2027" is the value of the year 2027 and a baseline
/// "2022" the value of 2022: the end of year Y is time Y. So the end of 2024Q2 is 2023.5 and the end of 2024-03 is
/// 2023.25, and the year 2024 itself ends at 2024. A quarterly or monthly value of a level indicator is the level at
/// the end of the period (for a flow such as revenue: the last twelve months), so it compares with the annual target.
/// </para>
/// </summary>
public sealed partial record PeriodKey(string Frequency, int Year, int Seq)
{
    [GeneratedRegex(@"^(?<y>\d{4})(?:(?:Q|q)(?<q>[1-4])|-(?<m>0[1-9]|1[0-2]))?$")]
    private static partial Regex CodePattern();

    public static bool TryParse(string? code, out PeriodKey key)
    {
        key = null!;
        var match = CodePattern().Match(code?.Trim() ?? "");
        if (!match.Success) return false;
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year is < 1990 or > 2100) return false;
        key = match.Groups["q"].Success ? new PeriodKey(Frequencies.Quarter, year, int.Parse(match.Groups["q"].Value, CultureInfo.InvariantCulture))
            : match.Groups["m"].Success ? new PeriodKey(Frequencies.Month, year, int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture))
            : new PeriodKey(Frequencies.Year, year, 1);
        return true;
    }

    public static PeriodKey Parse(string code) =>
        TryParse(code, out var key) ? key : throw new FormatException($"“{code}”不是报告期代码（如 2024、2024Q2、2024-05）");

    public string Code => Frequency switch
    {
        Frequencies.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year}Q{Seq}"),
        Frequencies.Month => string.Create(CultureInfo.InvariantCulture, $"{Year}-{Seq:D2}"),
        _ => Year.ToString(CultureInfo.InvariantCulture),
    };

    public string Chinese => Frequency switch
    {
        Frequencies.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year}年第{"一二三四"[Seq - 1]}季度"),
        Frequencies.Month => string.Create(CultureInfo.InvariantCulture, $"{Year}年{Seq}月"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year}年"),
    };

    /// <summary>Orders the periods of one frequency; consecutive periods differ by one.</summary>
    public long Ordinal => Frequency switch
    {
        Frequencies.Quarter => Year * 4L + Seq - 1,
        Frequencies.Month => Year * 12L + Seq - 1,
        _ => Year,
    };

    public static PeriodKey FromOrdinal(string frequency, long ordinal) => frequency switch
    {
        Frequencies.Quarter => new PeriodKey(frequency, (int)(ordinal / 4), (int)(ordinal % 4) + 1),
        Frequencies.Month => new PeriodKey(frequency, (int)(ordinal / 12), (int)(ordinal % 12) + 1),
        _ => new PeriodKey(frequency, (int)ordinal, 1),
    };

    [System.Text.Json.Serialization.JsonIgnore]
    public PeriodKey Previous => FromOrdinal(Frequency, Ordinal - 1);

    /// <summary>The same period a year earlier (同比).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public PeriodKey YearBefore => this with { Year = Year - 1 };

    /// <summary>The end of the period on the plans' time scale (see the type's summary).</summary>
    public decimal Time => Year - 1 + (decimal)Seq / Frequencies.PerYear(Frequency);

    public DateOnly StartsOn => Frequency switch
    {
        Frequencies.Quarter => new DateOnly(Year, (Seq - 1) * 3 + 1, 1),
        Frequencies.Month => new DateOnly(Year, Seq, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    public DateOnly EndsOn => Frequency switch
    {
        Frequencies.Quarter => new DateOnly(Year, Seq * 3, 1).AddMonths(1).AddDays(-1),
        Frequencies.Month => new DateOnly(Year, Seq, 1).AddMonths(1).AddDays(-1),
        _ => new DateOnly(Year, 12, 31),
    };

    /// <summary>
    /// The default deadline: the 15th of the month after a month or quarter ends (the usual 统计报表 rhythm), and
    /// 31 March for a year's figures. An administrator can set another when opening the period.
    /// </summary>
    public DateOnly DefaultDueOn => Frequency == Frequencies.Year ? new DateOnly(Year + 1, 3, 31) : EndsOn.AddDays(15);

    public override string ToString() => Code;
}

/// <summary>A period as stored.</summary>
public sealed class PeriodRow
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public string Frequency { get; set; } = "";
    public long Year { get; set; }
    public long Seq { get; set; }
    public long Ordinal { get; set; }
    public string StartsOn { get; set; } = "";
    public string EndsOn { get; set; } = "";
    public string DueOn { get; set; } = "";
    public long IsDemo { get; set; }
    public string CreatedBy { get; set; } = "";
    public string CreatedAt { get; set; } = "";

    [System.Text.Json.Serialization.JsonIgnore]
    public PeriodKey Key => new(Frequency, (int)Year, (int)Seq);
}
