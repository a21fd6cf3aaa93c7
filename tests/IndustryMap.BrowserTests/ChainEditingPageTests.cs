using System.Net.Http.Json;
using System.Text.Json;
using IndustryMap.Accounts;
using IndustryMap.Authorization;
using IndustryMap.BrowserTests.Infrastructure;
using IndustryMap.Spreadsheets;
using IndustryMap.Storage;
using IndustryMap.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IndustryMap.BrowserTests;

/// <summary>The chain page's template import (issue 12 §6): the template link, the form only for the unit's officer, a refusal listing where, a new chain.</summary>
[Collection(BrowserCollection.Name)]
public class ChainEditingPageTests(BrowserFixture fixture)
{
    private const string Officer = "chain-page-officer";
    private const string Password = "chain-page-password-1";
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _created;

    private async Task EnsureOfficerAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_created) return;
            var database = fixture.Server.Services.GetRequiredService<Database>();
            await UserAccounts.CreateAsync(database, Actor.System("browser tests"), new NewUser(Officer, "万州区产业链专员", Role.Unit, "万州区"), new Passwords().Hash(Password));
            _created = true;
        }
        finally
        {
            Once.Release();
        }
    }

    private static byte[] Workbook(string key, string stage) => Xlsx.Write(
        XlsxSheet.Table("产业链", ["编号", "名称", "所属单元", "版本"], [[key, "浏览器测试产业链", "万州区", null]]),
        XlsxSheet.Table("环节", ["编号", "阶段", "名称"], [["a", stage, "零部件"], ["b", "中游", "整机"]]),
        XlsxSheet.Table("企业", ["环节编号", "名称", "类型", "所在地"], [["a", "某零部件公司", "企业", "本单元"]]),
        XlsxSheet.Table("关系", ["上游环节编号", "下游环节编号"], [["a", "b"]]));

    [Fact]
    public async Task TheUnitOfficer_ImportsAChainFromTheTemplate_ARefusalNamesSheetAndRow()
    {
        await EnsureOfficerAsync();
        var key = "wz-browser-" + Guid.NewGuid().ToString("N")[..8];
        await using var session = await fixture.NewSessionAsync(nameof(TheUnitOfficer_ImportsAChainFromTheTemplate_ARefusalNamesSheetAndRow));
        await session.RunAsync(async page =>
        {
            // Anonymous: the template can be downloaded, the import form is not offered.
            await page.GotoAsync("/chain.html?id=wz-lighting", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            await page.Locator("body[data-ready='true']").WaitForAsync();
            await Assertions.Expect(page.Locator("#template-link")).ToHaveAttributeAsync("href", "/api/chains/wz-lighting/template.xlsx");
            await Assertions.Expect(page.Locator("#import-form")).ToBeHiddenAsync();

            // (The test session's CSP route follows the sign-in redirect itself, so the address stays /signin: sign in to a page
            // without parameters, then open the chain.)
            await page.GotoAsync("/signin?returnUrl=%2Fchecks.html", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            await page.FillAsync("input[name=name]", Officer);
            await page.FillAsync("input[name=password]", Password);
            await page.Locator("form[action='/signin'] button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("#session")).ToContainTextAsync("万州区产业链专员", new() { Timeout = 15_000 });
            await page.GotoAsync("/chain.html?id=wz-lighting", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            await page.Locator("body[data-ready='true']").WaitForAsync();
            await Assertions.Expect(page.Locator("#import-form")).ToBeVisibleAsync();

            // A workbook with a bad stage: nothing is imported, the message names the sheet, the row and the column.
            await page.Locator("#import-file").SetInputFilesAsync(new FilePayload
            {
                Name = "错误.xlsx", MimeType = Xlsx.ContentType, Buffer = Workbook(key, "最上游"),
            });
            await page.Locator("#import-form button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("工作表“环节”第 2 行“阶段”");
            using (var missing = await fixture.Http.GetAsync("/api/chains/" + key))
            {
                Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
            }

            // The corrected workbook creates the chain and opens its page.
            await page.Locator("#import-file").SetInputFilesAsync(new FilePayload
            {
                Name = "正确.xlsx", MimeType = Xlsx.ContentType, Buffer = Workbook(key, "上游"),
            });
            await page.Locator("#import-form button[type=submit]").ClickAsync();
            await page.WaitForURLAsync("**/chain.html?id=" + key);
            var created = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/chains/" + key);
            await page.Locator("body[data-ready='true']").WaitForAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(created.GetProperty("name").GetString()!);
            await Assertions.Expect(page.Locator("#list tbody tr")).ToHaveCountAsync(created.GetProperty("nodes").GetArrayLength());
            // The only console error is the refused request (400) of the first attempt.
            Assert.All(session.ConsoleErrors, e => Assert.Contains("400", e, StringComparison.Ordinal));
        });
    }
}
