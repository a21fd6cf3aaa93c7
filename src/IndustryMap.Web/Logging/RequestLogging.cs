using System.Diagnostics;

namespace IndustryMap.Web.Logging;

/// <summary>
/// Quiet by default (issue 17): ASP.NET Core's own request logging writes about six lines per request at information
/// level, which cost 18–36 % of the read throughput and buried real warnings. The framework's categories log at warning;
/// <c>INDUSTRYMAP_REQUEST_LOG=information</c> turns on one line per request of our own (method, path, status, time).
/// </summary>
public static class RequestLogging
{
    public const string Variable = "INDUSTRYMAP_REQUEST_LOG";
    public const string Category = "IndustryMap.Requests";

    public static bool Enabled(Func<string, string?> lookup) =>
        lookup(Variable)?.Trim().ToLowerInvariant() is "information" or "info" or "true" or "on";

    public static WebApplicationBuilder AddIndustryMapRequestLogging(this WebApplicationBuilder builder)
    {
        // Explicit configuration (appsettings, Logging__LogLevel__…) still wins over these defaults.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.Logging.AddFilter(Category, Enabled(key => builder.Configuration[key]) ? LogLevel.Information : LogLevel.Warning);
        return builder;
    }

    /// <summary>One line per request when <see cref="Variable"/> asks for it; nothing otherwise.</summary>
    public static WebApplication UseIndustryMapRequestLogging(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        if (!logger.IsEnabled(LogLevel.Information)) return app;
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                logger.LogInformation("{Method} {Path}{Query} {Status} {Milliseconds:0.0} ms", context.Request.Method, context.Request.Path.Value,
                    context.Request.QueryString.Value, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
        return app;
    }
}
