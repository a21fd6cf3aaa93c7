using System.Text.Json;
using Microsoft.Playwright;

namespace IndustryMap.BrowserTests.Pages;

/// <summary>The home page: the map, the industry search box, the view switch and the list view.</summary>
public sealed class MapPage(IPage page)
{
    public const string DominantColour = "#0072B2";
    public const string CharacteristicColour = "#E69F00";

    public IPage Page => page;
    public ILocator SearchBox => page.Locator("#industry");
    public ILocator Summary => page.Locator("#summary");
    public ILocator Legend => page.Locator("#legend");
    public ILocator Heading => page.Locator("main h1");

    public async Task GotoAsync(string query = "")
    {
        await page.GotoAsync("/" + query);
        await WaitUntilReadyAsync();
    }

    public Task WaitUntilReadyAsync() => page.Locator("body[data-map-ready='true'][data-ready='true']").WaitForAsync();

    /// <summary>Types into the search box and picks the suggestion with exactly this name and kind label.</summary>
    public async Task ChooseAsync(string name, string kindLabel)
    {
        await SearchBox.FillAsync(name);
        var option = page.Locator("#suggestions [role=option]").Filter(new() { Has = page.Locator(".name", new() { HasTextString = name }) })
            .Filter(new() { Has = page.Locator(".kind", new() { HasTextString = kindLabel }) }).First;
        await option.ClickAsync();
        await page.WaitForFunctionAsync("n => new URLSearchParams(location.search).get('industry') === n", name);
    }

    /// <summary>The fill colour the map was told to paint each district with (series 0 of the ECharts instance).</summary>
    public async Task<Dictionary<string, string>> RegionColoursAsync()
    {
        var json = await page.EvaluateAsync<JsonElement>(
            "() => echarts.getInstanceByDom(document.getElementById('map')).getOption().series[0].data.map(d => [d.name, d.itemStyle.areaColor])");
        return json.EnumerateArray().ToDictionary(p => p[0].GetString()!, p => p[1].GetString()!);
    }

    /// <summary>The outline the map was told to draw each district with (issue 11: dashed for public-source layouts).</summary>
    public async Task<Dictionary<string, string>> RegionBorderTypesAsync()
    {
        var json = await page.EvaluateAsync<JsonElement>(
            "() => echarts.getInstanceByDom(document.getElementById('map')).getOption().series[0].data.map(d => [d.name, d.itemStyle.borderType ?? 'solid'])");
        return json.EnumerateArray().ToDictionary(p => p[0].GetString()!, p => p[1].GetString()!);
    }

    /// <summary>The list view: unit name → status (dominant, characteristic, none, notRecorded).</summary>
    public async Task<Dictionary<string, string>> ListStatusesAsync()
    {
        var json = await page.EvaluateAsync<JsonElement>(
            "() => [...document.querySelectorAll('#unit-list tbody tr')].map(tr => [tr.dataset.unit, tr.dataset.status])");
        return json.EnumerateArray().ToDictionary(p => p[0].GetString()!, p => p[1].GetString()!);
    }

    /// <summary>Where a unit's label point is on the page (ECharts converts the region's centre to pixels).</summary>
    public async Task<(float X, float Y)> PointOfAsync(string unit)
    {
        var point = await page.EvaluateAsync<float[]>(
            "name => { const c = echarts.getInstanceByDom(document.getElementById('map')); return c.convertToPixel({ seriesIndex: 0 }, name); }", unit);
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        return (box.X + point[0], box.Y + point[1]);
    }

    public async Task HoverUnitAsync(string unit)
    {
        var (x, y) = await PointOfAsync(unit);
        await page.Mouse.MoveAsync(x, y);
    }

    public async Task ClickUnitAsync(string unit)
    {
        var (x, y) = await PointOfAsync(unit);
        await page.Mouse.ClickAsync(x, y);
    }
}
