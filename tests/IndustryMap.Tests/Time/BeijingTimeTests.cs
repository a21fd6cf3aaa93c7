using IndustryMap.Time;

namespace IndustryMap.Tests.Time;

public class BeijingTimeTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory]
    [InlineData("2026-12-01T16:00:00Z", "2026-12-02")] // 00:00 Beijing: already the next day
    [InlineData("2026-12-01T23:59:59Z", "2026-12-02")] // 07:59 Beijing
    [InlineData("2026-12-01T15:59:59Z", "2026-12-01")] // 23:59 Beijing
    [InlineData("2026-12-31T16:30:00Z", "2027-01-01")] // a new year in Beijing, still the old one in UTC
    public void Today_IsTheBeijingDate(string utc, string expected)
    {
        var clock = new FixedClock(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), BeijingTime.Today(clock));
    }

    [Fact]
    public void Year_FollowsBeijing()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero));
        Assert.Equal(2027, BeijingTime.Year(clock));
        Assert.Equal(TimeSpan.FromHours(8), BeijingTime.Now(clock).Offset);
    }
}
