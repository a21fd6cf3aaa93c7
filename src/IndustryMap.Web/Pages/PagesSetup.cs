using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace IndustryMap.Web.Pages;

/// <summary>
/// How the pages in wwwroot are served: by <see cref="StaticSite"/>, read once at start with the variants compressed at build (the trimmed
/// ECharts bundle is 600 KB raw, about 170 KB in Brotli), fingerprinted URLs cached for a year, the pages and plain paths
/// revalidated on every load (ETag), so a deploy is seen at once. See decisions 0004 and 0023.
/// </summary>
public static class PagesSetup
{
    public static IServiceCollection AddIndustryMapPages(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Compressing over HTTPS is safe for bodies without secrets. The ones with a secret (the sign-in page and
            // GET /api/session with their anti-forgery tokens, a new API token) opt out: Security/SecretResponses.cs.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/geo+json", "application/problem+json", "image/svg+xml"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.AddSingleton(provider =>
        {
            var environment = provider.GetRequiredService<IWebHostEnvironment>();
            return StaticSite.Load(environment.WebRootPath, Path.Combine(environment.ContentRootPath, SitePack.FolderName));
        });
        return services;
    }

    public static WebApplication UseIndustryMapPages(this WebApplication app)
    {
        // Files come precompressed from StaticSite (which sets Content-Encoding, so this middleware leaves them alone);
        // it compresses the API responses that the read cache does not keep (signed-in work, writes' answers).
        app.UseResponseCompression();
        var site = app.Services.GetRequiredService<StaticSite>();
        if (site.CompressedAtStart.Count > 0)
        {
            app.Logger.LogWarning("{Count} static files were not in the build's {Pack} folder and were compressed at start: {Files}",
                site.CompressedAtStart.Count, SitePack.FolderName, string.Join(", ", site.CompressedAtStart.Take(5)));
        }
        app.Use((context, next) => site.ServeAsync(context, next));
        return app;
    }

    /// <summary>
    /// The status code page: an unknown page address (GET of a path without extension or .html, outside /api, /openapi
    /// and /lib) gets the HTML 404 page (wwwroot/404.html, on the page framework) with status 404; everything else keeps
    /// the RFC 7807 problem document. Used as app.UseStatusCodePages(PagesSetup.StatusCodePageAsync).
    /// </summary>
    public static async Task StatusCodePageAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var path = context.Request.Path;
        var wantsPage = context.Response.StatusCode == StatusCodes.Status404NotFound
            && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && !path.StartsWithSegments("/api") && !path.StartsWithSegments("/openapi") && !path.StartsWithSegments("/lib")
            && Path.GetExtension(path.Value ?? "") is "" or ".html" or ".htm";
        var page = wantsPage ? context.RequestServices.GetRequiredService<StaticSite>().Find("/404.html") : null;
        if (page is not null)
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            await context.Response.Body.WriteAsync(page.Plain, context.RequestAborted);
            return;
        }
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = context.Response.StatusCode } });
    }
}
