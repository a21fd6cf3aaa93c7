using System.Text.Encodings.Web;
using IndustryMap.Authorization;
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
        HttpContext http, SignInService signIn, IAntiforgery antiforgery)
    {
        var user = await signIn.VerifyAsync(name?.Trim(), password);
        if (user is null)
        {
            return Page(http, antiforgery, returnUrl, name,
                "用户名或密码不正确，或账户已停用或暂时锁定（连续 5 次失败后锁定 15 分钟）。 Wrong user name or password, or the account is disabled or locked.",
                StatusCodes.Status401Unauthorized);
        }
        var principal = ActorClaims.Principal(user, ActorClaims.CookieAuthentication);
        await http.SignInAsync(SignInSchemes.Cookie, principal);
        return Results.Redirect(LocalOrHome(returnUrl));
    }

    private static async Task<IResult> SignOutAndGoHome(HttpContext http)
    {
        await http.SignOutAsync(SignInSchemes.Cookie);
        return Results.Redirect("/");
    }

    /// <summary>Only a path on this site: "//evil.example" and "/\evil.example" are other sites to a browser.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && (returnUrl.Length == 1 || returnUrl[1] is not ('/' or '\\')) && !returnUrl.Contains('\\', StringComparison.Ordinal)
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
