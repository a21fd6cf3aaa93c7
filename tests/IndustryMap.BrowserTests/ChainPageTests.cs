using System.Net.Http.Json;
using System.Text.Json;
using IndustryMap.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace IndustryMap.BrowserTests;

/// <summary>The chain page (issue 12): the diagram is drawn, gaps are highlighted, the list view holds the same data, English works.</summary>
[Collection(BrowserCollection.Name)]
public class ChainPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task TheVivoChainPage_DrawsTheDiagram_HighlightsGaps_AndListsEveryNode()
    {
        var chain = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/chains/na-vivo");
        var nodes = chain.GetProperty("nodes").EnumerateArray().ToList();
        var gaps = nodes.Where(n => n.GetProperty("status").GetString() == "gap").Select(n => n.GetProperty("name").GetString()!).ToList();
        Assert.NotEmpty(gaps);
        await using var session = await fixture.NewSessionAsync(nameof(TheVivoChainPage_DrawsTheDiagram_HighlightsGaps_AndListsEveryNode),
            new ViewportSize { Width = 1280, Height = 1000 });
        await session.RunAsync(async page =>
        {
            await page.GotoAsync("/chain.html?id=na-vivo");
            await page.Locator("body[data-ready='true']").WaitForAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(chain.GetProperty("name").GetString()!);

            // The diagram: one point per node, gap nodes drawn as vermillion triangles.
            await page.Locator("#diagram canvas").First.WaitForAsync();
            await page.Locator("body[data-chart-ready='true']").WaitForAsync();
            Assert.Equal(nodes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.Locator("#diagram").GetAttributeAsync("data-nodes"));
            var drawn = (await page.EvaluateAsync<JsonElement>(
                    "() => echarts.getInstanceByDom(document.getElementById('diagram')).getOption().series[0].data.map(d => [d.name, d.symbol, d.itemStyle.color])"))
                .EnumerateArray().ToDictionary(p => p[0].GetString()!, p => (p[1].GetString(), p[2].GetString()));
            Assert.Equal(nodes.Count, drawn.Count);
            Assert.All(gaps, g => Assert.Equal(("triangle", "#D55E00"), drawn[g]));
            Assert.All(drawn.Where(d => !gaps.Contains(d.Key)), d => Assert.NotEqual("triangle", d.Value.Item1));
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("chain.png") });

            // The list view: a row per node, gap rows marked, members listed.
            var rows = page.Locator("#list tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(nodes.Count);
            await Assertions.Expect(page.Locator("#list tbody tr[data-status='gap']")).ToHaveCountAsync(gaps.Count);
            await Assertions.Expect(page.Locator("#list tbody tr[data-status='gap'] th").First).ToHaveTextAsync(gaps[0]);
            var chip = nodes.Single(n => n.GetProperty("id").GetString() == "chip");
            await Assertions.Expect(page.Locator("#list tbody tr[data-node='chip'] li")).ToHaveCountAsync(chip.GetProperty("members").GetArrayLength());

            // English.
            await page.Locator("#lang-switch").ClickAsync();
            await page.Locator("body[data-ready='true']").WaitForAsync();
            await Assertions.Expect(page.Locator("#list-heading")).ToHaveTextAsync("Nodes and enterprises (list)");
            await Assertions.Expect(page.Locator("#list tbody tr[data-status='gap'] td").Nth(1)).ToContainTextAsync("Gap (to be filled)");
            await page.Locator("#lang-switch").ClickAsync();
            await page.Locator("body[data-ready='true']").WaitForAsync();
            session.AssertNoConsoleErrors();
        });
    }

    [Fact]
    public async Task TheUnitPage_ListsItsChains()
    {
        var chains = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/chains?unit=" + Uri.EscapeDataString("南岸区"));
        Assert.True(chains.GetArrayLength() > 0);
        await using var session = await fixture.NewSessionAsync(nameof(TheUnitPage_ListsItsChains));
        await session.RunAsync(async page =>
        {
            await page.GotoAsync("/unit.html?name=" + Uri.EscapeDataString("南岸区"));
            await page.Locator("body[data-ready='true']").WaitForAsync();
            await Assertions.Expect(page.Locator("#chains tbody tr")).ToHaveCountAsync(chains.GetArrayLength());
            await Assertions.Expect(page.Locator("#chains a").First).ToHaveAttributeAsync("href", "/chain.html?id=" + chains[0].GetProperty("id").GetString());
            session.AssertNoConsoleErrors();
        });
    }

    [Fact]
    public async Task TheClusterPage_ListsTheChainsOfTheCluster()
    {
        var chains = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/chains");
        var cluster = chains.EnumerateArray().SelectMany(c => c.GetProperty("clusters").EnumerateArray().Select(x => x.GetString()!)).First();
        var inCluster = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/chains?cluster=" + Uri.EscapeDataString(cluster));
        Assert.True(inCluster.GetArrayLength() > 0);
        Assert.True(inCluster.GetArrayLength() < chains.GetArrayLength(), "the cluster filter leaves some chains out");
        await using var session = await fixture.NewSessionAsync(nameof(TheClusterPage_ListsTheChainsOfTheCluster));
        await session.RunAsync(async page =>
        {
            await page.GotoAsync("/cluster.html?name=" + Uri.EscapeDataString(cluster));
            await page.Locator("body[data-ready='true']").WaitForAsync();
            var rows = page.Locator("#chains tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(inCluster.GetArrayLength());
            foreach (var chain in inCluster.EnumerateArray())
            {
                var row = page.Locator($"#chains tbody tr[data-chain='{chain.GetProperty("id").GetString()}']");
                await Assertions.Expect(row.Locator("a")).ToHaveAttributeAsync("href", "/chain.html?id=" + chain.GetProperty("id").GetString());
                await Assertions.Expect(row.Locator("th")).ToHaveTextAsync(chain.GetProperty("name").GetString()!);
                await Assertions.Expect(row.Locator("td").Nth(3)).ToHaveTextAsync(chain.GetProperty("gaps").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            session.AssertNoConsoleErrors();
        });
    }
}
