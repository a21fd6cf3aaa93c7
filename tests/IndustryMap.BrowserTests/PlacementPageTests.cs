using IndustryMap.Accounts;
using IndustryMap.Authorization;
using IndustryMap.BrowserTests.Infrastructure;
using IndustryMap.Storage;
using IndustryMap.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IndustryMap.BrowserTests;

/// <summary>The placement page (issue 6) as an investment officer uses it: sign in, describe, read the ranking.</summary>
[Collection(BrowserCollection.Name)]
public class PlacementPageTests(BrowserFixture fixture)
{
    private const string Officer = "placement-officer";
    private const string Password = "placement-page-password-1";
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _created;

    private async Task EnsureOfficerAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_created) return;
            var database = fixture.Server.Services.GetRequiredService<Database>();
            await UserAccounts.CreateAsync(database, Actor.System("browser tests"), new NewUser(Officer, "市招商投资局", Role.Investment, null), new Passwords().Hash(Password));
            _created = true;
        }
        finally
        {
            Once.Release();
        }
    }

    [Fact]
    [Trait("Category", "screenshots")]
    public async Task AnOfficerPlacesABatteryMaterialProject_AndSeesTheRankingMapAndClauses()
    {
        await EnsureOfficerAsync();
        await using var session = await fixture.NewSessionAsync(nameof(AnOfficerPlacesABatteryMaterialProject_AndSeesTheRankingMapAndClauses),
            new ViewportSize { Width = 1280, Height = 1000 });
        await session.RunAsync(async page =>
        {
            await page.GotoAsync("/placement.html");
            await page.Locator("body[data-ready='true']").WaitForAsync();
            await Assertions.Expect(page.Locator("#access")).ToContainTextAsync("请先登录");

            await page.GotoAsync("/signin?returnUrl=%2Fplacement.html");
            await page.FillAsync("input[name=name]", Officer);
            await page.FillAsync("input[name=password]", Password);
            await page.Locator("form[action='/signin'] button[type=submit]").ClickAsync();
            // The form redirects back to the page (returnUrl), which then says who is signed in. (The test session's CSP route
            // follows the redirect itself, so the address bar keeps /signin; the content is the placement page's.)
            await Assertions.Expect(page.Locator("#session")).ToContainTextAsync("市招商投资局", new() { Timeout = 15_000 });

            // Hostile text in the description is shown as text, never run.
            await page.FillAsync("#description", "年产5万吨磷酸铁锂正极材料<img src=x onerror=alert(1)>");
            await page.FillAsync("#amountYi", "10");
            await page.FillAsync("#landMu", "200");
            await page.Locator("#submit").ClickAsync();
            var rows = page.Locator("#ranking tbody tr");
            await rows.First.WaitForAsync();

            await Assertions.Expect(page.Locator("#industries")).ToContainTextAsync("新能源材料");
            var firstFive = await rows.Locator("th").AllTextContentsAsync();
            Assert.Equal(["丰都县", "垫江县", "彭水县", "永川区", "秀山县"], firstFive.Take(5).Order());
            Assert.Equal("巫溪县", firstFive[5]);
            await Assertions.Expect(rows.Nth(0).Locator(".reasons")).ToContainTextAsync("列为主导产业");
            // What is not known about a unit is shown as unknown (issue 13 §2): 丰都 has a layout but no plan, registry or park loaded.
            await Assertions.Expect(rows.Filter(new() { HasText = "丰都县" }).Locator(".unknown")).ToHaveTextAsync("未知，不加分也不减分：区县自身规划、企业和项目名录、园区名录");
            // Documents by short title (渝府办发〔2023〕87号 …), the number as the tooltip.
            await Assertions.Expect(rows.Nth(0).Locator("details.source summary").First).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("^000 · "));
            Assert.Equal(0, await page.Locator("#ranking img").CountAsync());
            // The caption states the weights the server ranked with, not a copy kept in the page.
            var weights = IndustryMap.Placement.PlacementWeights.Current;
            var caption = await page.Locator("#ranking caption").TextContentAsync() ?? "";
            Assert.Contains($"对口特色产业 {weights.Characteristic:0.0#}", caption);
            Assert.Contains($"≤{weights.PlanProduct:0.0#}", caption);
            Assert.Contains($"至多 +{weights.Registry:0.0#}（满 {weights.RegistryFullAt} 个或名录的 {weights.RegistryShare * 100:0}%）", caption);
            Assert.DoesNotContain("{", caption);

            // The map is drawn, and the page tells other components the scores.
            await page.Locator("#placement-map canvas").First.WaitForAsync();
            var scores = await page.Locator("#placement-map").GetAttributeAsync("data-scores");
            Assert.Contains("\"丰都县\":1", scores);
            var fills = (await page.EvaluateAsync<System.Text.Json.JsonElement>(
                    "() => echarts.getInstanceByDom(document.getElementById('placement-map')).getOption().series[0].data.map(d => [d.name, d.itemStyle.areaColor])"))
                .EnumerateArray().ToDictionary(p => p[0].GetString()!, p => p[1].GetString()!);
            Assert.Equal(38, fills.Count);
            Assert.Equal("#08306b", fills["丰都县"]); // the best band
            Assert.Equal("#2171b5", fills["巫溪县"]); // characteristic: 70 % of the best
            Assert.Equal("#f4f5f7", fills["渝中区"]); // no score
            await Assertions.Expect(page.Locator("#map-legend li")).ToHaveCountAsync(5);

            await page.EvaluateAsync("() => window.scrollTo(0, document.getElementById('result').offsetTop - 60)");
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("placement.png") });

            // The placement's address can be shared: it carries the description, investment, land and origin, and opening
            // it places again (the investor stays off the address).
            var shared = await page.EvaluateAsync<string>("() => location.pathname + location.search");
            Assert.StartsWith("/placement.html?description=", shared);
            Assert.Contains("amountYi=10", shared);
            Assert.DoesNotContain("investor", shared);
            var again = await page.Context.NewPageAsync();
            await again.GotoAsync(shared);
            await again.Locator("#ranking tbody tr").First.WaitForAsync();
            Assert.Equal("200", await again.InputValueAsync("#landMu"));
            Assert.Equal(firstFive.Take(5).Order(), (await again.Locator("#ranking tbody tr th").AllTextContentsAsync()).Take(5).Order());
            await again.CloseAsync();

            await page.FillAsync("#pipeline-name", "浏览器测试正极材料项目");
            await page.SelectOptionAsync("#pipeline-unit", "丰都县");
            await page.Locator("#pipeline-form button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("#pipeline-message")).ToContainTextAsync("已加入项目库");
            session.AssertNoConsoleErrors();
        });
    }
}
