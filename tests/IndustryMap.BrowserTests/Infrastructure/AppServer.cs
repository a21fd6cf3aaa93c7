using IndustryMap.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IndustryMap.BrowserTests.Infrastructure;

/// <summary>
/// The real application on Kestrel at a free loopback port, over a fresh embedded SQLite store in a temporary
/// folder (the app migrates it and loads the shipped seed data on start, as `scripts/run.sh` does).
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    public Uri BaseAddress { get; }

    /// <summary>The server's data folder (its SQLite file is industrymap.db), for tests that prepare data through Core.</summary>
    public string DataDirectory => _dataDirectory;

    private AppServer(WebApplication app, string dataDirectory, Uri baseAddress)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    public static async Task<AppServer> StartAsync()
    {
        var data = Path.Combine(Path.GetTempPath(), "industrymap-browser-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var app = IndustryMapApp.Create(
            ["--urls", "http://127.0.0.1:0", "--INDUSTRYMAP_DATA", data, "--INDUSTRYMAP_DB", "sqlite"],
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AppServer(app, data, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>The app's services, for tests that prepare data the pages need (an account to sign in with).</summary>
    public IServiceProvider Services => _app.Services;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; a leftover temp folder is harmless.
        }
    }
}
