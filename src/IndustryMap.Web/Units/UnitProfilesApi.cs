using System.Globalization;
using IndustryMap.Storage;
using IndustryMap.Units;
using IndustryMap.Web.Api;
using IndustryMap.Web.Authorization;

namespace IndustryMap.Web.Units;

/// <summary>
/// A unit's profile (contact person, phone, description): read by any signed-in user, written by the unit's own
/// officer or the administrator, with optimistic concurrency (the version in the body, or If-Match: "v3").
/// </summary>
public static class UnitProfilesApi
{
    public sealed record ProfileRequest(string? ContactPerson, string? Phone, string? Description, long? Version);

    public static void MapUnitProfilesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/units").WithTags("units");
        api.MapGet("/{unit}/profile", GetProfile).RequireRule(Rules.SignedIn).Produces<IndustryMap.Units.UnitProfile>().WithName("GetUnitContactProfile")
            .WithSummary("A unit's contact person, phone and description with its version (0: nothing entered yet). Signed-in users.");
        api.MapPut("/{unit}/profile", SaveProfile).RequireRule(Rules.UnitData).Produces<IndustryMap.Units.UnitProfile>().WithName("SaveUnitContactProfile")
            .WithSummary("Save a unit's profile: its unit officer or the administrator. The version it was based on is required; a stale version gets 409.");
    }

    private static string ETag(long version) => string.Create(CultureInfo.InvariantCulture, $"\"v{version}\"");

    private static async Task<IResult> GetProfile(string unit, HttpContext http, Database database)
    {
        var profile = await UnitProfiles.GetAsync(database, unit);
        if (profile is null) return Problems.NotFound("unit_not_found", $"没有名为“{unit}”的规划单元", $"no planning unit '{unit}'");
        http.Response.Headers.ETag = ETag(profile.Version);
        return Results.Ok(profile);
    }

    private static async Task<IResult> SaveProfile(string unit, ProfileRequest request, HttpContext http, Database database)
    {
        var version = request.Version;
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && version is null)
        {
            version = ifMatch.Trim('"', 'W', '/').TrimStart('v') is var v && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : null;
        }
        if (version is null or < 0)
        {
            return Problems.BadRequest("version_required", "请给出所修改资料的版本号（version，或 If-Match 请求头；新建为 0）",
                "say which version you edited (version, or the If-Match header; 0 for a new profile)");
        }
        var saved = await UnitProfiles.SaveAsync(database, http.RequireActor(), unit,
            new UnitProfileInput(request.ContactPerson, request.Phone, request.Description), version.Value);
        http.Response.Headers.ETag = ETag(saved.Version);
        return Results.Ok(saved);
    }
}
