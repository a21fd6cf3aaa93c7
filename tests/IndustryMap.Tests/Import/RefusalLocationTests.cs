using System.Net;
using System.Net.Http.Headers;
using IndustryMap.Import;
using IndustryMap.Spreadsheets;
using IndustryMap.Tests.Chains;
using IndustryMap.Tests.Infrastructure;
using IndustryMap.Tests.Spreadsheets;
using IndustryMap.Web.Api;
using IndustryMap.Writing;

namespace IndustryMap.Tests.Import;

/// <summary>
/// Issue 10 §14: with one refusal type (<see cref="RefusedException"/> + <see cref="Refusal"/>), a refused import still
/// names where the problem is — file, sheet, row and field — in Core and in the API's problem document.
/// </summary>
public class RefusalLocationTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ASeedCsvThatIsNotCsv_IsRefusedNamingItsFileAndLine(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var folder = SeedData.CopyToTemp();
        var path = Path.Combine(folder, "000-industry-map-2023", "layout.csv");
        var text = await File.ReadAllTextAsync(path);
        var line = text.TrimEnd('\n').Split('\n').Length + 1; // the appended record's line
        await File.WriteAllTextAsync(path, text.TrimEnd('\n') + "\n2023,万州区,\"unterminated\n");

        var refused = await Assert.ThrowsAsync<RefusedException>(() => SeedImporter.ImportAsync(store.Database, folder, "tests"));

        Assert.Equal((RefusalKind.RuleViolated, "import_refused"), (refused.Kind, refused.Code));
        var error = Assert.Single(refused.Errors, e => e.Code == IndustryMap.Text.Csv.Malformed);
        Assert.Equal(("000-industry-map-2023/layout.csv", line), (error.File, error.Row));
        Assert.Contains($"第 {line} 行", error.Message, StringComparison.Ordinal);
        Assert.Contains("layout.csv 第" + line + "行", error.ToString(), StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task AChainWorkbookRefusal_NamesFileSheetRowAndField_InTheProblemDocument(string engine)
    {
        await using var app = await SecuredApp.CreateAsync(engine);
        using var admin = app.As(People.Admin);
        var workbook = Xlsx.Write(
            XlsxSheet.Table("产业链", ["编号", "名称", "所属单元", "版本"], [["wz-located", "测试产业链", "万州区", null]]),
            XlsxSheet.Table("环节", ["编号", "阶段", "名称"], [["a", "上游", "零部件"], ["b", "不是阶段", "整机"]]),
            XlsxSheet.Table("企业", ["环节编号", "名称", "类型", "所在地"], [["a", "某零部件公司", "企业", "本区县"]]),
            XlsxSheet.Table("关系", ["上游环节编号", "下游环节编号"], [["a", "b"]]));
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(workbook);
        file.Headers.ContentType = new MediaTypeHeaderValue(Xlsx.ContentType);
        form.Add(file, "file", "万州-产业链.xlsx");

        var problem = await HttpAssert.Json(await admin.PostAsync("/api/units/" + Uri.EscapeDataString("万州区") + "/chains/import", form),
            HttpStatusCode.BadRequest);

        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(("万州-产业链.xlsx", "环节", 3, "阶段", problem.GetProperty("code").GetString()),
            (error.GetProperty("file").GetString(), error.GetProperty("sheet").GetString(), error.GetProperty("row").GetInt32(),
                error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
        Assert.Contains("工作表“环节”第 3 行“阶段”", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(error.TryGetProperty("indicator", out _)); // location parts that do not apply are left out
        // Nothing was written.
        using var anonymous = app.As(null);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/chains/wz-located")).StatusCode);
    }

    [Fact]
    public void AHostileWorkbook_IsRefusedNamingFileSheetAndRow_AndTheProblemDocumentCarriesThem()
    {
        var refused = Assert.Throws<RefusedException>(() =>
            XlsxReader.Read(new MemoryStream(HostileWorkbooks.HugeRowNumber(100_000_000)), "填报.xlsx"));

        Assert.Equal(("too_many_rows", "填报.xlsx", HostileWorkbooks.SheetName, 100_000_000), (refused.Code, refused.File, refused.Sheet, refused.Row));
        var extensions = RefusalProblems.Extensions(refused);
        Assert.Equal(("填报.xlsx", HostileWorkbooks.SheetName, (object?)100_000_000),
            ((string?)extensions["file"], (string?)extensions["sheet"], extensions["row"]));
        Assert.DoesNotContain("errors", extensions.Keys);
    }

    [Fact]
    public void AFieldRefusal_ListsEveryField_WithoutAFileItDoesNotHave()
    {
        var refused = Assert.Throws<RefusedException>(() => FieldRules.ThrowIfAny(
            [FieldRules.Text("name", "名称", "", 10, required: true), FieldRules.Text("note", "说明", new string('x', 11), 10)]));

        Assert.Equal("invalid_fields", refused.Code);
        Assert.Equal([("name", "required"), ("note", "too_long")], refused.Errors.Select(e => (e.Field, e.Code)));
        var json = System.Text.Json.JsonSerializer.Serialize(refused.Errors[0], new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        Assert.Equal("""{"code":"required","message":"名称不能为空","messageEn":"name is required","field":"name"}""",
            System.Text.RegularExpressions.Regex.Unescape(json));
    }
}
