using IndustryMap.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IndustryMap.Tests.Operations;

/// <summary>Issue 14: per-request log lines are off by default (warning level) and INDUSTRYMAP_REQUEST_LOG turns them on.</summary>
public class RequestLoggingTests
{
    private static async Task<bool> RequestLinesEnabledAsync(params string[] extra)
    {
        var data = Path.Combine(Path.GetTempPath(), "industrymap-logging-" + Guid.NewGuid().ToString("N"));
        await using var app = IndustryMapApp.Create(["--INDUSTRYMAP_DATA", data, "--INDUSTRYMAP_DB", "sqlite", .. extra]);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");
        return logger.IsEnabled(LogLevel.Information);
    }

    [Fact]
    public async Task RequestLines_AreOffByDefault_AndConfigurable()
    {
        Assert.False(await RequestLinesEnabledAsync());
        Assert.True(await RequestLinesEnabledAsync("--INDUSTRYMAP_REQUEST_LOG", "Information"));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => RequestLinesEnabledAsync("--INDUSTRYMAP_REQUEST_LOG", "loud"));
        Assert.Contains("INDUSTRYMAP_REQUEST_LOG", refused.Message);
    }
}
