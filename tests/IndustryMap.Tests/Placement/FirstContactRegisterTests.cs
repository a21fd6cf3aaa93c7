using System.Data.Common;
using Dapper;
using IndustryMap.Authorization;
using IndustryMap.Configuration;
using IndustryMap.FirstContacts;
using IndustryMap.Tests.Infrastructure;
using IndustryMap.Writing;

namespace IndustryMap.Tests.Placement;

/// <summary>The first-contact register on both engines: append-only in the database, tamper-evident, conflicts flagged.</summary>
public class FirstContactRegisterTests(SeededStores stores) : IClassFixture<SeededStores>
{
    private static readonly Actor Admin = new(1, "admin", Role.Admin, null);
    private static readonly Actor Wanzhou = new(2, "wz-officer", Role.Unit, "万州区");
    private static readonly Actor Nanan = new(3, "na-officer", Role.Unit, "南岸区");

    /// <summary>A name no other test of the shared store uses.</summary>
    private static string Unique(string name) => name + Guid.NewGuid().ToString("N")[..8];

    private static Task<Registration> Register(TestStore store, Actor actor, string unit, string investor = "重庆美的制冷设备有限公司",
        string project = "年产5万吨正极材料项目") =>
        FirstContactRegister.RegisterAsync(store.Database, actor, new NewFirstContact(unit, investor, project, 12.5m, "2026-03-01"));

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ASecondUnitRegisteringTheSameInvestorAndProject_IsFlaggedWithBothTimestamps(string engine)
    {
        var store = await stores.Get(engine);
        var investor = Unique("美的制冷设备");
        var first = await Register(store, Wanzhou, "万州区", investor: "重庆" + investor + "有限公司");
        Assert.False(first.IsConflict);
        Assert.Equal(("万州区", "wz-officer"), (first.Entry.Unit, first.Entry.RecordedBy));

        // The same investor and project, written differently: no city prefix, no 有限公司, no 年产 or 项目.
        var second = await Register(store, Nanan, "南岸区", investor: investor, project: "5万吨正极材料");
        Assert.True(second.IsConflict);
        Assert.Equal(first.Entry.Seq, second.Entry.ConflictWith);
        Assert.Equal("万州区", second.Earlier!.Unit);
        Assert.Contains(first.Entry.RecordedAt, second.ConflictText);
        Assert.Contains(second.Entry.RecordedAt, second.ConflictText);
        Assert.Contains("冲突", second.ConflictText);

        var other = await Register(store, Nanan, "南岸区", investor: investor, project: "年产2万吨铜箔项目");
        Assert.False(other.IsConflict);

        var conflicts = await FirstContactRegister.ListAsync(store.Database, new FirstContactRegister.Filter(Investor: investor, ConflictsOnly: true));
        Assert.Equal([first.Entry.Seq, second.Entry.Seq], conflicts.Select(e => e.Seq));
        var verification = await FirstContactRegister.VerifyAsync(store.Database);
        Assert.True(verification.Intact, verification.Problem);
        Assert.True(verification.Count >= 3);
        Assert.True(verification.GuardsInPlace);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TheSameUnitRegisteringAgain_IsRefused_AndAnotherUnitsOfficerMayNotRegisterForIt(string engine)
    {
        var store = await stores.Get(engine);
        var investor = Unique("乙公司");
        await Register(store, Wanzhou, "万州", investor: investor);
        var again = await Assert.ThrowsAsync<RefusedException>(() => Register(store, Admin, "万州区", investor: investor + "有限公司"));
        Assert.Equal((RefusalKind.Conflict, "already_registered"), (again.Kind, again.Code));
        var forbidden = await Assert.ThrowsAsync<RefusedException>(() => Register(store, Nanan, "万州区", investor: investor, project: "另一个项目"));
        Assert.Equal((RefusalKind.Forbidden, "forbidden"), (forbidden.Kind, forbidden.Code));
        var invalid = await Assert.ThrowsAsync<RefusedException>(() =>
            FirstContactRegister.RegisterAsync(store.Database, Admin, new NewFirstContact("万州区", "", "项目", -1m, "2999-01-01")));
        var fields = invalid.Errors.Select(e => (e.Field, e.Code)).ToList();
        Assert.Contains(("investor", "required"), fields);
        Assert.Contains(("amountYi", "out_of_range"), fields);
        Assert.Contains(("contactedOn", "date_in_future"), fields);
        Assert.Single(await FirstContactRegister.ListAsync(store.Database, new FirstContactRegister.Filter(Investor: investor)));
    }

    /// <summary>Issue 6, done when: the register rejects edits and deletions — in the database itself, on both engines.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TheDatabaseRefusesEditsAndDeletions(string engine)
    {
        var store = await stores.Get(engine);
        var investor = Unique("丙公司");
        var mine = (await Register(store, Wanzhou, "万州区", investor: investor)).Entry;
        await using var connection = await store.Database.OpenAsync();
        var update = await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("UPDATE first_contacts SET unit = '南岸区' WHERE seq = @Seq", mine));
        Assert.Contains("append-only", update.Message);
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("DELETE FROM first_contacts"));
        Assert.Contains("append-only", delete.Message);
        if (store.Options.Engine == StorageEngine.Postgres)
        {
            await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("TRUNCATE first_contacts CASCADE"));
        }
        var entry = Assert.Single(await FirstContactRegister.ListAsync(store.Database, new FirstContactRegister.Filter(Investor: investor)));
        Assert.Equal(("万州区", mine.Hash), (entry.Unit, entry.Hash));
        Assert.True((await FirstContactRegister.VerifyAsync(store.Database)).Intact);
    }

    /// <summary>Issue 6, done when: the register detects a tampered entry. Someone with the database's owner rights drops the guard and edits.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ATamperedEntry_IsNamedAsTheFirstBrokenOne(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        await Register(store, Wanzhou, "万州区", project: "项目甲");
        await Register(store, Wanzhou, "万州区", project: "项目乙");
        await Register(store, Wanzhou, "万州区", project: "项目丙");
        await using (var connection = await store.Database.OpenAsync())
        {
            if (store.Options.Engine == StorageEngine.Postgres)
            {
                await connection.ExecuteAsync("DROP TRIGGER first_contacts_no_update_delete ON first_contacts");
            }
            else
            {
                await connection.ExecuteAsync("DROP TRIGGER first_contacts_no_update");
            }
            await connection.ExecuteAsync("UPDATE first_contacts SET unit = '南岸区' WHERE seq = 2");
        }
        var verification = await FirstContactRegister.VerifyAsync(store.Database);
        Assert.False(verification.Intact);
        Assert.Equal(2L, verification.BrokenAt);
        Assert.Contains("第 2 号", verification.Problem);
        Assert.False(verification.GuardsInPlace);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SimultaneousRegistrations_KeepOneUnbrokenChain_EachWithItsAuditEntry(string engine)
    {
        var store = await stores.Get(engine);
        var investor = Unique("并发投资方");
        var registered = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Register(store, Admin, i % 2 == 0 ? "万州区" : "南岸区", investor, $"并发项目{i}")));
        var seqs = registered.Select(r => r.Entry.Seq).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => seqs[0] + i), seqs); // no gaps, no duplicates: one writer at a time
        Assert.True((await FirstContactRegister.VerifyAsync(store.Database)).Intact);
        await using var connection = await store.Database.OpenAsync();
        Assert.Equal(8, await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'first_contact.register' AND actor = 'admin' AND after_json LIKE @pattern",
            new { pattern = "%" + investor + "%" }));
    }

    [Fact]
    public void TheChain_DetectsAnAlteredEntry_ARemovedOne_AndAReorder()
    {
        var entries = new List<FirstContactEntry>();
        var previous = FirstContactChain.Genesis;
        for (var seq = 1; seq <= 3; seq++)
        {
            var e = new FirstContactEntry
            {
                Seq = seq, Unit = "万州区", Investor = "甲", InvestorKey = "甲", Project = $"项目{seq}", ProjectKey = $"项目{seq}", AmountYi = 1.50m,
                ContactedOn = "2026-01-01", RecordedBy = "admin", RecordedAt = "2026-01-01T00:00:00.000Z", PrevHash = previous,
            };
            e.Hash = FirstContactChain.Hash(e);
            previous = e.Hash;
            entries.Add(e);
        }
        Assert.True(FirstContactChain.Verify(entries).Intact);
        // 1.50 and 1.5 are the same amount: a backup restored into the other engine still verifies.
        entries[0].AmountYi = 1.5m;
        Assert.True(FirstContactChain.Verify(entries).Intact);
        entries[0].AmountYi = 15m;
        Assert.Equal(1L, FirstContactChain.Verify(entries).BrokenAt);
        entries[0].AmountYi = 1.5m;
        Assert.Equal(3L, FirstContactChain.Verify([entries[0], entries[2]]).BrokenAt);
        Assert.Equal(2L, FirstContactChain.Verify([entries[1], entries[0], entries[2]]).BrokenAt);
    }

    [Theory]
    [InlineData("重庆美的制冷设备有限公司", "美的制冷设备")]
    [InlineData("重庆市某某集团股份有限公司", "某某")]
    [InlineData("ＡＢＣ  科技（重庆）有限公司", "abc科技重庆")]
    public void InvestorNames_AreComparedWithoutLegalFormsOrTheCityPrefix(string name, string key) => Assert.Equal(key, NameKeys.Investor(name));

    [Theory]
    [InlineData("年产5万吨正极材料项目", "5万吨正极材料")]
    [InlineData("新建 一期 工程", "一期")]
    public void ProjectNames_AreComparedWithoutTheWordsOfficersAddOrLeaveOut(string name, string key) => Assert.Equal(key, NameKeys.Project(name));
}
