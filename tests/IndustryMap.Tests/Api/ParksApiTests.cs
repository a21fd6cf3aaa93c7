using System.Text.Json;
using IndustryMap.Registries;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Api;

/// <summary>/api/parks lists parks only, each with kind (Chinese and English), level, focus as printed and on the catalog, and tier (decision 0011).</summary>
[Collection(ApiCollection.Name)]
public class ParksApiTests(ApiFixture fixture)
{
    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Parks_ExcludeOtherCarriers_UnlessAllIsAsked_AndExposeKindLevelFocusAndTier(string engine)
    {
        var app = await fixture.App(engine);
        var parks = (await app.GetJson("/api/parks")).EnumerateArray().ToList();
        var all = (await app.GetJson("/api/parks?all=true")).EnumerateArray().ToList();
        Assert.True(parks.Count < all.Count);
        Assert.All(parks, p => Assert.True(p.GetProperty("isPark").GetBoolean()));
        Assert.Contains(all, p => Str(p.GetProperty("carrierKind"), "code") == ParkKinds.Platform.Code && !p.GetProperty("isPark").GetBoolean());
        Assert.DoesNotContain(parks, p => Str(p.GetProperty("carrierKind"), "code") is "platform" or "laboratory" or "standard_factory");
        foreach (var p in all)
        {
            var kind = ParkKinds.ByCode(Str(p.GetProperty("carrierKind"), "code"));
            Assert.NotNull(kind);
            Assert.Equal((kind.Chinese, kind.English, kind.IsPark), (Str(p.GetProperty("carrierKind"), "zh"), Str(p.GetProperty("carrierKind"), "en"), p.GetProperty("isPark").GetBoolean()));
            Assert.Contains(Str(p, "sourceTier"), new[] { "seed", "public", "entered" });
        }

        var publicParks = parks.Where(p => Str(p, "sourceTier") == "public").ToList();
        Assert.NotEmpty(publicParks);
        foreach (var p in publicParks)
        {
            var page = p.GetProperty("source").GetProperty("public");
            Assert.StartsWith("http", Str(page, "url"));
            Assert.False(string.IsNullOrEmpty(Str(p, "level")));
            var printed = p.GetProperty("focusIndustries").EnumerateArray().Select(x => x.GetString()).ToList();
            foreach (var pair in p.GetProperty("focusCatalog").EnumerateArray())
            {
                Assert.Contains(Str(pair, "printed"), printed);
                Assert.False(string.IsNullOrEmpty(Str(pair, "industry")));
            }
            if (p.GetProperty("focusCatalog").GetArrayLength() > 0) Assert.Equal("curated", Str(p, "focusBasis"));
        }

        // A unit filter keeps to its unit, public rows included.
        var nanan = (await app.GetJson("/api/parks?unit=" + Uri.EscapeDataString("南岸区"))).EnumerateArray().ToList();
        Assert.All(nanan, p => Assert.Equal("南岸区", Str(p, "unit")));
        Assert.Contains(nanan, p => Str(p, "sourceTier") == "public");
        Assert.Contains(nanan, p => Str(p, "sourceTier") == "seed");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task RegistryTables_ParksHoldParks_CarriersTheRest(string engine)
    {
        var app = await fixture.App(engine);
        var parks = await app.GetJson("/api/tables/parks");
        var carriers = await app.GetJson("/api/tables/carriers");
        var kindColumn = parks.GetProperty("columns").EnumerateArray().Select(c => Str(c, "key")).ToList().IndexOf("kind");
        Assert.True(kindColumn >= 0);
        string Kind(JsonElement row) => row.GetProperty("cells")[kindColumn].GetString()!;
        var parkLabels = ParkKinds.All.Where(k => k.IsPark).Select(k => k.Chinese).ToHashSet();
        Assert.All(parks.GetProperty("rows").EnumerateArray(), r => Assert.Contains(Kind(r), parkLabels));
        Assert.All(carriers.GetProperty("rows").EnumerateArray(), r => Assert.DoesNotContain(Kind(r), parkLabels));
        Assert.Contains(carriers.GetProperty("rows").EnumerateArray(), r => Kind(r) == ParkKinds.Laboratory.Chinese);
    }
}
