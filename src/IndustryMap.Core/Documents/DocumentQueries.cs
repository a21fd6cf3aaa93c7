using Dapper;
using IndustryMap.Storage;

namespace IndustryMap.Documents;

public sealed record SourceDocument(
    string Id, string Folder, string Title, string? Issuer, string? Number, string? IssuedOn, string? Period, string? Kind,
    long? TitleFrom, long? TitleTo, string? Note, long LineCount, string Sha256);

public sealed record DocumentLine(long Number, string Text);

public static class DocumentQueries
{
    /// <summary>The widest excerpt one request may ask for; the whole of the longest seed is 2,897 lines.</summary>
    public const int MaxExcerpt = 5000;

    private const string Columns = "id, folder, title, issuer, number, issued_on, period, kind, title_from, title_to, note, line_count, sha256";

    public static async Task<IReadOnlyList<SourceDocument>> ListAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<SourceDocument>($"SELECT {Columns} FROM documents ORDER BY id")).ToList();
    }

    public static async Task<SourceDocument?> FindAsync(Database database, string id)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<SourceDocument>($"SELECT {Columns} FROM documents WHERE id = @id", new { id });
    }

    public static async Task<IReadOnlyList<DocumentLine>> LinesAsync(Database database, string id, int from, int to)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<DocumentLine>(
            "SELECT line_no AS number, text FROM document_lines WHERE document_id = @id AND line_no BETWEEN @from AND @to ORDER BY line_no",
            new { id, from = (long)from, to = (long)to })).ToList();
    }
}
