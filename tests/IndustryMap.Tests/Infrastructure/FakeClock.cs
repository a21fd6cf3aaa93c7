using System.Globalization;

namespace IndustryMap.Tests.Infrastructure;

/// <summary>A clock the test sets: the store, the app and every "today" read it (decision 0018).</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    /// <summary>A clock at the given UTC instant, written as ISO-8601 ("2026-12-31T17:30:00Z").</summary>
    public static FakeClock AtUtc(string instant) =>
        new(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now;

    public void Advance(TimeSpan by) => _now += by;
}
