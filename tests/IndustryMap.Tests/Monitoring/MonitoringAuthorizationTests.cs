using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Monitoring;

/// <summary>
/// Every monitoring write endpoint against every role (issue 4 §3): anonymous → 401; viewer and investment officer → 403;
/// a unit officer of another unit → 403; the unit's own officer may write its reports and nothing of the administrator's;
/// the administrator passes the rule (what happens next is the endpoint's business, so only 401/403 are asserted).
/// </summary>
public class MonitoringAuthorizationTests(SubmissionHosts hosts) : IClassFixture<SubmissionHosts>
{
    public enum Rule { UnitData, Administer }

    /// <summary>The write endpoints of issue 7, with the rule each requires. The unit in the route is 江津区.</summary>
    public static readonly (string Method, string Url, Rule Rule, object? Body)[] WriteEndpoints =
    [
        ("PUT", "/api/submissions/江津区/2025Q3", Rule.UnitData, new { version = 99, values = Array.Empty<object>() }),
        ("POST", "/api/submissions/江津区/2025Q3/upload?version=99", Rule.UnitData, null),
        ("POST", "/api/submissions/江津区/2025Q3/submit", Rule.UnitData, new { version = 99 }),
        ("POST", "/api/submissions/江津区/2025Q3/approve", Rule.Administer, new { version = 99 }),
        ("POST", "/api/submissions/江津区/2025Q3/return", Rule.Administer, new { version = 99, comment = "x" }),
        ("POST", "/api/submissions/江津区/2025Q3/unlock", Rule.Administer, new { version = 99, reason = "x" }),
        ("PUT", "/api/monitoring/indicators/yx2027/ind99", Rule.Administer, new { frequency = "year" }),
        ("POST", "/api/monitoring/targets", Rule.Administer, new { indicator = "yx2027/ind99", year = 2027, value = 1 }),
        ("POST", "/api/periods", Rule.Administer, new { code = "not-a-period" }),
        ("PUT", "/api/rankings/indexes/matrix", Rule.Administer, new { version = 99 }),
        ("PUT", "/api/bulletins/2025Q3", Rule.Administer, new { version = 99 }),
        ("POST", "/api/bulletins/2025Q3/review", Rule.Administer, new { version = 99 }),
        ("POST", "/api/bulletins/2025Q3/reopen", Rule.Administer, new { version = 99, reason = "x" }),
    ];

    public static TheoryData<string, int> Cases
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (object[] row in (IEnumerable<object[]>)Engines.All)
            {
                var engine = (string)row[0];
                for (var i = 0; i < WriteEndpoints.Length; i++) data.Add(engine, i);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task WriteEndpoint_RefusesEveryoneItShould(string engine, int endpoint)
    {
        var host = await hosts.Get(engine);
        var (method, url, rule, body) = WriteEndpoints[endpoint];
        async Task<int> As(string? who) => (await host.Send(who, new HttpMethod(method), url, body)).Status;

        Assert.Equal(401, await As(null));
        Assert.Equal(403, await As(MonitoringHost.Viewer));
        Assert.Equal(403, await As(MonitoringHost.Investment));
        Assert.Equal(403, await As(MonitoringHost.Hechuan));                 // a unit officer of another unit
        var own = await As(MonitoringHost.Jiangjin);
        if (rule == Rule.UnitData) Assert.True(own is not (401 or 403), $"{method} {url}: 江津区's own officer got {own}");
        else Assert.Equal(403, own);
        var admin = await As(MonitoringHost.Admin);
        Assert.True(admin is not (401 or 403), $"{method} {url}: the administrator got {admin}");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task MonitoringData_IsReadBySignedInUsersOnly(string engine)
    {
        var host = await hosts.Get(engine);
        foreach (var url in new[] { "/api/progress", "/api/rankings?period=2025Q3", "/api/submissions/江津区/2025Q3", "/api/bulletins/2025Q3.docx", "/api/periods" })
        {
            Assert.Equal(401, (await host.Send(null, HttpMethod.Get, url)).Status);
            Assert.Equal(200, (await host.Send(MonitoringHost.Viewer, HttpMethod.Get, url)).Status);
        }
    }
}
