using Dapper;
using IndustryMap.Authorization;
using IndustryMap.Chains;
using IndustryMap.Import;
using IndustryMap.Tests.Infrastructure;
using IndustryMap.Writing;

namespace IndustryMap.Tests.Chains;

/// <summary>Editing a chain: current version only, within the chain's unit, audited, and kept by a later seed import.</summary>
public class ChainEditingTests
{
    private static readonly Actor Officer = new(null, "nanan-officer", Role.Unit, "南岸区");

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task AnEdit_IsVersioned_Audited_AndSurvivesReimport(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var before = (await ChainQueries.ChainAsync(store.Database, "na-vivo"))!;
        var after = await ChainEditing.UpdateHeadAsync(store.Database, Officer, "南岸区", "na-vivo",
            new ChainHeadEdit(before.Version, "区政府分管副区长", before.EnterpriseLeader, "链长办设在区经济信息委"));
        Assert.Equal((before.Version + 1, "区政府分管副区长", "nanan-officer"), (after.Version, after.AdminLeader, after.Source.EnteredBy));

        var stale = await Assert.ThrowsAsync<RefusedException>(() => ChainEditing.UpdateHeadAsync(store.Database, Officer, "南岸区", "na-vivo",
            new ChainHeadEdit(before.Version, "别人", null, null)));
        Assert.Equal((RefusalKind.Conflict, "version_conflict"), (stale.Kind, stale.Code));
        var elsewhere = await Assert.ThrowsAsync<RefusedException>(() => ChainEditing.UpdateHeadAsync(store.Database, Officer, "万州区", "na-vivo",
            new ChainHeadEdit(after.Version, "别人", null, null)));
        Assert.Equal("chain_not_found", elsewhere.Code);

        await using (var connection = await store.Database.OpenAsync())
        {
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = 'chain.update' AND entity_key = 'na-vivo'"));
        }
        await SeedImporter.ImportAsync(store.Database, SeedData.Folder, "tests");
        var kept = (await ChainQueries.ChainAsync(store.Database, "na-vivo"))!;
        Assert.Equal(("区政府分管副区长", after.Version), (kept.AdminLeader, kept.Version));
        Assert.Equal(before.Nodes.Sum(n => n.Members.Count), kept.Nodes.Sum(n => n.Members.Count));
        Assert.Equal(4, (await ChainQueries.ChainsAsync(store.Database)).Count);
    }
}
