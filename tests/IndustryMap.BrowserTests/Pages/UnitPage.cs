using Microsoft.Playwright;

namespace IndustryMap.BrowserTests.Pages;

/// <summary>A unit's page: designations with their sources, neighbours, related records.</summary>
public sealed class UnitPage(IPage page)
{
    public ILocator Name => page.Locator("h1#name");
    public ILocator Neighbours => page.Locator("#neighbour-list li");

    public async Task GotoAsync(string unit)
    {
        await page.GotoAsync("/unit.html?name=" + Uri.EscapeDataString(unit));
        await WaitUntilReadyAsync();
    }

    public Task WaitUntilReadyAsync() => page.Locator("body[data-ready='true']").WaitForAsync();

    public ILocator Designations(string role) => page.Locator($"ul.designations[data-role='{role}'] > li");

    /// <summary>Opens the source disclosure of the n-th designation of a role and returns the cited lines' text.</summary>
    public async Task<IReadOnlyList<string>> OpenSourceAsync(string role, int index)
    {
        var item = Designations(role).Nth(index);
        await item.Locator("details.source > summary").ClickAsync();
        var lines = item.Locator(".source-body ol.lines li");
        await lines.First.WaitForAsync();
        return await lines.AllTextContentsAsync();
    }

    public async Task<DocumentPage> OpenSourceInDocumentAsync(string role, int index)
    {
        await Designations(role).Nth(index).Locator(".source-body a").ClickAsync();
        var document = new DocumentPage(page);
        await document.WaitUntilReadyAsync();
        return document;
    }
}

/// <summary>The document viewer.</summary>
public sealed class DocumentPage(IPage page)
{
    public ILocator CitedLines => page.Locator("#lines li.cited");
    public ILocator Title => page.Locator("h1#title");

    public Task WaitUntilReadyAsync() => page.Locator("body[data-ready='true']").WaitForAsync();

    /// <summary>Whether the first cited line is inside the viewport (the viewer scrolls to it).</summary>
    public Task<bool> FirstCitedLineIsVisibleAsync() => page.EvaluateAsync<bool>(
        "() => { const r = document.querySelector('#lines li.cited').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }");
}
