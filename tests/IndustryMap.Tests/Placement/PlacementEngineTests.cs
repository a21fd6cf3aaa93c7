using IndustryMap.Placement;

namespace IndustryMap.Tests.Placement;

/// <summary>Placements on the seed data's catalog: the done-when cases and how the rules combine.</summary>
[Collection(CatalogCollection.Name)]
public class PlacementEngineTests(CatalogFixture fixture)
{
    private PlacementResult Place(string description, string? origin = null, string? firstContact = null, decimal? landMu = null, decimal? amountYi = null,
        PlacementContext? context = null) =>
        PlacementEngine.Place(fixture.Catalog, new PlacementRequest(description, amountYi, landMu, origin, FirstContactUnit: firstContact), context);

    private static readonly string[] NewEnergyMaterialsDominant = ["丰都县", "垫江县", "秀山县", "彭水县", "永川区"];
    private static readonly string[] NewEnergyMaterialsCharacteristic = ["巫溪县"];
    private static readonly string[] Yuxi = ["江津区", "合川区", "永川区", "大足区", "璧山区", "铜梁区", "潼南区", "荣昌区"];

    /// <summary>
    /// Issue 6, done when: "年产5万吨磷酸铁锂正极材料" ranks the units whose dominant industry is 新能源材料 above the units where
    /// it is only characteristic, and those above the rest, with reasons citing seed 000.
    /// </summary>
    [Fact]
    public void LithiumIronPhosphateCathode_DominantUnitsFirst_ThenCharacteristic_ThenTheRest_CitingSeed000()
    {
        var result = Place("年产5万吨磷酸铁锂正极材料");
        Assert.Equal("新能源材料", result.Industries[0].Name);
        Assert.Contains("正极材料", result.Industries[0].Matched.Select(m => m.Word));

        var ranking = result.Candidates.Select(c => c.Unit).ToList();
        Assert.Equal(NewEnergyMaterialsDominant.Order(), ranking.Take(5).Order());
        Assert.Equal(NewEnergyMaterialsCharacteristic, ranking.Skip(5).Take(1));
        var characteristicScore = result.Candidates[5].Score;
        Assert.True(result.Candidates.Skip(6).All(c => c.Score < characteristicScore), "every other unit scores below the characteristic one");
        Assert.True(result.Candidates.Take(5).All(c => c.Score > characteristicScore));

        foreach (var candidate in result.Candidates.Take(6))
        {
            var duikou = candidate.Reasons.First(r => r.Rule == PlacementRules.DuikouRule);
            Assert.Equal("000", duikou.Source.Document);
            Assert.Contains("新能源材料", duikou.Text);
            Assert.Contains(candidate.Unit == "巫溪县" ? "特色产业" : "主导产业", duikou.Text);
        }
        // Designated, so no 非禁即入; no first contact, so no 首谈; only the note that registries cover some units.
        Assert.All(result.Notes, n => Assert.Equal(PlacementEvidence.RegistryRule, n.Rule));
    }

    /// <summary>Issue 6, done when: an auto-parts project from outside the city ranks the 渝西 districts first and cites seed 001.</summary>
    [Fact]
    public void AutoPartsFromOutsideTheCity_Ranks渝西First_CitingSeed001()
    {
        var result = Place("年产30万套新能源汽车驱动电机及电机控制器等汽车零部件", origin: Origins.OutsideCity);
        Assert.Contains(result.Industries, i => i.Name == "智能网联新能源汽车零部件");
        Assert.Equal(Yuxi.Order(), result.Candidates.Take(8).Select(c => c.Unit).Order());
        Assert.All(result.Candidates.Take(8), c =>
        {
            var reason = c.Reasons.First(r => r.Rule == PlacementRules.YuxiAutoPartsRule);
            Assert.Equal(("001", "110-112"), (reason.Source.Document, reason.Source.LinesText));
        });
        // 武隆区 designates the same auto parts (characteristic), yet comes after every 渝西 district.
        Assert.True(result.Candidates.Single(c => c.Unit == "武隆区").Rank > 8);
    }

    [Fact]
    public void TheSameAutoPartsProject_TransferredWithinTheCity_IsRankedBy对口Alone()
    {
        var result = Place("年产30万套新能源汽车驱动电机及电机控制器等汽车零部件", origin: Origins.WithinCity);
        Assert.DoesNotContain(result.Candidates.SelectMany(c => c.Reasons), r => r.Rule == PlacementRules.YuxiAutoPartsRule);
        Assert.All(result.Candidates, c => Assert.Equal(0, c.Priority));
        // 武隆区's characteristic auto parts now rank above 渝西 districts that only share the cluster (大足区).
        Assert.True(result.Candidates.Single(c => c.Unit == "武隆区").Rank < result.Candidates.Single(c => c.Unit == "大足区").Rank);
    }

    [Fact]
    public void FirstContactBy对口Unit_KeepsTheProject()
    {
        var result = Place("年产5万吨磷酸铁锂正极材料", firstContact: "巫溪县");
        Assert.Equal("巫溪县", result.Candidates[0].Unit);
        Assert.Equal(PlacementEngine.PriorityFirstContact, result.Candidates[0].Priority);
        Assert.Equal(PlacementRules.FirstContactRule, result.Candidates[0].Reasons[0].Rule);
        Assert.DoesNotContain(result.Notes, n => n.Rule == PlacementRules.FirstContactRule);
    }

    [Fact]
    public void FirstContactByANon对口Unit_TheCityMustCoordinate()
    {
        var result = Place("年产5万吨磷酸铁锂正极材料", firstContact: "万州");
        var note = Assert.Single(result.Notes, n => n.Rule == PlacementRules.FirstContactRule);
        Assert.Contains("万州区为首谈单位", note.Text);
        Assert.Contains("需由市级统筹协调", note.Text);
        Assert.Equal("001", note.Source.Document);
        Assert.NotEqual("万州区", result.Candidates[0].Unit);
    }

    [Fact]
    public void FirstContactFromTheRegister_IsUsedWhenTheInvestorHasOneUnit()
    {
        var context = new PlacementContext(new Dictionary<string, IReadOnlyList<FirstContactHint>>
        {
            [IndustryMap.FirstContacts.NameKeys.Investor("宁德某新能源有限公司")] = [new FirstContactHint(7, "丰都县", "正极材料项目", "2026-01-05T08:00:00.000Z")],
        }, new Dictionary<(string, int), decimal>(), 2026);
        var result = PlacementEngine.Place(fixture.Catalog, new PlacementRequest("年产5万吨磷酸铁锂正极材料", Investor: "重庆宁德某新能源有限公司"), context);
        Assert.Equal("丰都县", result.Candidates[0].Unit);
        Assert.Contains("据首谈登记第 7 号", result.Candidates[0].Reasons[0].Text);
    }

    [Fact]
    public void AnIndustryNoUnitDesignates_Is非禁即入_WithTheUnitsOfRelatedIndustries()
    {
        var result = Place("年产100万套光伏组件");
        Assert.Equal("新能源技术装备产品", result.Industries[0].Name);
        Assert.DoesNotContain(result.Notes, n => n.Rule == PlacementRules.NonProhibitedRule);

        var devices = Place("体外诊断试剂及医疗设备生产");
        var note = Assert.Single(devices.Notes, n => n.Rule == PlacementRules.NonProhibitedRule);
        Assert.Contains("“医疗器械”", note.Text);
        Assert.Contains("非禁即入", note.Text);
        Assert.Equal(("000", "29"), (note.Source.Document, note.Source.LinesText));
    }

    [Fact]
    public void ADescriptionThatMatchesNothing_SaysSo_AndRanksNoUnit()
    {
        var result = Place("咖啡馆连锁经营");
        Assert.True(result.MatchesNothing);
        Assert.StartsWith("未识别出产业", result.Summary);
        Assert.Contains(result.Notes, n => n.Rule == PlacementRules.NoMatchRule);
        Assert.Contains(result.Notes, n => n.Rule == PlacementRules.NonProhibitedRule);
        Assert.Empty(result.Candidates); // issue 13 §3: no ranking when nothing matched
    }

    [Fact]
    public void ARestrictedProduct_GetsAWarning_AndIsStillPlaced()
    {
        var result = Place("新建一次性发泡塑料餐具生产线");
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(PlacementRules.RestrictedRule, warning.Rule);
        Assert.StartsWith("https://", warning.Evidence!.Url);
        Assert.Empty(Place("年产5万吨磷酸铁锂正极材料").Warnings);
    }

    [Fact]
    public void EveryUnitIsRanked_OnceEach_AndUnitsWithoutARecordedLayoutSaySo()
    {
        var result = Place("高精度铜管和铜箔", landMu: 200);
        // Issue 13: a unit's rank is one more than the units strictly ahead of it; equal scores share it (并列).
        Assert.All(result.Candidates, c => Assert.Equal(1 + result.Candidates.Count(o => o.Priority > c.Priority || (o.Priority == c.Priority &&
            (o.Score > c.Score || (o.Score == c.Score && o.EvidenceScore > c.EvidenceScore)))), c.Rank));
        Assert.Equal(41, result.Candidates.Select(c => c.Unit).Distinct().Count());
        Assert.Equal("万州区", result.Candidates[0].Unit); // 精密铜材 is 万州区's dominant industry
        var wanzhou = result.Candidates[0];
        Assert.NotEmpty(wanzhou.Parks);
        Assert.All(wanzhou.Parks, p => Assert.Contains(p.Land, new[] { PlacementRules.LandSufficient, PlacementRules.LandInsufficient, PlacementRules.LandUnknown }));
        var yuzhong = result.Candidates.Single(c => c.Unit == "渝中区");
        Assert.Contains(yuzhong.Reasons, r => r.Rule == PlacementRules.LayoutNotRecordedRule);
    }

    [Fact]
    public void Nan岸sOwnPlan_PointsAtNan岸_ForItsPillarIndustries()
    {
        var result = Place("5G通信射频接收设备");
        var nanan = result.Candidates.Single(c => c.Unit == "南岸区");
        Assert.True(nanan.Score > 0);
        var plan = Assert.Single(nanan.Reasons, r => r.Rule == PlacementRules.UnitPlanRule);
        Assert.Equal("004", plan.Source.Document);
    }

    [Fact]
    public void The渝西FloorReason_AppearsFor渝西Units_WhenTheAmountIsGiven()
    {
        var context = PlacementContext.Empty with { StartedInvestment = new Dictionary<(string, int), decimal> { [("永川区", 2026)] = 45m }, Year = 2026, PipelineHoldsYear = true };
        var result = Place("年产5万吨磷酸铁锂正极材料", amountYi: 8, context: context);
        var floor = Assert.Single(result.Candidates.Single(c => c.Unit == "永川区").Reasons, r => r.Rule == PlacementRules.YuxiFloorRule);
        Assert.Contains("45 亿元", floor.Text);
        Assert.Contains("尚差 5 亿元", floor.Text);
        Assert.DoesNotContain(result.Candidates.Single(c => c.Unit == "丰都县").Reasons, r => r.Rule == PlacementRules.YuxiFloorRule);
    }
}
