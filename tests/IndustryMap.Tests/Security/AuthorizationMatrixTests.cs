using System.Net;
using System.Net.Http.Json;
using Dapper;
using IndustryMap.Accounts;
using IndustryMap.Authorization;
using IndustryMap.Layout;
using IndustryMap.Monitoring;
using IndustryMap.Units;
using IndustryMap.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IndustryMap.Tests.Security;

/// <summary>
/// Every write endpoint of the running app against every role (issue 4 §3). The endpoints are read from the app's
/// own EndpointDataSource, so an endpoint added later without a row in <see cref="Expectations"/> fails this test
/// until someone decides who may call it.
/// </summary>
public class AuthorizationMatrixTests
{
    /// <summary>Who may pass: the rule each endpoint should enforce.</summary>
    public enum Access { Anyone, SignedIn, Admin, UnitOfRecord, Investment }

    /// <summary>The callers: anonymous, each role, and a unit officer of another unit than the record's (万州区).</summary>
    public static readonly (string Label, string? Person)[] Callers =
    [
        ("anonymous", null), ("viewer", People.Viewer), ("investment", People.Investment),
        ("unit officer of 万州区 (the record's unit)", People.Wanzhou), ("unit officer of 南岸区 (another unit)", People.Nanan), ("admin", People.Admin),
    ];

    private sealed record Case(Access Access, Func<Setup, Task<HttpRequestMessage>> Request);

    /// <summary>Records the requests refer to, made once per app.</summary>
    private sealed record Setup(SecuredApp App, int DraftYear, int PublishYear, string TargetUser)
    {
        private int _counter;
        public int Next() => Interlocked.Increment(ref _counter);
    }

    private const string Unit = "万州区";

    /// <summary>Units with no designation in the 2023 layout: one fresh designation per caller to delete.</summary>
    private static readonly string[] Spare = ["渝中区", "大渡口区", "江北区", "沙坪坝区", "九龙坡区", "北碚区", "渝北区", "巴南区", "涪陵区", "长寿区"];

    private static HttpRequestMessage Json(HttpMethod method, string url, object body) => new(method, url) { Content = JsonContent.Create(body) };

    private static readonly Dictionary<string, Case> Expectations = new()
    {
        ["POST /signin"] = new(Access.Anyone, _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "nobody", ["password"] = "wrong-password" }),
        })),
        ["POST /signout"] = new(Access.Anyone, _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/signout"))),
        ["POST /api/layouts"] = new(Access.Admin, s => Task.FromResult(Json(HttpMethod.Post, "/api/layouts", new { year = 2030 + s.Next(), title = "矩阵测试版" }))),
        ["POST /api/layouts/{year:int}/designations"] = new(Access.Admin, s => Task.FromResult(Json(HttpMethod.Post, $"/api/layouts/{s.DraftYear}/designations",
            new { unit = "南岸区", role = "characteristic", industry = "新能源材料" }))),
        ["DELETE /api/layouts/{year:int}/designations/{id:long}"] = new(Access.Admin, async s =>
        {
            var added = await LayoutEditing.AddDesignationAsync(s.App.Store.Database, Actor.System("tests"), s.DraftYear,
                new NewDesignation(Spare[s.Next() % Spare.Length], "characteristic", "新能源材料", null, null, null, null, null));
            return new HttpRequestMessage(HttpMethod.Delete, $"/api/layouts/{s.DraftYear}/designations/{added.Id}");
        }),
        ["POST /api/layouts/{year:int}/publish"] = new(Access.Admin, s => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"/api/layouts/{s.PublishYear}/publish"))),
        ["PUT /api/units/{unit}/profile"] = new(Access.UnitOfRecord, async s =>
        {
            var current = await UnitProfiles.GetAsync(s.App.Store.Database, Unit);
            return Json(HttpMethod.Put, "/api/units/" + Uri.EscapeDataString(Unit) + "/profile",
                new { contactPerson = "联系人" + s.Next(), phone = "023-12345678", version = current!.Version });
        }),
        ["PUT /api/units/{unit}/chains/{id}"] = new(Access.UnitOfRecord, async s =>
        {
            var current = await IndustryMap.Chains.ChainQueries.ChainAsync(s.App.Store.Database, "wz-lighting");
            return Json(HttpMethod.Put, "/api/units/" + Uri.EscapeDataString(Unit) + "/chains/wz-lighting",
                new { adminLeader = "区领导" + s.Next(), version = current!.Version });
        }),
        ["PUT /api/units/{unit}/chains/{id}/map"] = new(Access.UnitOfRecord, async s =>
        {
            var current = (await IndustryMap.Chains.ChainQueries.ChainAsync(s.App.Store.Database, "wz-auto"))!;
            return Json(HttpMethod.Put, "/api/units/" + Uri.EscapeDataString(Unit) + "/chains/wz-auto/map", new
            {
                version = current.Version,
                nodes = current.Nodes.Select(n => new
                {
                    id = n.Key, n.Segment, n.Stage, n.Name, n.Products, n.Catalog, n.Note,
                    members = n.Members.Select(m => new { m.Name, m.Kind, m.Location, m.Registry, m.Note }),
                }),
                edges = current.Edges.Select(e => new { e.From, e.To, e.Note }),
            });
        }),
        // A workbook creating a new chain of 万州区 (a new id per call).
        ["POST /api/units/{unit}/chains/import"] = new(Access.UnitOfRecord, s => Task.FromResult(
            new HttpRequestMessage(HttpMethod.Post, "/api/units/" + Uri.EscapeDataString(Unit) + "/chains/import")
            {
                Content = new ByteArrayContent(IndustryMap.Tests.Chains.ChainTemplateHttpTests.NewChainWorkbook("matrix-" + s.Next())),
            })),
        ["POST /api/users"] = new(Access.Admin, s => Task.FromResult(Json(HttpMethod.Post, "/api/users",
            new { name = "matrix-" + s.Next(), role = "viewer", password = "matrix-password-123" }))),
        ["POST /api/users/{name}/disable"] = new(Access.Admin, s => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"/api/users/{s.TargetUser}/disable"))),
        ["POST /api/users/{name}/enable"] = new(Access.Admin, s => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"/api/users/{s.TargetUser}/enable"))),
        // A wrong current password: the rule lets every signed-in user through, the handler then refuses (400) and nothing changes.
        ["PUT /api/me/password"] = new(Access.SignedIn, _ => Task.FromResult(Json(HttpMethod.Put, "/api/me/password",
            new { currentPassword = "not-my-password", newPassword = "another-password-456" }))),
        ["POST /api/tokens"] = new(Access.SignedIn, s => Task.FromResult(Json(HttpMethod.Post, "/api/tokens", new { name = "matrix " + s.Next() }))),
        // Someone else's token (the administrator's): only the administrator may revoke it; owners revoking their own is in AccountsTests.
        ["DELETE /api/tokens/{id:long}"] = new(Access.Admin, async s =>
        {
            var token = await ApiTokens.CreateAsync(s.App.Store.Database, Actor.System("tests"), People.Admin, "to revoke", null);
            return new HttpRequestMessage(HttpMethod.Delete, $"/api/tokens/{token.Record.Id}");
        }),
        // Issue 6. Placement writes nothing but is the investment officers' tool; the register is the unit's own (body unit 万州区).
        ["POST /api/placements"] = new(Access.Investment, _ => Task.FromResult(Json(HttpMethod.Post, "/api/placements", new { description = "年产2万吨高精度铜带" }))),
        ["POST /api/placements/batch"] = new(Access.Investment, _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/placements/batch")
        {
            Content = new StringContent("description\n铜管\n", System.Text.Encoding.UTF8, "text/csv"),
        })),
        ["POST /api/first-contacts"] = new(Access.UnitOfRecord, s => Task.FromResult(Json(HttpMethod.Post, "/api/first-contacts",
            new { unit = Unit, investor = "矩阵测试投资方", project = "矩阵测试项目" + s.Next() }))),
        // Issue 16: a plan of 万州区 is taken in (uploaded, reviewed) by its unit officer or the administrator.
        ["POST /api/intake"] = new(Access.UnitOfRecord, s => Task.FromResult(Json(HttpMethod.Post, "/api/intake",
            new { text = "到 2025 年，规模以上工业总产值达到 800 亿元。", title = "矩阵测试规划" + s.Next(), scope = Unit }))),
        ["POST /api/intake/{id:long}/decisions"] = new(Access.UnitOfRecord, async s =>
        {
            var intake = await IndustryMap.Intake.IntakeStore.CreateAsync(s.App.Store.Database, Actor.System("tests"),
                new IndustryMap.Intake.NewIntake("matrix.txt", System.Text.Encoding.UTF8.GetBytes("到 2025 年，规模以上工业总产值达到 800 亿元。"), "矩阵测试规划" + s.Next(), null, null, Unit));
            return Json(HttpMethod.Post, $"/api/intake/{intake.Document.Id}/decisions", new { decisions = new[] { new { proposal = intake.Proposals[0].Row.Id, action = "accept" } } });
        }),
        ["POST /api/pipeline"] = new(Access.Investment, s => Task.FromResult(Json(HttpMethod.Post, "/api/pipeline",
            new { name = "矩阵测试项目" + s.Next(), description = "铜管", unit = Unit }))),
        ["POST /api/pipeline/{id:long}/stages"] = new(Access.Investment, async s =>
        {
            var project = await IndustryMap.Pipeline.ProjectPipeline.CreateAsync(s.App.Store.Database, new IndustryMap.Placement.PlacementService(s.App.Store.Database),
                Actor.System("tests"), new IndustryMap.Pipeline.NewPipelineProject("矩阵测试项目" + s.Next(), "铜管", Unit, Stage: "negotiating", StageOn: "2025-01-01"));
            return Json(HttpMethod.Post, $"/api/pipeline/{project.Id}/stages", new { stage = "signed", stageOn = "2025-02-01" });
        }),
        // Not a zip: the administrator gets past the rule and is refused by content (415); nothing is imported.
        ["POST /api/imports"] = new(Access.Admin, _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/imports")
        {
            Content = new ByteArrayContent("not a zip"u8.ToArray()),
        })),

        // Issue 7, plan monitoring. The record is 万州区's report for 2025Q1 (wz14/ind01 monitored quarterly, set up below); each request
        // names the version stored when it is made, so the allowed calls really save, submit, review and unlock.
        ["PUT /api/submissions/{unit}/{period}"] = new(Access.UnitOfRecord, async s => Json(HttpMethod.Put, Report,
            new { version = await ReportVersion(s), values = new[] { new { indicator = "wz14/ind01", value = 500 + s.Next() } } })),
        ["POST /api/submissions/{unit}/{period}/upload"] = new(Access.UnitOfRecord, async s => new HttpRequestMessage(HttpMethod.Post,
            $"{Report}/upload?version={await ReportVersion(s)}")
        {
            Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"指标代码,数值\r\nwz14/ind01,{600 + s.Next()}\r\n")),
        }),
        ["POST /api/submissions/{unit}/{period}/submit"] = new(Access.UnitOfRecord, async s => Json(HttpMethod.Post, Report + "/submit", new { version = await ReportVersion(s) })),
        ["POST /api/submissions/{unit}/{period}/approve"] = new(Access.Admin, async s => Json(HttpMethod.Post, Report + "/approve", new { version = await ReportVersion(s) })),
        ["POST /api/submissions/{unit}/{period}/return"] = new(Access.Admin, async s => Json(HttpMethod.Post, Report + "/return",
            new { version = await ReportVersion(s), comment = "请核实" })),
        ["POST /api/submissions/{unit}/{period}/unlock"] = new(Access.Admin, async s => Json(HttpMethod.Post, Report + "/unlock",
            new { version = await ReportVersion(s), reason = "更正" })),
        ["POST /api/periods"] = new(Access.Admin, s => Task.FromResult(Json(HttpMethod.Post, "/api/periods", new { code = $"{2040 + s.Next()}Q1" }))),
        ["PUT /api/monitoring/indicators/{plan}/{code}"] = new(Access.Admin, _ => Task.FromResult(Json(HttpMethod.Put, "/api/monitoring/indicators/wz14/ind04",
            new { frequency = "year" }))),
        ["POST /api/monitoring/targets"] = new(Access.Admin, s => Task.FromResult(Json(HttpMethod.Post, "/api/monitoring/targets",
            new { indicator = "wz14/ind01", unit = Unit, year = 2030, value = 900 + s.Next() }))),
        ["PUT /api/rankings/indexes/{code}"] = new(Access.Admin, s => Task.FromResult(Json(HttpMethod.Put, $"/api/rankings/indexes/matrix-{s.Next()}",
            new
            {
                version = 0, name = "矩阵测试指数", frequency = "quarter", normalization = "minmax", groups = new[] { "渝西地区" },
                indicators = new[] { new { indicator = "wz14/ind01", measure = "value", weight = 1 } },
            }))),
        ["PUT /api/bulletins/{period}"] = new(Access.Admin, async s => Json(HttpMethod.Put, "/api/bulletins/2025Q1",
            new { version = await BulletinVersion(s), number = "矩阵〔2025〕" + s.Next() })),
        ["POST /api/bulletins/{period}/review"] = new(Access.Admin, async s => Json(HttpMethod.Post, "/api/bulletins/2025Q1/review", new { version = await BulletinVersion(s) })),
        ["POST /api/bulletins/{period}/reopen"] = new(Access.Admin, async s => Json(HttpMethod.Post, "/api/bulletins/2025Q1/reopen",
            new { version = await BulletinVersion(s), reason = "更正" })),
    };

    private static string Report => "/api/submissions/" + Uri.EscapeDataString(Unit) + "/2025Q1";

    private static async Task<long> ReportVersion(Setup s) => (await Submissions.GetFormAsync(s.App.Store.Database, Unit, "2025Q1")).Version;

    private static async Task<long> BulletinVersion(Setup s) =>
        (await Bulletins.ListAsync(s.App.Store.Database)).FirstOrDefault(b => b.Period == "2025Q1")?.Version ?? 0;

    /// <summary>The pure rule behind each access level, applied to a caller.</summary>
    private static bool Allowed(Access access, string? person) => access switch
    {
        Access.Anyone => true,
        Access.SignedIn => person is not null,
        Access.Admin => person == People.Admin,
        Access.UnitOfRecord => person is People.Admin or People.Wanzhou,
        Access.Investment => person is People.Admin or People.Investment,
        _ => false,
    };

    public static IReadOnlyList<string> WriteEndpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (Method: m, e.RoutePattern.RawText!)))
            .Where(e => e.Method is not ("GET" or "HEAD"))
            .Select(e => $"{e.Method} {"/" + e.Item2.Trim('/')}")
            .Distinct().Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task EveryWriteEndpoint_HasAnExpectation()
    {
        await using var app = await SecuredApp.CreateAsync(Engines.Sqlite);
        var endpoints = WriteEndpoints(app.Services);
        var missing = endpoints.Where(e => !Expectations.ContainsKey(e)).ToList();
        Assert.True(missing.Count == 0, "write endpoints without an authorisation expectation (add them to AuthorizationMatrixTests.Expectations): " + string.Join(", ", missing));
        var stale = Expectations.Keys.Where(k => !endpoints.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "expectations for endpoints the app does not have: " + string.Join(", ", stale));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EveryWriteEndpoint_AgainstEveryRole(string engine)
    {
        await using var app = await SecuredApp.CreateAsync(engine);
        var system = Actor.System("tests");
        await LayoutEditing.CreateDraftAsync(app.Store.Database, system, new NewEdition(2090, "矩阵草稿", null, null));
        await LayoutEditing.CreateDraftAsync(app.Store.Database, system, new NewEdition(2091, "待发布", null, null));
        await UserAccounts.CreateAsync(app.Store.Database, system, new NewUser("matrix-target", null, Role.Viewer, null), "not-a-usable-hash");
        await MonitoringSetup.ConfigureIndicatorAsync(app.Store.Database, system, "wz14", "ind01", new IndicatorSettings("quarter"));
        await PeriodStore.OpenAsync(app.Store.Database, system, "2025Q1");
        var setup = new Setup(app, 2090, 2091, "matrix-target");

        var failures = new List<string>();
        foreach (var endpoint in WriteEndpoints(app.Services))
        {
            Assert.True(Expectations.TryGetValue(endpoint, out var expectation), $"no expectation for {endpoint}");
            foreach (var (label, person) in Callers)
            {
                using var client = app.As(person);
                using var request = await expectation.Request(setup);
                var auditBefore = await AuditCount(app);
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                var expected = Allowed(expectation.Access, person) ? "allowed" : person is null ? "401" : "403";
                var ok = expected switch
                {
                    "allowed" => status is not (401 or 403) && status < 500,
                    "401" => status == 401 && body.Contains("\"sign_in_required\"", StringComparison.Ordinal),
                    _ => status == 403 && body.Contains("\"forbidden\"", StringComparison.Ordinal),
                };
                if (ok && expected != "allowed" && await AuditCount(app) != auditBefore) ok = false; // a refused request changed something
                if (!ok) failures.Add($"{endpoint} as {label}: expected {expected}, got {status} {body[..Math.Min(body.Length, 200)]}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // The allowed calls did their work (not just "not refused"): the edition was published and the profile saved by both allowed roles.
        Assert.Equal("published", (await LayoutEditing.FindEditionAsync(app.Store.Database, 2091))!.Status);
        Assert.Equal(2, (await UnitProfiles.GetAsync(app.Store.Database, Unit))!.Version);
        // Issue 6: the register has the two allowed registrations (the unit's officer and the administrator), and the
        // pipeline the two allowed projects plus the six made for the stage moves, two of which moved.
        Assert.Equal(2, (await IndustryMap.FirstContacts.FirstContactRegister.ListAsync(app.Store.Database)).Count);
        // Issue 16: two uploads through the API (the unit's officer and the administrator) and two accepted proposals.
        await using (var connection = await app.Store.Database.OpenAsync())
        {
            Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM intake_documents WHERE uploaded_by NOT LIKE 'system:%'"));
            Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM intake_proposals WHERE status = 'accepted'"));
        }
        var pipeline = await IndustryMap.Pipeline.ProjectPipeline.ListAsync(app.Store.Database);
        Assert.Equal(8, pipeline.Count);
        Assert.Equal(2, pipeline.Count(p => p.Stage == "signed"));
        // …and 万州区's report was saved by each allowed caller, once by upload and once by PUT (the workflow endpoints come first in
        // the sorted list, before there is a report to act on, and are covered by Monitoring/SubmissionHttpTests).
        var history = (await Submissions.GetFormAsync(app.Store.Database, Unit, "2025Q1")).History.Select(e => e.Action).ToList();
        Assert.Equal(["save", "save", "save", "save"], history);
        Assert.Contains(await Rankings.IndexesAsync(app.Store.Database), x => x.Code.StartsWith("matrix-", StringComparison.Ordinal));
        // Issue 12: the two allowed callers each imported a new chain of 万州区 from a workbook.
        Assert.Equal(2, (await IndustryMap.Chains.ChainQueries.ChainsAsync(app.Store.Database, Unit)).Count(c => c.Key.StartsWith("matrix-", StringComparison.Ordinal)));
    }

    private static async Task<long> AuditCount(SecuredApp app)
    {
        await using var connection = await app.Store.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task AnEndpointWithoutARule_WritesAreRefusedToEveryone_ReadsArePublic(string engine)
    {
        // What a later feature gets if it maps an endpoint and forgets RequireRule: the fallback fails closed.
        await using var store = await TestStore.SeededAsync(engine);
        var hash = new IndustryMap.Web.Accounts.Passwords().Hash(People.Password);
        await UserAccounts.CreateAsync(store.Database, Actor.System("tests"), People.All[0], hash);
        var token = (await ApiTokens.CreateAsync(store.Database, Actor.System("tests"), People.Admin, "tests", null)).Token;
        await using var app = IndustryMap.Web.IndustryMapApp.Create([], b =>
        {
            b.WebHost.UseTestServer();
            b.Configuration.AddInMemoryCollection(store.Environment);
        });
        var writes = 0;
        app.MapPost("/api/forgotten-rule", () => ++writes);
        app.MapGet("/api/forgotten-rule", () => "public");
        await app.StartAsync();
        using var client = app.GetTestServer().CreateClient();

        await HttpAssert.Problem(await client.PostAsync("/api/forgotten-rule", null), HttpStatusCode.Unauthorized, "sign_in_required");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var detail = await HttpAssert.Problem(await client.PostAsync("/api/forgotten-rule", null), HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains("没有声明写入规则", detail);
        Assert.Equal(0, writes);
        client.DefaultRequestHeaders.Authorization = null;
        Assert.Equal("public", await client.GetStringAsync("/api/forgotten-rule"));
        await app.StopAsync();
    }
}
