using IndustryMap.Accounts;
using IndustryMap.Authorization;
using IndustryMap.Storage;
using IndustryMap.Web.Api;
using IndustryMap.Web.Authorization;
using IndustryMap.Web.Security;
using IndustryMap.Writing;
using Microsoft.AspNetCore.Antiforgery;

namespace IndustryMap.Web.Accounts;

/// <summary>The session, user accounts (administrator) and API tokens (each user their own).</summary>
public static class AccountsApi
{
    public sealed record SessionView(bool SignedIn, UserView? User, string? Via, AntiforgeryView? Antiforgery, bool AnonymousRead);

    public sealed record AntiforgeryView(string HeaderName, string Token);

    public sealed record NewUserRequest(string? Name, string? DisplayName, string? Role, string? Unit, string? Password);

    public sealed record NewTokenRequest(string? Name, int? ExpiresInDays);

    /// <param name="RevokeTokens">Also revoke every API token of the user (the page offers it when <see cref="PasswordChanged.ActiveTokens"/> is not 0).</param>
    public sealed record PasswordChange(string? CurrentPassword, string? NewPassword, bool? RevokeTokens = null);

    /// <summary>The answer to a password change: how many API tokens were revoked with it, and how many still work.</summary>
    public sealed record PasswordChanged(int RevokedTokens, int ActiveTokens);

    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("accounts");
        api.MapGet("/session", GetSession).AllowAnonymous().CarriesSecrets().Produces<SessionView>().WithName("GetSession")
            .WithSummary("Who is signed in (if anyone) and, for pages, the anti-forgery token that writes made with the sign-in cookie must send as X-CSRF-TOKEN.");

        api.MapGet("/users", ListUsers).RequireRule(Rules.Administer).Produces<IReadOnlyList<UserView>>().WithName("ListUsers").WithSummary("Every account (administrator).");
        api.MapPost("/users", CreateUser).RequireRule(Rules.Administer).Produces<UserView>(StatusCodes.Status201Created).WithName("CreateUser")
            .WithSummary("Create an account: name, displayName, role (admin|unit|investment|viewer), unit (unit officers), password.");
        api.MapPost("/users/{name}/disable", (string name, HttpContext http, Database db) => SetDisabled(name, true, http, db))
            .RequireRule(Rules.Administer).Produces<UserView>().WithName("DisableUser").WithSummary("Disable an account: its sessions end at once, its tokens stop working.");
        api.MapPost("/users/{name}/enable", (string name, HttpContext http, Database db) => SetDisabled(name, false, http, db))
            .RequireRule(Rules.Administer).Produces<UserView>().WithName("EnableUser").WithSummary("Enable an account again (also lifts a lockout).");

        api.MapPut("/me/password", ChangePassword).RequireRule(Rules.SignedIn).Produces<PasswordChanged>().WithName("ChangeOwnPassword")
            .RequireRateLimiting(SecuritySetup.SignInRateLimit)
            .WithSummary("Change one's own password (needs the current one, throttled like sign-in); every other cookie session ends; revokeTokens: true also revokes one's API tokens.");

        api.MapGet("/tokens", ListTokens).RequireRule(Rules.SignedIn).Produces<IReadOnlyList<ApiTokenView>>().WithName("ListTokens")
            .WithSummary("One's own API tokens (the administrator: ?user= for another user's, ?user=* for all). Tokens themselves are never shown again.");
        api.MapPost("/tokens", CreateToken).RequireRule(Rules.SignedIn).CarriesSecrets().Produces<CreatedToken>(StatusCodes.Status201Created).WithName("CreateToken")
            .WithSummary("Create an API token for oneself; the response is the only time the token is shown.");
        api.MapDelete("/tokens/{id:long}", RevokeToken).RequireRule(Rules.SignedIn).Produces<ApiTokenView>().WithName("RevokeToken")
            .WithSummary("Revoke a token (its owner or the administrator).");
    }

    private static async Task<IResult> GetSession(HttpContext http, Database database, IAntiforgery antiforgery, SecurityOptions options)
    {
        var actor = http.User.ToActor();
        var user = actor?.UserId is { } id ? await UserAccounts.FindByIdAsync(database, id) : null;
        // Only cookie sessions need the token; asking for it sets the anti-forgery cookie that pairs with it.
        var tokens = actor is null || http.User.SignedInWithCookie() ? antiforgery.GetAndStoreTokens(http) : null;
        return Results.Ok(new SessionView(user is not null, user?.ToView(), http.User.Identity?.AuthenticationType,
            tokens?.RequestToken is { } t ? new AntiforgeryView(CookieAntiforgery.HeaderName, t) : null, options.AnonymousRead));
    }

    private static async Task<IResult> ListUsers(Database database) =>
        Results.Ok((await UserAccounts.ListAsync(database)).Select(u => u.ToView()).ToList());

    private static async Task<IResult> CreateUser(NewUserRequest request, HttpContext http, Database database, Passwords passwords)
    {
        if (!Roles.TryParse(request.Role, out var role))
        {
            return Problems.BadRequest("unknown_role", "角色须为 admin、unit、investment 或 viewer", "role must be admin, unit, investment or viewer");
        }
        var user = new NewUser(request.Name?.Trim() ?? "", request.DisplayName, role, request.Unit);
        UserAccounts.Validate(user);
        FieldRules.ThrowIfAny([AccountRules.CheckPassword(request.Password, user.Name)]);
        var created = await UserAccounts.CreateAsync(database, http.RequireActor(), user, passwords.Hash(request.Password!));
        // No route per account: the Location is the list of accounts, which includes it.
        return Results.Created("/api/users", created.ToView());
    }

    private static async Task<IResult> SetDisabled(string name, bool disabled, HttpContext http, Database database) =>
        Results.Ok((await UserAccounts.SetDisabledAsync(database, http.RequireActor(), name, disabled)).ToView());

    private static async Task<IResult> ChangePassword(PasswordChange change, HttpContext http, Database database, Passwords passwords,
        SignInService signIn, DeviceCookies devices, TimeProvider time)
    {
        var actor = http.RequireActor();
        var user = await UserAccounts.FindByIdAsync(database, actor.UserId!.Value);
        if (user is null) return Problems.BadRequest("wrong_password", "当前密码不正确", "the current password is wrong");
        // The same throttled check as sign-in: a stolen session cannot try passwords faster than a guesser at the form.
        var outcome = await signIn.VerifyAsync(user.Name, change.CurrentPassword, http);
        if (outcome.Throttled)
        {
            http.Response.Headers.RetryAfter = outcome.RetryAfter;
            return Problems.Of(StatusCodes.Status429TooManyRequests, "too_many_attempts", SignInText.Chinese(SignInText.Throttled), SignInText.ThrottledEnglish);
        }
        if (outcome.User is null) return Problems.BadRequest("wrong_password", "当前密码不正确", "the current password is wrong");
        FieldRules.ThrowIfAny([AccountRules.CheckPassword(change.NewPassword, user.Name)]);
        var (revoked, active) = await UserAccounts.SetPasswordAsync(database, actor, user.Name, passwords.Hash(change.NewPassword!), change.RevokeTokens == true);
        if (http.User.SignedInWithCookie())
        {
            // Every session of the user ended with the password change, so this one is issued anew.
            var updated = (await UserAccounts.FindByIdAsync(database, user.Id))!;
            var session = await UserSessions.StartAsync(database, user.Id, time.GetUtcNow().UtcDateTime);
            await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.SignInAsync(http, SignInSchemes.Cookie,
                ActorClaims.Principal(updated, ActorClaims.CookieAuthentication, session));
            devices.Issue(http, UserNameSkeleton.Of(user.Name));
        }
        return Results.Ok(new PasswordChanged(revoked, active));
    }

    private static async Task<IResult> ListTokens(string? user, HttpContext http, Database database)
    {
        var actor = http.RequireActor();
        if (user is not null && user != actor.Name && !WriteRules.Administer(actor).Allowed)
        {
            return Problems.Of(StatusCodes.Status403Forbidden, "forbidden", "只能查看自己的令牌", "you may list your own tokens only");
        }
        return Results.Ok(await ApiTokens.ListAsync(database, user == "*" ? null : user ?? actor.Name));
    }

    private static async Task<IResult> CreateToken(NewTokenRequest request, HttpContext http, Database database)
    {
        var actor = http.RequireActor();
        var created = await ApiTokens.CreateAsync(database, actor, actor.Name, request.Name ?? "", request.ExpiresInDays);
        // No route per token: the Location is the list of one's tokens, which includes it (never the secret).
        return Results.Created("/api/tokens", created);
    }

    private static async Task<IResult> RevokeToken(long id, HttpContext http, Database database)
    {
        var actor = http.RequireActor();
        var token = await ApiTokens.FindAsync(database, id);
        if (token is null) return Problems.NotFound("token_not_found", $"没有编号为 {id} 的令牌", $"no token {id}");
        RefusedException.UnlessAllowed(WriteRules.RevokeToken(actor, token.UserId));
        return Results.Ok(await ApiTokens.RevokeAsync(database, actor, id));
    }
}
