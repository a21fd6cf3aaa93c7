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

    /// <summary>A rectangle in the map's pixels: a label ECharts drew (Inset: in the 中心城区 inset) or a zone marker.</summary>
    public sealed record Box(string Text, double X, double Y, double W, double H, bool Inset)
    {
        public bool Overlaps(Box o) => X < o.X + o.W && o.X < X + W && Y < o.Y + o.H && o.Y < Y + H;
    }

    public sealed record Drawn(IReadOnlyList<Box> Labels, IReadOnlyList<Box> Markers);

    /// <summary>
    /// The labels ECharts actually painted (ZRender's display list: hidden or ignored labels are not in it) with their
    /// rectangles, and the zone markers' rectangles (their positions converted to pixels, size from the series).
    /// Series: 0 the city map, 1 its zone markers, 2 the inset's map, 3 the inset's zone markers.
    /// </summary>
    public async Task<Drawn> DrawnLabelsAsync()
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            () => {
              const chart = echarts.getInstanceByDom(document.getElementById('map'));
              const option = chart.getOption();
              const insetNames = new Set([...(option.series[2]?.data ?? []), ...(option.series[3]?.data ?? [])].map(d => d.name));
              const labels = chart.getZr().storage.getDisplayList(true)
                .filter(e => e.type === 'tspan' && e.style && e.style.text && !e.invisible)
                .map(e => {
                  const r = e.getBoundingRect().clone();
                  const m = e.getComputedTransform();
                  if (m) r.applyTransform(m);
                  const text = e.style.text;
                  return { text, x: r.x, y: r.y, w: r.width, h: r.height, inset: insetNames.has(text.replace(/^[▲●◆]/, '')) };
                });
              const markers = [];
              for (const index of [1, 3]) {
                const series = option.series[index];
                if (!series) continue;
                for (const d of series.data) {
                  const [x, y] = chart.convertToPixel({ seriesIndex: index }, d.value);
                  const size = series.symbolSize;
                  markers.push({ text: d.name, x: x - size / 2, y: y - size / 2, w: size, h: size, inset: index === 3 });
                }
              }
              return { labels, markers };
            }
            """);
        static List<Box> Boxes(JsonElement list) => list.EnumerateArray().Select(b => new Box(b.GetProperty("text").GetString()!, b.GetProperty("x").GetDouble(),
            b.GetProperty("y").GetDouble(), b.GetProperty("w").GetDouble(), b.GetProperty("h").GetDouble(), b.GetProperty("inset").GetBoolean())).ToList();
        return new Drawn(Boxes(json.GetProperty("labels")), Boxes(json.GetProperty("markers")));
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
