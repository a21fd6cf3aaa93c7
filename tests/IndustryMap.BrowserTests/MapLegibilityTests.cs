using System.Net.Http.Json;
using System.Text.Json;
using IndustryMap.BrowserTests.Infrastructure;
using IndustryMap.BrowserTests.Pages;
using Microsoft.Playwright;

namespace IndustryMap.BrowserTests;

/// <summary>
/// Issue 14 §6: every planning unit's name is readable on the map — 中心城区's small districts in the inset, the
/// functional-zone markers beside (not on) district names, and names kept after an industry is chosen. Read from the
/// labels ECharts actually drew (ZRender's display list), at desktop and phone width; the unit list comes from the API.
/// </summary>
[Collection(BrowserCollection.Name)]
public class MapLegibilityTests(BrowserFixture fixture)
{
    public static TheoryData<string, int> Views()
    {
        var data = new TheoryData<string, int>();
        foreach (var query in new[] { "", "?industry=" + Uri.EscapeDataString("先进材料") + "&kind=cluster", "?view=groups" })
        {
            foreach (var width in new[] { 1400, 390 }) data.Add(query, width);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Map_NamesEveryUnit_WithNoLabelOrMarkerOnAnother(string query, int width)
    {
        var units = (await fixture.Http.GetFromJsonAsync<JsonElement>("/api/units")).EnumerateArray().Select(u => u.GetProperty("name").GetString()!).ToList();
        Assert.True(units.Count >= 41);
        await using var session = await fixture.NewSessionAsync(nameof(Map_NamesEveryUnit_WithNoLabelOrMarkerOnAnother) + query + width,
            new ViewportSize { Width = width, Height = width > 800 ? 900 : 844 });
        await session.RunAsync(async page =>
        {
            var map = new MapPage(page);
            await map.GotoAsync(query);
            var drawn = await map.DrawnLabelsAsync();
            var names = drawn.Labels.Select(l => l.Text.TrimStart('▲', '●', '◆')).ToList();
            // Each unit named exactly once: on the city map, or (中心城区's small districts and the zones among them) in the inset.
            Assert.Equal(units.Order(), names.Order());
            foreach (var central in new[] { "渝中区", "江北区", "沙坪坝区", "九龙坡区", "大渡口区" })
            {
                Assert.True(drawn.Labels.Single(l => l.Text.TrimStart('▲', '●') == central).Inset, central + " is named in the inset");
            }
            var problems = new List<string>();
            for (var i = 0; i < drawn.Labels.Count; i++)
            {
                for (var j = i + 1; j < drawn.Labels.Count; j++)
                {
                    if (drawn.Labels[i].Overlaps(drawn.Labels[j])) problems.Add($"{drawn.Labels[i].Text} overlaps {drawn.Labels[j].Text}");
                }
                foreach (var marker in drawn.Markers)
                {
                    if (drawn.Labels[i].Text != "◆" + marker.Text && drawn.Labels[i].Overlaps(marker)) problems.Add($"the marker of {marker.Text} covers {drawn.Labels[i].Text}");
                }
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            Assert.NotEmpty(drawn.Markers);
            session.AssertNoConsoleErrors();
        });
    }

    [Fact]
    public async Task ChoosingAnIndustry_KeepsTheNamesOfUnitsThatDoNotHaveIt()
    {
        var layout = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/layouts/2023");
        var having = layout.EnumerateArray().Where(r => r.GetProperty("cluster").GetString() == "先进材料").Select(r => r.GetProperty("unit").GetString()!).ToHashSet();
        var units = (await fixture.Http.GetFromJsonAsync<JsonElement>("/api/units")).EnumerateArray().Select(u => u.GetProperty("name").GetString()!).ToList();
        var without = units.Where(u => !having.Contains(u)).ToList();
        Assert.NotEmpty(without);
        await using var session = await fixture.NewSessionAsync(nameof(ChoosingAnIndustry_KeepsTheNamesOfUnitsThatDoNotHaveIt));
        await session.RunAsync(async page =>
        {
            var map = new MapPage(page);
            await map.GotoAsync();
            await map.ChooseAsync("先进材料", "集群");
            var texts = (await map.DrawnLabelsAsync()).Labels.Select(l => l.Text).ToHashSet();
            foreach (var unit in without) Assert.True(texts.Contains(unit) || texts.Contains("◆" + unit), unit + " keeps its name");
            // The units that have it are marked ▲ or ● (zones carry the ◆ of their marker).
            foreach (var unit in having.Where(u => units.Contains(u)))
            {
                Assert.True(texts.Contains("▲" + unit) || texts.Contains("●" + unit) || texts.Contains("◆" + unit), unit + " is marked");
            }
        });
    }
}
