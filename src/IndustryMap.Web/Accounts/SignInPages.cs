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
            return Page(http, antiforgery, returnUrl, null, SignInText.AlreadySignedIn, StatusCodes.Status409Conflict);
        }
        var outcome = await signIn.VerifyAsync(name?.Trim(), password, http);
        if (outcome.Throttled)
        {
            http.Response.Headers.RetryAfter = outcome.RetryAfter;
            return Page(http, antiforgery, returnUrl, name, SignInText.Throttled, StatusCodes.Status429TooManyRequests);
        }
        if (outcome.User is not { } user)
        {
            return Page(http, antiforgery, returnUrl, name, SignInText.Refused, StatusCodes.Status401Unauthorized);
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

    /// <summary>
    /// The page is built on the common page framework: the site header, /css/app.css, and /js/signin.js, which fills the
    /// header and translates the data-i18n texts (English when chosen). Without script the form still works, in Chinese.
    /// </summary>
    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? name, string? messageKey, int status)
    {
        var h = HtmlEncoder.Default;
        var token = antiforgery.GetAndStoreTokens(http);
        var actor = http.User.ToActor();
        var hidden = $"""<input type="hidden" name="{h.Encode(token.FormFieldName)}" value="{h.Encode(token.RequestToken ?? "")}">""";
        var body = actor is not null
            ? $"""
               {(messageKey is null ? "" : $"""<p class="error" role="alert" data-i18n="{messageKey}">{h.Encode(SignInText.Chinese(messageKey))}</p>""")}
               <p><span data-i18n="signin.signedInAs">已登录为</span> <strong class="data">{h.Encode(actor.Name)}</strong>
                 （<span data-i18n="role.{h.Encode(actor.RoleCode)}">{h.Encode(Roles.Chinese(actor.Role))}</span>{(actor.Unit is null ? "" : "，<span class=\"data\">" + h.Encode(actor.Unit) + "</span>")}）</p>
               <form method="post" action="/signout">{hidden}<button type="submit" data-i18n="signOut">退出登录</button></form>
               <p><a href="/" data-i18n="backToMap">返回产业地图</a></p>
               """
            : $"""
               {(messageKey is null ? "" : $"""<p class="error" role="alert" data-i18n="{messageKey}">{h.Encode(SignInText.Chinese(messageKey))}</p>""")}
               <form method="post" action="/signin" class="card account-form">
                 {hidden}
                 <input type="hidden" name="returnUrl" value="{h.Encode(LocalOrHome(returnUrl))}">
                 <label for="name" data-i18n="signin.name">用户名</label>
                 <input id="name" name="name" autocomplete="username" required maxlength="64" value="{h.Encode(name ?? "")}">
                 <label for="password" data-i18n="signin.password">密码</label>
                 <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="128">
                 <button type="submit" data-i18n="signIn">登录</button>
               </form>
               <p class="note"><span data-i18n="signin.noDefault">系统没有默认账户：第一个管理员由服务器上的命令创建：</span> <code>industrymap user add &lt;name&gt; --role admin</code></p>
               """;
        var html = $"""
            <!doctype html>
            <html lang="zh-CN">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>登录 · 产业地图</title>
              <link rel="stylesheet" href="/css/app.css">
              <script type="module" src="/js/signin.js"></script>
            </head>
            <body class="page-signin">
              <a class="skip" href="#main" data-i18n="skip">跳到正文</a>
              <header class="site"><div class="brand"><a href="/">重庆市先进制造业产业地图</a></div></header>
              <main id="main" class="account">
                <h1 data-i18n="signin.heading">登录</h1>
                {body}
              </main>
              <footer class="site"></footer>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}

/// <summary>The sign-in page's server-side messages in Chinese (the page's script shows the English of the same key).</summary>
public static class SignInText
{
    public const string Refused = "signin.refused";
    public const string AlreadySignedIn = "signin.already";
    public const string Throttled = "signin.throttled";

    /// <summary>The throttle's refusal in English for API clients (the page shows the i18n text of <see cref="Throttled"/>).</summary>
    public const string ThrottledEnglish = "too many attempts: try again later (the wait is in the Retry-After header)";

    public static string Chinese(string key) => key switch
    {
        Refused => "用户名或密码不正确，或账户已停用。",
        AlreadySignedIn => "已经登录；要换一个账户，请先退出登录。",
        Throttled => "尝试次数过多，请稍后再试（等待时间见响应头 Retry-After）。",
        _ => key,
    };
}
