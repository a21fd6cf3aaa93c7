using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using IndustryMap.Authorization;
using IndustryMap.Intake;
using IndustryMap.Layout;
using IndustryMap.Registries;
using IndustryMap.Tests.Infrastructure;
using IndustryMap.Writing;

namespace IndustryMap.Tests.Intake;

/// <summary>
/// Issue 16 §2–§4 (decision 0027): parks and projects read from tables, accepted into the registries; accepted
/// designations entering the draft layout edition; the JSON shape of POST /api/intake and GET /api/intake/{id}.
/// </summary>
public class IntakeRegistryTests
{
    private static readonly Actor Admin = new(1, "admin", Role.Admin, null);

    // A unit plan with a designation statement, a project table (Markdown rows, as the .docx reader writes them) and a park table.
    private const string Plan =
        "万州区产业发展行动计划（2024—2027年）\n\n" +
        "万州区主导产业为新材料、食品医药。\n\n" +
        "到 2027 年，全区规模以上工业总产值达到 900 亿元。\n\n" +
        "| 序号 | 项目名称 | 建设性质 | 总投资（万元） | 建设期限 |\n" +
        "| --- | --- | --- | --- | --- |\n" +
        "| 1 | 高端铜箔生产线项目 | 新建 | 52000 | 2024-2026 |\n" +
        "| 2 | 食品冷链物流园项目 | 续建 | 18000.5 | 2023-2025 |\n\n" +
        "| 园区名称 | 规划面积（平方公里） | 主导产业 |\n" +
        "| --- | --- | --- |\n" +
        "| 万州新材料产业园 | 12.5 | 新材料 |\n";

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Tables_TabCellsAndPdfTextTablesAreRead()
    {
        // A Word table copied as text: one cell per tab-indented line, a blank line between rows, a cell wrapped over a blank line.
        var tab = "表1\n\n\t项目名称\n\t建设\n\n性质\n\t总投资（万元）\n\n\t甲项目\n\t新开工\n\t2550\n\n\t乙项目\n\t续建\n\t800\n\n正文。";
        var layout = Assert.Single(TableLayouts.Find(IntakeLines.Of(tab).Lines));
        Assert.Equal(["项目名称", "建设性质", "总投资（万元）"], layout.Rows[0].Cells);
        Assert.Equal(["乙项目", "续建", "800"], layout.Rows[2].Cells);
        var (_, projects) = ProjectExtractor.Extract(IntakeLines.Of(tab));
        Assert.Equal(["甲项目", "乙项目"], projects.Select(p => p.Name));
        Assert.Equal([2550m, 800m], projects.Select(p => p.Investment!.Value));
        Assert.Equal(0.255m, projects[0].InvestmentYi);
        Assert.Equal("新开工", projects[0].Stage);

        // A PDF's text table: a heading of years, a name wrapped over two lines, figures printed before their name.
        var pdf = "指  标  名  称 2019年 2020年 2022年\n\n规模以上工业企业总产值（亿\n元）\n\n21700 23500 28000 预期性\n\n35 40 50 预期性\n\n有研发活动的企业比\n重（%）\n\n备注：无。";
        var text = Assert.Single(TableLayouts.Find(IntakeLines.Of(pdf).Lines));
        Assert.Equal(["规模以上工业企业总产值（亿元）", "21700", "23500", "28000"], text.Rows[1].Cells);
        Assert.Equal(["有研发活动的企业比重（%）", "35", "40", "50"], text.Rows[2].Cells);
        var targets = TargetExtractor.Extract(IntakeLines.Of(pdf), IntakeScope.City, IntakeDictionary.Empty, (2019, 2022));
        Assert.Contains(targets, t => t.Indicator == "规模以上工业企业总产值" && t.Year == 2022 && t.Value == 28000m && t.Unit == "亿元");
        Assert.Contains(targets, t => t.Indicator == "有研发活动的企业比重" && t.Year == 2020 && t.Value == 40m && t.Unit == "%");
    }

    [Fact]
    public void Prose_PdfParagraphsOverBlankLinesAndUnitLedParagraphs()
    {
        var dictionary = IntakeDictionary.Empty with { Units = new Dictionary<string, string> { ["江津区"] = "江津区", ["合川区"] = "合川区" } };
        var text = "（一）江津区。优先发展汽车零部件。到 2027 年，规模以上工业企业实现营\n\n业收入 3000 亿元。\n\n（二）合川区。优先发展食品。到 2027\n\n年，规模以上工业企业实现营业收入 1600 亿元。";
        var targets = TargetExtractor.Extract(IntakeLines.Of(text), new IntakeScope("region", "渝西地区"), dictionary, (2023, 2027));
        Assert.Equal([("江津区", 3000m, 2027), ("合川区", 1600m, 2027)], targets.Select(t => (t.Scope!, t.Value, t.Year!.Value)));
        Assert.All(targets, t => Assert.Equal("unit", t.ScopeKind));
        Assert.Equal((1, 3), (targets[0].From, targets[0].To));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task AcceptedProjectsAndParks_EnterTheRegistriesWithDocumentLinesAndReviewer(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var detail = await IntakeStore.CreateAsync(store.Database, Admin, new NewIntake("plan.txt", Utf8(Plan), "万州区产业发展行动计划", null, null, "万州区"));
        var projects = detail.Proposals.Where(p => p.Row.Kind == "project").ToList();
        var park = Assert.Single(detail.Proposals, p => p.Row.Kind == "park");
        Assert.Equal(["高端铜箔生产线项目", "食品冷链物流园项目"], projects.Select(p => p.Proposed.GetProperty("name").GetString()));

        var decided = await IntakeStore.DecideAsync(store.Database, Admin, detail.Document.Id,
            [new IntakeDecision(null, "project", "accept"), new IntakeDecision(park.Row.Id, null, "accept")]);
        Assert.All(decided.Proposals.Where(p => p.Row.Kind is "project" or "park"), p => Assert.Equal("accepted", p.Row.Status));

        var stored = (await RegistryQueries.ProjectsAsync(store.Database, new RegistryFilter(Library: detail.Document.DocumentId))).ToList();
        Assert.Equal(projects.Select(p => p.Proposed.GetProperty("name").GetString()), stored.Select(s => s.Name));
        foreach (var (proposal, row) in projects.Zip(stored))
        {
            Assert.Equal(proposal.Proposed.GetProperty("investment").GetDecimal(), row.Investment);
            Assert.Equal(proposal.Proposed.GetProperty("period").GetString(), row.Period);
            Assert.Equal(proposal.Proposed.GetProperty("stage").GetString(), row.StagePrinted);
            Assert.Equal("万州区", row.Unit);
            Assert.Equal((detail.Document.DocumentId, proposal.Row.SrcFrom, "admin"), (row.SrcDocument!, row.SrcFrom!.Value, row.EnteredBy!));
            Assert.NotNull(row.EnteredAt);
        }
        var parks = await RegistryQueries.ParksAsync(store.Database);
        var storedPark = Assert.Single(parks, p => p.SrcDocument == detail.Document.DocumentId);
        Assert.Equal(park.Proposed.GetProperty("name").GetString(), storedPark.Name);
        Assert.Equal((park.Row.SrcFrom, "admin"), (storedPark.SrcFrom!.Value, storedPark.EnteredBy!));

        await using var c = await store.Database.OpenAsync();
        Assert.Equal(2, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'registry.project.add'"));
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'registry.park.add'"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task AcceptedDesignations_EnterTheDraftLayoutEdition_AndWithoutADraftAreOnlyRecorded(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        // Without a draft edition: accepted, recorded on the proposal, no layout row.
        var first = await IntakeStore.CreateAsync(store.Database, Admin, new NewIntake("a.txt", Utf8(Plan), "甲", null, null, "万州区"));
        await using (var c = await store.Database.OpenAsync())
        {
            var before = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM layout_designations");
            var done = await IntakeStore.DecideAsync(store.Database, Admin, first.Document.Id, [new IntakeDecision(null, "designation", "accept")]);
            Assert.All(done.Proposals.Where(p => p.Row.Kind == "designation"), p => Assert.Equal(JsonValueKind.Null, p.Accepted!.Value.GetProperty("layout").ValueKind));
            Assert.Equal(before, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM layout_designations"));
        }

        await LayoutEditing.CreateDraftAsync(store.Database, Admin, new NewEdition(2031, "2031 年版（草稿）", null, null));
        var second = await IntakeStore.CreateAsync(store.Database, Admin, new NewIntake("b.txt", Utf8(Plan), "乙", null, null, "万州区"));
        var proposals = second.Proposals.Where(p => p.Row.Kind == "designation").ToList();
        Assert.NotEmpty(proposals);
        var decided = await IntakeStore.DecideAsync(store.Database, Admin, second.Document.Id, [new IntakeDecision(null, "designation", "accept")]);
        var shown = await LayoutQueries.DesignationsAsync(store.Database, 2031);
        var entered = decided.Proposals.Where(p => p.Row.Kind == "designation" && p.Accepted!.Value.GetProperty("layout").ValueKind == JsonValueKind.Object).ToList();
        Assert.NotEmpty(entered); // the printed words map onto the catalog (新材料 at least)
        Assert.Equal(entered.Count, shown.Count);
        foreach (var p in entered)
        {
            var industry = p.Accepted!.Value.GetProperty("layout").GetProperty("industry").GetString();
            var row = Assert.Single(shown, d => d.Industry == industry);
            Assert.Equal(("万州区", "dominant", p.Proposed.GetProperty("printed").GetString()), (row.Unit, row.Role, row.Printed));
            Assert.Equal((second.Document.DocumentId, p.Row.SrcFrom, "admin"), (row.SrcDocument!, row.SrcFrom!.Value, row.EnteredBy!));
        }
        await using var c2 = await store.Database.OpenAsync();
        Assert.Equal(entered.Count, await c2.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'layout.designation.add'"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Http_ProjectsAndParksAreEditedBeforeAcceptance_TheRegistriesHoldTheEditedFigures(string engine)
    {
        await using var app = await SecuredApp.CreateAsync(engine);
        using var client = app.As(People.Admin);
        var posted = await HttpAssert.Json(await client.PostAsJsonAsync("/api/intake", new { text = Plan, title = "万州区产业发展行动计划", scope = "万州区" }), HttpStatusCode.Created);
        var id = posted.GetProperty("document").GetProperty("id").GetInt64();
        var documentId = posted.GetProperty("document").GetProperty("documentId").GetString()!;
        var project = posted.GetProperty("proposals").GetProperty("projects")[0];
        var park = posted.GetProperty("proposals").GetProperty("parks")[0];
        var projectId = project.GetProperty("id").GetInt64();
        var parkId = park.GetProperty("id").GetInt64();

        // Refusals, nothing stored: a unit that is no money, a target's fields on a project, an edit for a whole kind.
        foreach (var (body, code) in new (object Body, string Code)[]
                 {
                     (new { decisions = new object[] { new { proposal = projectId, action = "accept", edit = new { investment = 6.2m, investmentUnit = "个" } } } }, "bad_investment_unit"),
                     (new { decisions = new object[] { new { proposal = projectId, action = "accept", edit = new { indicator = "产值" } } } }, "edit_wrong_kind"),
                     (new { decisions = new object[] { new { kind = "project", action = "accept", edit = new { name = "甲" } } } }, "edit_needs_proposal"),
                     (new { decisions = new object[] { new { proposal = parkId, action = "accept", edit = new { name = "" } } } }, "bad_name"),
                 })
        {
            var refused = await HttpAssert.Json(await client.PostAsJsonAsync($"/api/intake/{id}/decisions", body), HttpStatusCode.BadRequest);
            Assert.Equal(code, refused.GetProperty("code").GetString());
        }
        Assert.Empty(await RegistryQueries.ProjectsAsync(app.Store.Database, new RegistryFilter(Library: documentId)));

        var edit = new { name = "高端电子铜箔生产线项目", investment = 6.2m, investmentUnit = "亿元", period = "2024-2027", stage = "新开工" };
        var decided = await HttpAssert.Json(await client.PostAsJsonAsync($"/api/intake/{id}/decisions", new
        {
            decisions = new object[]
            {
                new { proposal = projectId, action = "accept", edit },
                new { proposal = parkId, action = "accept", edit = new { name = "万州新材料产业园（一期）", land = 800m, landUnit = "亩" } },
            },
        }), HttpStatusCode.OK);
        var acceptedProject = decided.GetProperty("proposals").GetProperty("projects").EnumerateArray().Single(p => p.GetProperty("id").GetInt64() == projectId);
        Assert.Equal("accepted", acceptedProject.GetProperty("status").GetString());
        var shown = acceptedProject.GetProperty("accepted");
        Assert.Equal((edit.name, edit.investment, edit.investmentUnit, true), (shown.GetProperty("name").GetString()!, shown.GetProperty("investment").GetDecimal(),
            shown.GetProperty("investmentUnit").GetString()!, shown.GetProperty("edited").GetBoolean()));
        // The proposal as the extractor printed it stays beside the accepted copy.
        Assert.Equal(project.GetProperty("name").GetString(), acceptedProject.GetProperty("name").GetString());

        var row = Assert.Single(await RegistryQueries.ProjectsAsync(app.Store.Database, new RegistryFilter(Library: documentId)));
        Assert.Equal(shown.GetProperty("registryId").GetInt64(), row.Id);
        Assert.Equal((edit.name, edit.investment, edit.investmentUnit, edit.investment, edit.period, edit.stage),
            (row.Name, row.Investment!.Value, row.InvestmentUnit!, row.InvestmentYi!.Value, row.Period!, row.StagePrinted!));
        Assert.Equal((documentId, project.GetProperty("from").GetInt64(), "admin"), (row.SrcDocument!, row.SrcFrom!.Value, row.EnteredBy!));
        var storedPark = Assert.Single(await RegistryQueries.ParksAsync(app.Store.Database), p => p.SrcDocument == documentId);
        Assert.Equal(("万州新材料产业园（一期）", 800m, "亩", 800m), (storedPark.Name, storedPark.PlannedArea!.Value, storedPark.AreaUnit!, storedPark.AreaMu!.Value));

        await using var c = await app.Store.Database.OpenAsync();
        var audit = await c.ExecuteScalarAsync<string>("SELECT after_json FROM audit_log WHERE action = 'registry.project.add' AND entity_key = @id",
            new { id = row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var logged = JsonDocument.Parse(audit!).RootElement;
        Assert.Equal((edit.name, true), (logged.GetProperty("name").GetString()!, logged.GetProperty("edited").GetBoolean()));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TheReviewerChoosesTheDraftEditionADesignationEnters_TheNewestDraftByDefault(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        await LayoutEditing.CreateDraftAsync(store.Database, Admin, new NewEdition(2031, "2031 年版（草稿）", null, null));
        await LayoutEditing.CreateDraftAsync(store.Database, Admin, new NewEdition(2032, "2032 年版（草稿）", null, null));
        var published = (await LayoutQueries.EditionsAsync(store.Database, includeDrafts: true)).First(e => e.Status == "published");

        // The older draft, chosen.
        var chosen = await IntakeStore.CreateAsync(store.Database, Admin, new NewIntake("a.txt", Utf8(Plan), "甲", null, null, "万州区"));
        var into2031 = await IntakeStore.DecideAsync(store.Database, Admin, chosen.Document.Id, [new IntakeDecision(null, "designation", "accept", Edition: 2031)]);
        var entered = into2031.Proposals.Where(p => p.Row.Kind == "designation" && p.Accepted!.Value.GetProperty("layout").ValueKind == JsonValueKind.Object).ToList();
        Assert.NotEmpty(entered);
        Assert.All(entered, p => Assert.Equal(2031, p.Accepted!.Value.GetProperty("layout").GetProperty("edition").GetInt32()));
        Assert.Equal(entered.Count, (await LayoutQueries.DesignationsAsync(store.Database, 2031)).Count);
        Assert.Empty(await LayoutQueries.DesignationsAsync(store.Database, 2032));

        // A published edition or one that does not exist refuses the whole decision; nothing changes.
        var other = await IntakeStore.CreateAsync(store.Database, Admin, new NewIntake("b.txt", Utf8(Plan), "乙", null, null, "万州区"));
        var designation = other.Proposals.First(p => p.Row.Kind == "designation").Row.Id;
        var refusal = await Assert.ThrowsAsync<RefusedException>(() => IntakeStore.DecideAsync(store.Database, Admin, other.Document.Id,
            [new IntakeDecision(designation, null, "accept", Edition: (int)published.Year)]));
        Assert.Equal("edition_published", refusal.Code);
        Assert.Equal("edition_not_found", (await Assert.ThrowsAsync<RefusedException>(() => IntakeStore.DecideAsync(store.Database, Admin, other.Document.Id,
            [new IntakeDecision(designation, null, "accept", Edition: 2099)]))).Code);
        Assert.Equal("edition_wrong_kind", (await Assert.ThrowsAsync<RefusedException>(() => IntakeStore.DecideAsync(store.Database, Admin, other.Document.Id,
            [new IntakeDecision(null, "target", "accept", Edition: 2031)]))).Code);
        Assert.All((await IntakeStore.GetAsync(store.Database, other.Document.Id))!.Proposals, p => Assert.Equal("proposed", p.Row.Status));

        // No choice: the newest draft (2032).
        var byDefault = await IntakeStore.DecideAsync(store.Database, Admin, other.Document.Id, [new IntakeDecision(null, "designation", "accept")]);
        var defaulted = byDefault.Proposals.Where(p => p.Row.Kind == "designation" && p.Accepted!.Value.GetProperty("layout").ValueKind == JsonValueKind.Object).ToList();
        Assert.NotEmpty(defaulted);
        Assert.All(defaulted, p => Assert.Equal(2032, p.Accepted!.Value.GetProperty("layout").GetProperty("edition").GetInt32()));
        Assert.Equal(defaulted.Count, (await LayoutQueries.DesignationsAsync(store.Database, 2032)).Count);
        Assert.Equal(entered.Count, (await LayoutQueries.DesignationsAsync(store.Database, 2031)).Count);
    }

    private static void AssertShape(JsonElement body)
    {
        var document = body.GetProperty("document");
        Assert.True(document.GetProperty("id").GetInt64() > 0);
        Assert.StartsWith("intake-", document.GetProperty("documentId").GetString(), StringComparison.Ordinal);
        var proposals = body.GetProperty("proposals");
        foreach (var kind in new[] { "targets", "designations", "parks", "projects" }) Assert.Equal(JsonValueKind.Array, proposals.GetProperty(kind).ValueKind);
        var target = proposals.GetProperty("targets").EnumerateArray().First(t => t.GetProperty("value").GetDecimal() == 900m);
        foreach (var key in new[] { "indicator", "scope", "year", "value", "unit", "normalized", "comparator", "cumulative", "baseline", "lines", "confidence" })
        {
            Assert.True(target.TryGetProperty(key, out _), $"targets[] lacks {key}");
        }
        Assert.Equal(2027, target.GetProperty("year").GetInt32());
        Assert.Equal("万州区", target.GetProperty("scope").GetString());
        Assert.Equal(900m, target.GetProperty("normalized").GetProperty("value").GetDecimal());
        Assert.Equal("5", target.GetProperty("lines").GetString());
        var project = proposals.GetProperty("projects")[0];
        Assert.Equal("高端铜箔生产线项目", project.GetProperty("name").GetString());
        Assert.Equal(52000m, project.GetProperty("investment").GetDecimal());
        Assert.Equal("9", project.GetProperty("lines").GetString());
        Assert.Equal("万州新材料产业园", proposals.GetProperty("parks")[0].GetProperty("name").GetString());
        Assert.Contains(proposals.GetProperty("designations").EnumerateArray(), d => d.GetProperty("printed").GetString() == "新材料");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Http_PostMultipartAndJson_AndGet_HaveTheIssuesShape(string engine)
    {
        await using var app = await SecuredApp.CreateAsync(engine);
        using var client = app.As(People.Admin);

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Utf8(Plan));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "plan.txt");
        form.Add(new StringContent("万州区"), "scope");
        form.Add(new StringContent("万州区产业发展行动计划"), "title");
        var posted = await HttpAssert.Json(await client.PostAsync("/api/intake", form), HttpStatusCode.Created);
        AssertShape(posted);

        var json = await HttpAssert.Json(await client.PostAsJsonAsync("/api/intake", new { text = Plan, title = "万州区产业发展行动计划", scope = "万州区" }), HttpStatusCode.Created);
        AssertShape(json);
        Assert.NotEqual(posted.GetProperty("document").GetProperty("id").GetInt64(), json.GetProperty("document").GetProperty("id").GetInt64());

        var id = posted.GetProperty("document").GetProperty("id").GetInt64();
        var got = await HttpAssert.Json(await client.GetAsync($"/api/intake/{id}"), HttpStatusCode.OK);
        AssertShape(got);
        Assert.Equal(posted.GetProperty("proposals").GetProperty("targets").GetArrayLength(), got.GetProperty("proposals").GetProperty("targets").GetArrayLength());

        var project = got.GetProperty("proposals").GetProperty("projects")[0].GetProperty("id").GetInt64();
        var decided = await HttpAssert.Json(await client.PostAsJsonAsync($"/api/intake/{id}/decisions", new { decisions = new[] { new { proposal = project, action = "accept" } } }),
            HttpStatusCode.OK);
        var accepted = decided.GetProperty("proposals").GetProperty("projects")[0];
        Assert.Equal(("accepted", "admin"), (accepted.GetProperty("status").GetString(), accepted.GetProperty("decidedBy").GetString()));
        Assert.Equal("projects", accepted.GetProperty("accepted").GetProperty("registry").GetString());
        Assert.True(accepted.GetProperty("accepted").GetProperty("registryId").GetInt64() > 0);
    }
}
