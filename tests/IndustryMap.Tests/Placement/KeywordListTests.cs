using IndustryMap.Writing;
using IndustryMap.Import;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Placement;

/// <summary>
/// The curated keyword list and the restricted-products list are checked like every seed file, and the keyword list
/// can never learn from the evaluation material (project libraries, layout details).
/// </summary>
public class KeywordListTests
{
    private const string Keywords = "reference/industry_keywords.csv";
    private const string Restricted = "reference/restricted_products.csv";

    private static Dictionary<string, string> Keyword(string industry, string keyword, string document, string lines, string weight = "1") => new()
    {
        ["sub_industry"] = industry, ["keyword"] = keyword, ["weight"] = weight, ["source_doc"] = document, ["lines"] = lines, ["note"] = "test",
    };

    private static Refusal[] Refused(string folder) => [.. Assert.Throws<RefusedException>(() => SeedReader.Read(folder)).Errors];

    [Fact]
    public void TheShippedLists_AreRead_EveryKeywordWithItsSource()
    {
        var dataset = SeedReader.Read(SeedData.Folder);
        Assert.True(dataset.Placement.Keywords.Count >= 200, $"{dataset.Placement.Keywords.Count} keywords");
        Assert.All(dataset.Placement.Keywords, k => Assert.True(k.Source.Document is not null || k.Source.Url is not null, $"{k.Keyword} has no source"));
        var cathode = Assert.Single(dataset.Placement.Keywords, k => k.Keyword == "正极材料");
        Assert.Equal(("新能源材料", "002", "323"), (cathode.Industry, cathode.Source.Document, cathode.Source.LinesText));
        Assert.NotEmpty(dataset.Placement.RestrictedProducts);
        Assert.All(dataset.Placement.RestrictedProducts, r => Assert.StartsWith("https://", r.Source.Url));
    }

    [Fact]
    public void AKeywordCitingAProjectLibraryRow_IsRefused_BecauseThatIsEvaluationMaterial()
    {
        var folder = SeedData.CopyToTemp();
        // 万州 annex row 2 (line 524): 年产2万吨高精度铜带项目.
        CsvEdit.Append(Path.Combine(folder, Keywords), Keyword("精密铜材", "高精度铜带", "003", "524"));
        var error = Assert.Single(Refused(folder));
        Assert.Equal(("cites_evaluation_material", Keywords, "lines"), (error.Code, error.File, error.Field));
        Assert.Contains("项目库", error.Message);
    }

    [Fact]
    public void AKeywordCitingALayoutDetail_IsRefused()
    {
        var folder = SeedData.CopyToTemp();
        // 垫江县's 智能制造装备（智能阀门、汽摩零部件）, seed 000 lines 45-46.
        CsvEdit.Append(Path.Combine(folder, Keywords), Keyword("泵阀、仪器仪表及传感器", "智能阀门", "000", "46"));
        Assert.Equal("cites_evaluation_material", Assert.Single(Refused(folder)).Code);
    }

    [Fact]
    public void AKeywordNotPrintedOnItsLines_UnknownIndustry_AndBadWeight_AreRefusedWithRowAndField()
    {
        var folder = SeedData.CopyToTemp();
        CsvEdit.Append(Path.Combine(folder, Keywords), Keyword("新能源材料", "钠离子电池", "002", "323"));
        CsvEdit.Append(Path.Combine(folder, Keywords), Keyword("不存在的产业", "正极", "002", "323"));
        CsvEdit.Append(Path.Combine(folder, Keywords), Keyword("新能源材料", "电解液", "002", "323", weight: "1.5"));
        var errors = Refused(folder);
        Assert.Contains(errors, e => e is { Code: "source_mismatch", Field: "lines", Value: "钠离子电池" });
        Assert.Contains(errors, e => e is { Code: "unknown_industry", Field: "sub_industry" });
        // 电解液 is already listed for 新能源材料, and its weight is out of range.
        Assert.Contains(errors, e => e is { Code: "out_of_range", Field: "weight" });
        Assert.Contains(errors, e => e is { Code: "duplicate_keyword", Field: "keyword" });
        Assert.All(errors, e => Assert.Equal(Keywords, e.File));
    }

    [Fact]
    public void ARestrictedProductNeedsACategoryAndASource()
    {
        var folder = SeedData.CopyToTemp();
        CsvEdit.Append(Path.Combine(folder, Restricted), new()
        {
            ["keyword"] = "小火电", ["product"] = "小火电机组", ["category"] = "forbidden", ["catalogue"] = "产业结构调整指导目录（2024年本）",
        });
        var errors = Refused(folder);
        Assert.Contains(errors, e => e is { Code: "not_allowed", Field: "category" });
        Assert.Contains(errors, e => e is { Code: "missing_source", Field: "source_url" });
    }
}
