namespace IndustryMap.Time;

/// <summary>
/// The one place that turns the clock into people's dates. The plans, deadlines and registers are Beijing dates
/// (UTC+8, no daylight saving), so between 00:00 and 08:00 Beijing time the UTC date is still "yesterday":
/// every "today" in the system comes from here, from an injected <see cref="TimeProvider"/>.
/// </summary>
public static class BeijingTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The current instant, expressed in Beijing time.</summary>
    public static DateTimeOffset Now(TimeProvider clock) => clock.GetUtcNow().ToOffset(Offset);

    /// <summary>Today's date in Beijing.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>The Beijing date of an instant (a stored UTC timestamp, say).</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToBeijing(instant).DateTime);

    /// <summary>The current year in Beijing.</summary>
    public static int Year(TimeProvider clock) => Now(clock).Year;

    /// <summary>An instant (stored as UTC) shown in Beijing time.</summary>
    public static DateTimeOffset ToBeijing(DateTimeOffset instant) => instant.ToOffset(Offset);
}
