using System.Threading.RateLimiting;
using IndustryMap.Configuration;
using IndustryMap.Storage;
using IndustryMap.Web.Accounts;
using IndustryMap.Web.Api;
using IndustryMap.Web.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IndustryMap.Web.Security;

/// <summary>
/// Everything issue 4 adds to the host, in one place: sign-in (cookie and API token), the authorisation rules,
/// anti-forgery, the sign-in rate limit, request size limits, security headers, and refusals as problems.
/// docs/security.md explains each; docs/decisions/0007 says why it is built this way.
/// </summary>
public static class SecuritySetup
{
    public const string SignInRateLimit = "sign-in";

    public static IServiceCollection AddIndustryMapSecurity(this IServiceCollection services, IndustryMapOptions options, Func<string, string?> configuration)
    {
        var security = SecurityOptions.From(configuration);
        services.AddSingleton(security);

        // Cookie and anti-forgery keys live with the data, so sessions survive a restart and several instances agree.
        // They are stored unencrypted (no key-encryption certificate here): the folder is the owner's alone.
        var keys = new DirectoryInfo(DataFolder.Keys(options.DataDirectory));
        services.AddDataProtection()
            .PersistKeysToFileSystem(keys)
            .SetApplicationName("IndustryMap");

        services.AddSingleton<Passwords>();
        services.AddSingleton<DeviceCookies>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<SignInService>();
        services.AddAuthentication(SignInSchemes.Default)
            .AddPolicyScheme(SignInSchemes.Default, "cookie or API token", o =>
                o.ForwardDefaultSelector = context => SignInSchemes.HasBearer(context) ? SignInSchemes.Token : SignInSchemes.Cookie)
            .AddCookie(SignInSchemes.Cookie, o =>
            {
                o.Cookie.Name = SignInSchemes.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = "/signin";
                // The API answers 401/403 (RuleProblems writes the body); it never redirects a script to a page.
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
                o.Events.OnValidatePrincipal = CookieSessions.ValidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(SignInSchemes.Token, null);

        services.AddAuthorization(Rules.AddPolicies);
        services.AddSingleton<IAuthorizationHandler, RuleHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, RuleProblems>();

        services.AddAntiforgery(o =>
        {
            o.HeaderName = CookieAntiforgery.HeaderName;
            o.Cookie.Name = "industrymap.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddRateLimiter(o =>
        {
            o.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = security.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Problems.Of(StatusCodes.Status429TooManyRequests, "too_many_attempts", "登录或改密码的尝试过于频繁，请一分钟后再试",
                    "too many sign-in or password attempts: try again in a minute").ExecuteAsync(context.HttpContext);
            };
        });

        // Kestrel's own ceiling is the largest body any endpoint accepts; BodyLimits applies the smaller per-endpoint limits.
        services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = security.MaxUploadBytes);
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(f =>
        {
            f.MultipartBodyLengthLimit = security.MaxUploadBytes;
            f.ValueLengthLimit = (int)Math.Min(int.MaxValue, security.MaxBodyBytes);
        });

        services.AddExceptionHandler<RefusalProblems>();
        return services;
    }

    /// <summary>
    /// Place after the exception handler and before static files: headers apply to every response, and routing
    /// runs first so that limits and rules know which endpoint a request is for.
    /// </summary>
    /// <param name="beforeRouting">Middleware that needs the security headers but neither routing nor the caller's
    /// identity (the read cache's anonymous fast path).</param>
    public static WebApplication UseIndustryMapSecurity(this WebApplication app, Action<IApplicationBuilder>? beforeRouting = null)
    {
        // Behind a reverse proxy on this machine (the default trusted proxies are loopback only): the client's address
        // for the sign-in rate limit, and https for Secure cookies and HSTS.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        app.UseMiddleware<SecurityHeaders>();
        beforeRouting?.Invoke(app);
        app.UseRouting();
        app.UseMiddleware<BodyLimits>();
        app.UseAuthentication();
        app.Use(TokenAuthentication.RefuseInvalidTokens);
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<CookieAntiforgery>();
        app.UseRateLimiter();
        return app;
    }
}
