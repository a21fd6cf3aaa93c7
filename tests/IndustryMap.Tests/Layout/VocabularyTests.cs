using System.Text.Json;
using IndustryMap.Catalog;
using IndustryMap.Import;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Layout;

/// <summary>Issue 11 §4: one industry vocabulary; every pair resolves both ways; searches find what details mean.</summary>
[Collection(ApiCollection.Name)]
public class VocabularyTests(ApiFixture fixture)
{
    private static readonly SeedDataset Dataset = SeedReader.Read(SeedData.Folder);
    private static readonly IndustryVocabulary Vocabulary =
        new(Dataset.Vocabulary, Dataset.Industries.Where(i => i.Taxonomy == SeedReader.CatalogTaxonomy).Select(i => i.Name));

    private static string ClusterOf(string name)
    {
        var industry = Dataset.Industries.Single(i => i.Taxonomy == SeedReader.CatalogTaxonomy && i.Name == name);
        return industry.Parent is null ? industry.Name : ClusterOf(industry.Parent);
    }

    [Theory]
    [InlineData("风电设备", "新能源技术装备产品")]
    [InlineData("服装服饰", "服装与饰品")]
    [InlineData("智能制造装备", "智能装备制造")]
    [InlineData("智能网联新能源汽车零部件及摩托车", "智能网联新能源汽车零部件")]
    [InlineData("智能网联新能源汽车零部件及摩托车", "摩托车")]
    public void Pair_ResolvesBothWays(string printed, string node)
    {
        Assert.Contains(node, Vocabulary.Resolve(printed));
        Assert.True(Vocabulary.Names(printed, node));
        Assert.Contains(printed, Vocabulary.TermsFor(node));
        Assert.DoesNotContain(node, Vocabulary.Resolve("火锅食材"));
    }

    [Theory]
    [InlineData("服装服饰", "服装与饰品")]
    [InlineData("智能制造装备", "智能装备制造")]
    public void Synonyms_BetweenCatalogNodes_ResolveToEachOther(string a, string b)
    {
        Assert.Contains(b, Vocabulary.Resolve(a));
        Assert.Contains(a, Vocabulary.Resolve(b));
    }

    [Fact]
    public void CompoundDesignation_SpansTwoClusters()
    {
        var nodes = Vocabulary.Resolve("智能网联新能源汽车零部件（动力电池、电转向、电制动等）及摩托车");
        var clusters = nodes.Where(n => n != "智能网联新能源汽车零部件及摩托车").Select(ClusterOf).Distinct().ToList();
        Assert.Equal(2, clusters.Count);
        Assert.Contains("高端摩托车", clusters);
        Assert.Contains("智能网联新能源汽车", clusters);
    }

    [Fact]
    public void ProductAliases_AreOneStep()
    {
        Assert.Contains("动力电池", Vocabulary.ExpandProduct("锂电池"));
        Assert.Contains("锂电池", Vocabulary.ExpandProduct("动力电池"));
        Assert.DoesNotContain("锂电池", Vocabulary.ExpandProduct("正极材料"));
        Assert.Equal(["曲轴", "底盘", "车身"], DesignationProducts.Of("曲轴、底盘、车身"));
        Assert.Equal(["动力电池", "热管理", "内外饰"], DesignationProducts.Of("动力电池、热管理、内外饰等"));
    }

    /// <summary>
    /// 锂电池 / 动力电池 / 正极材料 find the units whose designations or details mean them (expected set computed from
    /// the layout rows) and not 合川/武隆, whose NEV-parts details list other parts.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_BatteryWords_FindTheRightUnits_NotHechuanOrWulong(string engine)
    {
        var app = await fixture.App(engine);
        var rows = (await app.GetJson("/api/layouts/2023")).EnumerateArray().ToList();
        string Text(JsonElement r) => r.GetProperty("printed").GetString() + "|" +
            (r.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : "");
        HashSet<string> UnitsWhere(Func<JsonElement, bool> p) => rows.Where(p).Select(r => r.GetProperty("unit").GetString()!).ToHashSet();

        foreach (var (query, expected) in new[]
        {
            ("锂电池", UnitsWhere(r => Text(r).Contains("动力电池") || Text(r).Contains("锂电"))),
            ("动力电池", UnitsWhere(r => Text(r).Contains("动力电池"))),
            ("正极材料", UnitsWhere(r => Text(r).Contains("动力电池及材料") || Text(r).Contains("锂电材料") || r.GetProperty("industry").GetString() == "新能源材料")),
        })
        {
            var found = (await app.GetJson("/api/search?q=" + Uri.EscapeDataString(query))).GetProperty("designations")
                .EnumerateArray().Select(h => h.GetProperty("unit").GetString()!).ToHashSet();
            Assert.NotEmpty(expected);
            Assert.Equal(expected.Order(), found.Order());
            Assert.DoesNotContain("合川区", found);
            Assert.DoesNotContain("武隆区", found);
        }
    }

    [Theory]
    [InlineData("風電設備", "风电设备")]
    [InlineData("服裝服飾", "服装服饰")]
    [InlineData("智能製造裝備", "智能制造装备")]
    public void TraditionalInput_ResolvesLikeSimplified(string traditional, string simplified)
    {
        Assert.NotEmpty(Vocabulary.Resolve(simplified));
        Assert.Equal(Vocabulary.Resolve(simplified).Order(), Vocabulary.Resolve(traditional).Order());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_TraditionalInput_FindsWhatSimplifiedFinds(string engine)
    {
        var app = await fixture.App(engine);
        foreach (var (traditional, simplified) in new[] { ("鋰電池", "锂电池"), ("動力電池", "动力电池"), ("風電設備", "风电设备") })
        {
            string Units(JsonElement r) => string.Join(",", r.GetProperty("designations").EnumerateArray().Select(h => h.GetProperty("unit").GetString()).Order());
            var a = await app.GetJson("/api/search?q=" + Uri.EscapeDataString(simplified));
            var b = await app.GetJson("/api/search?q=" + Uri.EscapeDataString(traditional));
            Assert.NotEqual("", Units(a));
            Assert.Equal(Units(a), Units(b));
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_NearSynonym_FindsTheDesignationsOfTheCatalogNode(string engine)
    {
        var app = await fixture.App(engine);
        var rows = (await app.GetJson("/api/layouts/2023")).EnumerateArray().ToList();
        var meant = Vocabulary.Resolve("风电设备");
        Assert.Contains("新能源技术装备产品", meant);
        var expected = rows.Where(r => meant.Contains(r.GetProperty("industry").GetString()!))
            .Select(r => r.GetProperty("unit").GetString()!).ToHashSet();
        var found = (await app.GetJson("/api/search?q=" + Uri.EscapeDataString("风电设备"))).GetProperty("designations")
            .EnumerateArray().Select(h => h.GetProperty("unit").GetString()!).ToHashSet();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), found.Order());
    }
}
