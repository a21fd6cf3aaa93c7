using IndustryMap.Authorization;
using IndustryMap.FirstContacts;
using IndustryMap.Placement;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Placement;

/// <summary>
/// The placement service keeps its catalog and context while the data version stays (decision 0024: no round trip per
/// placement beyond the version query) and sees a committed write at the next placement, on both engines.
/// </summary>
public class PlacementServiceStateTests(SeededStores stores) : IClassFixture<SeededStores>
{
    private static readonly Actor Wanzhou = new(2, "wz-officer", Role.Unit, "万州区");

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TheStateIsReusedUntilAWrite_AndAFirstContactRegisteredAfterAPlacementIsSeenByTheNext(string engine)
    {
        var store = await stores.Get(engine);
        var service = new PlacementService(store.Database);
        // A name no other test of the shared store uses.
        var investor = "重庆" + Guid.NewGuid().ToString("N")[..8] + "铜业有限公司";
        var request = new PlacementRequest("年产2万吨高精度铜板带项目", Investor: investor);

        var first = await service.StateAsync();
        Assert.Same(first, await service.StateAsync());
        var before = await service.PlaceAsync(request);
        Assert.DoesNotContain(before.Candidates.SelectMany(c => c.Reasons), r => r.Rule == PlacementRules.FirstContactRule);

        await FirstContactRegister.RegisterAsync(store.Database, Wanzhou, new NewFirstContact("万州区", investor, "高精度铜板带", 3m, "2026-03-01"));

        var after = await service.StateAsync();
        Assert.NotSame(first, after);
        // Every committed write reads the catalog again too: its registries count in the score (decision 0029).
        Assert.NotSame(first.Catalog, after.Catalog);
        Assert.Same(after, await service.StateAsync()); // and then it is kept until the next write
        var placed = await service.PlaceAsync(request);
        var wanzhou = placed.Candidates.Single(c => c.Unit == "万州区");
        Assert.Contains(wanzhou.Reasons, r => r.Rule == PlacementRules.FirstContactRule);
    }
}
