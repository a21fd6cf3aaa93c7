using System.Net.Http.Headers;
using System.Text.Json;
using IndustryMap.Accounts;
using IndustryMap.Authorization;
using IndustryMap.BrowserTests.Infrastructure;
using IndustryMap.Monitoring;
using IndustryMap.Storage;
using Microsoft.Playwright;

namespace IndustryMap.BrowserTests;

/// <summary>
/// The monitoring pages (issue 7) in Chromium under the strict CSP, signed in with an API token: with `industrymap demo`
/// data every page renders without console errors, and a unit officer fills in, saves and submits their report.
/// </summary>
[Collection(BrowserCollection.Name)]
public class MonitoringPageTests(BrowserFixture fixture)
{
    private Task<Dictionary<string, string>> Tokens() => MonitoringAccounts.TokensAsync(fixture);

    private async Task<BrowserSession> SignedInAsync(string testName, string user)
    {
        var tokens = await Tokens();
        var session = await fixture.NewSessionAsync(testName);
        await session.Page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = "Bearer " + tokens[user] });
        return session;
    }

    public static TheoryData<string, string> Pages => new()
    {
        { "/monitoring/", ".cards a" },
        { "/monitoring/entry.html?unit=" + Uri.EscapeDataString("江津区") + "&period=2025Q3", "#form tbody tr" },
        { "/monitoring/review.html?period=2025Q4", "#units tbody tr" },
        { "/monitoring/progress.html", "#rows tbody tr" },
        { "/monitoring/ranking.html?period=2025Q3", "#rankings table tbody tr" },
        { "/monitoring/bulletin.html?period=2025Q3&includeDemo=true", "#bulletin table tbody tr" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task MonitoringPage_RendersTheDemoData_WithoutConsoleErrors(string path, string rows)
    {
        await using var session = await SignedInAsync(nameof(MonitoringPage_RendersTheDemoData_WithoutConsoleErrors) + path, "monitoring-admin");
        await session.RunAsync(async page =>
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await page.Locator("body[data-ready='true']").WaitForAsync();
            await Assertions.Expect(page.Locator("#session")).ToContainTextAsync("monitoring-admin");
            Assert.True(await page.Locator(rows).CountAsync() > 0, $"no {rows} on {path}");
            if (await page.Locator("#message").CountAsync() > 0) Assert.Equal("", (await page.Locator("#message").TextContentAsync())!.Trim());
            if (path != "/monitoring/") Assert.True(await page.Locator(".demo").CountAsync() > 0, "demo values are not marked 演示数据");
            if (path.StartsWith("/monitoring/ranking.html", StringComparison.Ordinal))
            {
                await page.SetViewportSizeAsync(1280, 900);
                await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("monitoring-ranking.png") });
            }
            session.AssertNoConsoleErrors();
        });
    }

    [Fact]
    public async Task UnitOfficer_FillsInTheForm_SavesADraft_AndSubmitsIt()
    {
        await using var session = await SignedInAsync(nameof(UnitOfficer_FillsInTheForm_SavesADraft_AndSubmitsIt), "monitoring-jiangjin");
        await session.RunAsync(async page =>
        {
            await page.GotoAsync("/monitoring/entry.html?period=2026Q1");
            await page.Locator("body[data-ready='true']").WaitForAsync();
            // The officer's own unit is the only choice.
            Assert.Equal(["江津区"], await page.Locator("#unit option").AllTextContentsAsync());
            await page.Locator("input[data-indicator='yx2027/ind01']").FillAsync("2,345.6");
            await page.Locator("input[data-indicator='yx2027/ind13']").FillAsync("120");
            await page.ClickAsync("#save");
            await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("已保存草稿");
            await Assertions.Expect(page.Locator("#head")).ToContainTextAsync("草稿");
            await page.ClickAsync("#submit");
            await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("已提交");
            await Assertions.Expect(page.Locator("input[data-indicator='yx2027/ind01']")).ToBeDisabledAsync();
            session.AssertNoConsoleErrors();
        });
        // What the page saved, as the API reports it.
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await Tokens())["monitoring-admin"]);
        var form = JsonDocument.Parse(await http.GetStringAsync("/api/submissions/" + Uri.EscapeDataString("江津区") + "/2026Q1")).RootElement;
        Assert.Equal("submitted", form.GetProperty("state").GetString());
        Assert.Equal(2345.6m, form.GetProperty("lines")[0].GetProperty("value").GetDecimal());
        Assert.Equal("monitoring-jiangjin", form.GetProperty("submittedBy").GetString());
    }
}

/// <summary>
/// Once per run: `industrymap demo` data, an open quarter with nothing in it, an administrator and a unit officer of
/// 江津区, each with an API token (shared by the monitoring page tests and the every-page checks).
/// </summary>
public static class MonitoringAccounts
{
    public const string Admin = "monitoring-admin";
    public const string Jiangjin = "monitoring-jiangjin";
    private static readonly Lock Gate = new();
    private static Task<Dictionary<string, string>>? _tokens;

    public static Task<Dictionary<string, string>> TokensAsync(BrowserFixture fixture)
    {
        lock (Gate)
        {
            return _tokens ??= PrepareAsync(Database.ForSqliteFile(Path.Combine(fixture.Server.DataDirectory, "industrymap.db"), TimeProvider.System));
        }
    }

    private static async Task<Dictionary<string, string>> PrepareAsync(Database database)
    {
        var system = Actor.System("browser tests");
        await DemoData.GenerateAsync(database, system);
        await PeriodStore.OpenAsync(database, system, "2026Q1");
        var tokens = new Dictionary<string, string>();
        foreach (var (name, role, unit) in new (string, Role, string?)[] { (Admin, Role.Admin, null), (Jiangjin, Role.Unit, "江津区") })
        {
            await UserAccounts.CreateAsync(database, system, new NewUser(name, null, role, unit), "not-used-tokens-only");
            tokens[name] = (await ApiTokens.CreateAsync(database, system, name, "browser tests", 1)).Token;
        }
        return tokens;
    }
}
