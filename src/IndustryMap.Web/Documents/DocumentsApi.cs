using IndustryMap.Documents;
using IndustryMap.Provenance;
using IndustryMap.Storage;
using IndustryMap.Web.Api;

namespace IndustryMap.Web.Documents;

public static class DocumentsApi
{
    public sealed record DocumentExcerpt(string Document, string Title, int From, int To, IReadOnlyList<DocumentLine> Lines);

    public static void MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/documents").WithTags("documents");
        api.MapGet("/", ListDocuments).Produces<IReadOnlyList<SourceDocument>>().WithName("ListDocuments").WithSummary("The source documents: title, issuer, number, date.");
        api.MapGet("/{document}", GetDocument).Produces<SourceDocument>().WithName("GetDocument");
        api.MapGet("/{document}/lines/{range}", GetLines).Produces<DocumentExcerpt>().WithName("GetDocumentLines")
            .WithSummary("The text of lines {from}-{to} (or one line) of a document, as cited by a fact's source.");
    }

    private static async Task<IResult> ListDocuments(Database database) => Results.Ok(await DocumentQueries.ListAsync(database));

    private static async Task<IResult> GetDocument(string document, Database database) =>
        await DocumentQueries.FindAsync(database, document) is { } found
            ? Results.Ok(found)
            : Problems.NotFound("document_not_found", $"没有编号为“{document}”的文件", $"no document '{document}'");

    private static async Task<IResult> GetLines(string document, string range, Database database)
    {
        if (!LineRange.TryParse(range, out var lines))
        {
            return Problems.BadRequest("malformed_lines", $"行号格式错误：“{range}”（应为 40 或 285-289）", $"malformed line range '{range}' (expected 40 or 285-289)");
        }
        var found = await DocumentQueries.FindAsync(database, document);
        if (found is null) return Problems.NotFound("document_not_found", $"没有编号为“{document}”的文件", $"no document '{document}'");
        if (lines.To > found.LineCount || lines.To - lines.From >= DocumentQueries.MaxExcerpt)
        {
            return Problems.NotFound("lines_out_of_range", $"行号 {lines} 超出文件范围（共 {found.LineCount} 行）",
                $"lines {lines} are outside the document ({found.LineCount} lines)");
        }
        return Results.Ok(new DocumentExcerpt(found.Id, found.Title, lines.From, lines.To, await DocumentQueries.LinesAsync(database, document, lines.From, lines.To)));
    }
}
