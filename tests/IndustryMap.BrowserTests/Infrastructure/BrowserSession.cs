using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace IndustryMap.BrowserTests.Infrastructure;

/// <summary>
/// One test's page. It records console errors and uncaught exceptions, serves every page with a strict
/// Content-Security-Policy (no 'unsafe-inline', no 'unsafe-eval') unless the app already sends one, so an inline
/// script or style attribute shows up as a console error, and <see cref="RunAsync"/> saves a screenshot when the
/// test body fails.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string StrictCsp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private readonly IBrowserContext _context;
    private readonly string _testName;

    public IPage Page { get; }
    public List<string> ConsoleErrors { get; } = [];

    private BrowserSession(IBrowserContext context, IPage page, string testName)
    {
        _context = context;
        Page = page;
        _testName = testName;
    }

    public static async Task<BrowserSession> StartAsync(IBrowserContext context, string testName)
    {
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.ResourceType != "document")
            {
                await route.ContinueAsync();
                return;
            }
            var response = await route.FetchAsync();
            var headers = new Dictionary<string, string>(response.Headers, StringComparer.OrdinalIgnoreCase);
            headers.TryAdd("content-security-policy", StrictCsp);
            await route.FulfillAsync(new() { Response = response, Headers = headers });
        });
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page, testName);
        page.Console += (_, message) =>
        {
            if (message.Type == "error") session.ConsoleErrors.Add($"{message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => session.ConsoleErrors.Add("uncaught: " + error);
        return session;
    }

    /// <summary>Runs the test body; on failure saves a full-page screenshot under artifacts/browser-failures and rethrows.</summary>
    public async Task RunAsync(Func<IPage, Task> body)
    {
        try
        {
            await body(Page);
        }
        catch
        {
            var folder = Path.Combine(Repository.Root, "artifacts", "browser-failures");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, Regex.Replace(_testName, @"[^\w.-]+", "_") + ".png");
            try
            {
                await Page.ScreenshotAsync(new() { Path = file, FullPage = true });
                Console.Error.WriteLine($"screenshot of the failure: {file}");
            }
            catch (PlaywrightException)
            {
                // The page may be gone; the original failure matters more.
            }
            throw;
        }
    }

    public void AssertNoConsoleErrors() =>
        Assert.True(ConsoleErrors.Count == 0, "console errors:\n" + string.Join("\n", ConsoleErrors));

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}

public static class Repository
{
    /// <summary>The repository root (the folder holding IndustryMap.slnx), found upwards from the test binaries.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IndustryMap.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("IndustryMap.slnx not found above " + AppContext.BaseDirectory);
    }
}
