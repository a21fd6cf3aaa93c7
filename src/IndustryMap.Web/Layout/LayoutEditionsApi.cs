using IndustryMap.Web.Api;
using IndustryMap.Layout;
using IndustryMap.Storage;
using IndustryMap.Web.Authorization;

namespace IndustryMap.Web.Layout;

/// <summary>The administrator's layout-edition management: a draft for a year, designations in and out, publish.</summary>
public static class LayoutEditionsApi
{
    public sealed record EditionRequest(int? Year, string? Title, string? Note, int? CopyFrom);

    public sealed record DesignationRequest(string? Unit, string? Role, string? Industry, string? Printed, string? Detail, string? Note,
        SourceRequest? Source);

    public sealed record SourceRequest(string? Document, string? Lines);

    public static void MapLayoutEditionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/layouts").WithTags("layout").RequireRule(Rules.Administer);
        api.MapPost("/", CreateDraft).Produces<EditionRow>(StatusCodes.Status201Created).WithName("CreateLayoutEdition")
            .WithSummary("Create a draft edition for a year (empty, or copyFrom another edition's designations). Administrator.");
        api.MapPost("/{year:int}/designations", AddDesignation).Produces<StoredDesignation>(StatusCodes.Status201Created).WithName("AddLayoutDesignation")
            .WithSummary("Add a designation to a draft: unit, role (dominant|characteristic), industry (33618), optional printed, detail, note, source. The caps of LayoutRules apply.");
        api.MapDelete("/{year:int}/designations/{id:long}", RemoveDesignation).Produces<StoredDesignation>().WithName("RemoveLayoutDesignation")
            .WithSummary("Remove a designation from a draft.");
        api.MapPost("/{year:int}/publish", Publish).Produces<EditionRow>().WithName("PublishLayoutEdition")
            .WithSummary("Publish a draft: the map shows it, and it can no longer be edited.");
    }

    private static async Task<IResult> CreateDraft(EditionRequest request, HttpContext http, Database database)
    {
        var edition = await LayoutEditing.CreateDraftAsync(database, http.RequireActor(),
            new NewEdition(request.Year ?? 0, request.Title ?? "", request.Note, request.CopyFrom));
        return Results.Created($"/api/layouts/{edition.Year}", edition);
    }

    private static async Task<IResult> AddDesignation(int year, DesignationRequest request, HttpContext http, Database database)
    {
        var stored = await LayoutEditing.AddDesignationAsync(database, http.RequireActor(), year, new NewDesignation(request.Unit ?? "", request.Role ?? "",
            request.Industry ?? "", request.Printed, request.Detail, request.Note, request.Source?.Document, request.Source?.Lines));
        // There is no route per designation: the Location is the edition's rows for the unit, which include it.
        return Results.Created($"/api/layouts/{year}?unit={Uri.EscapeDataString(stored.Unit)}", stored);
    }

    private static async Task<IResult> RemoveDesignation(int year, long id, HttpContext http, Database database) =>
        Results.Ok(await LayoutEditing.RemoveDesignationAsync(database, http.RequireActor(), year, id));

    private static async Task<IResult> Publish(int year, HttpContext http, Database database) =>
        Results.Ok(await LayoutEditing.PublishAsync(database, http.RequireActor(), year));
}
