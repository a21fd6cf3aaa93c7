namespace IndustryMap.Web.Security;

/// <summary>
/// Headers on every response, errors included (set when the response starts, after any handler has cleared it).
/// The content security policy allows scripts only from this site's own files: no inline script, no eval, so
/// markup that slips into a page cannot run. Style attributes are allowed (style-src-attr) because chart libraries
/// (ECharts tooltips) write them; style elements and style sheets still come only from this site.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

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
            if (context.User.Identity?.IsAuthenticated == true || context.Request.Path.StartsWithSegments("/signin"))
            {
                headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
