using System.Net;
using System.Net.Http.Json;
using Dapper;
using IndustryMap.Authorization;
using IndustryMap.FirstContacts;
using IndustryMap.Monitoring;
using IndustryMap.Pipeline;
using IndustryMap.Placement;
using IndustryMap.Tests.Infrastructure;
using IndustryMap.Writing;

namespace IndustryMap.Tests.Time;

/// <summary>
/// Issue 10 item 13: between 00:00 and 08:00 Beijing time the UTC date is still yesterday. With the store's clock set
/// to such an instant, every "today" of the system is the Beijing date: the first-contact register, the pipeline, the
/// submissions' deadlines and the placement's year; stored timestamps are the clock's instant in UTC.
/// </summary>
public class BeijingClockTests
{
    private static readonly Actor Admin = new(1, "admin", Role.Admin, null);
    private static readonly Actor Investor = new(4, "investor", Role.Investment, null);

    // 2027-01-01 01:30 in Beijing; in UTC still 2026-12-31.
    private const string NewYearNightUtc = "2026-12-31T17:30:00Z";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task BetweenMidnightAndEightBeijing_RegisterAndPipeline_TakeTheBeijingDate(string engine)
    {
        var clock = FakeClock.AtUtc(NewYearNightUtc);
        await using var store = await TestStore.SeededAsync(engine, clock);

        var registered = await FirstContactRegister.RegisterAsync(store.Database, Admin, new NewFirstContact("永川区", "重庆某时钟测试有限公司", "时钟测试项目"));
        Assert.Equal("2027-01-01", registered.Entry.ContactedOn);
        Assert.Equal("2026-12-31T17:30:00.000Z", registered.Entry.RecordedAt);
        // The Beijing date is today, so a contact dated today is not "in the future"; tomorrow still is.
        await FirstContactRegister.RegisterAsync(store.Database, Admin, new NewFirstContact("永川区", "重庆某时钟测试有限公司", "第二个项目", ContactedOn: "2027-01-01"));
        var tomorrow = await Assert.ThrowsAsync<RefusedException>(() =>
            FirstContactRegister.RegisterAsync(store.Database, Admin, new NewFirstContact("永川区", "重庆某时钟测试有限公司", "第三个项目", ContactedOn: "2027-01-02")));
        Assert.Contains("2027-01-01", tomorrow.MessageZh);

        var project = await ProjectPipeline.CreateAsync(store.Database, new PlacementService(store.Database), Investor,
            new NewPipelineProject("时钟测试项目", "汽车零部件制造", "永川区", AmountYi: 12m, Origin: Origins.OutsideCity, Stage: "construction"));
        Assert.Equal("2027-01-01", project.StageOn);
        var moved = await ProjectPipeline.MoveAsync(store.Database, Investor, project.Id, new StageMove("production", "2027-01-01", null, project.Version));
        Assert.Equal("2027-01-01", moved.StageOn);

        await using var connection = await store.Database.OpenAsync();
        var auditTimes = (await connection.QueryAsync<string>("SELECT DISTINCT at FROM audit_log WHERE actor IN ('admin', 'investor')")).ToList();
        Assert.Equal(["2026-12-31T17:30:00.000Z"], auditTimes);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task BetweenMidnightAndEightBeijing_PlacementCountsTheBeijingYear(string engine)
    {
        var clock = FakeClock.AtUtc(NewYearNightUtc);
        await using var store = await TestStore.SeededAsync(engine, clock);
        var placement = new PlacementService(store.Database);
        await ProjectPipeline.CreateAsync(store.Database, placement, Investor,
            new NewPipelineProject("时钟测试项目", "汽车零部件制造", "永川区", AmountYi: 12m, Origin: Origins.OutsideCity, Stage: "construction"));

        var placed = await placement.PlaceAsync(new PlacementRequest("汽车零部件制造", 5m, null, Origins.OutsideCity));
        var floor = Assert.Single(placed.Candidates.Single(c => c.Unit == "永川区").Reasons, r => r.Rule == PlacementRules.YuxiFloorRule);
        Assert.Contains("永川区2027年已开工新招商项目 12 亿元", floor.Text);

        // An hour before midnight in Beijing the year is still 2026, in which the pipeline holds nothing: no floor reason.
        clock.Set(DateTimeOffset.Parse("2026-12-31T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var lastYear = await placement.PlaceAsync(new PlacementRequest("汽车零部件制造", 5m, null, Origins.OutsideCity));
        Assert.DoesNotContain(lastYear.Candidates.Single(c => c.Unit == "永川区").Reasons, r => r.Rule == PlacementRules.YuxiFloorRule);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ADeadline_PassesAtBeijingMidnight_NotAtUtcMidnight(string engine)
    {
        var clock = FakeClock.AtUtc("2026-12-31T15:59:00Z"); // 23:59 on 2026-12-31 in Beijing
        await using var store = await TestStore.SeededAsync(engine, clock);
        await IndustryMap.Tests.Monitoring.MonitoringData.ConfigureAsync(store.Database, "yx2027", "ind01", "quarter");
        await PeriodStore.OpenAsync(store.Database, Admin, "2026Q4", new DateOnly(2026, 12, 31));

        var onTheDay = await Submissions.GetFormAsync(store.Database, "江津区", "2026Q4");
        Assert.False(onTheDay.Late, "23:59 in Beijing on the due date is not late");

        clock.Set(DateTimeOffset.Parse("2026-12-31T16:00:00Z", System.Globalization.CultureInfo.InvariantCulture)); // 00:00 on 2027-01-01 in Beijing
        var afterMidnight = await Submissions.GetFormAsync(store.Database, "江津区", "2026Q4");
        Assert.True(afterMidnight.Late, "00:00 in Beijing the next day is late, although the UTC date is still the due date");

        Assert.True((await Submissions.ReportingRateAsync(store.Database, "2026Q4")).DuePassed);
        clock.Set(DateTimeOffset.Parse("2026-12-31T15:59:00Z", System.Globalization.CultureInfo.InvariantCulture));
        Assert.False((await Submissions.ReportingRateAsync(store.Database, "2026Q4")).DuePassed);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TheApp_UsesTheInjectedClock_ForTheRegisterOverHttp(string engine)
    {
        var clock = FakeClock.AtUtc(NewYearNightUtc);
        await using var app = await SecuredApp.CreateAsync(engine, clock: clock);
        using var client = app.As(People.Wanzhou);
        using var response = await client.PostAsJsonAsync("/api/first-contacts", new { unit = "万州区", investor = "重庆某时钟测试有限公司", project = "HTTP 时钟测试" });
        var body = await HttpAssert.Json(response, HttpStatusCode.Created);
        Assert.Equal("2027-01-01", body.GetProperty("entry").GetProperty("contactedOn").GetString());
        Assert.Equal("2026-12-31T17:30:00.000Z", body.GetProperty("entry").GetProperty("recordedAt").GetString());
    }
}
