using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using IndustryMap.Tests.Infrastructure;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace IndustryMap.Tests.Monitoring;

/// <summary>One host per engine with two 渝西 indicators monitored quarterly and three periods open.</summary>
public sealed class SubmissionHosts : IAsyncLifetime
{
    private readonly Dictionary<string, Task<MonitoringHost>> _hosts = [];
    private readonly Lock _lock = new();

    public Task<MonitoringHost> Get(string engine)
    {
        lock (_lock)
        {
            if (!_hosts.TryGetValue(engine, out var host)) _hosts[engine] = host = MonitoringHost.StartAsync(engine, async db =>
            {
                await MonitoringData.ConfigureAsync(db, "yx2027", "ind01", "quarter");
                await MonitoringData.ConfigureAsync(db, "yx2027", "ind13", "quarter");
                await MonitoringData.PeriodsAsync(db, "2024Q4", "2025Q1", "2025Q2", "2025Q3");
            });
            return host;
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Values.Where(h => h.IsCompletedSuccessfully)) await host.Result.DisposeAsync();
    }
}

/// <summary>Issue 7 "done when": a unit officer submits, the administrator returns and approves, a locked value needs an unlock — over HTTP, on both engines.</summary>
public class SubmissionHttpTests(SubmissionHosts hosts) : IClassFixture<SubmissionHosts>
{
    private static object Values(long version, decimal? revenue, decimal? projects) => new
    {
        version, values = new object[] { new { indicator = "yx2027/ind01", value = revenue }, new { indicator = "yx2027/ind13", value = projects } },
    };

    private static string State(JsonElement form) => form.GetProperty("state").GetString()!;

    private static long Version(JsonElement form) => form.GetProperty("version").GetInt64();

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task UnitOfficerSubmits_AdminReturnsAndApproves_LockedValueNeedsAnUnlock(string engine)
    {
        var host = await hosts.Get(engine);
        const string url = "/api/submissions/江津区/2025Q1";
        var blank = await host.Get(url, MonitoringHost.Jiangjin);
        Assert.Equal(("not_started", 0L), (State(blank), Version(blank)));
        Assert.Equal(["yx2027/ind01", "yx2027/ind13"], blank.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("indicator").GetString()));

        var saved = await host.Ok(MonitoringHost.Jiangjin, HttpMethod.Put, url, Values(0, 1234.5m, 120));
        Assert.Equal(("draft", 1L), (State(saved), Version(saved)));
        var submitted = await host.Ok(MonitoringHost.Jiangjin, HttpMethod.Post, url + "/submit", new { version = 1 });
        Assert.Equal("submitted", State(submitted));

        // Waiting for review: the unit cannot change it, and only the administrator reviews.
        Assert.Equal(409, (await host.Send(MonitoringHost.Jiangjin, HttpMethod.Put, url, Values(2, 1300, 120))).Status);
        Assert.Equal(403, (await host.Send(MonitoringHost.Jiangjin, HttpMethod.Post, url + "/approve", new { version = 2 })).Status);
        var noComment = await host.Send(MonitoringHost.Admin, HttpMethod.Post, url + "/return", new { version = 2 });
        Assert.Equal((400, "comment_required"), (noComment.Status, noComment.Body.GetProperty("code").GetString()));

        var returned = await host.Ok(MonitoringHost.Admin, HttpMethod.Post, url + "/return", new { version = 2, comment = "营业收入口径有误，请按规上企业口径重报" });
        Assert.Equal("returned", State(returned));
        Assert.Equal("营业收入口径有误，请按规上企业口径重报", returned.GetProperty("comment").GetString());
        var corrected = await host.Ok(MonitoringHost.Jiangjin, HttpMethod.Put, url, Values(3, 1180, 120));
        await host.Ok(MonitoringHost.Jiangjin, HttpMethod.Post, url + "/submit", new { version = Version(corrected) });
        var approved = await host.Ok(MonitoringHost.Admin, HttpMethod.Post, url + "/approve", new { version = 5 });
        Assert.Equal("approved", State(approved));
        Assert.Equal(1180m, approved.GetProperty("lines")[0].GetProperty("value").GetDecimal());

        // Locked: neither the unit nor the administrator changes it without an unlock.
        var locked = await host.Send(MonitoringHost.Jiangjin, HttpMethod.Put, url, Values(6, 9999, 120));
        Assert.Equal((409, "locked"), (locked.Status, locked.Body.GetProperty("code").GetString()));
        Assert.Equal(409, (await host.Send(MonitoringHost.Admin, HttpMethod.Put, url, Values(6, 9999, 120))).Status);
        Assert.Equal(403, (await host.Send(MonitoringHost.Jiangjin, HttpMethod.Post, url + "/unlock", new { version = 6, reason = "更正" })).Status);
        Assert.Equal(400, (await host.Send(MonitoringHost.Admin, HttpMethod.Post, url + "/unlock", new { version = 6, reason = " " })).Status);
        Assert.Equal(1180m, (await host.Get(url)).GetProperty("lines")[0].GetProperty("value").GetDecimal());

        var unlocked = await host.Ok(MonitoringHost.Admin, HttpMethod.Post, url + "/unlock", new { version = 6, reason = "统计局反馈口径调整，需更正" });
        Assert.Equal("draft", State(unlocked));
        var changed = await host.Ok(MonitoringHost.Jiangjin, HttpMethod.Put, url, Values(7, 1190, 121));
        Assert.Equal(1190m, changed.GetProperty("lines")[0].GetProperty("value").GetDecimal());

        // Every transition is in the history, with who made it.
        var history = changed.GetProperty("history").EnumerateArray().Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actor").GetString())).ToList();
        Assert.Equal([("save", "jiangjin"), ("submit", "jiangjin"), ("return", "admin"), ("save", "jiangjin"), ("submit", "jiangjin"), ("approve", "admin"),
            ("unlock", "admin"), ("save", "jiangjin")], history);
        Assert.Equal("统计局反馈口径调整，需更正", changed.GetProperty("history")[6].GetProperty("comment").GetString());
        // …and in the audit log, with the values before and after.
        var entries = (await host.Get("/api/audit?entity=submissions&action=submission.unlock")).GetProperty("entries").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "submission.unlock" && e.GetProperty("actor").GetString() == "admin"
                                      && e.GetProperty("entityKey").GetString() == "江津区/2025Q1");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ASecondEditOnTheSameVersion_Gets409NamingTheRecord_AndNothingIsOverwritten(string engine)
    {
        var host = await hosts.Get(engine);
        const string url = "/api/submissions/合川区/2025Q1";
        await host.Ok(MonitoringHost.Hechuan, HttpMethod.Put, url, Values(0, 800, 50));
        // Two people loaded version 1; the first saves, the second is refused.
        await host.Ok(MonitoringHost.Hechuan, HttpMethod.Put, url, Values(1, 810, 50));
        var (status, body) = await host.Send(MonitoringHost.Admin, HttpMethod.Put, url, Values(1, 999, 99));
        Assert.Equal(409, status);
        Assert.Equal("edit_conflict", body.GetProperty("code").GetString());
        Assert.Equal("submissions/合川区/2025Q1", body.GetProperty("record").GetString());
        Assert.Contains("合川区", body.GetProperty("detail").GetString());
        Assert.Contains("hechuan", body.GetProperty("detail").GetString());
        Assert.Equal(810m, (await host.Get(url)).GetProperty("lines")[0].GetProperty("value").GetDecimal());
        // A new report must say it saw version 0; a write without a version is refused.
        Assert.Equal(400, (await host.Send(MonitoringHost.Hechuan, HttpMethod.Put, "/api/submissions/合川区/2025Q2", new { values = Array.Empty<object>() })).Status);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SimultaneousEditsOfOneVersion_ExactlyOneWins_TheOthersGet409(string engine)
    {
        var host = await hosts.Get(engine);
        const string url = "/api/submissions/潼南区/2025Q1";
        await host.Ok(MonitoringHost.Admin, HttpMethod.Put, url, Values(0, 100, 10));
        var results = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => host.Send(MonitoringHost.Admin, HttpMethod.Put, url, Values(1, 100 + i, 10))));
        Assert.Equal(1, results.Count(r => r.Status == 200));
        Assert.Equal(5, results.Count(r => r.Status == 409));
        var winner = results.Single(r => r.Status == 200).Body.GetProperty("lines")[0].GetProperty("value").GetDecimal();
        var stored = await host.Get(url);
        Assert.Equal((2L, winner), (Version(stored), stored.GetProperty("lines")[0].GetProperty("value").GetDecimal()));
        Assert.Equal(2, stored.GetProperty("history").GetArrayLength());   // one save for the draft, one for the winner
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Validation_BlocksSubmissionOnErrors_WarnsOnLargeMoves_RefusesUnreadableValues(string engine)
    {
        var host = await hosts.Get(engine);
        const string url = "/api/submissions/铜梁区/2025Q3";
        await MonitoringData.ApprovedAsync(host.Database, "铜梁区", "2025Q2", MonitoringData.Values(("yx2027/ind01", 1000m), ("yx2027/ind13", 50m)));
        var draft = await host.Ok(MonitoringHost.Admin, HttpMethod.Put, url, Values(0, -5, null));
        var checks = draft.GetProperty("lines").EnumerateArray().SelectMany(l => l.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("code").GetString())).ToList();
        Assert.Contains("below_range", checks);  // money is never negative
        Assert.Contains("required", checks);     // ind13 left empty
        var refused = await host.Send(MonitoringHost.Admin, HttpMethod.Post, url + "/submit", new { version = 1 });
        Assert.Equal((422, "validation_failed"), (refused.Status, refused.Body.GetProperty("code").GetString()));
        Assert.Equal(2, refused.Body.GetProperty("errors").GetArrayLength());
        Assert.Equal("draft", State(await host.Get(url)));

        // A value that is not a number, or in a unit that does not convert, saves nothing and names the indicator and field.
        var bad = await host.Send(MonitoringHost.Admin, HttpMethod.Put, url, new
        {
            version = 1, values = new object[] { new { indicator = "yx2027/ind01", value = "八百" }, new { indicator = "yx2027/ind13", value = "3", unit = "亩" } },
        });
        Assert.Equal((400, "invalid_values"), (bad.Status, bad.Body.GetProperty("code").GetString()));
        var errors = bad.Body.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("field").GetString(), e.GetProperty("code").GetString())).ToList();
        Assert.Equal([("value", "not_a_number"), ("unit", "unit_mismatch")], errors);
        Assert.Equal(1, Version(await host.Get(url)));

        // 万元 converts to the indicator's 亿元; a move of more than half from the previous quarter is a warning, not an error.
        var fixedUp = await host.Ok(MonitoringHost.Admin, HttpMethod.Put, url, new
        {
            version = 1, values = new object[] { new { indicator = "yx2027/ind01", value = "20,000,000", unit = "万元" }, new { indicator = "yx2027/ind13", value = "60" } },
        });
        var revenue = fixedUp.GetProperty("lines")[0];
        Assert.Equal(2000m, revenue.GetProperty("value").GetDecimal());
        Assert.Equal((1000m, "2025Q2"), (revenue.GetProperty("previous").GetDecimal(), revenue.GetProperty("previousPeriod").GetString()));
        var warning = Assert.Single(revenue.GetProperty("checks").EnumerateArray());
        Assert.Equal(("warning", "large_change"), (warning.GetProperty("severity").GetString(), warning.GetProperty("code").GetString()));
        Assert.Equal("submitted", State(await host.Ok(MonitoringHost.Admin, HttpMethod.Post, url + "/submit", new { version = 2 })));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ExcelTemplate_FilledIn_UploadsIntoTheDraft(string engine)
    {
        var host = await hosts.Get(engine);
        const string url = "/api/submissions/江津区/2025Q2";
        var template = await host.Bytes(url + "/template.xlsx", MonitoringHost.Jiangjin);
        // Fill in the 数值 column as a person would in Excel (numbers as number cells).
        using var stream = new MemoryStream();
        stream.Write(template);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var workbook = document.WorkbookPart!;
            var sheet = workbook.Workbook.Sheets!.Elements<X.Sheet>().First(s => s.Name == "填报");
            var rows = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<X.Row>().ToList();
            Assert.Equal("数值", rows[0].Elements<X.Cell>().ElementAt(3).InnerText);
            Assert.Equal("yx2027/ind01", rows[1].Elements<X.Cell>().ElementAt(0).InnerText);
            foreach (var (row, value) in new[] { (rows[1], "1301.25"), (rows[2], "131") })
            {
                var cell = row.Elements<X.Cell>().First(c => c.CellReference!.Value!.StartsWith('D'));
                cell.DataType = X.CellValues.Number;
                cell.CellValue = new X.CellValue(value);
            }
            document.Save();
        }
        using var client = host.Client(MonitoringHost.Jiangjin);
        using var content = new ByteArrayContent(stream.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var response = await client.PostAsync(url + "/upload?version=0", content);
        var form = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.IsSuccessStatusCode, form.ToString());
        Assert.Equal([1301.25m, 131m], form.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("value").GetDecimal()));
        Assert.Equal("draft", State(form));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task CsvUpload_WithABadRow_NamesRowAndField_AndSavesNothing(string engine)
    {
        var host = await hosts.Get(engine);
        const string url = "/api/submissions/永川区/2025Q2";
        var csv = "指标代码,指标名称,单位,数值,备注\r\nyx2027/ind01,营业收入,亿元,2100,\r\nyx2027/ind13,技改,个,十二,\r\n";
        using var client = host.Client(MonitoringHost.Admin);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await client.PostAsync(url + "/upload?version=0", content);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, (int)response.StatusCode);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal((3, "value", "yx2027/ind13"), (error.GetProperty("row").GetInt32(), error.GetProperty("field").GetString(), error.GetProperty("indicator").GetString()));
        Assert.Contains("第 3 行", body.GetProperty("detail").GetString());
        Assert.Equal("not_started", State(await host.Get(url)));

        // Something that is neither a workbook nor text is refused by its content, whatever it is called.
        using var binary = new ByteArrayContent([0x7F, 0x45, 0x4C, 0x46, 0, 1, 2]);
        using var refused = await client.PostAsync(url + "/upload?version=0", binary);
        Assert.Equal(400, (int)refused.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ReportingRate_ShowsSubmittedLateAndNotStarted(string engine)
    {
        var host = await hosts.Get(engine);
        // 2024Q4 (due 2025-01-15, long past): 大足 approved, 璧山 in draft, the other six not started.
        await MonitoringData.ApprovedAsync(host.Database, "大足区", "2024Q4", MonitoringData.Values(("yx2027/ind01", 900m), ("yx2027/ind13", 40m)));
        await host.Ok(MonitoringHost.Admin, HttpMethod.Put, "/api/submissions/璧山区/2024Q4", Values(0, 1000, null));
        var rate = await host.Get("/api/periods/2024Q4/reporting", MonitoringHost.Viewer);
        Assert.Equal(8, rate.GetProperty("expected").GetInt32());
        Assert.Equal(1, rate.GetProperty("submitted").GetInt32());
        Assert.Equal(6, rate.GetProperty("notStarted").GetInt32());
        Assert.Equal(1, rate.GetProperty("inProgress").GetInt32());
        Assert.Equal(7, rate.GetProperty("late").GetInt32());          // the deadline has passed for everyone who has not submitted
        Assert.Equal(0.125m, rate.GetProperty("rate").GetDecimal());
        var units = rate.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("unit").GetString()!, u => u.GetProperty("state").GetString());
        Assert.Equal(("approved", "draft", "not_started"), (units["大足区"], units["璧山区"], units["荣昌区"]));
        // 万州区 reports none of these indicators: it is not expected, and has no form.
        Assert.False(units.ContainsKey("万州区"));
        Assert.Equal(404, (await host.Send(MonitoringHost.Wanzhou, HttpMethod.Get, "/api/submissions/万州区/2024Q4")).Status);
    }

    /// <summary>
    /// Monitoring data is internal (issue 4 §2): read by signed-in users only. Who may write is in Security/AuthorizationMatrixTests, which
    /// covers every monitoring write endpoint against every role.
    /// </summary>
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
