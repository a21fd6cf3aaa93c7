using System.Text;
using System.Text.Json;
using IndustryMap.Accounts;
using IndustryMap.Authorization;
using IndustryMap.BrowserTests.Infrastructure;
using IndustryMap.Intake;
using IndustryMap.Plans;
using IndustryMap.Storage;
using IndustryMap.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IndustryMap.BrowserTests;

/// <summary>The intake review page (issue 16 §3): a conflict is shown before acceptance; accept, edit and reject, in both languages.</summary>
[Collection(BrowserCollection.Name)]
public class IntakePageTests(BrowserFixture fixture)
{
    private const string Reviewer = "intake-reviewer";
    private const string Password = "intake-page-password-1";
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _created;

    private Database Database => fixture.Server.Services.GetRequiredService<Database>();

    /// <summary>Signs the 万州 reviewer in through the sign-in form and waits for the header to name them.</summary>
    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/signin?returnUrl=%2F");
        await page.FillAsync("input[name=name]", Reviewer);
        await page.FillAsync("input[name=password]", Password);
        await page.Locator("form[action='/signin'] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#session")).ToContainTextAsync("万州区经济信息委", new() { Timeout = 15_000 });
    }

    /// <summary>The reviewer (a 万州区 unit officer) uploads a plan text, as the page's upload would.</summary>
    private Task<IntakeDetail> UploadAsReviewerAsync(string fileName, string text) =>
        IntakeStore.CreateAsync(Database, new Actor(null, Reviewer, Role.Unit, "万州区"),
            new NewIntake(fileName, Encoding.UTF8.GetBytes(text), null, null, null, "万州区"));

    /// <summary>Signs the reviewer in and opens the review of <paramref name="intake"/>.</summary>
    private static async Task OpenReviewAsync(IPage page, IntakeDetail intake)
    {
        await SignInAsync(page);
        await page.GotoAsync($"/intake.html?id={intake.Document.Id}");
        await page.Locator("body[data-ready='true']").WaitForAsync();
    }

    private async Task EnsureReviewerAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_created) return;
            await UserAccounts.CreateAsync(Database, Actor.System("browser tests"), new NewUser(Reviewer, "万州区经济信息委", Role.Unit, "万州区"), new Passwords().Hash(Password));
            _created = true;
        }
        finally
        {
            Once.Release();
        }
    }

    /// <summary>A value printed in 万亿元 shows its normalised copy in 亿元 beside it (the view nests it as {value, high, unit}).</summary>
    [Fact]
    public async Task ANormalisedValue_IsShownAsANumberInTheDocumentsUnit()
    {
        await EnsureReviewerAsync();
        var text = "万州区材料产业计划\n\n到 2027 年，全区新材料产业营业收入达到 0.12 万亿元。";
        var intake = await UploadAsReviewerAsync("plan-normalised.txt", text);
        var target = intake.Proposals.Single(p => p.Row.Kind == "target");
        var proposed = target.Proposed.Deserialize<TargetProposal>(IntakeStore.Json)!;
        Assert.Equal("亿元", proposed.NormalizedUnit);
        var expected = $"= {proposed.Normalized!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}亿元";

        await using var session = await fixture.NewSessionAsync(nameof(ANormalisedValue_IsShownAsANumberInTheDocumentsUnit), new ViewportSize { Width = 1400, Height = 1000 });
        await session.RunAsync(async page =>
        {
            await OpenReviewAsync(page, intake);
            var row = page.Locator($"tr[data-proposal='{target.Row.Id}']");
            await Assertions.Expect(row.Locator(".normalized")).ToHaveTextAsync(expected);
            Assert.DoesNotContain("[object", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            session.AssertNoConsoleErrors();
        });
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public async Task AReviewerSeesTheConflict_AcceptsEditsAndRejects(string lang)
    {
        await EnsureReviewerAsync();
        var text = $"万州区工业提升计划（{lang}）\n\n到 2025 年，全区规模以上工业总产值达到 800 亿元，市级以上绿色工厂 9 个，数字化车间 20 个。";
        var intake = await UploadAsReviewerAsync("plan.txt", text);
        var targets = intake.Proposals.Where(p => p.Row.Kind == "target").ToList();
        var conflicting = targets.First(p => p.Conflicts.Count > 0);
        var others = targets.Where(p => p.Row.Id != conflicting.Row.Id).ToList();
        Assert.Equal(2, others.Count);
        var strings = await Strings(lang);

        await using var session = await fixture.NewSessionAsync(nameof(AReviewerSeesTheConflict_AcceptsEditsAndRejects) + "-" + lang, new ViewportSize { Width = 1400, Height = 1000 });
        await session.RunAsync(async page =>
        {
            await page.AddInitScriptAsync($"localStorage.setItem('industrymap.lang', '{lang}')");
            await OpenReviewAsync(page, intake);
            var row = (long id) => page.Locator($"#targets tr[data-proposal='{id}']");

            // The conflict with stored data is shown before acceptance, with the stored value.
            var stored = conflicting.Conflicts[0];
            await Assertions.Expect(row(conflicting.Row.Id).Locator(".conflict").First).ToContainTextAsync($"{stored.Value}{stored.Unit}");
            await Assertions.Expect(row(conflicting.Row.Id).Locator(".conflict").First).ToContainTextAsync(strings["intake.conflict"].TrimEnd(':', '：'));

            // Accept.
            await row(conflicting.Row.Id).Locator("button.accept").ClickAsync();
            await Assertions.Expect(row(conflicting.Row.Id)).ToHaveClassAsync("accepted");
            await Assertions.Expect(row(conflicting.Row.Id)).ToContainTextAsync(strings["intake.status.accepted"]);

            // Edit: the value 21 instead of what was proposed, then accepted as edited.
            await row(others[0].Row.Id).Locator("button.edit").ClickAsync();
            await row(others[0].Row.Id).Locator("input[name=value]").FillAsync("21");
            await row(others[0].Row.Id).Locator("button.save").ClickAsync();
            await Assertions.Expect(row(others[0].Row.Id)).ToHaveClassAsync("accepted");
            await Assertions.Expect(row(others[0].Row.Id)).ToContainTextAsync("21");

            // Reject.
            await row(others[1].Row.Id).Locator("button.reject").ClickAsync();
            await Assertions.Expect(row(others[1].Row.Id)).ToHaveClassAsync("rejected");

            // Clicking a proposal's lines highlights them in the text beside it.
            await row(others[1].Row.Id).Locator("button.link").ClickAsync();
            await Assertions.Expect(page.Locator($"#lines li#L{others[1].Row.SrcFrom}")).ToHaveClassAsync("cited");
        });
        session.AssertNoConsoleErrors();

        // What the page did is in the data: two targets with the document and lines and the reviewer, the edited value, one rejected.
        var saved = (await PlanQueries.TargetsAsync(Database)).Where(t => t.SrcDocument == intake.Document.DocumentId).ToList();
        Assert.Equal(2, saved.Count);
        Assert.All(saved, t => Assert.Equal((Reviewer, conflicting.Row.SrcFrom), (t.EnteredBy!, t.SrcFrom!.Value)));
        Assert.Contains(saved, t => t.Value == 21m);
        Assert.Contains(saved, t => t.Value == conflicting.Proposed.GetProperty("value").GetDecimal());
        var after = (await IntakeStore.GetAsync(Database, intake.Document.Id))!;
        Assert.Equal("rejected", after.Proposals.Single(p => p.Row.Id == others[1].Row.Id).Row.Status);
    }

    [Fact]
    public async Task AReviewerAcceptsTheProjectsOfATable_TheyEnterTheRegistry()
    {
        await EnsureReviewerAsync();
        var text = "万州区项目计划\n\n| 序号 | 项目名称 | 建设性质 | 总投资（万元） | 建设期限 |\n| --- | --- | --- | --- | --- |\n" +
                   "| 1 | 浏览器测试铜箔项目 | 新建 | 52000 | 2024-2026 |\n| 2 | 浏览器测试冷链项目 | 续建 | 18000 | 2023-2025 |";
        var intake = await UploadAsReviewerAsync("projects.txt", text);
        var projects = intake.Proposals.Where(p => p.Row.Kind == "project").ToList();
        Assert.Equal(2, projects.Count);

        await using var session = await fixture.NewSessionAsync(nameof(AReviewerAcceptsTheProjectsOfATable_TheyEnterTheRegistry), new ViewportSize { Width = 1400, Height = 1000 });
        await session.RunAsync(async page =>
        {
            await OpenReviewAsync(page, intake);
            foreach (var p in projects)
            {
                await Assertions.Expect(page.Locator($"#tables li[data-proposal='{p.Row.Id}']")).ToContainTextAsync(p.Proposed.GetProperty("name").GetString()!);
            }
            await page.Locator("#accept-all-projects").ClickAsync();
            foreach (var p in projects) await Assertions.Expect(page.Locator($"#tables li[data-proposal='{p.Row.Id}']")).ToHaveClassAsync("accepted");
            await Assertions.Expect(page.Locator("#accept-all-projects")).ToBeDisabledAsync();
        });
        session.AssertNoConsoleErrors();

        var stored = await IndustryMap.Registries.RegistryQueries.ProjectsAsync(Database, new IndustryMap.Registries.RegistryFilter(Library: intake.Document.DocumentId));
        Assert.Equal(projects.Select(p => p.Proposed.GetProperty("name").GetString()), stored.Select(s => s.Name));
        Assert.All(stored, s => Assert.Equal((Reviewer, intake.Document.DocumentId), (s.EnteredBy!, s.SrcDocument!)));
    }

    /// <summary>
    /// Parks and projects are edited before acceptance, and the reviewer picks which draft layout edition an accepted
    /// designation enters (the newest draft is preselected). Expected values come from the data behind the API.
    /// </summary>
    [Fact]
    public async Task AReviewerEditsAProjectAndAPark_AndChoosesTheDraftEditionOfADesignation()
    {
        await EnsureReviewerAsync();
        await EnsureDraftsAsync();
        var drafts = (await IndustryMap.Layout.LayoutQueries.EditionsAsync(Database, includeDrafts: true)).Where(e => e.Status == "draft").OrderByDescending(e => e.Year).ToList();
        Assert.True(drafts.Count >= 2);
        var newest = drafts[0].Year;
        var chosen = drafts[^1].Year;
        var text = "万州区浏览器修改测试计划\n\n万州区主导产业为新材料。\n\n" +
                   "| 序号 | 项目名称 | 建设性质 | 总投资（万元） | 建设期限 |\n| --- | --- | --- | --- | --- |\n| 1 | 浏览器修改测试铜箔项目 | 新建 | 52000 | 2024-2026 |\n\n" +
                   "| 园区名称 | 规划面积（平方公里） | 主导产业 |\n| --- | --- | --- |\n| 浏览器修改测试产业园 | 12.5 | 新材料 |\n";
        var intake = await UploadAsReviewerAsync("edits.txt", text);
        var project = intake.Proposals.Single(p => p.Row.Kind == "project");
        var park = intake.Proposals.Single(p => p.Row.Kind == "park");
        var designation = intake.Proposals.First(p => p.Row.Kind == "designation" && p.Proposed.GetProperty("industries").GetArrayLength() > 0);
        const string projectName = "浏览器修改后的铜箔项目";
        const string parkName = "浏览器修改测试产业园（一期）";

        await using var session = await fixture.NewSessionAsync(nameof(AReviewerEditsAProjectAndAPark_AndChoosesTheDraftEditionOfADesignation), new ViewportSize { Width = 1400, Height = 1000 });
        await session.RunAsync(async page =>
        {
            await OpenReviewAsync(page, intake);

            // The project: a new name and the investment in 亿元 instead of 万元.
            var projectItem = page.Locator($"#tables li[data-proposal='{project.Row.Id}']");
            await projectItem.Locator("button.edit").ClickAsync();
            await projectItem.Locator("input[name=name]").FillAsync(projectName);
            await projectItem.Locator("input[name=investment]").FillAsync("6.2");
            await projectItem.Locator("input[name=investmentUnit]").FillAsync("亿元");
            await projectItem.Locator("button.save").ClickAsync();
            await Assertions.Expect(projectItem).ToHaveClassAsync("accepted");
            await Assertions.Expect(projectItem.Locator(".name")).ToHaveTextAsync(projectName);
            await Assertions.Expect(projectItem.Locator(".investment")).ToHaveTextAsync("6.2亿元");

            // The park: a new name and its land in 亩.
            var parkItem = page.Locator($"#tables li[data-proposal='{park.Row.Id}']");
            await parkItem.Locator("button.edit").ClickAsync();
            await parkItem.Locator("input[name=name]").FillAsync(parkName);
            await parkItem.Locator("input[name=land]").FillAsync("800");
            await parkItem.Locator("input[name=landUnit]").FillAsync("亩");
            await parkItem.Locator("button.save").ClickAsync();
            await Assertions.Expect(parkItem).ToHaveClassAsync("accepted");
            await Assertions.Expect(parkItem.Locator(".land")).ToHaveTextAsync("800亩");

            // The newest draft is preselected; the reviewer picks the older one for the designation.
            var select = page.Locator("#layout-edition");
            await Assertions.Expect(select).ToHaveValueAsync(newest.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await select.SelectOptionAsync(chosen.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var designationItem = page.Locator($"#designations li[data-proposal='{designation.Row.Id}']");
            await designationItem.Locator("button.accept").ClickAsync();
            await Assertions.Expect(designationItem).ToHaveClassAsync("accepted");
            await Assertions.Expect(designationItem).ToContainTextAsync(chosen.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        session.AssertNoConsoleErrors();

        // What the page did is in the data: the edited project and park in the registries, the designation in the chosen draft.
        var after = (await IntakeStore.GetAsync(Database, intake.Document.Id))!;
        var acceptedProject = after.Proposals.Single(p => p.Row.Id == project.Row.Id).Accepted!.Value;
        Assert.Equal((projectName, 6.2m, "亿元", true), (acceptedProject.GetProperty("name").GetString()!, acceptedProject.GetProperty("investment").GetDecimal(),
            acceptedProject.GetProperty("investmentUnit").GetString()!, acceptedProject.GetProperty("edited").GetBoolean()));
        var stored = Assert.Single(await IndustryMap.Registries.RegistryQueries.ProjectsAsync(Database, new IndustryMap.Registries.RegistryFilter(Library: intake.Document.DocumentId)));
        Assert.Equal((projectName, 6.2m, 6.2m, Reviewer), (stored.Name, stored.Investment!.Value, stored.InvestmentYi!.Value, stored.EnteredBy!));
        var storedPark = Assert.Single(await IndustryMap.Registries.RegistryQueries.ParksAsync(Database), p => p.SrcDocument == intake.Document.DocumentId);
        Assert.Equal((parkName, 800m, "亩"), (storedPark.Name, storedPark.PlannedArea!.Value, storedPark.AreaUnit!));
        var layout = after.Proposals.Single(p => p.Row.Id == designation.Row.Id).Accepted!.Value.GetProperty("layout");
        Assert.Equal(chosen, layout.GetProperty("edition").GetInt64());
        Assert.Contains(await IndustryMap.Layout.LayoutQueries.DesignationsAsync(Database, (int)chosen), d => d.SrcDocument == intake.Document.DocumentId);
        Assert.DoesNotContain(await IndustryMap.Layout.LayoutQueries.DesignationsAsync(Database, (int)newest), d => d.SrcDocument == intake.Document.DocumentId);
    }

    /// <summary>Two draft layout editions far ahead of the seeded ones (2023), made once for this fixture; the pages read 2023.</summary>
    private async Task EnsureDraftsAsync()
    {
        await Once.WaitAsync();
        try
        {
            var years = (await IndustryMap.Layout.LayoutQueries.EditionsAsync(Database, includeDrafts: true)).Select(e => e.Year).ToHashSet();
            foreach (var year in new[] { 2091, 2092 }.Where(y => !years.Contains(y)))
            {
                await IndustryMap.Layout.LayoutEditing.CreateDraftAsync(Database, Actor.System("browser tests"), new IndustryMap.Layout.NewEdition(year, $"{year} 年版（浏览器测试草稿）", null, null));
            }
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task<Dictionary<string, string>> Strings(string lang)
    {
        // The interface strings the page shows, read from i18n.js as the page reads them (no list of expected words in the test).
        var source = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "src/IndustryMap.Web/wwwroot/js/i18n.js"));
        var block = source[(lang == "en" ? source.IndexOf("\n  en: {", StringComparison.Ordinal) : 0)..];
        var result = new Dictionary<string, string>();
        foreach (var key in new[] { "intake.conflict", "intake.status.accepted" })
        {
            var at = block.IndexOf($"\"{key}\": \"", StringComparison.Ordinal);
            var start = at + key.Length + 5;
            result[key] = block[start..block.IndexOf('"', start)];
        }
        return result;
    }
}
