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
}
