using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Api;

/// <summary>
/// Issue 10 §15: a 201 names where the new thing can be read (RFC 9110 §10.2.2) — the real value, never a template such as
/// <c>{period.Code}</c>, and a route that answers GET with 200 for the caller that created it; an import run has no
/// route of its own and sends no Location.
/// </summary>
public class LocationHeaderTests
{
    private static async Task<(Uri Location, JsonElement Body)> CreatedAsync(HttpClient client, HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        var location = response.Headers.Location;
        Assert.NotNull(location);
        Assert.DoesNotContain("{", Uri.UnescapeDataString(location.OriginalString), StringComparison.Ordinal);
        using var read = await client.GetAsync(location);
        Assert.True(read.StatusCode == HttpStatusCode.OK, $"GET {location}: {(int)read.StatusCode} {await read.Content.ReadAsStringAsync()}");
        return (location, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EachCreated_NamesAReadableLocation_AndAnImportNone(string engine)
    {
        await using var app = await SecuredApp.CreateAsync(engine);
        using var admin = app.As(People.Admin);

        // Periods: the period's own code, and its reporting rate answers.
        var (period, _) = await CreatedAsync(admin, await admin.PostAsJsonAsync("/api/periods", new { code = "2041Q3" }));
        Assert.Equal("/api/periods/2041Q3/reporting", period.OriginalString);

        // Users and tokens: the lists that contain them.
        var (user, created) = await CreatedAsync(admin, await admin.PostAsJsonAsync("/api/users",
            new { name = "location-" + engine, role = "viewer", password = "location-password-123" }));
        Assert.Equal("/api/users", user.OriginalString);
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>(user)).EnumerateArray(),
            u => u.GetProperty("name").GetString() == created.GetProperty("name").GetString());
        using var officer = app.As(People.Wanzhou);
        var (tokens, _) = await CreatedAsync(officer, await officer.PostAsJsonAsync("/api/tokens", new { name = "location test" }));
        Assert.Equal("/api/tokens", tokens.OriginalString);
        Assert.Contains((await officer.GetFromJsonAsync<JsonElement>(tokens)).EnumerateArray(), t => t.GetProperty("name").GetString() == "location test");

        // Designations: the draft edition filtered to the designation's unit, which lists it.
        var (_, edition) = await CreatedAsync(admin, await admin.PostAsJsonAsync("/api/layouts", new { year = 2042, title = "位置测试版" }));
        Assert.Equal(2042, edition.GetProperty("year").GetInt32());
        var (designation, added) = await CreatedAsync(admin, await admin.PostAsJsonAsync("/api/layouts/2042/designations",
            new { unit = "南岸区", role = "characteristic", industry = "新能源材料" }));
        Assert.Equal("/api/layouts/2042?unit=" + Uri.EscapeDataString("南岸区"), designation.OriginalString);
        Assert.Contains("南岸区", (await admin.GetStringAsync(designation)), StringComparison.Ordinal);
        Assert.Equal("南岸区", added.GetProperty("unit").GetString());

        // First contacts: the register at the entry's sequence number.
        var (contact, registration) = await CreatedAsync(officer, await officer.PostAsJsonAsync("/api/first-contacts",
            new { unit = "万州区", investor = "位置测试投资方", project = "位置测试项目" }));
        var seq = registration.GetProperty("entry").GetProperty("seq").GetInt64();
        Assert.Equal($"/api/first-contacts?seq={seq}", contact.OriginalString);

        // An import run: 201 with the run in the body and no Location.
        using var zipped = new MemoryStream();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(SeedData.Folder, "*", SearchOption.AllDirectories))
            {
                zip.CreateEntryFromFile(file, "seed-data/" + Path.GetRelativePath(SeedData.Folder, file).Replace('\\', '/'));
            }
        }
        using var import = await admin.PostAsync("/api/imports", new ByteArrayContent(zipped.ToArray()));
        Assert.True(import.StatusCode == HttpStatusCode.Created, await import.Content.ReadAsStringAsync());
        Assert.Null(import.Headers.Location);
    }
}
