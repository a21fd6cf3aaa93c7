using Microsoft.Playwright;

namespace IndustryMap.BrowserTests.Infrastructure;

/// <summary>
/// One app server and one Chromium for the whole run. Chromium is Debian's (/usr/bin/chromium, installed by
/// scripts/test.sh): Playwright cannot download its own browsers here. Set INDUSTRYMAP_CHROMIUM to use another.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public AppServer Server { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var serverTask = AppServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("INDUSTRYMAP_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Server = await serverTask;
        Http = new HttpClient { BaseAddress = Server.BaseAddress };
    }

    /// <summary>A fresh browser context and page for one test; dispose it to close them (and save a screenshot on failure).</summary>
    public async Task<BrowserSession> NewSessionAsync(string testName, ViewportSize? viewport = null, string locale = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = Server.BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
        });
        return await BrowserSession.StartAsync(context, testName);
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
