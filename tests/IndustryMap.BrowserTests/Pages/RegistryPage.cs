using Microsoft.Playwright;

namespace IndustryMap.BrowserTests.Pages;

/// <summary>A registry table (parks, enterprises, projects, tasks) with its filter, sorting and exports.</summary>
public sealed class RegistryPage(IPage page)
{
    public ILocator Rows => page.Locator("#registry tbody tr");
    public ILocator Filter => page.Locator("#filter");

    public async Task GotoAsync(string kind)
    {
        await page.GotoAsync("/registry.html?kind=" + kind);
        await page.Locator("body[data-ready='true']").WaitForAsync();
    }

    public Task SortByAsync(string heading) => page.Locator("#registry thead button.sort", new() { HasTextString = heading }).ClickAsync();

    /// <summary>The text of one column (by heading) in every visible row.</summary>
    public async Task<IReadOnlyList<string>> ColumnAsync(string heading)
    {
        var headings = await page.Locator("#registry thead th").AllTextContentsAsync();
        var index = headings.ToList().FindIndex(h => h.Trim() == heading);
        Assert.True(index >= 0, $"no column '{heading}' in {string.Join(", ", headings)}");
        return await Rows.Locator($"td:nth-child({index + 1}), th:nth-child({index + 1})").AllTextContentsAsync();
    }

    public async Task<IDownload> ExportAsync(string buttonId)
    {
        var download = page.WaitForDownloadAsync();
        await page.Locator("#" + buttonId).ClickAsync();
        return await download;
    }
}
