using IndustryMap.Writing;
using Microsoft.AspNetCore.Diagnostics;

namespace IndustryMap.Web.Api;

/// <summary>
/// Turns a refused write (<see cref="RefusedException"/>, thrown by Core before anything is stored) into its problem
/// document, and an over-long or malformed request body into 413/400 instead of a server error.
/// </summary>
public sealed class RefusalProblems : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var result = exception switch
        {
            RefusedException refused => Problems.Of(refused.Kind switch
            {
                RefusalKind.NotFound => StatusCodes.Status404NotFound,
                RefusalKind.Conflict => StatusCodes.Status409Conflict,
                RefusalKind.RuleViolated => StatusCodes.Status422UnprocessableEntity,
                RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status400BadRequest,
            }, refused.Code, refused.MessageZh, refused.MessageEn, Extensions(refused)),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problems.Of(StatusCodes.Status413PayloadTooLarge,
                "request_too_large", "请求内容超过上限", "the request body is larger than the limit"),
            BadHttpRequestException bad => Problems.Of(bad.StatusCode, "bad_request", "请求格式不正确", "the request is malformed: " + bad.Message),
            // A full disk is not the caller's fault, but it is what the operator must hear about: 507 naming it, nothing stored.
            _ when IndustryMap.Storage.StorageFailures.IsDiskFull(exception) => Problems.Of(StatusCodes.Status507InsufficientStorage, "storage_full",
                "服务器磁盘已满，本次修改未保存；请联系管理员", "the server's disk is full: nothing was stored; tell the operator"),
            _ => null,
        };
        if (result is null) return false;
        await result.ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>
    /// The problem document's members beside code and messages: the refusal's details, where it is (file, sheet, row,
    /// field — only the parts that apply) and every problem found (<c>errors</c>, the first 200).
    /// </summary>
    public static Dictionary<string, object?> Extensions(RefusedException refused)
    {
        var extensions = refused.Details.ToDictionary();
        if (refused.File is not null) extensions["file"] = refused.File;
        if (refused.Sheet is not null) extensions["sheet"] = refused.Sheet;
        if (refused.Row is not null) extensions["row"] = refused.Row;
        if (refused.Field is not null) extensions["field"] = refused.Field;
        if (refused.Errors.Count > 0) extensions["errors"] = refused.Errors.Take(200).ToList();
        return extensions;
    }
}
