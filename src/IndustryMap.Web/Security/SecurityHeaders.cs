namespace IndustryMap.Web.Security;

/// <summary>
/// Headers on every response, errors included (set when the response starts, after any handler has cleared it).
/// The content security policy allows scripts and styles only from this site's own files: no inline script, no
/// eval, no inline style, so markup that slips into a page can neither run nor restyle it. The pages build their
/// DOM without style attributes (the browser tests fail on any CSP violation), ECharts draws on a canvas.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Set in <see cref="HttpContext.Items"/> by a response that is the same for every caller (the site's
    /// static files): it keeps its own Cache-Control also for a signed-in caller.</summary>
    public static readonly object SameForEveryCaller = new();

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
            // Whatever a signed-in user sees may be theirs alone: no shared cache keeps it.
            if ((context.User.Identity?.IsAuthenticated == true && !context.Items.ContainsKey(SameForEveryCaller))
                || context.Request.Path.StartsWithSegments("/signin"))
            {
                headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
