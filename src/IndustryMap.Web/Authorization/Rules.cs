using System.Text.Json;
using IndustryMap.Authorization;
using IndustryMap.Storage;
using IndustryMap.Units;
using IndustryMap.Web.Api;
using IndustryMap.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace IndustryMap.Web.Authorization;

/// <summary>
/// The authorisation rules an endpoint can require, each backed by a pure function of Core's
/// <see cref="WriteRules"/>/<see cref="ReadRules"/>. A new endpoint says which applies:
/// <c>api.MapPost(...).RequireRule(Rules.UnitData)</c>. An endpoint that says nothing is readable by the public
/// (GET) or refused to everyone (any other method): writes fail closed.
/// </summary>
public static class Rules
{
    /// <summary>The administrator only (catalog, layout editions, plans, approvals, users, imports, the audit log).</summary>
    public const string Administer = "rule:administer";

    /// <summary>The data of the planning unit named by the route's <c>{unit}</c>: its unit officer, or the administrator.</summary>
    public const string UnitData = "rule:unit-data";

    /// <summary>Placements and the pipeline (issue 6): investment officers and the administrator.</summary>
    public const string Investment = "rule:investment";

    /// <summary>Any signed-in user: internal reads, one's own password and tokens.</summary>
    public const string SignedIn = "rule:signed-in";

    /// <summary>The route value that <see cref="UnitData"/> reads.</summary>
    public const string UnitRouteValue = "unit";

    public static readonly IReadOnlyList<string> All = [Administer, UnitData, Investment, SignedIn];

    public static TBuilder RequireRule<TBuilder>(this TBuilder builder, string rule) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(rule);

    internal static void AddPolicies(AuthorizationOptions options)
    {
        foreach (var rule in All)
        {
            options.AddPolicy(rule, policy => policy.AddRequirements(new RuleRequirement(rule)));
        }
        // Endpoints without a rule: public reads (as configured), and writes refused to everyone.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().AddRequirements(new RuleRequirement(null)).Build();
    }
}

/// <summary>One rule, or null for the fallback that applies to endpoints that name no rule.</summary>
public sealed class RuleRequirement(string? rule) : IAuthorizationRequirement
{
    public string? Rule { get; } = rule;
}

public sealed class RuleHandler(Database database, SecurityOptions options) : AuthorizationHandler<RuleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RuleRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        var actor = context.User.ToActor();
        var decision = requirement.Rule switch
        {
            Rules.Administer => WriteRules.Administer(actor),
            Rules.Investment => WriteRules.WriteInvestment(actor),
            Rules.SignedIn => ReadRules.InternalData(actor),
            Rules.UnitData => WriteRules.WriteUnitData(actor, await UnitOfRouteAsync(http)),
            _ => Fallback(http, actor),
        };
        if (decision.Allowed) context.Succeed(requirement);
        else context.Fail(new AuthorizationFailureReason(this, JsonSerializer.Serialize(decision)));
    }

    private Decision Fallback(HttpContext? http, Actor? actor)
    {
        // Static files (no endpoint) are the public shell of the pages; the data they show comes from the API.
        if (http?.GetEndpoint() is null) return Decision.Allow;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
        {
            return ReadRules.PublishedData(actor, options.AnonymousRead);
        }
        return actor is null
            ? Decision.SignIn
            : Decision.Forbid("此接口没有声明写入规则，已拒绝（默认拒绝）", "this endpoint declares no write rule, so it is refused (fail closed)");
    }

    /// <summary>The canonical name of the unit in the route (a name, alias or code), so "万州" and "万州区" are the same unit.</summary>
    private async Task<string> UnitOfRouteAsync(HttpContext? http)
    {
        var raw = http?.Request.RouteValues[Rules.UnitRouteValue]?.ToString() ?? "";
        return raw.Length == 0 ? raw : (await UnitQueries.FindAsync(database, raw))?.Name ?? raw;
    }
}

/// <summary>Refusals as problem documents: 401 with code sign_in_required, 403 forbidden with the rule's reason.</summary>
public sealed class RuleProblems : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context);
            return;
        }
        var decision = authorizeResult.AuthorizationFailure?.FailureReasons
            .Select(r => JsonSerializer.Deserialize<Decision>(r.Message)).FirstOrDefault(d => d is not null);
        if (authorizeResult.Challenged)
        {
            // (A presented but unusable API token never gets here: TokenAuthentication.RefuseInvalidTokens answers first.)
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"industrymap\"";
            await Problems.Of(StatusCodes.Status401Unauthorized, "sign_in_required", "请先登录（网页登录或 API 令牌）", "sign in first (web sign-in or an API token)")
                .ExecuteAsync(context);
            return;
        }
        await Problems.Of(StatusCodes.Status403Forbidden, "forbidden", decision?.Reason ?? "没有权限", decision?.ReasonEn ?? "not allowed").ExecuteAsync(context);
    }
}
