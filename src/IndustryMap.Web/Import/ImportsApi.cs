using IndustryMap.Writing;
using IndustryMap.Import;
using IndustryMap.Storage;
using IndustryMap.Web.Api;
using IndustryMap.Web.Authorization;
using IndustryMap.Web.Security;

namespace IndustryMap.Web.Import;

/// <summary>
/// Loading a seed-data folder over the web (administrator): the folder zipped, as the request body or as a file in
/// a multipart form. Checked by content (the zip signature), size-limited, unpacked safely, then imported in one
/// transaction by the same importer as `industrymap import`: everything or nothing.
/// </summary>
public static class ImportsApi
{
    public static void MapImportsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/imports", Import).WithTags("import").RequireRule(Rules.Administer).WithMetadata(UploadBodyLimit.Instance)
            .Produces<ImportResult>(StatusCodes.Status201Created).WithName("ImportSeedData").Accepts<IFormFile>("application/zip", "multipart/form-data")
            .WithSummary("Import a zipped seed-data folder: 201 with counts, or 422 with every error by file, row and field (nothing written).");
    }

    private static async Task<IResult> Import(HttpContext http, Database database, SecurityOptions options, ILoggerFactory loggers)
    {
        var actor = http.RequireActor();
        var work = Path.Combine(Path.GetTempPath(), "industrymap-upload-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var zip = Path.Combine(work, "upload.bin");
            await using (var file = File.Create(zip))
            {
                if (http.Request.HasFormContentType)
                {
                    var form = await http.Request.ReadFormAsync();
                    if (form.Files.Count != 1) return Problems.BadRequest("one_file_expected", "请上传一个 zip 文件", "upload exactly one zip file");
                    await form.Files[0].CopyToAsync(file);
                }
                else
                {
                    await http.Request.Body.CopyToAsync(file);
                }
            }
            var start = new byte[4];
            await using (var check = File.OpenRead(zip)) _ = await check.ReadAtLeastAsync(start, 4, throwOnEndOfStream: false);
            if (!SeedArchive.LooksLikeZip(start))
            {
                return Problems.Of(StatusCodes.Status415UnsupportedMediaType, "not_a_zip",
                    "上传的内容不是 zip 压缩包（按文件内容判断，与文件名和声明的类型无关）",
                    "the upload is not a zip archive (judged by its content, not its name or declared type)");
            }
            var folder = await SeedArchive.ExtractAsync(zip, Path.Combine(work, "unpacked"), options.MaxUploadBytes * 4, http.RequestAborted);
            var result = await SeedImporter.ImportAsync(database, folder, "web: " + actor.Name, http.RequestAborted, actor: actor);
            loggers.CreateLogger("IndustryMap.Import").LogInformation("{User} imported seed data over the web: run {Run}", actor.Name, result.RunId);
            // Import runs have no route of their own: 201 with the run in the body and no Location. A refused import
            // (RefusedException.Import) becomes 422 import_refused with every problem's file, row and field (RefusalProblems).
            return Results.Created((string?)null, result);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
