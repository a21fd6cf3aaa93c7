using IndustryMap.Audit;

namespace IndustryMap.Tests.Audit;

/// <summary>The hash chain on its own: any change, removal or reordering of an entry is detected.</summary>
public class AuditChainTests
{
    private static List<AuditEntry> Chain(int n)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= n; i++)
        {
            var e = new AuditEntry
            {
                Id = i, At = $"2026-11-21T08:00:0{i}.000Z", Actor = "admin", ActorRole = "admin", Action = "unit.profile.update",
                Entity = "unit_profiles", EntityKey = "万州区", BeforeJson = $"{{\"version\":{i - 1}}}", AfterJson = $"{{\"version\":{i}}}", PrevHash = previous,
            };
            e.Hash = AuditChain.Hash(e);
            previous = e.Hash;
            entries.Add(e);
        }
        return entries;
    }

    [Fact]
    public void IntactChain_Verifies()
    {
        var chain = Chain(5);
        var result = AuditChain.Verify(chain);
        Assert.True(result.Intact);
        Assert.Equal(5, result.Count);
        Assert.Equal(chain[^1].Hash, result.Head);
        Assert.True(AuditChain.Verify(chain, expectedHead: chain[2].Hash).Intact);
    }

    [Fact]
    public void AlteredValue_IsDetectedAtThatEntry()
    {
        var chain = Chain(5);
        chain[2].AfterJson = "{\"version\":99}";
        var result = AuditChain.Verify(chain);
        Assert.False(result.Intact);
        Assert.Equal(3, result.BrokenAt);
        Assert.Contains("被改动", result.Problem);
    }

    [Fact]
    public void AlteredEntryWithRecomputedHash_BreaksTheNextLink()
    {
        var chain = Chain(5);
        chain[1].Actor = "someone-else";
        chain[1].Hash = AuditChain.Hash(chain[1]);
        Assert.Equal(3, AuditChain.Verify(chain).BrokenAt);
    }

    [Fact]
    public void RemovedOrReorderedEntries_AreDetected()
    {
        var removed = Chain(5);
        removed.RemoveAt(1);
        Assert.Equal(3, AuditChain.Verify(removed).BrokenAt);

        var reordered = Chain(5);
        (reordered[1], reordered[2]) = (reordered[2], reordered[1]);
        Assert.False(AuditChain.Verify(reordered).Intact);
    }

    [Fact]
    public void CutOffTail_IsDetectedAgainstARecordedHead()
    {
        var chain = Chain(5);
        var head = chain[^1].Hash;
        chain.RemoveAt(4);
        Assert.True(AuditChain.Verify(chain).Intact); // the chain alone cannot know it was longer …
        var result = AuditChain.Verify(chain, expectedHead: head);
        Assert.False(result.Intact); // … a head recorded earlier can
        Assert.Contains("末尾", result.Problem);
    }

}
