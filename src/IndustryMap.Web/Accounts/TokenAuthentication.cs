using System.Text.Encodings.Web;
using IndustryMap.Accounts;
using IndustryMap.Storage;
using IndustryMap.Web.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace IndustryMap.Web.Accounts;

/// <summary>The two ways in: a cookie (pages) and an API token (machine clients, <c>Authorization: Bearer imk_…</c>).</summary>
public static class SignInSchemes
{
    /// <summary>Chooses per request: a Bearer header means the token scheme, anything else the cookie.</summary>
    public const string Default = "industrymap";
    public const string Cookie = "industrymap.cookie";
    public const string Token = "industrymap.token";
    public const string CookieName = "industrymap.auth";

    public static bool HasBearer(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// API-token authentication. A request that presents a token that is invalid, expired or revoked is refused with
/// 401 everywhere, even on public reads: a machine client learns at once that its token stopped working instead of
/// silently reading as an anonymous visitor.
/// </summary>
public sealed class TokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Database database)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string InvalidTokenItem = "industrymap:invalid-token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var user = await ApiTokens.AuthenticateAsync(database, header["Bearer ".Length..].Trim());
        if (user is null)
        {
            Context.Items[InvalidTokenItem] = true;
            return AuthenticateResult.Fail("invalid, expired or revoked API token");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(ActorClaims.Principal(user, ActorClaims.TokenAuthentication), Scheme.Name));
    }

    /// <summary>Middleware, after authentication: answers 401 invalid_token for a presented but unusable token.</summary>
    public static async Task RefuseInvalidTokens(HttpContext context, RequestDelegate next)
    {
        if (context.Items.ContainsKey(InvalidTokenItem))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"industrymap\", error=\"invalid_token\"";
            await Api.Problems.Of(StatusCodes.Status401Unauthorized, "invalid_token", "令牌无效、已过期或已被吊销", "the token is invalid, expired or revoked")
                .ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}

/// <summary>
/// Checks a cookie session against the account and its server-side session on every request that reaches an endpoint:
/// a disabled account, a changed password, any other change of the security stamp, or a sign-out (which ends the
/// session row) ends the session at once, not when the cookie expires — a copied cookie included.
/// </summary>
public static class CookieSessions
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.HttpContext.GetEndpoint() is null) return; // static files need no identity
        var actor = context.Principal.ToActor();
        var stamp = context.Principal?.FindFirst(ActorClaims.StampClaim)?.Value;
        var database = context.HttpContext.RequestServices.GetRequiredService<Database>();
        var session = context.Principal?.FindFirst(ActorClaims.SessionClaim)?.Value;
        var user = actor?.UserId is { } id ? await UserAccounts.FindByIdAsync(database, id) : null;
        if (user is null || user.DisabledAt is not null || user.SecurityStamp != stamp || session is null
            || !await UserSessions.IsOpenAsync(database, session, user.Id))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SignInSchemes.Cookie);
            return;
        }
        if (user.Role != context.Principal!.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value || user.Unit != actor!.Unit)
        {
            context.ReplacePrincipal(ActorClaims.Principal(user, ActorClaims.CookieAuthentication, session));
            context.ShouldRenew = true;
        }
    }
}
