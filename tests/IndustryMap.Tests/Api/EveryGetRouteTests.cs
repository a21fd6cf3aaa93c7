using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IndustryMap.Authorization;
using IndustryMap.Monitoring;
using IndustryMap.Pipeline;
using IndustryMap.Placement;
using IndustryMap.Tests.Infrastructure;
using IndustryMap.Tests.Monitoring;

namespace IndustryMap.Tests.Api;

/// <summary>
/// Issue 10 item 15: every GET route of the committed OpenAPI document, called as an anonymous visitor, a viewer, a
/// unit officer and the administrator, on both engines: none may answer 5xx. Route parameters are filled with real
/// values read from the seeded store through the API (the first unit, document, plan, chain, taxonomy, layout year …);
/// a parameter this test does not know fails it, so a new route is called too.
/// </summary>
public partial class EveryGetRouteTests
{
    private static readonly string?[] Roles = [null, People.Viewer, People.Wanzhou, People.Admin];

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EveryDocumentedGetRoute_AnswersWithout5xx_ForEveryRole(string engine)
    {
        await using var app = await SecuredApp.CreateAsync(engine);
        // A period with something to report and a pipeline project, so the routes that need them have real values.
        await MonitoringData.ConfigureAsync(app.Store.Database, "yx2027", "ind01", "quarter");
        await MonitoringData.PeriodsAsync(app.Store.Database, "2025Q3");
        var project = await ProjectPipeline.CreateAsync(app.Store.Database, new PlacementService(app.Store.Database), Actor.System("tests"),
            new NewPipelineProject("路由测试项目", "年产5万吨磷酸铁锂正极材料", "万州区", AmountYi: 3m, Origin: Origins.OutsideCity, StageOn: "2025-01-10"));

        // An uploaded plan, for the intake routes.
        var intake = await IndustryMap.Intake.IntakeStore.CreateAsync(app.Store.Database, new Actor(1, "admin", Role.Admin, null),
            new IndustryMap.Intake.NewIntake("plan.txt", System.Text.Encoding.UTF8.GetBytes("万州区计划\n到 2025 年，全区规模以上工业总产值达到 800 亿元。"), null, null, null, "万州区"));

        var values = await ValuesAsync(app, project.Id, intake.Document.Id);
        var document = JsonNode.Parse(await File.ReadAllTextAsync(OpenApiDocumentTests.CommittedPath))!;
        var paths = document["paths"]!.AsObject().Where(p => p.Value!.AsObject().ContainsKey("get")).Select(p => p.Key).ToList();
        Assert.True(paths.Count > 40, $"only {paths.Count} GET routes in the document");

        var failures = new List<string>();
        var called = 0;
        foreach (var path in paths)
        {
            var url = Parameter().Replace(path, m => values.TryGetValue(Key(path, m.Groups[1].Value), out var v) || values.TryGetValue(m.Groups[1].Value, out v)
                ? Uri.EscapeDataString(v)
                : throw new Xunit.Sdk.XunitException($"No value for {{{m.Groups[1].Value}}} in {path}: add one to EveryGetRouteTests.ValuesAsync"));
            foreach (var role in Roles)
            {
                using var client = app.As(role);
                using var response = await client.GetAsync(url);
                called++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{role ?? "anonymous"} GET {url} → {(int)response.StatusCode}: {Truncate(await response.Content.ReadAsStringAsync())}");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {called} calls answered 5xx:\n" + string.Join("\n", failures));
    }

    /// <summary>A value for a parameter of one route (the same name means different things on different routes).</summary>
    private static string Key(string path, string parameter) => $"{path}#{parameter}";

    private static async Task<Dictionary<string, string>> ValuesAsync(SecuredApp app, long pipelineId, long intakeId)
    {
        using var admin = app.As(People.Admin);
        async Task<JsonElement> Get(string url) => await admin.GetFromJsonAsync<JsonElement>(url);
        static string First(JsonElement list, string property) =>
            list.EnumerateArray().Select(e => e.GetProperty(property)).Select(p => p.ValueKind == JsonValueKind.Number ? p.GetRawText() : p.GetString()!).First();

        var documents = await Get("/api/documents/");
        var chains = await Get("/api/chains");
        var taxonomies = await Get("/api/taxonomies");
        var layouts = await Get("/api/layouts/");
        var plans = await Get("/api/plans");
        var units = await Get("/api/units");
        var periods = await Get("/api/periods");
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["unit"] = First(units, "name"),
            ["document"] = First(documents, "id"),
            ["range"] = "1-5",
            ["plan"] = First(plans, "id"),
            ["year"] = First(layouts, "year"),
            ["period"] = First(periods, "code"),
            ["kind"] = "parks",
            ["format"] = "csv",
            [Key("/api/chains/{id}", "id")] = First(chains, "id"),
            [Key("/api/chains/{id}/gaps", "id")] = First(chains, "id"),
            [Key("/api/chains/{id}/template.xlsx", "id")] = First(chains, "id"),
            [Key("/api/intake/{id}", "id")] = intakeId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [Key("/api/intake/{id}/file", "id")] = intakeId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [Key("/api/taxonomies/{id}", "id")] = First(taxonomies, "id"),
            [Key("/api/pipeline/{id}", "id")] = pipelineId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "…" : text;

    [GeneratedRegex(@"\{([A-Za-z_]+)\}")]
    private static partial Regex Parameter();
}
