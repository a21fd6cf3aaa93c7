using System.Net.Http.Json;
using System.Text.Json;
using IndustryMap.BrowserTests.Infrastructure;
using IndustryMap.BrowserTests.Pages;

namespace IndustryMap.BrowserTests;

/// <summary>Issue 11 §1, §5: public-source layouts shown distinctly, linked to their pages; coverage in the status line. Expected values from the API.</summary>
[Collection(BrowserCollection.Name)]
public class PublicTierTests(BrowserFixture fixture)
{
    private async Task<List<JsonElement>> PublicRowsAsync() =>
        (await fixture.Http.GetFromJsonAsync<JsonElement>("/api/layouts/2023")).EnumerateArray()
        .Where(r => r.GetProperty("sourceTier").GetString() == "public").ToList();

    private static string Url(JsonElement row) => row.GetProperty("source").GetProperty("public").GetProperty("url").GetString()!;

    [Fact]
    public async Task Map_SaysCoverage_OutlinesPublicUnits_AndListsTheirPages()
    {
        var summary = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/layouts/2023/summary");
        var rows = await PublicRowsAsync();
        Assert.NotEmpty(rows);
        var publicUnits = rows.Select(r => r.GetProperty("unit").GetString()!).ToHashSet();

        await using var session = await fixture.NewSessionAsync(nameof(Map_SaysCoverage_OutlinesPublicUnits_AndListsTheirPages));
        await session.RunAsync(async page =>
        {
            var map = new MapPage(page);
            await map.GotoAsync();
            var coverage = (await page.Locator("#coverage").TextContentAsync())!;
            foreach (var key in new[] { "seed", "public", "notRecorded" }) Assert.Contains(summary.GetProperty(key).GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), coverage);
            Assert.Equal(1, await map.Legend.Locator(".sw-public").CountAsync());

            var borders = await map.RegionBorderTypesAsync();
            Assert.Equal(publicUnits.Where(borders.ContainsKey).Order(), borders.Where(b => b.Value == "dashed").Select(b => b.Key).Order());

            foreach (var unit in publicUnits)
            {
                var links = await page.Locator($"#unit-list tr[data-unit='{unit}'] .public-note a").EvaluateAllAsync<string[]>("as => as.map(a => a.href)");
                Assert.Equal(rows.Where(r => r.GetProperty("unit").GetString() == unit).Select(Url).Distinct().Order(), links.Order());
            }
            session.AssertNoConsoleErrors();
        });
    }

    [Fact]
    public async Task UnitAndClusterPages_ShowTheNoteAndLinkThePage()
    {
        var row = (await PublicRowsAsync()).First();
        var unit = row.GetProperty("unit").GetString()!;
        var cluster = row.GetProperty("cluster").GetString()!;

        await using var session = await fixture.NewSessionAsync(nameof(UnitAndClusterPages_ShowTheNoteAndLinkThePage));
        await session.RunAsync(async page =>
        {
            await page.GotoAsync("/unit.html?name=" + Uri.EscapeDataString(unit));
            await page.Locator("body[data-ready='true']").WaitForAsync();
            Assert.True(await page.Locator(".tier-badge.tier-public").CountAsync() > 0);
            Assert.Contains(Url(row), await page.Locator("a.source-public-link").EvaluateAllAsync<string[]>("as => as.map(a => a.href)"));

            await page.GotoAsync("/cluster.html?name=" + Uri.EscapeDataString(cluster));
            await page.Locator("body[data-ready='true']").WaitForAsync();
            Assert.Contains(Url(row), await page.Locator("a.source-public-link").EvaluateAllAsync<string[]>("as => as.map(a => a.href)"));
            session.AssertNoConsoleErrors();
        });
    }
}
