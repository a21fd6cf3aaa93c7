using System.Text.Json;
using IndustryMap.Catalog;
using IndustryMap.Import;
using IndustryMap.Layout;
using IndustryMap.Provenance;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Layout;

/// <summary>Issue 11 §1, §2, §5: public-source designations, their pages, their mapping, and the coverage summary.</summary>
[Collection(ApiCollection.Name)]
public class PublicSourceTests(ApiFixture fixture)
{
    private static string Str(JsonElement e, string name) => e.GetProperty(name).GetString()!;
    private static string? OptStr(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IndustryVocabulary SeedVocabulary()
    {
        var dataset = SeedReader.Read(SeedData.Folder);
        return new IndustryVocabulary(dataset.Vocabulary, dataset.Industries.Where(i => i.Taxonomy == SeedReader.CatalogTaxonomy).Select(i => i.Name));
    }

    /// <summary>The issue's check: every public row names its page, dates and printed words; the printed words name the designated industry; caps hold.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PublicRows_HavePageAndDates_PrintedNamesMapToTheIndustry_AndCapsHold(string engine)
    {
        var app = await fixture.App(engine);
        var rows = (await app.GetJson("/api/layouts/2023")).EnumerateArray().ToList();
        var vocabulary = SeedVocabulary();
        var publicRows = rows.Where(r => Str(r, "sourceTier") == SourceTiers.Public).ToList();
        Assert.NotEmpty(publicRows);
        foreach (var row in publicRows)
        {
            var what = $"{Str(row, "unit")} {Str(row, "printed")}";
            var page = row.GetProperty("source").GetProperty("public");
            Assert.True(PublicSource.IsWebUrl(Str(page, "url")), what);
            Assert.False(string.IsNullOrWhiteSpace(Str(page, "title")), what);
            Assert.False(string.IsNullOrWhiteSpace(Str(page, "publisher")), what);
            Assert.True(SeedReader.IsIsoDate(Str(page, "published"), monthAllowed: true), what);
            Assert.True(SeedReader.IsIsoDate(Str(page, "retrieved"), monthAllowed: false), what);
            Assert.Null(OptStr(row.GetProperty("source"), "document"));
            Assert.True(vocabulary.Names(Str(row, "printed"), Str(row, "industry")), $"{what} does not name {Str(row, "industry")}");
        }
        foreach (var unit in rows.GroupBy(r => Str(r, "unit")))
        {
            Assert.Empty(LayoutRules.Check(unit.Key, unit.Select(r => Str(r, "role"))));
            Assert.Single(unit.Select(r => Str(r, "sourceTier")).Distinct()); // a unit's layout comes from one tier
        }
        // Seed rows are untouched: they still cite document lines.
        Assert.All(rows.Where(r => Str(r, "sourceTier") == SourceTiers.Seed), r => Assert.NotNull(OptStr(r.GetProperty("source"), "document")));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Summary_CountsUnitsPerTier_AsTheRowsShow(string engine)
    {
        var app = await fixture.App(engine);
        var rows = (await app.GetJson("/api/layouts/2023")).EnumerateArray().ToList();
        var units = (await app.GetJson("/api/units")).EnumerateArray().Select(u => Str(u, "name")).ToList();
        var summary = await app.GetJson("/api/layouts/2023/summary");
        int UnitsOf(string tier) => rows.Where(r => Str(r, "sourceTier") == tier).Select(r => Str(r, "unit")).Distinct().Count();
        Assert.Equal(units.Count, summary.GetProperty("units").GetInt32());
        Assert.Equal(UnitsOf(SourceTiers.Seed), summary.GetProperty("seed").GetInt32());
        Assert.Equal(UnitsOf(SourceTiers.Public), summary.GetProperty("public").GetInt32());
        var recorded = rows.Select(r => Str(r, "unit")).ToHashSet();
        Assert.Equal(units.Where(u => !recorded.Contains(u)).ToList(),
            summary.GetProperty("notRecordedUnits").EnumerateArray().Select(e => e.GetString()!).ToList());
        Assert.Equal(units.Count, summary.GetProperty("seed").GetInt32() + summary.GetProperty("public").GetInt32() +
            summary.GetProperty("entered").GetInt32() + summary.GetProperty("notRecorded").GetInt32());
        Assert.True(summary.GetProperty("public").GetInt32() > 0);
    }

    /// <summary>Products in a designation's detail are linked to it: 武隆's 曲轴、底盘、车身, 垫江's 智能阀门.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task DetailProducts_AreListedOnTheDesignation(string engine)
    {
        var app = await fixture.App(engine);
        var rows = (await app.GetJson("/api/layouts/2023")).EnumerateArray().Where(r => OptStr(r, "detail") is not null).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var products = row.GetProperty("products").EnumerateArray().Select(p => p.GetString()!).ToList();
            Assert.NotEmpty(products);
            Assert.All(products, p => Assert.Contains(p, Str(row, "detail")));
            Assert.DoesNotContain(products, p => p.Contains('、') || p.EndsWith('等'));
        }
        var wulong = rows.Single(r => Str(r, "unit") == "武隆区" && Str(r, "detail").Contains("曲轴"));
        Assert.Equal(["曲轴", "底盘", "车身"], wulong.GetProperty("products").EnumerateArray().Select(p => p.GetString()!).ToArray());
    }
}
