using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IndustryMap.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IndustryMap.Tests.Api;

/// <summary>
/// Issue 10 item 15: the API contract. The OpenAPI document the app serves is committed (docs/openapi.json) and a
/// change to it fails here until the file is regenerated (<c>bash scripts/openapi.sh</c>); every mapped GET route is
/// in it; and every GET route of it answers without a 5xx for every role, on both engines.
/// </summary>
public partial class OpenApiDocumentTests
{
    public static string CommittedPath => Path.Combine(SeedData.RepositoryRoot, "docs", "openapi.json");
    public static string GeneratedPath => Path.Combine(SeedData.RepositoryRoot, "artifacts", "openapi.json");

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>The document as the app serves it, written in the committed form (indented, Chinese readable, LF).</summary>
    public static async Task<string> ServedDocumentAsync(SecuredApp app)
    {
        using var client = app.As(null);
        var text = await client.GetStringAsync("/openapi/v1.json");
        return JsonNode.Parse(text)!.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    [Fact]
    public async Task TheCommittedDocument_IsTheServedOne()
    {
        await using var app = await SecuredApp.CreateAsync(Engines.Sqlite);
        var served = await ServedDocumentAsync(app);
        // Always written to the ignored artifacts folder: scripts/openapi.sh copies it over docs/openapi.json.
        Directory.CreateDirectory(Path.GetDirectoryName(GeneratedPath)!);
        await File.WriteAllTextAsync(GeneratedPath, served);
        Assert.True(File.Exists(CommittedPath), $"docs/openapi.json is missing: run `bash scripts/openapi.sh` and commit it");
        var committed = (await File.ReadAllTextAsync(CommittedPath)).ReplaceLineEndings("\n");
        Assert.True(committed == served,
            "The API contract changed: docs/openapi.json differs from the document the app serves (written to artifacts/openapi.json). " +
            "If the change is intended, run `bash scripts/openapi.sh` and commit docs/openapi.json.");
    }

    /// <summary>
    /// Issue 10 §15: every operation declares its success response body — a schema for JSON (<c>.Produces&lt;T&gt;()</c>), the
    /// media type and a binary body for files (<c>.ProducesFile(…)</c>), or 204. A new endpoint without one fails here.
    /// </summary>
    [Fact]
    public async Task EveryOperation_DeclaresItsSuccessResponse()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath))!;
        var undeclared = new List<string>();
        var operations = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                operations++;
                var success = operation!["responses"]?.AsObject().Where(r => r.Key.StartsWith('2')).ToList() ?? [];
                if (success.All(r => r.Key != "204" && r.Value?["content"] is null)) undeclared.Add($"{method.ToUpperInvariant()} {path}");
            }
        }
        Assert.True(operations > 100, $"only {operations} operations in the document");
        Assert.True(undeclared.Count == 0, "Operations without a declared success response (declare it with .Produces<T>() or .ProducesFile(…)):\n" +
                                           string.Join("\n", undeclared));
    }

    /// <summary>
    /// A declared JSON body says what it holds: a reference to a named schema, properties, items or a primitive type, never
    /// a free-form object (what a handler returning a <c>JsonObject</c> or an anonymous type declares).
    /// </summary>
    [Fact]
    public async Task EveryJsonSuccessResponse_HasASchemaThatSaysWhatItHolds()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath))!;
        var freeForm = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                foreach (var (status, response) in operation!["responses"]?.AsObject().Where(r => r.Key.StartsWith('2')) ?? [])
                {
                    if (response?["content"]?["application/json"]?["schema"] is not JsonObject schema) continue;
                    // A reference counts by what it names: "#/components/schemas/JsonObject" is a free-form object too.
                    var named = schema["$ref"]?.GetValue<string>() is { } reference
                        ? document["components"]!["schemas"]![reference["#/components/schemas/".Length..]]!.AsObject()
                        : schema;
                    var says = named.ContainsKey("properties") || named.ContainsKey("items") || named.ContainsKey("allOf") || named.ContainsKey("oneOf")
                               || named.ContainsKey("anyOf") || named["type"] is JsonValue type && type.GetValue<string>() != "object"
                               || named["type"] is JsonArray;
                    if (!says) freeForm.Add($"{method.ToUpperInvariant()} {path} {status}: {schema.ToJsonString()}");
                }
            }
        }
        Assert.True(freeForm.Count == 0, "JSON responses declared as a free-form object:\n" + string.Join("\n", freeForm));
    }

    /// <summary>The JSON endpoints that also answer a spreadsheet on ?format= list those media types on their 200 beside the JSON.</summary>
    [Theory]
    [InlineData("/api/placements/batch", "post")]
    [InlineData("/api/chains/{id}/gaps", "get")]
    public async Task AFormatParameter_ListsItsMediaTypes_BesideTheJson(string path, string method)
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath))!;
        var content = document["paths"]![path]![method]!["responses"]!["200"]!["content"]!.AsObject();
        Assert.Equal(["application/json", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"], content.Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.NotNull(content["application/json"]!["schema"]!["$ref"]);
        Assert.Equal("binary", content["text/csv"]!["schema"]!["format"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryMappedGetRoute_IsInTheDocument()
    {
        await using var app = await SecuredApp.CreateAsync(Engines.Sqlite);
        var document = JsonNode.Parse(await ServedDocumentAsync(app))!;
        var documented = document["paths"]!.AsObject()
            .Where(p => p.Value!.AsObject().ContainsKey("get"))
            .Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? false)
            .Select(e => "/" + Constraint().Replace(e.RoutePattern.RawText!.TrimStart('/'), "{$1}"))
            .Select(p => p.Length > 1 ? p.TrimEnd('/') : p)
            .Where(p => p.StartsWith("/api/", StringComparison.Ordinal) || p == "/health")
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(mapped);
        var missing = mapped.Where(p => !documented.Contains(p)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "GET routes mapped by the app but missing from the OpenAPI document:\n" + string.Join("\n", missing));
    }

    [GeneratedRegex(@"\{([A-Za-z_]+)(?::[^}]*)?\}")]
    private static partial Regex Constraint();
}
