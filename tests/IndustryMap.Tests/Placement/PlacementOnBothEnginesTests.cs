using IndustryMap.Placement;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Placement;

/// <summary>
/// Issue 13 on both engines: the catalog read from SQLite and from PostgreSQL (designations with their public pages,
/// parks, the English glossary) gives the same placement of the issue's examples. Each test builds its own store.
/// </summary>
public class PlacementOnBothEnginesTests
{
    private static readonly (string Description, string? Origin)[] Examples =
    [
        ("市外企业新建新能源汽车电制动系统项目", Origins.OutsideCity),
        ("市外企业投资建设智能座舱域控制器生产基地", Origins.OutsideCity),
        ("新建2台5万千瓦燃煤小火电机组", null),
        ("新能源汽车用锂电池隔膜生产线", null),
        ("年产5万吨预制菜中央厨房项目，不涉及汽车零部件", Origins.OutsideCity),
        ("Lithium iron phosphate cathode material plant, 50000 tonnes per year", null),
        ("年產5萬噸磷酸鐵鋰正極材料項目", null),
        ("新建日产4500吨新型干法水泥熟料生产线", null),
        ("年产2万吨预制菜", null),
    ];

    private static string Digest(PlacementResult result) =>
        string.Join(" / ", result.Industries.Take(3).Select(i => $"{i.Name}:{i.Score}")) + " | " +
        string.Join(" ", result.Candidates.Select(c => $"{c.Unit}@{c.RankText}:{c.Score}+{c.EvidenceScore}")) + " | " +
        string.Join(" ", result.Warnings.Select(w => w.Text)) + " | " +
        string.Join(" ", result.Candidates.SelectMany(c => c.Reasons).Select(r => $"{r.Rule}:{r.Source.Url ?? r.Source.Document}:{r.Source.Public?.Title}"));

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task IssueExamples_PlaceTheSame_OnEachEngine(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var catalog = await PlacementCatalog.LoadAsync(store.Database);
        await using var reference = await TestStore.SeededAsync(Engines.Sqlite);
        var sqlite = await PlacementCatalog.LoadAsync(reference.Database);
        Assert.Equal(sqlite.Glossary.Count, catalog.Glossary.Count);
        Assert.True(catalog.Glossary.Count > 0);
        Assert.Contains(catalog.Units, u => u.Designations.Any(d => d.Source.Public is not null));
        foreach (var (description, origin) in Examples)
        {
            var request = new PlacementRequest(description, 10, 100, origin);
            Assert.Equal(Digest(PlacementEngine.Place(sqlite, request)), Digest(PlacementEngine.Place(catalog, request)));
        }
        // The regression of session 2, on this engine: the product decides and the 渝西 rule fires.
        var brakes = PlacementEngine.Place(catalog, new PlacementRequest("市外企业新建新能源汽车电制动系统项目", Origin: Origins.OutsideCity));
        Assert.True(PlacementRules.IsAutoParts(brakes.Industries[0]));
        Assert.Equal(PlacementEngine.PriorityYuxi, brakes.Candidates[0].Priority);
        Assert.Contains(brakes.Candidates[0].Reasons, r => r.Rule == PlacementEvidence.DesignationDetailRule);
    }

    /// <summary>
    /// Decision 0029 on each engine: every row of the project libraries is a registry entry of its unit (kind project,
    /// citing its seed lines), and the units without a library or enterprise list have no registry (unknown).
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ProjectLibraries_EnterTheRegistries_OnEachEngine(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var catalog = await PlacementCatalog.LoadAsync(store.Database);
        await using var connection = await store.Database.OpenAsync();
        var rows = (await Dapper.SqlMapper.QueryAsync<(string Unit, long Count)>(connection,
            "SELECT u.name AS unit, COUNT(*) AS count FROM projects p JOIN units u ON u.id = p.unit_id GROUP BY u.name")).ToList();
        Assert.NotEmpty(rows);
        foreach (var (unit, count) in rows)
        {
            var entries = catalog.Units.Single(u => u.Name == unit).Registry.Where(e => e.Kind == "project").ToList();
            Assert.Equal(count, entries.Count);
            Assert.All(entries, e => Assert.NotNull(e.Source.Document));
        }
        Assert.Contains(catalog.Units, u => !u.RegistryKnown);
    }

    /// <summary>
    /// The registries are part of the score (decision 0029), so a committed write must reach the next placement, not
    /// wait for the next import run: a project added to a unit that had no registry shows as that unit's existing base
    /// in the very next call of the same service.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task AProjectWrittenBetweenTwoPlacements_CountsInTheSecond(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var service = new PlacementService(store.Database);
        var catalog = await service.CatalogAsync();
        var unit = catalog.Units.First(u => !u.RegistryKnown && u.LayoutRecorded).Name;
        const string product = "年产5万吨磷酸铁锂正极材料项目";
        var request = new PlacementRequest(product, 10, 100, null);
        var before = await service.PlaceAsync(request);
        Assert.DoesNotContain(before.Candidates.Single(c => c.Unit == unit).Reasons, r => r.Rule == PlacementEvidence.RegistryRule);

        // A committed write: a project of that product, in the unit, in a project library (its other fields copied from
        // the first library row, so that it cites a real document).
        await store.Database.InTransactionAsync((c, t) => Dapper.SqlMapper.ExecuteAsync(c,
            """
            INSERT INTO projects (document_id, library, name, unit_id, position, src_document, src_from, src_to)
            SELECT document_id, library, @product, (SELECT id FROM units WHERE name = @unit), position + 100000, src_document, src_from, src_to
            FROM projects WHERE id = (SELECT MIN(id) FROM projects)
            """, new { product, unit }, t));

        var after = await service.PlaceAsync(request);
        var candidate = after.Candidates.Single(c => c.Unit == unit);
        Assert.Contains(candidate.Reasons, r => r.Rule == PlacementEvidence.RegistryRule);
        Assert.True(candidate.Score > before.Candidates.Single(c => c.Unit == unit).Score);
    }
}
