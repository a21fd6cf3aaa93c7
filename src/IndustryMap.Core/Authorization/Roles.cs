namespace IndustryMap.Authorization;

/// <summary>
/// The four roles of issue 4, modelled on DHIS2's organisation-unit scoping: the administrator works at the city
/// level over every unit, a unit officer is bound to one planning unit and writes only within it.
/// </summary>
public enum Role { Admin, Unit, Investment, Viewer }

public static class Roles
{
    public static readonly IReadOnlyList<Role> All = [Role.Admin, Role.Unit, Role.Investment, Role.Viewer];

    public static string Code(Role role) => role switch
    {
        Role.Admin => "admin",
        Role.Unit => "unit",
        Role.Investment => "investment",
        Role.Viewer => "viewer",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string? text, out Role role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Code(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }
        role = default;
        return false;
    }

    public static string Chinese(Role role) => role switch
    {
        Role.Admin => "管理员（市经济信息委）",
        Role.Unit => "区县单位用户",
        Role.Investment => "招商用户",
        Role.Viewer => "只读用户",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}

/// <summary>
/// Who is acting: a signed-in user (web or API token) or the operator at the command line. <see cref="Unit"/> is
/// the planning unit a unit officer is bound to (its canonical name), null for the other roles.
/// </summary>
public sealed record Actor(long? UserId, string Name, Role Role, string? Unit)
{
    /// <summary>
    /// The operator at the server's console. Whoever can run the CLI against the database already holds the
    /// database credentials, so the CLI acts with the administrator's rights and is recorded as "cli:&lt;os user&gt;".
    /// </summary>
    public static Actor Console(string osUser) => new(null, "cli:" + osUser, Role.Admin, null);

    /// <summary>The application itself (first-run seed import, lockouts).</summary>
    public static Actor System(string what) => new(null, "system:" + what, Role.Admin, null);

    public string RoleCode => Roles.Code(Role);
}
