using System.Text;
using IndustryMap.Monitoring;

namespace IndustryMap.Tests.Monitoring;

/// <summary>The pure rules around monitoring: period codes and their place in time, reading values, kinds, files.</summary>
public class MonitoringRulesTests
{
    [Theory]
    [InlineData("2024", "year", 2024.0, "2024年", "2024-12-31", "2025-03-31")]
    [InlineData("2024Q2", "quarter", 2023.5, "2024年第二季度", "2024-06-30", "2024-07-15")]
    [InlineData("2024q4", "quarter", 2024.0, "2024年第四季度", "2024-12-31", "2025-01-15")]
    [InlineData("2024-03", "month", 2023.25, "2024年3月", "2024-03-31", "2024-04-15")]
    [InlineData("2024-02", "month", 2023.166666666666666666666666667, "2024年2月", "2024-02-29", "2024-03-15")]
    public void PeriodCodes_KnowTheirFrequencyTimeAndDeadline(string code, string frequency, double time, string chinese, string endsOn, string dueOn)
    {
        var key = PeriodKey.Parse(code);
        Assert.Equal(frequency, key.Frequency);
        Assert.Equal((decimal)time, Math.Round(key.Time, 10), 10);
        Assert.Equal(chinese, key.Chinese);
        Assert.Equal(endsOn, key.EndsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(dueOn, key.DefaultDueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(key, PeriodKey.FromOrdinal(key.Frequency, key.Ordinal));
    }

    [Fact]
    public void PeriodArithmetic_PreviousAndYearBefore()
    {
        Assert.Equal("2023Q4", PeriodKey.Parse("2024Q1").Previous.Code);
        Assert.Equal("2023-12", PeriodKey.Parse("2024-01").Previous.Code);
        Assert.Equal("2023Q2", PeriodKey.Parse("2024Q2").YearBefore.Code);
        Assert.False(PeriodKey.TryParse("2024Q5", out _));
        Assert.False(PeriodKey.TryParse("2024-13", out _));
        Assert.False(PeriodKey.TryParse("24Q1", out _));
    }

    [Theory]
    [InlineData("1,234.5", "亿元", "1234.5")]
    [InlineData("１２３４．５", "亿元", "1234.5")]
    [InlineData("12.5%", "%", "12.5")]
    [InlineData("'-3", "%", "-3")]
    [InlineData(" ", "亿元", null)]
    public void Numbers_AreReadAsPeopleTypeThem(string text, string unit, string? expected)
    {
        Assert.True(ValueRules.TryReadNumber(text, unit, out var value));
        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("十二")]
    [InlineData("12.5%")]   // a percent sign on a money indicator is a mistake, not a unit
    [InlineData("1.2.3")]
    public void NotNumbers_AreRefused(string text) => Assert.False(ValueRules.TryReadNumber(text, "亿元", out _));

    [Fact]
    public void Units_ConvertOnlyBetweenMoneyUnits()
    {
        Assert.Equal(2000m, ValueRules.ToIndicatorUnit(20_000_000m, "万元", "亿元"));
        Assert.Equal(1.4m, ValueRules.ToIndicatorUnit(14000m, "亿元", "万亿元"));
        Assert.Equal(5m, ValueRules.ToIndicatorUnit(5m, null, "%"));
        Assert.Null(ValueRules.ToIndicatorUnit(5m, "亩", "个"));
        Assert.Null(ValueRules.ToIndicatorUnit(5m, "万元", "%"));
    }

    [Theory]
    [InlineData("higher", false, "亿元", "growing")]
    [InlineData("higher", true, "个", "cumulative")]
    [InlineData("lower", true, "%", "decrease")]
    [InlineData("lower", false, "%", "lower_is_better")]
    [InlineData("higher", false, "%", "share")]
    [InlineData("higher", false, "个", "share")]
    public void Kinds_FollowWhatThePlanRecords(string direction, bool cumulative, string unit, string kind) =>
        Assert.Equal(kind, IndicatorKinds.Default(direction, cumulative, unit));

    private static MonitoredIndicator Indicator(string unit, string kind, decimal? min = null, decimal? max = null) => new()
    {
        PlanId = "p", Code = "c", Name = "指标", Unit = unit, Kind = kind, Required = 1, MinValue = min, MaxValue = max,
    };

    [Fact]
    public void Checks_CountsAreWhole_SharesStayWithinAHundred_RunningTotalsDoNotFall()
    {
        Assert.Contains(ValueRules.Check(Indicator("个", "cumulative"), 12.5m, null), c => c.Code == "not_whole_number");
        Assert.Contains(ValueRules.Check(Indicator("%", "share"), 101m, null), c => c.Code == "above_range");
        Assert.Contains(ValueRules.Check(Indicator("个", "cumulative"), 40m, 50m), c => c.Code == "cumulative_fell");
        Assert.Empty(ValueRules.Check(Indicator("%", "decrease"), -2m, null));            // a reduction may be negative (energy use rose)
        Assert.Contains(ValueRules.Check(Indicator("亿元", "growing", min: 10m), 5m, null), c => c.Code == "below_range"); // the configured range wins
    }

    [Fact]
    public void CsvTemplate_ReadsBack_NamingRows()
    {
        var form = new SubmissionForm("submissions/江津区/2025Q1", "江津区", "2025Q1", "2025年第一季度", "quarter", "2025-04-15", "draft", "草稿", 1, null, false, false,
            null, null, null, null, null, null, null,
            [new FormLine("yx2027/ind01", "yx2027", "ind01", "营业收入", "亿元", "growing", true, 0m, null, 1200.5m, "含=新口径", false, -3m, "2024Q4", [])], []);
        var csv = SubmissionFiles.Csv(form);
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv.Take(3));
        var text = Encoding.UTF8.GetString(csv);
        Assert.Contains(",-3,", text);                        // a plain number stays a number
        var read = Assert.Single(SubmissionFiles.Read(csv));
        Assert.Equal(("yx2027/ind01", "1200.5", "亿元", 2), (read.Indicator, read.Value, read.Unit, read.Row));
        var xlsx = Assert.Single(SubmissionFiles.Read(SubmissionFiles.Xlsx(form)));
        Assert.Equal(("yx2027/ind01", "1200.5", "含=新口径"), (xlsx.Indicator, xlsx.Value, xlsx.Note));
    }

    private static SubmissionForm FormWithNote(string? note) => new("submissions/江津区/2025Q1", "江津区", "2025Q1", "2025年第一季度", "quarter", "2025-04-15", "draft", "草稿", 1,
        null, false, false, null, null, null, null, null, null, null,
        [new FormLine("yx2027/ind01", "yx2027", "ind01", "营业收入", "亿元", "growing", true, 0m, null, -12.5m, note, false, -3m, "2024Q4", [])], []);

    /// <summary>Issue 10 §12: a note starting with - + = @ used to gain an apostrophe on every download and upload.</summary>
    [Theory]
    [InlineData("-同比下降主要因停产检修")]
    [InlineData("+新增口径")]
    [InlineData("=按统计局口径")]
    [InlineData("@工信局核实")]
    [InlineData("'-这条备注本来就有撇号")]
    public void Template_NotesSurviveThreeDownloadUploadRoundTrips_InBothFormats(string note)
    {
        foreach (var format in new[] { "xlsx", "csv" })
        {
            var current = note;
            for (var trip = 0; trip < 3; trip++)
            {
                var form = FormWithNote(current);
                var file = format == "xlsx" ? SubmissionFiles.Xlsx(form) : SubmissionFiles.Csv(form);
                var read = Assert.Single(SubmissionFiles.Read(file));
                Assert.Equal(("-12.5", note), (read.Value, read.Note));
                current = read.Note;
            }
        }
    }

    [Fact]
    public void CsvTemplate_NeutralisesANoteThatLooksLikeAFormula()
    {
        var text = Encoding.UTF8.GetString(SubmissionFiles.Csv(FormWithNote("=HYPERLINK(\"http://evil\")")));
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", text);
        Assert.Contains(",-12.5,", text);
    }
}
