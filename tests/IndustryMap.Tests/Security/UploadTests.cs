using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Dapper;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Security;

/// <summary>POST /api/imports: a zipped seed-data folder, judged by content, size-limited, all-or-nothing.</summary>
public class UploadTests
{
    private static byte[] Zip(string folder, Action<ZipArchive>? extra = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                zip.CreateEntryFromFile(file, "seed-data/" + Path.GetRelativePath(folder, file).Replace('\\', '/'));
            }
            extra?.Invoke(zip);
        }
        return buffer.ToArray();
    }

    private static async Task<long> Runs(SecuredApp app)
    {
        await using var connection = await app.Store.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM import_runs");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task AZipUploadedUnderAnyName_IsImported_ANonZipUnderAZipName_IsRefused(string engine)
    {
        await using var app = await SecuredApp.CreateAsync(engine);
        using var admin = app.As(People.Admin);
        var before = await Runs(app);

        // A real zip sent as "notes.txt" / text/plain: accepted, because the content is what counts.
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Zip(SeedData.Folder));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "notes.txt");
        var imported = await HttpAssert.Json(await admin.PostAsync("/api/imports", form), HttpStatusCode.Created);
        Assert.Equal(41, imported.GetProperty("counts").GetProperty("units").GetInt32());
        Assert.Equal(before + 1, await Runs(app));
        var audit = await IndustryMap.Audit.AuditLog.QueryAsync(app.Store.Database, new(Action: "import.run"));
        Assert.Equal(People.Admin, audit[^1].Actor);

        // A PNG named seed.zip and declared application/zip: refused by its first bytes.
        var png = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]);
        png.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        png.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "seed.zip" };
        await HttpAssert.Problem(await admin.PostAsync("/api/imports", png), HttpStatusCode.UnsupportedMediaType, "not_a_zip");
        Assert.Equal(before + 1, await Runs(app));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task AnInvalidSeedFolder_IsRefusedWithItsErrors_AndNothingChanges(string engine)
    {
        await using var app = await SecuredApp.CreateAsync(engine);
        using var admin = app.As(People.Admin);
        var folder = SeedData.CopyToTemp();
        CsvEdit.SetField(Path.Combine(folder, "000-industry-map-2023", "layout.csv"), r => r["unit"] == "万州区", "unit", "不存在区");
        await admin.GetAsync("/api/session"); // the token's first use records last_used_at; the comparison starts after it
        var dump = await DatabaseDump.TakeAsync(app.Store.Database);

        var refused = await HttpAssert.Json(await admin.PostAsync("/api/imports", new ByteArrayContent(Zip(folder))), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("import_refused", refused.GetProperty("code").GetString());
        var error = refused.GetProperty("errors").EnumerateArray().First(e => e.GetProperty("value").GetString() == "不存在区");
        Assert.EndsWith("layout.csv", error.GetProperty("file").GetString());
        Assert.True(error.GetProperty("row").GetInt32() > 1);
        DatabaseDump.Equal(dump, await DatabaseDump.TakeAsync(app.Store.Database));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task CraftedArchives_AreRefused_PathTraversalAndZipBombs()
    {
        await using var app = await SecuredApp.CreateAsync(Engines.Sqlite);
        using var admin = app.As(People.Admin);
        var outside = Path.Combine(Path.GetTempPath(), "industrymap-escaped-" + Guid.NewGuid().ToString("N") + ".txt");
        var traversal = Zip(SeedData.Folder, zip =>
        {
            using var writer = new StreamWriter(zip.CreateEntry("../../../../../../../.." + outside).Open());
            writer.Write("escaped");
        });
        await HttpAssert.Problem(await admin.PostAsync("/api/imports", new ByteArrayContent(traversal)), HttpStatusCode.BadRequest, "archive_unsafe_path");
        Assert.False(File.Exists(outside));

        var bomb = Zip(SeedData.Folder, zip =>
        {
            using var entry = zip.CreateEntry("seed-data/000-industry-map-2023/padding.txt", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 20; i++) entry.Write(zeros);
        });
        await HttpAssert.Problem(await admin.PostAsync("/api/imports", new ByteArrayContent(bomb)), HttpStatusCode.BadRequest, "archive_suspicious_ratio");
        Assert.Equal(1, await Runs(app));
    }

    [Fact]
    public async Task Uploads_AreSizeLimited()
    {
        await using var app = await SecuredApp.CreateAsync(Engines.Sqlite, new Dictionary<string, string> { ["INDUSTRYMAP_MAX_UPLOAD_MB"] = "1" });
        using var admin = app.As(People.Admin);
        var body = new byte[1024 * 1024 + 1];
        "PK\u0003\u0004"u8.CopyTo(body);
        await HttpAssert.Problem(await admin.PostAsync("/api/imports", new ByteArrayContent(body)), HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        Assert.Equal(1, await Runs(app));
    }

    /// <summary>
    /// Issue 10: the submission upload buffers its body (an .xlsx is a zip, read from its end), so its limit must hold before
    /// the buffer grows: a declared length over it is refused unread, and a chunked body is cut off at the limit. The
    /// endpoint has the request-body limit (INDUSTRYMAP_MAX_BODY_KB, 256 KB by default), not the larger upload limit: a
    /// filled-in template of 1,000 rows is far smaller.
    /// </summary>
    [Fact]
    public async Task SubmissionUploads_AreRefusedAtTheLimit_DeclaredOrChunked()
    {
        await using var app = await SecuredApp.CreateAsync(Engines.Sqlite, new Dictionary<string, string> { ["INDUSTRYMAP_MAX_BODY_KB"] = "1024" });
        using var officer = app.As(People.Wanzhou);
        var url = "/api/submissions/" + Uri.EscapeDataString("万州区") + "/2025Q2/upload?version=0";
        var body = new byte[1024 * 1024 + 1];
        "PK\u0003\u0004"u8.CopyTo(body);

        await HttpAssert.Problem(await officer.PostAsync(url, new ByteArrayContent(body)), HttpStatusCode.RequestEntityTooLarge, "request_too_large");
        using var chunked = await officer.PostAsync(url, new StreamContent(new NoLengthStream(body)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        // Just under the limit the endpoint reads it: not a workbook, refused by content (400), not by size.
        var under = new byte[1024 * 1024 - 1024];
        "PK\u0003\u0004"u8.CopyTo(under);
        using var read = await officer.PostAsync(url, new ByteArrayContent(under));
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, read.StatusCode);
        Assert.True((int)read.StatusCode is >= 400 and < 500, $"{(int)read.StatusCode}: {await read.Content.ReadAsStringAsync()}");
    }

    /// <summary>A body whose length is not known in advance (sent chunked).</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
