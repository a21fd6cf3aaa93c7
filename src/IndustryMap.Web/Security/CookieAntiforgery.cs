using IndustryMap.Web.Api;
using IndustryMap.Web.Authorization;
using Microsoft.AspNetCore.Antiforgery;

namespace IndustryMap.Web.Security;

/// <summary>
/// Cross-site request forgery: a browser sends the sign-in cookie with any request, including one a hostile page
/// makes, so every write made with the cookie must also carry the anti-forgery token (form field or the
/// X-CSRF-TOKEN header, from GET /api/session) that only pages of this site can read. API-token requests carry
/// no ambient credential and need none. The cookie is also SameSite=Strict.
/// </summary>
public sealed class CookieAntiforgery(RequestDelegate next, IAntiforgery antiforgery)
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
        if (!safe && context.User.SignedInWithCookie() && !await antiforgery.IsRequestValidAsync(context))
        {
            await Problems.Of(StatusCodes.Status400BadRequest, "antiforgery_failed",
                $"缺少或无效的防伪令牌：网页发起的修改须带上 {HeaderName} 请求头（令牌见 GET /api/session）",
                $"missing or invalid anti-forgery token: writes made with the sign-in cookie need the {HeaderName} header (GET /api/session)").ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
