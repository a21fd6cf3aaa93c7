using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IndustryMap.Tests.Infrastructure;

/// <summary>The real web application on a test store, called over HTTP (in memory; the browser tests use a real port).</summary>
public sealed class AppFactory(TestStore store) : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in store.Environment) builder.UseSetting(key, value ?? "");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public async Task<JsonElement> GetJson(string url)
    {
        using var client = CreateClient();
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} → {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<T> Get<T>(string url) => (await GetJson(url)).Deserialize<T>(Json)!;
}
