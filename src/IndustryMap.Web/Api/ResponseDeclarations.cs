using Microsoft.OpenApi;

namespace IndustryMap.Web.Api;

/// <summary>
/// How an endpoint declares a download in the OpenAPI document (issue 10 §15): 200 with the file's media types and a
/// binary body. JSON results are declared with <c>.Produces&lt;T&gt;()</c> (201 with <c>.Produces&lt;T&gt;(StatusCodes.Status201Created)</c>).
/// </summary>
public static class ResponseDeclarations
{
    public const string Csv = "text/csv";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, string contentType, params string[] more) =>
        builder.Produces(StatusCodes.Status200OK, typeof(Stream), contentType, more);

    /// <summary>
    /// A JSON endpoint that also answers a download on <c>?format=</c> (CSV, .xlsx): its 200 lists those media types beside
    /// the JSON, each a binary body. A second <c>Produces</c> for the same status would replace the JSON declaration, so
    /// the media types are added to the generated operation instead.
    /// </summary>
    public static RouteHandlerBuilder AlsoAsFile(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var response) == true && response is OpenApiResponse ok)
            {
                ok.Content ??= new Dictionary<string, OpenApiMediaType>();
                foreach (var type in contentTypes) ok.Content[type] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
            }
            return Task.CompletedTask;
        });
}
