namespace IndustryMap.Web.Api;

/// <summary>
/// RFC 7807 problem documents. <c>code</c> is the stable machine-readable name; <c>detail</c> is Chinese (what
/// people read), <c>detailEn</c> English.
/// </summary>
public static class Problems
{
    public static IResult Of(int status, string code, string detail, string detailEn, IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code, ["detailEn"] = detailEn };
        if (extra is not null) foreach (var (k, v) in extra) extensions[k] = v;
        return Results.Problem(statusCode: status, title: code, detail: detail, type: $"https://industrymap.example/problems/{code}", extensions: extensions);
    }

    public static IResult NotFound(string code, string detail, string detailEn) => Of(StatusCodes.Status404NotFound, code, detail, detailEn);

    public static IResult BadRequest(string code, string detail, string detailEn) => Of(StatusCodes.Status400BadRequest, code, detail, detailEn);
}
