using System.Net.Http.Json;
using System.Text.Json;
using IndustryMap.BrowserTests.Infrastructure;
using IndustryMap.BrowserTests.Pages;
using Microsoft.Playwright;

namespace IndustryMap.BrowserTests;

[Collection(BrowserCollection.Name)]
public class PageTests(BrowserFixture fixture)
{
    public static TheoryData<string> Pages => new()
    {
        "/",
        "/?industry=" + Uri.EscapeDataString("先进材料") + "&kind=cluster",
        "/?view=groups",
        "/unit.html?name=" + Uri.EscapeDataString("万州区"),
        "/unit.html?name=" + Uri.EscapeDataString("渝中区"),
        "/unit.html?name=" + Uri.EscapeDataString("两江新区"),
        "/cluster.html?name=" + Uri.EscapeDataString("智能网联新能源汽车"),
        "/document.html",
        "/document.html?doc=001&lines=285-287",
        "/plan.html?id=yx2027",
        "/plan.html?id=cq2019",
        "/checks.html",
        "/registry.html?kind=parks",
        "/registry.html?kind=enterprises",
        "/registry.html?kind=projects",
        "/registry.html?kind=tasks",
        "/placement.html",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPage_LoadsWithoutConsoleErrors_UnderAStrictCsp(string path)
    {
        await using var session = await fixture.NewSessionAsync(nameof(EveryPage_LoadsWithoutConsoleErrors_UnderAStrictCsp) + path);
        await session.RunAsync(async page =>
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await page.Locator("body[data-ready='true']").WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.NotEmpty((await page.Locator("main h1").TextContentAsync())!.Trim());
            // An alert region may stand empty, ready for a message (the placement form's); none may say anything.
            Assert.All(await page.Locator("[role=alert]").AllTextContentsAsync(), text => Assert.True(string.IsNullOrWhiteSpace(text), "an alert says: " + text));
            session.AssertNoConsoleErrors();
        });
    }

    /// <summary>The expected colouring comes from the layout API, not from a list written here.</summary>
    [Theory]
    [InlineData("先进材料", "集群")]
    [InlineData("智能网联新能源汽车", "集群")]
    [InlineData("纤维及复合材料", "细分产业")]
    public async Task ChoosingAnIndustry_ColoursTheUnitsWhereItIsDominantOrCharacteristic(string industry, string kindLabel)
    {
        var layout = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/layouts/2023");
        var matching = layout.EnumerateArray()
            .Where(r => kindLabel == "集群" ? r.GetProperty("cluster").GetString() == industry : r.GetProperty("industry").GetString() == industry)
            .ToList();
        var dominant = matching.Where(r => r.GetProperty("role").GetString() == "dominant").Select(r => r.GetProperty("unit").GetString()!).ToHashSet();
        var characteristic = matching.Select(r => r.GetProperty("unit").GetString()!).Where(u => !dominant.Contains(u)).ToHashSet();
        Assert.NotEmpty(dominant.Concat(characteristic));

        await using var session = await fixture.NewSessionAsync(nameof(ChoosingAnIndustry_ColoursTheUnitsWhereItIsDominantOrCharacteristic) + industry);
        await session.RunAsync(async page =>
        {
            var map = new MapPage(page);
            await map.GotoAsync();
            await map.ChooseAsync(industry, kindLabel);

            var colours = await map.RegionColoursAsync();
            Assert.Equal(38, colours.Count);
            // Functional zones (两江新区 …) have no region: they are markers, checked in the list below.
            Assert.Equal(dominant.Where(colours.ContainsKey).Order(), colours.Where(c => c.Value == MapPage.DominantColour).Select(c => c.Key).Order());
            Assert.Equal(characteristic.Where(colours.ContainsKey).Order(), colours.Where(c => c.Value == MapPage.CharacteristicColour).Select(c => c.Key).Order());

            var statuses = await map.ListStatusesAsync();
            Assert.Equal(41, statuses.Count);
            Assert.Equal(dominant.Order(), statuses.Where(s => s.Value == "dominant").Select(s => s.Key).Order());
            Assert.Equal(characteristic.Order(), statuses.Where(s => s.Value == "characteristic").Select(s => s.Key).Order());
            // Units the 2023 layout does not record are a state of their own, not "lacks the industry".
            var units = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/units");
            var unrecorded = units.EnumerateArray().Where(u => u.GetProperty("layoutEditions").GetArrayLength() == 0).Select(u => u.GetProperty("name").GetString()!);
            Assert.Equal(unrecorded.Order(), statuses.Where(s => s.Value == "notRecorded").Select(s => s.Key).Order());

            await Assertions.Expect(map.Summary).ToContainTextAsync($"{dominant.Count} 个单元列为主导产业，{characteristic.Count} 个单元列为特色产业");
            await Assertions.Expect(map.Legend).ToContainTextAsync("▲ 主导");
            session.AssertNoConsoleErrors();
        });
    }

    [Fact]
    public async Task HoveringAUnit_ShowsItsDesignations_AndClickingItOpensItsPage()
    {
        var profile = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/units/" + Uri.EscapeDataString("万州区"));
        var firstDominant = profile.GetProperty("layouts")[0].GetProperty("dominant")[0].GetProperty("industry").GetString()!;

        await using var session = await fixture.NewSessionAsync(nameof(HoveringAUnit_ShowsItsDesignations_AndClickingItOpensItsPage));
        await session.RunAsync(async page =>
        {
            var map = new MapPage(page);
            await map.GotoAsync();
            await map.HoverUnitAsync("万州区");
            var tip = page.Locator(".tip");
            await Assertions.Expect(tip).ToContainTextAsync("万州区");
            await Assertions.Expect(tip).ToContainTextAsync(firstDominant);

            await map.ClickUnitAsync("万州区");
            await page.WaitForURLAsync("**/unit.html?name=*");
            var unit = new UnitPage(page);
            await unit.WaitUntilReadyAsync();
            await Assertions.Expect(unit.Name).ToHaveTextAsync("万州区");
            session.AssertNoConsoleErrors();
        });
    }

    [Fact]
    public async Task ListView_IsKeyboardNavigable()
    {
        await using var session = await fixture.NewSessionAsync(nameof(ListView_IsKeyboardNavigable));
        await session.RunAsync(async page =>
        {
            var map = new MapPage(page);
            await map.GotoAsync();
            var links = page.Locator("#unit-list a.unit-link");
            await links.First.FocusAsync();
            await page.Keyboard.PressAsync("ArrowDown");
            var second = await links.Nth(1).TextContentAsync();
            Assert.Equal(second, await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
            await Assertions.Expect(page.Locator(".tip")).ToContainTextAsync(second!);
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync("**/unit.html?name=*");
            await Assertions.Expect(new UnitPage(page).Name).ToHaveTextAsync(second!);
        });
    }

    [Fact]
    public async Task ASourceLink_ShowsTheCitedLineText_AndOpensTheDocumentAtThoseLines()
    {
        var profile = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/units/" + Uri.EscapeDataString("江津区"));
        var source = profile.GetProperty("layouts")[0].GetProperty("dominant")[0].GetProperty("source");
        var excerpt = await fixture.Http.GetFromJsonAsync<JsonElement>(source.GetProperty("href").GetString()!);
        var expected = excerpt.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()!).ToList();

        await using var session = await fixture.NewSessionAsync(nameof(ASourceLink_ShowsTheCitedLineText_AndOpensTheDocumentAtThoseLines));
        await session.RunAsync(async page =>
        {
            var unit = new UnitPage(page);
            await unit.GotoAsync("江津区");
            Assert.Equal(expected, await unit.OpenSourceAsync("dominant", 0));

            var document = await unit.OpenSourceInDocumentAsync("dominant", 0);
            Assert.Equal(expected, await document.CitedLines.AllTextContentsAsync());
            Assert.True(await document.FirstCitedLineIsVisibleAsync(), "the viewer scrolls to the cited lines");
            session.AssertNoConsoleErrors();
        });
    }

    [Fact]
    public async Task UnitPage_ListsNeighboursDerivedFromTheBoundaries_WithSharedIndustries()
    {
        await using var session = await fixture.NewSessionAsync(nameof(UnitPage_ListsNeighboursDerivedFromTheBoundaries_WithSharedIndustries));
        await session.RunAsync(async page =>
        {
            var unit = new UnitPage(page);
            await unit.GotoAsync("万州区");
            var neighbours = await unit.Neighbours.EvaluateAllAsync<string[]>("items => items.map(li => li.dataset.unit)");
            // 万州区 borders 开州区, 云阳县, 忠县, 梁平区 (梁平县 in the polygon file) and 石柱县 within Chongqing.
            Assert.Equal(["云阳县", "开州区", "忠县", "梁平区", "石柱县"], neighbours.Order());
            await Assertions.Expect(unit.Neighbours.Filter(new() { HasTextString = "开州区" })).ToContainTextAsync("现代中药及中成药");
        });
    }

    [Fact]
    public async Task TheEnglishSwitch_ChangesTheInterfaceLanguage_AndIsRemembered()
    {
        await using var session = await fixture.NewSessionAsync(nameof(TheEnglishSwitch_ChangesTheInterfaceLanguage_AndIsRemembered));
        await session.RunAsync(async page =>
        {
            var map = new MapPage(page);
            await map.GotoAsync();
            await Assertions.Expect(map.Heading).ToHaveTextAsync("区县产业布局（2023年版）");
            await page.Locator("#lang-switch").ClickAsync();
            await map.WaitUntilReadyAsync();
            await Assertions.Expect(map.Heading).ToHaveTextAsync("District industry layout (2023 edition)");
            Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
            await Assertions.Expect(page.Locator("nav a").First).ToHaveTextAsync("Map");

            await page.GotoAsync("/unit.html?name=" + Uri.EscapeDataString("万州区"));
            await page.Locator("body[data-ready='true']").WaitForAsync();
            await Assertions.Expect(page.Locator("#neighbours-heading")).ToHaveTextAsync("Neighbouring units");
            await page.Locator("#lang-switch").ClickAsync();
            await page.Locator("body[data-ready='true']").WaitForAsync();
            await Assertions.Expect(page.Locator("#neighbours-heading")).ToHaveTextAsync("相邻单元");
            session.AssertNoConsoleErrors();
        });
    }

    [Fact]
    [Trait("Category", "screenshots")]
    public async Task AtPhoneWidth_TheMapAndListFitTheScreen()
    {
        await using var session = await fixture.NewSessionAsync(nameof(AtPhoneWidth_TheMapAndListFitTheScreen), new ViewportSize { Width = 390, Height = 844 });
        await session.RunAsync(async page =>
        {
            var map = new MapPage(page);
            await map.GotoAsync("?industry=" + Uri.EscapeDataString("先进材料") + "&kind=cluster");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone screen");
            var box = (await page.Locator("#map").BoundingBoxAsync())!;
            Assert.True(box.Width <= 390);
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("map-phone.png") });
        });
    }

    [Fact]
    [Trait("Category", "screenshots")]
    public async Task Screenshots_OfTheMapAndAUnitPage_AreSaved()
    {
        await using var session = await fixture.NewSessionAsync(nameof(Screenshots_OfTheMapAndAUnitPage_AreSaved), new ViewportSize { Width = 1280, Height = 1000 });
        await session.RunAsync(async page =>
        {
            var map = new MapPage(page);
            await map.GotoAsync("?industry=" + Uri.EscapeDataString("先进材料") + "&kind=cluster");
            await map.HoverUnitAsync("开州区");
            await page.Locator(".tip").WaitForAsync();
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("map.png") });

            var unit = new UnitPage(page);
            await unit.GotoAsync("万州区");
            await unit.OpenSourceAsync("dominant", 0);
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("unit.png"), FullPage = true });
            Assert.True(new FileInfo(Screenshots.PathFor("map.png")).Length > 10_000);
        });
    }
}

/// <summary>
/// Where tests save screenshots: artifacts/screenshots (ignored by git), so a test run never changes a tracked file.
/// scripts/screenshots.sh points INDUSTRYMAP_SCREENSHOTS at docs/screenshots to refresh the README's images on purpose.
/// </summary>
public static class Screenshots
{
    public const string FolderVariable = "INDUSTRYMAP_SCREENSHOTS";

    public static string PathFor(string file)
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } chosen
            ? Path.GetFullPath(chosen, Repository.Root)
            : Path.Combine(Repository.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, file);
    }
}
