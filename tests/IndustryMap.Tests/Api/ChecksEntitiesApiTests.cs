using System.Text.Json;
using IndustryMap.Checks;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Api;

/// <summary>Issue 15 over HTTP: /api/checks returns the kinds; the registries offer entities (default) and mentions (?view=mentions).</summary>
[Collection(ApiCollection.Name)]
public class ChecksEntitiesApiTests(ApiFixture fixture)
{
    private static string Str(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Checks_ReturnEveryKind_WithProblemsCountedByKind(string engine)
    {
        var app = await fixture.App(engine);
        var report = await app.GetJson("/api/checks");
        var kinds = report.GetProperty("kinds").EnumerateArray().ToList();
        Assert.Equal(FindingKinds.All.Select(k => (k.Kind, k.Chinese)), kinds.Select(k => (Str(k, "kind"), Str(k, "name"))));
        var findings = report.GetProperty("findings").EnumerateArray().ToList();
        foreach (var kind in kinds)
        {
            Assert.Equal(findings.Count(f => Str(f, "kind") == Str(kind, "kind")), kind.GetProperty("total").GetInt32());
        }
        Assert.Equal(report.GetProperty("problems").GetInt32(), kinds.Sum(k => k.GetProperty("problems").GetInt32()));
        // Restatements and data-quality notes are shown, never problems.
        Assert.Equal(0, kinds.Single(k => Str(k, "kind") == FindingKinds.Restatement).GetProperty("problems").GetInt32());
        Assert.True(kinds.Single(k => Str(k, "kind") == FindingKinds.Restatement).GetProperty("total").GetInt32() > 0);
        var onlyTiers = await app.GetJson("/api/checks?kind=tier");
        Assert.All(onlyTiers.GetProperty("findings").EnumerateArray(), f => Assert.Equal("tier", Str(f, "kind")));
        using var client = app.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync("/api/checks?kind=nonsense")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Enterprises_EntitiesByDefault_MentionsOnRequest(string engine)
    {
        var app = await fixture.App(engine);
        var mentions = (await app.GetJson("/api/enterprises?view=mentions")).EnumerateArray().ToList();
        var entities = (await app.GetJson("/api/enterprises")).EnumerateArray().ToList();
        Assert.Equal(mentions.Count, entities.Sum(e => e.GetProperty("mentionCount").GetInt32()));
        Assert.Equal(mentions.Count, entities.Sum(e => e.GetProperty("mentions").GetArrayLength()));
        Assert.True(entities.Count < mentions.Count);
        Assert.Equal(entities.Count, entities.Select(e => (Str(e, "name"), e.TryGetProperty("unit", out var u) ? u.GetString() : null)).Distinct().Count());
        var meixin = Assert.Single(entities, e => Str(e, "name") == "重庆美心·麦森门业有限公司");
        Assert.Equal(["骨干", "龙头"], meixin.GetProperty("tiers").EnumerateArray().Select(t => t.GetString()!).Order());
        Assert.All(meixin.GetProperty("mentions").EnumerateArray(), m => Assert.Equal("004", Str(m.GetProperty("source"), "document")));
        // The registry page's table lists entities too, each expandable to its mentions.
        var table = await app.GetJson("/api/tables/enterprises");
        Assert.Equal(entities.Count, table.GetProperty("rows").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Projects_DuplicateAnnexRowsAreOneEntity(string engine)
    {
        var app = await fixture.App(engine);
        var rows = (await app.GetJson("/api/projects?library=na-annex3&view=mentions")).GetArrayLength();
        var entities = (await app.GetJson("/api/projects?library=na-annex3")).EnumerateArray().ToList();
        Assert.Equal(rows - 1, entities.Count);
        var hualu = Assert.Single(entities, e => Str(e, "name").StartsWith("中国华录", StringComparison.Ordinal));
        Assert.Equal(2, hualu.GetProperty("mentionCount").GetInt32());
        var floor = (await app.GetJson("/api/projects?library=wz-annex")).EnumerateArray().Where(p => p.GetProperty("floorArea").TryGetProperty("value", out _)).ToList();
        Assert.Equal(17, floor.Count);
        Assert.All(floor, p => Assert.False(p.GetProperty("land").TryGetProperty("value", out _)));
    }
}
