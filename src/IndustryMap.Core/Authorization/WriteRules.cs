namespace IndustryMap.Authorization;

public enum Verdict { Allow, SignInRequired, Forbidden }

/// <summary>The outcome of a rule: allowed, or why not (Chinese for people, English second).</summary>
public sealed record Decision(Verdict Verdict, string? Reason = null, string? ReasonEn = null)
{
    public static readonly Decision Allow = new(Verdict.Allow);
    public static readonly Decision SignIn = new(Verdict.SignInRequired, "请先登录", "sign in first");

    public bool Allowed => Verdict == Verdict.Allow;

    public static Decision Forbid(string reason, string reasonEn) => new(Verdict.Forbidden, reason, reasonEn);
}

/// <summary>
/// Who may change what. Pure functions of the actor and the record's unit; the web host turns each into an
/// authorisation policy (Web/Authorization/Rules.cs), and later features call them for their own endpoints.
/// </summary>
public static class WriteRules
{
    /// <summary>
    /// Issue 4 §2: the administrator (市经济信息委) keeps the catalog, the layout editions, plans, approvals and the
    /// user accounts.
    /// </summary>
    public static Decision Administer(Actor? actor) => actor switch
    {
        null => Decision.SignIn,
        { Role: Role.Admin } => Decision.Allow,
        _ => Decision.Forbid($"此操作仅限管理员（市经济信息委），当前身份为{Roles.Chinese(actor.Role)}",
            $"only the administrator may do this; you are signed in as {actor.RoleCode}"),
    };

    /// <summary>
    /// Issue 4 §2, DHIS2 organisation-unit scoping: a unit officer (区县) writes the data of the one planning unit
    /// they are bound to; the administrator works at the city level and may write any unit's data.
    /// </summary>
    public static Decision WriteUnitData(Actor? actor, string unit) => actor switch
    {
        null => Decision.SignIn,
        { Role: Role.Admin } => Decision.Allow,
        { Role: Role.Unit } when string.Equals(actor.Unit, unit, StringComparison.Ordinal) => Decision.Allow,
        { Role: Role.Unit } => Decision.Forbid($"您只能修改{actor.Unit}的数据，不能修改{unit}的数据",
            $"you may change the data of {actor.Unit} only, not of {unit}"),
        _ => Decision.Forbid($"只有{unit}的区县单位用户或管理员可以修改该单位的数据",
            $"only a unit officer of {unit} or the administrator may change this unit's data"),
    };

    /// <summary>Issue 4 §2: investment officers (招商) own placements and the project pipeline (issue 6); so does the administrator.</summary>
    public static Decision WriteInvestment(Actor? actor) => actor switch
    {
        null => Decision.SignIn,
        { Role: Role.Admin or Role.Investment } => Decision.Allow,
        _ => Decision.Forbid("此操作仅限招商用户或管理员", "only an investment officer or the administrator may do this"),
    };

    /// <summary>
    /// Issue 16 §1: a plan is taken in (uploaded, its proposals accepted or rejected) by the administrator, or by a unit
    /// officer for a plan of their own unit; a city-wide or regional plan is the administrator's.
    /// </summary>
    public static Decision TakeInPlan(Actor? actor, string scopeKind, string? unit) => scopeKind == "unit" && unit is not null
        ? WriteUnitData(actor, unit)
        : Administer(actor);

    /// <summary>Any signed-in user manages their own credentials (password, API tokens).</summary>
    public static Decision ManageOwnCredentials(Actor? actor) => actor is null ? Decision.SignIn : Decision.Allow;

    /// <summary>A token is revoked by its owner or by the administrator.</summary>
    public static Decision RevokeToken(Actor? actor, long ownerUserId) => actor switch
    {
        null => Decision.SignIn,
        { Role: Role.Admin } => Decision.Allow,
        _ when actor.UserId == ownerUserId => Decision.Allow,
        _ => Decision.Forbid("只能吊销自己的令牌", "you may revoke your own tokens only"),
    };
}

/// <summary>Who may read what.</summary>
public static class ReadRules
{
    /// <summary>
    /// Issue 4 §2: anonymous visitors read the published map, layouts, plans and documents (unless the deployment
    /// turns anonymous reading off); every signed-in role reads everything published.
    /// </summary>
    public static Decision PublishedData(Actor? actor, bool anonymousRead) =>
        actor is not null || anonymousRead ? Decision.Allow : Decision.SignIn;

    /// <summary>Drafts, unit contacts and other internal data: any signed-in role ("viewer reads everything").</summary>
    public static Decision InternalData(Actor? actor) => actor is null ? Decision.SignIn : Decision.Allow;

    /// <summary>The audit log and the user list are the administrator's.</summary>
    public static Decision AdministrativeData(Actor? actor) => WriteRules.Administer(actor);
}
