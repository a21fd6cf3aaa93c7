using Dapper;
using IndustryMap.Authorization;
using IndustryMap.Chains;
using IndustryMap.Import;
using IndustryMap.Spreadsheets;
using IndustryMap.Tests.Infrastructure;
using IndustryMap.Writing;

namespace IndustryMap.Tests.Chains;

/// <summary>
/// Editing a chain's nodes, members and edges (issue 12 §6), through the JSON map and through the .xlsx template:
/// checked whole before anything is written, versioned, audited, provenance kept for unchanged rows.
/// </summary>
public class ChainMapEditingTests
{
    private static readonly Actor Officer = new(null, "nanan-officer", Role.Unit, "南岸区");

    /// <summary>The chain as an edit: every node, member and edge sent back as stored.</summary>
    private static ChainMapEdit AsEdit(Chain chain) => new(chain.Version,
        chain.Nodes.Select(n => new ChainNodeEdit(n.Key, n.Segment, n.Stage, n.Name, n.Products, n.Catalog, n.Note,
            n.Members.Select(m => new ChainMemberEdit(m.Name, m.Kind, m.Location, m.Registry, m.Note)).ToList())).ToList(),
        chain.Edges.Select(e => new ChainEdgeEdit(e.From, e.To, e.Note)).ToList());

    private static async Task<long> AuditCount(TestStore store, string action)
    {
        await using var connection = await store.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = @action", new { action });
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TheMap_IsReplaced_UnchangedRowsKeepTheirLines_ChangedRowsAreEntered_AndTheGapsFollow(string engine)
    {
        // 01:30 Beijing time on 2 March is still 1 March in UTC: the edit is stamped by the store's one clock (issue 10 §13).
        await using var store = await TestStore.SeededAsync(engine, FakeClock.AtUtc("2026-03-01T17:30:00Z"));
        var before = (await ChainQueries.ChainAsync(store.Database, "na-vivo"))!;
        var gap = before.Nodes.First(n => ChainGapAnalysis.Analyse(before, []).Nodes.Single(x => x.Node == n.Key).Status == "gap" && n.Members.Any(m => m.IsEnterprise));
        var moved = gap.Members.First(m => m.IsEnterprise);
        var edit = AsEdit(before);
        var nodes = edit.Nodes!.Select(n => n.Id != gap.Key ? n : n with
        {
            Members = n.Members!.Select(m => m.Name == moved.Name ? m with { Location = "本区县", Note = "2026 年已在经开区设厂（区经济信息委核实）" } : m).ToList(),
        }).Append(new ChainNodeEdit("packaging", "下游配件", "下游", "包装材料", ["彩盒", "说明书"], [], null,
            [new ChainMemberEdit("某包装印刷公司", "企业", "市内其他区县", null, null)])).ToList();
        var after = await ChainMapEditing.ReplaceMapAsync(store.Database, Officer, "南岸区", "na-vivo",
            edit with { Nodes = nodes, Edges = [new ChainEdgeEdit("packaging", gap.Key, "包装随模组出货")] });

        Assert.Equal((before.Version + 1, "nanan-officer"), (after.Version, after.Source.EnteredBy));
        Assert.Equal(before.Nodes.Count + 1, after.Nodes.Count);
        var changed = after.Nodes.Single(n => n.Key == gap.Key).Members.Single(m => m.Name == moved.Name);
        Assert.Equal(("unit", "nanan-officer", (string?)null, (int?)null), (changed.Location, changed.Source.EnteredBy, changed.Source.Document, changed.Source.FromLine));
        Assert.Equal(("2026-03-01T17:30:00.000Z", "2026-03-01T17:30:00.000Z"), (changed.Source.EnteredAt, after.Source.EnteredAt));
        // Every other member still cites its document lines, exactly as before.
        var untouched = before.Nodes.SelectMany(n => n.Members.Where(m => !(n.Key == gap.Key && m.Name == moved.Name)).Select(m => (n.Key, m.Name, m.Source))).ToList();
        var kept = after.Nodes.SelectMany(n => n.Members.Select(m => (n.Key, m.Name, m.Source))).ToList();
        Assert.All(untouched, u => Assert.Contains(u, kept));
        Assert.All(before.Nodes.Where(n => n.Key != "packaging"), n => Assert.Equal(n.Source, after.Nodes.Single(x => x.Key == n.Key).Source));
        var added = after.Nodes.Single(n => n.Key == "packaging");
        Assert.Equal(("downstream", "nanan-officer", "chongqing"), (added.Stage, added.Source.EnteredBy, added.Members.Single().Location));
        Assert.Equal(("packaging", gap.Key, "entered"), (after.Edges.Single().From, after.Edges.Single().To, after.Edges.Single().Basis));
        // The gap rule reads the edit: the node that had no local enterprise has one now.
        Assert.Equal("weak", ChainGapAnalysis.Analyse(after, []).Nodes.Single(n => n.Node == gap.Key).Status);
        Assert.Equal(1, await AuditCount(store, "chain.map"));

        // The edited chain is the officer's: a seed import leaves it as it is.
        await SeedImporter.ImportAsync(store.Database, SeedData.Folder, "tests");
        var reimported = (await ChainQueries.ChainAsync(store.Database, "na-vivo"))!;
        Assert.Equal((after.Version, after.Nodes.Count), (reimported.Version, reimported.Nodes.Count));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ABadMap_ChangesNothing_AndNamesEveryProblem(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var before = (await ChainQueries.ChainAsync(store.Database, "na-vivo"))!;
        var edit = AsEdit(before);
        var nodes = edit.Nodes!.ToList();
        nodes[0] = nodes[0] with { Stage = "最上游", Catalog = ["不存在的产品"] };
        nodes[1] = nodes[1] with { Members = [new ChainMemberEdit("新企业", "企业", null, "不在名录的公司", null)] };
        var bad = edit with { Nodes = nodes, Edges = [new ChainEdgeEdit(nodes[0].Id, "nowhere", null)] };

        var refused = await Assert.ThrowsAsync<RefusedException>(() =>
            ChainMapEditing.ReplaceMapAsync(store.Database, Officer, "南岸区", "na-vivo", bad));
        Assert.Equal((RefusalKind.Invalid, "chain_invalid"), (refused.Kind, refused.Code));
        var fields = refused.Errors.Select(e => e.Field).ToList();
        Assert.Equal(["nodes[0].stage", "nodes[0].catalog", "nodes[1].members[0].location", "nodes[1].members[0].registry", "edges[0].to"], fields);
        Assert.Contains("阶段应为", refused.MessageZh, StringComparison.Ordinal);

        var unchanged = (await ChainQueries.ChainAsync(store.Database, "na-vivo"))!;
        Assert.Equal((before.Version, before.Nodes.Sum(n => n.Members.Count)), (unchanged.Version, unchanged.Nodes.Sum(n => n.Members.Count)));
        Assert.Equal(0, await AuditCount(store, "chain.map"));

        var stale = await Assert.ThrowsAsync<RefusedException>(() => ChainMapEditing.ReplaceMapAsync(store.Database, Officer, "南岸区", "na-vivo",
            edit with { Version = before.Version - 1 }));
        Assert.Equal((RefusalKind.Conflict, "version_conflict"), (stale.Kind, stale.Code));
        var elsewhere = await Assert.ThrowsAsync<RefusedException>(() => ChainMapEditing.ReplaceMapAsync(store.Database, Officer, "万州区", "na-vivo", edit));
        Assert.Equal("chain_not_found", elsewhere.Code);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TheFilledTemplate_ImportedBackUnchanged_KeepsEverySource(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var before = (await ChainQueries.ChainAsync(store.Database, "na-aircon"))!;
        var workbook = ChainWorkbook.Write(before, before.Unit);
        var draft = ChainWorkbook.Read(workbook, "空调.xlsx");
        Assert.Equal((before.Key, before.Version, before.Nodes.Count), (draft.Key, draft.Version, draft.Map.Nodes!.Count));

        var (after, created) = await ChainMapEditing.ImportAsync(store.Database, Officer, "南岸区", draft, ChainWorkbook.Places("空调.xlsx"));
        Assert.False(created);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal(before.Nodes.Select(n => (n.Key, n.Stage, n.Name, n.Source)), after.Nodes.Select(n => (n.Key, n.Stage, n.Name, n.Source)));
        Assert.Equal(before.Nodes.SelectMany(n => n.Members).Select(m => (m.Name, m.Location, m.Registry, m.Source)),
            after.Nodes.SelectMany(n => n.Members).Select(m => (m.Name, m.Location, m.Registry, m.Source)));
        Assert.Equal(before.Edges.Select(e => (e.From, e.To, e.Basis, e.Source)), after.Edges.Select(e => (e.From, e.To, e.Basis, e.Source)));
        Assert.Equal(1, await AuditCount(store, "chain.import"));
    }

    /// <summary>A workbook as a person fills it in: the template's sheets and headings, rows in any order of columns.</summary>
    private static byte[] Workbook(IReadOnlyList<object?>[] head, IReadOnlyList<object?>[] nodes, IReadOnlyList<object?>[] members, IReadOnlyList<object?>[] edges) =>
        Xlsx.Write(
            XlsxSheet.Table("产业链", ["编号", "名称", "所属单元", "33618产业", "行政链长", "链主企业", "说明", "版本"], head),
            XlsxSheet.Table("环节", ["编号", "环节（原文）", "阶段", "名称", "产品", "33618产品或产业", "说明"], nodes),
            XlsxSheet.Table("企业", ["名称", "环节编号", "类型", "所在地", "名录企业", "说明"], members),
            XlsxSheet.Table("关系", ["上游环节编号", "下游环节编号", "说明"], edges));

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ANewChainFromTheTemplate_IsCreated_AndABadOneIsRefusedNamingSheetRowAndColumn(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var wanzhou = new Actor(null, "wz-officer", Role.Unit, "万州区");
        var good = Workbook(
            [["wz-textile", "纺织服装产业链", "万州区", null, "分管副区长", null, "区经济信息委整理", null]],
            [["fibre", "原料", "原材料", "纤维", "涤纶、棉纱", null, null], ["garment", "成衣", "中游", "服装制造", "衬衫|西装", null, null]],
            [["甲纺织公司", "fibre", "企业", "市外", null, null], ["乙服饰公司", "garment", "企业", "本区县", null, null], ["丙服饰公司", "garment", "企业", "本区县", null, null]],
            [["fibre", "garment", "纤维供服装制造"]]);
        var (chain, created) = await ChainMapEditing.ImportAsync(store.Database, wanzhou, "万州区", ChainWorkbook.Read(good, "纺织.xlsx"),
            ChainWorkbook.Places("纺织.xlsx"));
        Assert.True(created);
        Assert.Equal(("万州区", 1L, "wz-officer"), (chain.Unit, chain.Version, chain.Source.EnteredBy));
        Assert.Equal(["涤纶", "棉纱"], chain.Nodes[0].Products);
        Assert.Equal([ChainLocations.Unit, ChainLocations.Unit], chain.Nodes[1].Members.Select(m => m.Location));
        Assert.Equal("strong", ChainGapAnalysis.Analyse(chain, []).Nodes.Single(n => n.Node == "garment").Status);
        Assert.Contains(await ChainQueries.ChainsAsync(store.Database, "万州区"), c => c.Key == "wz-textile");
        Assert.Equal(1, await AuditCount(store, "chain.create"));

        var bad = Workbook(
            [["wz-textile-2", "纺织", "万州区", "不是目录里的产业", null, null, null, null]],
            [["fibre", null, "原材料", "纤维", null, null, null], ["fibre", null, null, "重复的编号", null, null, null]],
            [["甲纺织公司", "fibre", "企业", "火星", null, null], ["乙服饰公司", "garment", "企业", "本区县", null, null]],
            [["fibre", "fibre", null]]);
        var refused = await Assert.ThrowsAsync<RefusedException>(async () =>
            await ChainMapEditing.ImportAsync(store.Database, wanzhou, "万州区", ChainWorkbook.Read(bad, "纺织2.xlsx"), ChainWorkbook.Places("纺织2.xlsx")));
        foreach (var where in new[]
                 {
                     "文件“纺织2.xlsx”工作表“企业”第 3 行“环节编号”", "文件“纺织2.xlsx”工作表“产业链”第 2 行“33618产业”", "文件“纺织2.xlsx”工作表“环节”第 3 行“编号”",
                     "文件“纺织2.xlsx”工作表“环节”第 3 行“阶段”", "文件“纺织2.xlsx”工作表“企业”第 2 行“所在地”", "文件“纺织2.xlsx”工作表“关系”第 2 行“下游环节编号”",
                 })
        {
            Assert.Contains(where, refused.MessageZh, StringComparison.Ordinal);
        }
        Assert.Null(await ChainQueries.ChainAsync(store.Database, "wz-textile-2"));

        // The workbook of another unit's chain cannot be imported here, and a stale version is refused.
        var other = ChainWorkbook.Read(ChainWorkbook.Write(await ChainQueries.ChainAsync(store.Database, "na-vivo"), "南岸区"), "vivo.xlsx");
        var moved = await Assert.ThrowsAsync<RefusedException>(() =>
            ChainMapEditing.ImportAsync(store.Database, wanzhou, "万州区", other with { Unit = null }, ChainWorkbook.Places("vivo.xlsx")));
        Assert.Equal("chain_in_other_unit", moved.Code);
        var again = ChainWorkbook.Read(good, "纺织.xlsx");
        var stale = await Assert.ThrowsAsync<RefusedException>(() =>
            ChainMapEditing.ImportAsync(store.Database, wanzhou, "万州区", again with { Version = 7 }, ChainWorkbook.Places("纺织.xlsx")));
        Assert.Equal("version_conflict", stale.Code);
    }

    [Fact]
    public void AWorkbookWithoutTheChainSheets_IsRefusedNamingTheSheet()
    {
        var refused = Assert.Throws<RefusedException>(() => ChainWorkbook.Read(Xlsx.Write(XlsxSheet.Table("Sheet1", ["a"], [])), "别的.xlsx"));
        Assert.Equal("chain_invalid", refused.Code);
        Assert.Contains("工作簿中没有工作表“环节”", refused.MessageZh, StringComparison.Ordinal);
        var notXlsx = Assert.Throws<RefusedException>(() => ChainWorkbook.Read("编号,名称\n"u8.ToArray(), "链.csv"));
        Assert.Equal("not_a_template", notXlsx.Code);
    }
}
