using IndustryMap.Search;
using IndustryMap.Storage;
using IndustryMap.Web.Api;

namespace IndustryMap.Web.Search;

public static class SearchApi
{
    public static void MapSearchApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/search", Search).WithTags("search").Produces<SearchResult>().WithName("Search")
            .WithSummary("Units, industries and products whose names (or aliases) contain q; one Chinese character is enough.");

    private static async Task<IResult> Search(string? q, Database database)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return Problems.BadRequest("query_required", "请输入要查找的内容（参数 q）", "parameter q is required");
        }
        if (q.Length > SearchQueries.MaxQueryLength)
        {
            return Problems.BadRequest("query_too_long", $"查询内容过长（最多 {SearchQueries.MaxQueryLength} 个字符）",
                $"query longer than {SearchQueries.MaxQueryLength} characters");
        }
        return Results.Ok(await SearchQueries.SearchAsync(database, q));
    }
}
