using IndustryMap.Provenance;
using Dapper;
using IndustryMap.Export;
using IndustryMap.Import;
using IndustryMap.Layout;
using IndustryMap.Tests.Infrastructure;
using IndustryMap.Units;

namespace IndustryMap.Tests.Import;

[Collection(SeededCollection.Name)]
public class SeedImportTests(SeededStores stores)
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Import_StoresAll41PlanningUnits_WithCodesExceptTheFunctionalZones(string engine)
    {
        var store = await stores.Get(engine);
        var units = await UnitQueries.ListAsync(store.Database);
        Assert.Equal(41, units.Count);
        Assert.Equal(41, units.Select(u => u.Name).Distinct().Count());
        var zones = units.Where(u => u.Kind == "functional_zone").Select(u => u.Name).Order().ToList();
        Assert.Equal(["万盛经开区", "两江新区", "西部科学城重庆高新区"], zones);
        var coded = units.Where(u => u.Code is not null).ToList();
        Assert.Equal(38, coded.Count);
        Assert.All(coded, u => Assert.Matches("^500[12][0-9]{2}$", u.Code));
        Assert.Equal(38, coded.Select(u => u.Code).Distinct().Count());
        Assert.Equal("500101", units.Single(u => u.Name == "万州区").Code);
        Assert.All(units, u => Assert.True(u.Source.Url is not null || u.Source.Document is not null, $"{u.Name} has no source"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Import_Groups_PartitionTheDistrictsIntoOneAreaTwoClusters(string engine)
    {
        var store = await stores.Get(engine);
        var groups = (await UnitQueries.GroupsAsync(store.Database)).ToDictionary(g => g.Name);
        Assert.Equal(9, groups["中心城区"].Members.Count);
        Assert.Equal(12, groups["主城新区"].Members.Count);
        Assert.Equal(11, groups["渝东北三峡库区城镇群"].Members.Count);
        Assert.Equal(6, groups["渝东南武陵山区城镇群"].Members.Count);
        var partition = new[] { "中心城区", "主城新区", "渝东北三峡库区城镇群", "渝东南武陵山区城镇群" }.SelectMany(g => groups[g].Members).ToList();
        Assert.Equal(38, partition.Distinct().Count());
        Assert.Equal(38, partition.Count);

        // 渝西: the eight districts that seed 001 names in its first lines (24-26), read from the text itself.
        var opening = SeedReader.Compact(SeedData.DocumentLines("001").Skip(23).Take(3));
        var yuxi = groups["渝西地区"].Members;
        Assert.Equal(8, yuxi.Count);
        Assert.All(yuxi, unit => Assert.Contains(unit, opening));
        Assert.All(yuxi, unit => Assert.Contains(unit, groups["主城新区"].Members));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Import_Layout2023_Records16UnitsFromSeed000And8FromSeed001(string engine)
    {
        var store = await stores.Get(engine);
        var rows = (await LayoutQueries.DesignationsAsync(store.Database, 2023)).Where(r => r.SourceTier == SourceTiers.Seed).ToList();
        Assert.Equal(24, rows.Select(r => r.Unit).Distinct().Count());
        Assert.Equal(16, rows.Where(r => r.SrcDocument == "000").Select(r => r.Unit).Distinct().Count());
        var fromYuxiPlan = rows.Where(r => r.SrcDocument == "001").Select(r => r.Unit).Distinct().Order().ToList();
        var yuxi = (await UnitQueries.GroupsAsync(store.Database)).Single(g => g.Name == "渝西地区").Members.Order().ToList();
        Assert.Equal(yuxi, fromYuxiPlan);
        foreach (var unit in rows.GroupBy(r => r.Unit))
        {
            Assert.Empty(LayoutRules.Check(unit.Key, unit.Select(r => r.Role)));
            Assert.Contains(unit, r => r.Role == LayoutRoles.Dominant);
        }
    }

    /// <summary>The sample check against the original documents: every stored designation, not a hand-picked few.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Import_EveryDesignation_CitesLinesOfTheOriginalSeedThatContainIt(string engine)
    {
        var store = await stores.Get(engine);
        // Seed-tier rows; public-tier rows cite pages, checked in Layout/PublicSourceTests.
        var rows = (await LayoutQueries.DesignationsAsync(store.Database, 2023)).Where(r => r.SourceTier == SourceTiers.Seed).ToList();
        Assert.NotEmpty(rows);
        var originals = SeedData.OriginalsFolder;
        foreach (var row in rows)
        {
            var lines = originals is null
                ? SeedData.DocumentLines(row.SrcDocument!)
                : SeedReader.SplitLines(File.ReadAllText(Directory.GetFiles(originals, row.SrcDocument + "_*.txt").Single()));
            var cited = SeedReader.Compact(lines.Skip((int)row.SrcFrom!.Value - 1).Take((int)(row.SrcTo!.Value - row.SrcFrom.Value + 1)));
            Assert.True(cited.Contains(SeedReader.Compact([row.Printed]), StringComparison.Ordinal),
                $"{row.Unit} {row.Role} '{row.Printed}': not in {row.SrcDocument} lines {row.SrcFrom}-{row.SrcTo}");
            if (row.Flag is null) Assert.True(SeedReader.ContainsAsPrinted(row.Printed, row.Industry), $"'{row.Industry}' is not printed in '{row.Printed}'");
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Import_WanzhouMisprint_KeepsThePrintedTextAndFlagsTheCorrection(string engine)
    {
        var store = await stores.Get(engine);
        var wanzhou = await LayoutQueries.DesignationsAsync(store.Database, 2023, new LayoutFilter(Unit: "万州区"));
        var steel = Assert.Single(wanzhou, r => r.Printed == "进先进钢铁材料");
        Assert.Equal("先进钢铁材料", steel.Industry);
        Assert.Equal("corrected", steel.Flag);
        Assert.Equal(LayoutRoles.Characteristic, steel.Role);
        Assert.Equal(["精密铜材", "粮油加工"], wanzhou.Where(r => r.Role == LayoutRoles.Dominant).Select(r => r.Industry));
        // Only real misprints are flagged.
        var all = await LayoutQueries.DesignationsAsync(store.Database, 2023);
        Assert.All(all.Where(r => r.Flag == "corrected"), r => Assert.NotEqual(r.Printed, r.Industry));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Import_Catalog_Has12NamedClustersInTheirTiers_AndEveryDesignationBelongsToOne(string engine)
    {
        var store = await stores.Get(engine);
        var clusters = await IndustryMap.Catalog.CatalogQueries.TreeAsync(store.Database, "33618");
        var named = clusters.Where(c => c.TierRank is >= 1 and <= 3).ToList();
        Assert.Equal(12, named.Count);
        Assert.Equal([3, 3, 6], named.GroupBy(c => c.TierRank).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Contains(named, c => c.Name == "先进材料" && c.Tier == "万亿级主导产业集群");
        Assert.All(clusters, c => Assert.Equal("cluster", c.Level));
        var clusterNames = clusters.Select(c => c.Name).ToHashSet();
        Assert.All(await LayoutQueries.DesignationsAsync(store.Database, 2023), r => Assert.Contains(r.Cluster!, clusterNames));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Import_Twice_ChangesNothingButTheImportLog(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var before = await Snapshot.TakeAsync(store.Database);
        await using (var connection = await store.Database.OpenAsync())
        {
            var ids = await connection.QueryAsync<long>("SELECT id FROM units ORDER BY id");
            await SeedImporter.ImportAsync(store.Database, SeedData.Folder, "tests again");
            Assert.Equal(ids, await connection.QueryAsync<long>("SELECT id FROM units ORDER BY id"));
            Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM import_runs"));
        }
        Assert.Equal(before, await Snapshot.TakeAsync(store.Database));
    }

    [Fact]
    public void SeedDocuments_AreByteForByteTheOriginals()
    {
        var originals = SeedData.OriginalsFolder;
        if (originals is null)
        {
            // Locally the originals may be elsewhere; in CI (../shared beside the clone) they must be there.
            Assert.False(Engines.PostgresRequired, "../shared/seeds is not beside this clone");
            return;
        }
        foreach (var id in new[] { "000", "001", "002", "003", "004" })
        {
            var folder = Directory.GetDirectories(SeedData.Folder, id + "-*").Single();
            var original = Directory.GetFiles(originals!, id + "_*.txt").Single();
            Assert.Equal(File.ReadAllBytes(original), File.ReadAllBytes(Path.Combine(folder, "document.txt")));
        }
    }
}

/// <summary>Everything a user can see, exported: two equal snapshots mean nothing visible changed.</summary>
public static class Snapshot
{
    public static async Task<string> TakeAsync(IndustryMap.Storage.Database database)
    {
        var tables = new List<ExportTable>();
        foreach (var name in DataExport.Datasets) tables.Add(await DataExport.TableAsync(database, name));
        return DataExport.ToJson(tables);
    }
}
