using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using IndustryMap.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace IndustryMap.BrowserTests;

/// <summary>
/// Issue 14: every page, at desktop (1400×900) and phone (390×844) width, in Chinese and English, signed in as the
/// administrator (the sign-in page anonymously). On each: no console error under the strict CSP; not wider than the
/// viewport; in English no Chinese character outside data (elements marked .data, data-i18n-data, &lt;data&gt; or with
/// lang="zh…"); in Chinese no English word outside data and a short allow-list; no "null", "undefined", "NaN", raw
/// timestamps, half ranges or raw indicator/plan ids; no serious or critical axe-core violation. Each page's screenshot
/// is written to artifacts/screenshots/pages (ignored by git).
/// </summary>
[Collection(BrowserCollection.Name)]
public class EveryPageTests(BrowserFixture fixture)
{
    private static readonly string[] Paths =
    [
        "/",
        "/?industry=" + Uri.EscapeDataString("先进材料") + "&kind=cluster",
        "/?view=groups",
        "/unit.html?name=" + Uri.EscapeDataString("万州区"),
        "/unit.html?name=" + Uri.EscapeDataString("两江新区"),
        "/unit.html?name=" + Uri.EscapeDataString("不存在区"),
        "/cluster.html?name=" + Uri.EscapeDataString("智能网联新能源汽车"),
        "/chain.html?id=na-vivo",
        "/document.html",
        "/document.html?doc=000&lines=39-40&focus=" + Uri.EscapeDataString("万州区"),
        "/plan.html?id=yx2027",
        "/checks.html",
        "/registry.html?kind=parks",
        "/registry.html?kind=enterprises",
        "/registry.html?kind=projects",
        "/registry.html?kind=tasks",
        "/placement.html",
        "/placement.html?description=" + Uri.EscapeDataString("年产5万吨磷酸铁锂正极材料") + "&amountYi=10&landMu=200&origin=outside_city",
        "/intake.html",
        "/monitoring/",
        "/monitoring/entry.html?unit=" + Uri.EscapeDataString("江津区") + "&period=2025Q3",
        "/monitoring/review.html?period=2025Q4",
        "/monitoring/progress.html",
        "/monitoring/ranking.html?period=2025Q3",
        "/monitoring/bulletin.html?period=2025Q3&includeDemo=true",
        "/signin",
        "/nosuchpage.html",
    ];

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var path in Paths)
        {
            foreach (var lang in new[] { "zh", "en" })
            {
                foreach (var width in new[] { 1400, 390 }) data.Add(path, lang, width);
            }
        }
        return data;
    }

    /// <summary>English words a Chinese page may show outside data: file formats, product names, codes.</summary>
    private static readonly HashSet<string> AllowedEnglish = new(StringComparer.OrdinalIgnoreCase)
    {
        "English", "Excel", "Word", "CSV", "xlsx", "csv", "docx", "txt", "pdf", "API", "POST", "GET", "PUT", "JSON", "OpenAPI", "ECharts", "MB", "KB", "GDP",
    };

    private const string ScanScript = """
        (lang) => {
          const dataSelector = ".data, [data-i18n-data], data, code, kbd, samp, script, style, noscript, template, canvas"
            + (lang === "en" ? ", [lang^='zh']" : ", [lang='en']");
          const texts = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.nodeValue.trim();
            const parent = node.parentElement;
            if (!text || !parent) continue;
            const inOption = parent.closest("option");
            if (!inOption && !parent.checkVisibility()) continue;
            texts.push({ text, data: !!parent.closest(dataSelector), where: parent.tagName.toLowerCase() + (parent.id ? "#" + parent.id : "") + (parent.className && typeof parent.className === "string" ? "." + parent.className.split(" ").join(".") : "") });
          }
          for (const node of document.body.querySelectorAll("[aria-label]")) {
            if (!node.checkVisibility()) continue;
            texts.push({ text: node.getAttribute("aria-label"), data: !!node.closest(dataSelector), where: "aria-label of " + node.tagName.toLowerCase() });
          }
          const root = document.documentElement;
          const wide = [];
          if (root.scrollWidth > root.clientWidth + 1) {
            for (const node of document.body.querySelectorAll("*")) {
              const r = node.getBoundingClientRect();
              if (r.right > root.clientWidth + 1 && node.checkVisibility() && !node.parentElement.closest(".table-wrap, .map, .chart")) {
                wide.push(node.tagName.toLowerCase() + (node.id ? "#" + node.id : "") + "." + String(node.className) + " right=" + Math.round(r.right));
                if (wide.length >= 6) break;
              }
            }
          }
          return { texts, scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
        }
        """;

    private static readonly Regex Cjk = new(@"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]", RegexOptions.Compiled);
    private static readonly Regex EnglishWord = new(@"[A-Za-z]{2,}", RegexOptions.Compiled);
    private static readonly Regex PathOrUrl = new(@"(https?://|/)[\w\-./{}?=&%:]+", RegexOptions.Compiled);
    private static readonly Regex Broken = new(@"\bnull\b|\bundefined\b|\bNaN\b|\[object |\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|[~～]\s*$|^\s*[~～]|\b[a-z]{2}\d{2,4}/ind\d+\b", RegexOptions.Compiled);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryPage_ReadsAsOneProduct_InBothLanguages_AtDesktopAndPhoneWidth(string path, string lang, int width)
    {
        var tokens = await MonitoringAccounts.TokensAsync(fixture);
        // Raw ids people should never read as a cell: plan ids (na14) and project-library ids (wz-annex), from the API.
        var planIds = (await fixture.Http.GetFromJsonAsync<JsonElement>("/api/plans")).EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToHashSet();
        var libraryIds = (await fixture.Http.GetFromJsonAsync<JsonElement>("/api/tables/projects")).GetProperty("rows").EnumerateArray()
            .Select(r => r.GetProperty("cells")[0].GetString()!).ToHashSet();
        Assert.NotEmpty(libraryIds);
        var name = $"{nameof(EveryPage_ReadsAsOneProduct_InBothLanguages_AtDesktopAndPhoneWidth)}-{lang}-{width}{path}";
        await using var session = await fixture.NewSessionAsync(name, new ViewportSize { Width = width, Height = width > 800 ? 900 : 844 });
        await session.Page.Context.AddInitScriptAsync($"try {{ localStorage.setItem('industrymap.lang', '{lang}'); }} catch {{}}");
        if (path != "/signin") await session.Page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = "Bearer " + tokens[MonitoringAccounts.Admin] });
        await session.RunAsync(async page =>
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(path == "/nosuchpage.html" ? 404 : 200, response!.Status);
            await page.Locator("body[data-ready='true']").WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.Equal(lang == "en" ? "en" : "zh-CN", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
            Assert.NotEmpty((await page.Locator("main h1").First.TextContentAsync())!.Trim());
            // The one header on every page: navigation with 监测 and 项目落地, the user or 登录.
            await Assertions.Expect(page.Locator("header.site nav a[href='/monitoring/']")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("header.site nav a[href='/placement.html']")).ToHaveCountAsync(1);
            if (path != "/signin") await Assertions.Expect(page.Locator("header.site #session")).ToContainTextAsync(MonitoringAccounts.Admin);
            else await Assertions.Expect(page.Locator("header.site #session a[href^='/signin']")).ToHaveCountAsync(1);

            var scan = await page.EvaluateAsync<JsonElement>(ScanScript, lang);
            var problems = new List<string>();
            var scrollWidth = scan.GetProperty("scrollWidth").GetInt32();
            var clientWidth = scan.GetProperty("clientWidth").GetInt32();
            if (scrollWidth > clientWidth + 1)
            {
                problems.Add($"the page is {scrollWidth}px wide in a {clientWidth}px viewport: " + string.Join("; ", scan.GetProperty("wide").EnumerateArray().Select(w => w.GetString())));
            }
            foreach (var item in scan.GetProperty("texts").EnumerateArray())
            {
                var text = item.GetProperty("text").GetString()!;
                var where = item.GetProperty("where").GetString();
                var isData = item.GetProperty("data").GetBoolean();
                if (Broken.IsMatch(text)) problems.Add($"broken text in {where}: “{text}”");
                if (planIds.Contains(text.Trim())) problems.Add($"a raw plan id in {where}: “{text}”");
                if (libraryIds.Contains(text.Trim()) || libraryIds.Any(id => text.TrimStart().StartsWith(id + "：", StringComparison.Ordinal)))
                {
                    problems.Add($"a raw project-library id in {where}: “{text}”");
                }
                if (isData) continue;
                if (lang == "en" && Cjk.IsMatch(text)) problems.Add($"Chinese outside data in {where}: “{text}”");
                if (lang == "zh")
                {
                    foreach (Match word in EnglishWord.Matches(PathOrUrl.Replace(text, " ")))
                    {
                        if (!AllowedEnglish.Contains(word.Value)) problems.Add($"English “{word.Value}” outside data in {where}: “{text}”");
                    }
                }
            }
            var folder = Path.Combine(Repository.Root, "artifacts", "screenshots", "pages");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{lang}-{width}-{Regex.Replace(path, @"[^\w.-]+", "_")}.png") });
            Assert.True(problems.Count == 0, $"{path} ({lang}, {width}px):\n" + string.Join("\n", problems.Distinct().Take(40)));
            // The browser reports the 404 status of the unknown page itself; nothing else may fail.
            if (path == "/nosuchpage.html") session.ConsoleErrors.RemoveAll(e => e.Contains("404", StringComparison.Ordinal));
            session.AssertNoConsoleErrors();
        });
    }

    public static TheoryData<string> AllPaths() => new(Paths);

    /// <summary>axe-core on every page (Chinese, desktop width, signed in): no serious or critical violation.</summary>
    [Theory]
    [MemberData(nameof(AllPaths))]
    public async Task EveryPage_HasNoSeriousOrCriticalAccessibilityViolations(string path)
    {
        var tokens = await MonitoringAccounts.TokensAsync(fixture);
        await using var session = await fixture.NewSessionAsync(nameof(EveryPage_HasNoSeriousOrCriticalAccessibilityViolations) + path, new ViewportSize { Width = 1400, Height = 900 });
        if (path != "/signin") await session.Page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = "Bearer " + tokens[MonitoringAccounts.Admin] });
        await session.RunAsync(async page =>
        {
            await page.GotoAsync(path);
            await page.Locator("body[data-ready='true']").WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var axe = await page.RunAxe();
            var problems = axe.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(4).Select(n => n.Target?.ToString() ?? ""))}")
                .ToList();
            Assert.True(problems.Count == 0, $"{path}:\n" + string.Join("\n", problems));
        });
    }
}
