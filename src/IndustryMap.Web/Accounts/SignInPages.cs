using System.Text.Encodings.Web;
using IndustryMap.Accounts;
using IndustryMap.Authorization;
using IndustryMap.Storage;
using IndustryMap.Web.Authorization;
using IndustryMap.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace IndustryMap.Web.Accounts;

/// <summary>
/// The sign-in page: an HTML form rendered on the server (it works without script), posted with its anti-forgery
/// token, rate-limited per client address. Every value written into the page is HTML-encoded.
/// </summary>
public static class SignInPages
{
    public static void MapSignInPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", (string? returnUrl, HttpContext http, IAntiforgery antiforgery) => Page(http, antiforgery, returnUrl, null, null, StatusCodes.Status200OK))
            .AllowAnonymous().CarriesSecrets().ExcludeFromDescription();
        app.MapPost("/signin", (Delegate)SignIn).AllowAnonymous().CarriesSecrets().RequireRateLimiting(SecuritySetup.SignInRateLimit).ExcludeFromDescription();
        app.MapPost("/signout", (Delegate)SignOutAndGoHome).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> SignIn([FromForm] string? name, [FromForm] string? password, [FromForm] string? returnUrl,
        HttpContext http, SignInService signIn, DeviceCookies devices, Database database, TimeProvider time, IAntiforgery antiforgery)
    {
        if (http.User.ToActor() is { } already)
        {
            // Signing in over a session would leave two identities in one browser: say so instead of failing.
            return Page(http, antiforgery, returnUrl, null,
                $"已经以“{already.Name}”登录；要换一个账户，请先退出登录。 Already signed in as {already.Name}: sign out first to use another account.",
                StatusCodes.Status409Conflict);
        }
        var outcome = await signIn.VerifyAsync(name?.Trim(), password, http);
        if (outcome.Throttled)
        {
            http.Response.Headers.RetryAfter = outcome.RetryAfter;
            return Page(http, antiforgery, returnUrl, name,
                $"尝试次数过多，请 {outcome.RetryAfter} 秒后再试。 Too many attempts: try again in {outcome.RetryAfter} seconds.",
                StatusCodes.Status429TooManyRequests);
        }
        if (outcome.User is not { } user)
        {
            return Page(http, antiforgery, returnUrl, name,
                "用户名或密码不正确，或账户已停用。 Wrong user name or password, or the account is disabled.",
                StatusCodes.Status401Unauthorized);
        }
        var now = time.GetUtcNow().UtcDateTime;
        await UserAccounts.RecordSuccessAsync(database, user.Id, now);
        var session = await UserSessions.StartAsync(database, user.Id, now);
        await http.SignInAsync(SignInSchemes.Cookie, ActorClaims.Principal(user, ActorClaims.CookieAuthentication, session));
        devices.Issue(http, UserNameSkeleton.Of(user.Name));
        return Results.Redirect(LocalOrHome(returnUrl));
    }

    /// <summary>Ends the session on the server too: a copy of the cookie taken before is refused from now on.</summary>
    private static async Task<IResult> SignOutAndGoHome(HttpContext http, Database database, TimeProvider time)
    {
        if (http.User.FindFirst(ActorClaims.SessionClaim)?.Value is { } session)
        {
            await UserSessions.EndAsync(database, session, time.GetUtcNow().UtcDateTime, "signed out");
        }
        await http.SignOutAsync(SignInSchemes.Cookie);
        return Results.Redirect("/");
    }

    /// <summary>
    /// Only a path on this site, in plain printable ASCII: "//evil.example", "/\evil.example" and "/\t/evil.example" are
    /// other sites to a browser (it drops tabs and newlines and reads \ as /), and a control or non-ASCII character
    /// cannot go into a Location header. Anything else goes home.
    /// </summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 2000 } && returnUrl[0] == '/' && (returnUrl.Length == 1 || returnUrl[1] is not ('/' or '\\'))
        && returnUrl.All(c => c is > ' ' and < '\x7f' and not '\\')
            ? returnUrl
            : "/";

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? name, string? message, int status)
    {
        var h = HtmlEncoder.Default;
        var token = antiforgery.GetAndStoreTokens(http);
        var actor = http.User.ToActor();
        var hidden = $"""<input type="hidden" name="{h.Encode(token.FormFieldName)}" value="{h.Encode(token.RequestToken ?? "")}">""";
        var body = actor is not null
            ? $"""
               {(message is null ? "" : $"""<p class="error" role="alert">{h.Encode(message)}</p>""")}
               <p>已登录为 <strong>{h.Encode(actor.Name)}</strong>（{h.Encode(Roles.Chinese(actor.Role))}{(actor.Unit is null ? "" : "，" + h.Encode(actor.Unit))}）。 <span lang="en">Signed in as {h.Encode(actor.Name)}.</span></p>
               <form method="post" action="/signout">{hidden}<button type="submit">退出登录 <span lang="en">Sign out</span></button></form>
               <p><a href="/">返回产业地图 <span lang="en">Back to the map</span></a></p>
               """
            : $"""
               {(message is null ? "" : $"""<p class="error" role="alert">{h.Encode(message)}</p>""")}
               <form method="post" action="/signin">
                 {hidden}
                 <input type="hidden" name="returnUrl" value="{h.Encode(LocalOrHome(returnUrl))}">
                 <label for="name">用户名 <span lang="en">User name</span></label>
                 <input id="name" name="name" autocomplete="username" required maxlength="64" value="{h.Encode(name ?? "")}">
                 <label for="password">密码 <span lang="en">Password</span></label>
                 <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="128">
                 <button type="submit">登录 <span lang="en">Sign in</span></button>
               </form>
               <p class="note">系统没有默认账户：第一个管理员由服务器上的 <code>industrymap user add &lt;name&gt; --role admin</code> 创建。
                 <span lang="en">There is no default account: the first administrator is created on the server with <code>industrymap user add</code>.</span></p>
               """;
        var html = $"""
            <!doctype html>
            <html lang="zh-CN">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>登录 · 重庆市先进制造业产业地图</title>
              <link rel="stylesheet" href="/account.css">
            </head>
            <body>
              <main class="account">
                <h1>登录 <span lang="en">Sign in</span></h1>
                {body}
              </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
