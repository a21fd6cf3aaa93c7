using System.Globalization;
using System.Security.Claims;
using IndustryMap.Accounts;
using IndustryMap.Authorization;

namespace IndustryMap.Web.Authorization;

/// <summary>How a signed-in user travels in a request: claims in, <see cref="Actor"/> out.</summary>
public static class ActorClaims
{
    public const string CookieAuthentication = "cookie";
    public const string TokenAuthentication = "token";
    public const string UnitClaim = "industrymap:unit";
    public const string StampClaim = "industrymap:stamp";
    public const string DisplayNameClaim = "industrymap:display";
    /// <summary>The server-side session a cookie belongs to (table user_sessions).</summary>
    public const string SessionClaim = "industrymap:session";

    public static ClaimsPrincipal Principal(UserAccount user, string authenticationType, string? session = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.Name),
            new(ClaimTypes.Role, user.Role),
            new(StampClaim, user.SecurityStamp),
        };
        if (user.Unit is not null) claims.Add(new Claim(UnitClaim, user.Unit));
        if (user.DisplayName is not null) claims.Add(new Claim(DisplayNameClaim, user.DisplayName));
        if (session is not null) claims.Add(new Claim(SessionClaim, session));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The actor of a request, or null for an anonymous visitor.</summary>
    public static Actor? ToActor(this ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not { IsAuthenticated: true }) return null;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = principal.FindFirstValue(ClaimTypes.Name);
        if (id is null || name is null || !Roles.TryParse(principal.FindFirstValue(ClaimTypes.Role), out var role)) return null;
        return new Actor(long.Parse(id, CultureInfo.InvariantCulture), name, role, principal.FindFirstValue(UnitClaim));
    }

    /// <summary>The actor of an endpoint that requires sign-in (its policy has already let only signed-in users through).</summary>
    public static Actor RequireActor(this HttpContext context) =>
        context.User.ToActor() ?? throw new InvalidOperationException("this endpoint must carry a sign-in rule");

    public static bool SignedInWithCookie(this ClaimsPrincipal principal) =>
        principal.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthentication };
}
