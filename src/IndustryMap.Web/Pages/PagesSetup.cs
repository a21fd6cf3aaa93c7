using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace IndustryMap.Web.Pages;

/// <summary>
/// How the pages in wwwroot are served: compressed (the trimmed ECharts bundle is 600 KB raw, about 200 KB gzipped),
/// GeoJSON with its media type, third-party libraries cacheable for a day and our own files revalidated on every
/// load (ETag), so a deploy is seen at once. See docs/decisions/0004-pages-static-es-modules.md.
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
        return services;
    }

    public static WebApplication UseIndustryMapPages(this WebApplication app)
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".geojson"] = "application/geo+json";
        types.Mappings[".mjs"] = "text/javascript";
        app.UseResponseCompression();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            ContentTypeProvider = types,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers[HeaderNames.CacheControl] = context.Context.Request.Path.StartsWithSegments("/lib") ? "public, max-age=86400" : "no-cache";
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
            },
        });
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
        var file = wantsPage ? context.RequestServices.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider.GetFileInfo("404.html") : null;
        if (file is { Exists: true })
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            await context.Response.SendFileAsync(file);
            return;
        }
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = context.Response.StatusCode } });
    }
}
