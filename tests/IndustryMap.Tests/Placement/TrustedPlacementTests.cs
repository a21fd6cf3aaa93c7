using IndustryMap.Placement;

namespace IndustryMap.Tests.Placement;

/// <summary>
/// Issue 13: each example of its first paragraph as a test on the seed data's catalog, ties shown as ties, and the
/// rules that must fire only when they should. Expected units come from the seed layout (the designations and their
/// details), read from the catalog, never typed as the engine's answer.
/// </summary>
[Collection(CatalogCollection.Name)]
public class TrustedPlacementTests(CatalogFixture fixture)
{
    private PlacementCatalog Catalog => fixture.Catalog;

    private PlacementResult Place(string description, string? origin = null, decimal? amountYi = null, decimal? landMu = null, PlacementContext? context = null,
        string? firstContact = null) =>
        PlacementEngine.Place(Catalog, new PlacementRequest(description, amountYi, landMu, origin, FirstContactUnit: firstContact), context);

    /// <summary>The units whose designation detail prints <paramref name="product"/> (from the seed layout).</summary>
    private IReadOnlyList<string> UnitsWithDetail(string product) =>
        Catalog.Units.Where(u => u.Designations.Any(d => d.Details.Contains(product))).Select(u => u.Name).ToList();

    /// <summary>Everything printed as data (names, plan titles, details, the restricted list): it may hold Latin letters.</summary>
    private string PrintedData => string.Join("|", Catalog.Units.SelectMany(u =>
            u.Designations.SelectMany(d => d.Details.Append(d.Printed).Append(d.Industry))
                .Concat(u.Parks.SelectMany(p => p.FocusIndustries.Append(p.Name)))
                .Concat(u.Registry.Select(e => e.Name)).Concat(u.Targets.Select(t => t.Printed + t.Industry)).Append(u.PlanTitle ?? ""))
        .Concat(Catalog.Restricted.SelectMany(r => new[] { r.Keyword, r.Product, r.Catalogue, r.Item ?? "" }))
        .Concat(Catalog.Classifier.Nodes.Select(n => n.Name)).Concat(Catalog.Chains.Select(c => c.Name)));

    private IReadOnlyList<string> YuxiUnits => Catalog.Units.Where(u => u.IsYuxi).Select(u => u.Name).ToList();

    // ---- ¶1: auto parts from outside the city -------------------------------------------------------------------

    [Fact]
    public void SmartCockpitFromOutside_RanksTheUnitsNamingItInTheirDetailFirst_AmongTheYuxiDistricts()
    {
        var cockpit = UnitsWithDetail("智能座舱");
        Assert.Equal(new[] { "江津区", "永川区" }.Order(), cockpit.Order()); // the seed layout's detail (001 L285-287, L300-302)
        var result = Place("市外企业投资建设智能座舱域控制器生产基地", Origins.OutsideCity);
        Assert.Equal(cockpit.Order(), result.Candidates.Take(2).Select(c => c.Unit).Order());
        Assert.All(result.Candidates.Take(2), c => Assert.Contains(c.Reasons, r => r.Rule == PlacementEvidence.DesignationDetailRule && r.Weight > 0));
        // The other 渝西 districts follow, and the 渝西 rule says why it fired.
        Assert.Equal(YuxiUnits.Order(), result.Candidates.Take(YuxiUnits.Count).Select(c => c.Unit).Order());
        Assert.Contains("不低于", result.Candidates[0].Reasons.First(r => r.Rule == PlacementRules.YuxiAutoPartsRule).Text);
    }

    [Fact]
    public void AutoPartsFromOutside_DoNotAllGetTheSameOrder_TheDetailDecides()
    {
        // Public layouts designate the whole 智能网联新能源汽车 cluster (两江新区, 渝北区): "新能源汽车" in the description is
        // the product's modifier, the product (电制动, 热管理) decides, the 渝西 rule fires, and among the 渝西 districts the
        // ones printing the product in their designation's detail come first.
        var brakes = UnitsWithDetail("电制动");
        var thermal = UnitsWithDetail("热管理");
        Assert.NotEmpty(brakes);
        Assert.NotEmpty(thermal);
        var first = Place("市外企业新建新能源汽车电制动系统项目", Origins.OutsideCity);
        var second = Place("市外企业新建新能源汽车热管理系统项目", Origins.OutsideCity);
        foreach (var (result, units) in new[] { (first, brakes), (second, thermal) })
        {
            Assert.True(PlacementRules.IsAutoParts(result.Industries[0]), result.Industries[0].Name);
            Assert.True(result.Industries[0].Score >= PlacementRules.YuxiConfidence);
            Assert.Contains(result.Candidates, c => c.Priority == PlacementEngine.PriorityYuxi);
            // The 渝西 units printing the product come first (their order among themselves follows their 对口 score).
            var yuxiWithDetail = units.Where(u => YuxiUnits.Contains(u)).ToList();
            Assert.NotEmpty(yuxiWithDetail);
            Assert.Equal(yuxiWithDetail.Order(), result.Candidates.Take(yuxiWithDetail.Count).Select(c => c.Unit).Order());
            Assert.All(result.Candidates.Take(yuxiWithDetail.Count), c => Assert.Contains(c.Reasons, r => r.Rule == PlacementEvidence.DesignationDetailRule));
        }
        Assert.NotEqual(first.Candidates.Take(3).Select(c => c.Unit), second.Candidates.Take(3).Select(c => c.Unit));
    }

    [Fact]
    public void ClusterLevelDesignations_RankBelowTheSubIndustryDesignation_WithinTheCity()
    {
        // Within the city (no 渝西 priority): a unit designating the parts sub-industry itself, with the product in its
        // detail, ranks above a unit that designates only the whole cluster (a public-tier layout, e.g. 两江新区).
        var result = Place("市内企业扩建新能源汽车电制动系统项目", Origins.WithinCity);
        var cluster = Catalog.Units.Where(u => u.Designations.Any(d => d.IsCluster && d.Industry == PlacementRules.VehicleCluster) &&
                                              !u.Designations.Any(d => !d.IsCluster && d.Cluster == PlacementRules.VehicleCluster)).Select(u => u.Name).ToList();
        Assert.NotEmpty(cluster);
        var brakes = UnitsWithDetail("电制动");
        var bestCluster = result.Candidates.Where(c => cluster.Contains(c.Unit)).Min(c => c.Rank);
        Assert.All(result.Candidates.Where(c => brakes.Contains(c.Unit)), c => Assert.True(c.RankTo < bestCluster, $"{c.Unit} at {c.RankText}, cluster-level unit at {bestCluster}"));
    }

    // ---- park focus ------------------------------------------------------------------------------------------------

    [Fact]
    public void ParkFocus_OnAnotherSubIndustryOfTheCluster_DoesNotMatch()
    {
        // 空港工业园 (渝北区) prints 航空维修; a brake system is not aviation maintenance.
        var result = Place("市内企业扩建新能源汽车电制动系统项目", Origins.WithinCity);
        Assert.All(result.Candidates, c => Assert.All(c.Parks, p =>
            Assert.True(p.Matched.All(m => Catalog.Units.Single(u => u.Name == c.Unit).Parks.Where(x => x.Name == p.Name).SelectMany(x => x.FocusNodes)
                .Where(n => n.Focus == m).Any(n => result.Industries.Any(i => PlacementRules.FocusMeans(n.Industry, n.Cluster, i))) ||
                ChineseText.Normalize("市内企业扩建新能源汽车电制动系统项目").Contains(ChineseText.Normalize(m), StringComparison.Ordinal)),
                $"{c.Unit} {p.Name}: {string.Join("、", p.Matched)}")));
        var aviation = Catalog.Units.SelectMany(u => u.Parks.Select(p => (u.Name, Park: p))).Where(x => x.Park.FocusIndustries.Contains("航空维修")).ToList();
        Assert.All(aviation, x => Assert.DoesNotContain(result.Candidates.Single(c => c.Unit == x.Name).Parks, p => p.Matched.Contains("航空维修")));
    }

    // ---- ¶1: 燃煤小火电机组 --------------------------------------------------------------------------------------

    [Fact]
    public void SmallCoalPowerUnits_DoNotMatchMotors_AndGetTheCatalogueWarning()
    {
        var result = Place("新建2台5万千瓦燃煤小火电机组");
        Assert.DoesNotContain(result.Industries, i => i.Cluster == "高端摩托车");
        Assert.DoesNotContain(result.Industries, i => i.Matched.Any(m => m.Word.StartsWith("电机", StringComparison.Ordinal)));
        var warning = Assert.Single(result.Warnings, w => w.Text.Contains("小火电", StringComparison.Ordinal));
        Assert.Contains("淘汰类", warning.Text);
        Assert.NotNull(warning.Evidence?.Url);
        // The motor itself still matches where it is a motor.
        Assert.Contains(Place("年产30万台新能源汽车驱动电机").Industries, i => i.Matched.Any(m => m.Word.Contains("电机", StringComparison.Ordinal)));
    }

    // ---- ¶1: X用Y ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("新能源汽车用锂电池隔膜生产线")]
    [InlineData("用于新能源汽车的动力电池正极材料项目")]
    public void AProductForAnotherIndustry_IsClassifiedByTheProduct(string description)
    {
        var result = Place(description);
        Assert.Equal("新能源材料", result.Industries[0].Name);
        Assert.NotEqual("智能网联新能源汽车", result.Industries[0].Cluster);
        var dominant = Catalog.Units.Where(u => u.Designations.Any(d => d.Industry == "新能源材料" && d.Role == "dominant")).Select(u => u.Name).ToList();
        Assert.Contains(result.Candidates.First().Unit, dominant);
    }

    // ---- issue 13 §3: ancillary facilities and 深加工 -------------------------------------------------------------

    [Fact]
    public void ADataCentreBuiltBesideTheProduct_DoesNotMakeTheProjectSoftware()
    {
        var alone = Place("建设数据中心");
        var software = alone.Industries[0].Cluster; // what a data centre alone reads as on the seed catalog
        var beside = Place("年产5万吨磷酸铁锂正极材料，建设研发中心、数据中心及职工宿舍");
        Assert.Equal("新能源材料", beside.Industries[0].Name);
        Assert.DoesNotContain(beside.Industries, i => i.Cluster == software && i.Score >= IndustryClassifier.LeadingShare * beside.Industries[0].Score);
    }

    [Fact]
    public void ADataCentreProject_IsStillADataCentre()
    {
        var result = Place("中国移动数据中心项目，机架总数约10500架");
        Assert.Contains(result.Industries[0].Matched, m => m.Word == "数据中心" && !m.Partial);
        Assert.True(result.Industries[0].Score >= 0.5, $"{result.Industries[0].Name} {result.Industries[0].Score}");
    }

    [Fact]
    public void DeepProcessing_OfFarmProduce_IsFarmProduceProcessing()
    {
        var plain = Place("农产品加工项目").Industries[0];
        var deep = Place("农产品深加工项目").Industries[0];
        Assert.Equal(plain.Name, deep.Name);
        Assert.Equal(plain.Score, deep.Score, 3);
        Assert.DoesNotContain(deep.Matched, m => m.Partial);
    }

    // ---- ¶1: negation ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("年产5万吨预制菜中央厨房项目，不涉及汽车零部件")]
    [InlineData("非汽车零部件，年产2万吨预制菜")]
    [InlineData("除汽车零部件外，主营年产2万吨预制菜")]
    public void NegatedAutoParts_DoNotFireTheYuxiRule(string description)
    {
        var result = Place(description, Origins.OutsideCity);
        Assert.DoesNotContain(result.Industries, PlacementRules.IsAutoParts);
        Assert.All(result.Candidates, c => Assert.DoesNotContain(c.Reasons, r => r.Rule == PlacementRules.YuxiAutoPartsRule));
        Assert.Equal("预制菜", result.Industries[0].Name);
        Assert.Contains(result.Notes, n => n.Rule == PlacementRules.NegationRule && n.Text.Contains("汽车零部件", StringComparison.Ordinal));
    }

    [Fact]
    public void WordsBeginningWith非_AreNotNegations()
    {
        var parsed = DescriptionText.Parse("非晶合金变压器铁芯");
        Assert.Empty(parsed.Negated);
    }

    // ---- ¶1: English and traditional --------------------------------------------------------------------------------

    [Fact]
    public void TraditionalChinese_MatchesLikeSimplified()
    {
        var simplified = Place("年产5万吨磷酸铁锂正极材料项目");
        var traditional = Place("年產5萬噸磷酸鐵鋰正極材料項目");
        Assert.False(traditional.MatchesNothing);
        Assert.Equal(simplified.Industries[0].Name, traditional.Industries[0].Name);
        Assert.Equal(simplified.Candidates.Take(6).Select(c => (c.Unit, c.Rank)), traditional.Candidates.Take(6).Select(c => (c.Unit, c.Rank)));
    }

    [Fact]
    public void English_IsReadThroughTheGlossary_LikeItsChineseWords()
    {
        Assert.True(Catalog.Glossary.Count > 0);
        var found = Catalog.Glossary.Find("Lithium iron phosphate cathode material plant, 50000 tonnes per year");
        Assert.NotEmpty(found);
        var english = Place("Lithium iron phosphate cathode material plant, 50000 tonnes per year");
        var chinese = Place(string.Join("，", found.Select(f => f.Target).Distinct()));
        Assert.False(english.MatchesNothing);
        Assert.Equal(chinese.Industries[0].Name, english.Industries[0].Name);
        Assert.Equal(chinese.Candidates.Take(5).Select(c => (c.Unit, c.Rank)), english.Candidates.Take(5).Select(c => (c.Unit, c.Rank)));
        var note = Assert.Single(english.Notes, n => n.Rule == PlacementRules.EnglishRule);
        Assert.All(found, f => Assert.Contains(f.Phrase, note.Text));
        // The same product in Chinese lands in the same industry.
        Assert.Equal(Place("年产5万吨磷酸铁锂正极材料").Industries[0].Cluster, english.Industries[0].Cluster);
    }

    [Fact]
    public void English_WithoutAGlossaryWord_IsRefusedClearly_AndNotRanked()
    {
        var result = Place("A visitor centre with a boutique hotel and a tea house");
        Assert.True(result.MatchesNothing);
        Assert.Empty(result.Candidates); // never headed by 渝中区 or any unit
        var note = Assert.Single(result.Notes, n => n.Rule == PlacementRules.NoMatchRule);
        Assert.Contains("英文", note.Text);
        Assert.Contains("English", note.TextEn);
    }

    [Fact]
    public void EnglishGlossary_MatchesWholeWords_PluralsAndTheLongestPhrase()
    {
        var glossary = new EnglishGlossary([("motorcycle", "摩托车"), ("electric motorcycle", "新能源摩托车"), ("battery", "动力电池"), ("mold", "模具")]);
        Assert.Equal([("electric motorcycle", "新能源摩托车"), ("battery", "动力电池")], glossary.Find("Electric Motorcycles and their BATTERIES"));
        Assert.Empty(glossary.Find("a moldy warehouse")); // whole words only
        Assert.Equal([("motorcycle", "摩托车")], glossary.Find("motorcycle"));
    }

    [Fact]
    public void NothingMatched_NoRanking_AndSaysWhatToAdd()
    {
        var result = Place("建设游客集散中心和特色民宿");
        Assert.Empty(result.Candidates);
        Assert.Contains("请补充", Assert.Single(result.Notes, n => n.Rule == PlacementRules.NoMatchRule).Text);
    }

    // ---- ¶1: restricted products ------------------------------------------------------------------------------------

    [Theory]
    [InlineData("新建2台5万千瓦燃煤小火电机组", "小火电")]
    [InlineData("新建年产120万吨焦化项目", "焦化")]
    [InlineData("新建日产4500吨新型干法水泥熟料生产线", "水泥熟料")]
    [InlineData("低效多晶硅生产线", "多晶硅")]
    public void RestrictedProducts_Warn_EvenWhenNothingElseIsClassified(string description, string keyword)
    {
        var result = Place(description);
        var entry = Catalog.Restricted.Single(r => r.Keyword == keyword);
        var warning = Assert.Single(result.Warnings, w => w.Text.Contains($"“{entry.Product}”", StringComparison.Ordinal));
        Assert.Contains(entry.Category == "eliminated" ? "淘汰类" : "限制类", warning.Text);
        Assert.Contains(entry.Item!, warning.Text);
        Assert.Contains(entry.Item!, warning.TextEn);
    }

    [Fact]
    public void RestrictedWord_Negated_DoesNotWarn()
    {
        Assert.Empty(Place("年产2万吨预制菜，不涉及焦化").Warnings);
    }

    // ---- ¶1: the summary agrees with the candidates ----------------------------------------------------------------

    [Fact]
    public void Summary_NamesEveryUnitThatDesignatesAutoParts()
    {
        var result = Place("市内企业转移扩建汽车内外饰件生产项目", Origins.WithinCity);
        var duikou = result.Candidates.Where(c => c.IsDuikou).Select(c => c.Unit).ToList();
        Assert.True(duikou.Count >= 8, $"{duikou.Count} 对口 units");
        Assert.DoesNotContain("没有区县", result.Summary);
        Assert.All(duikou, unit => Assert.Contains(unit, result.Summary));
        Assert.All(result.Candidates, c => Assert.DoesNotContain(c.Reasons, r => r.Rule == PlacementRules.YuxiAutoPartsRule)); // within the city
    }

    // ---- ¶1: the 50 亿元 floor ---------------------------------------------------------------------------------------

    [Fact]
    public void YuxiFloor_OnlyWhenThePipelineHoldsTheYear()
    {
        var started = new Dictionary<(string, int), decimal> { [("江津区", 2026)] = 12m };
        var without = new PlacementContext(new Dictionary<string, IReadOnlyList<FirstContactHint>>(), started, 2026);
        var with = without with { PipelineHoldsYear = true };
        const string description = "市外企业投资建设智能座舱域控制器生产基地";
        Assert.All(Place(description, Origins.OutsideCity, 20, context: without).Candidates,
            c => Assert.DoesNotContain(c.Reasons, r => r.Rule is PlacementRules.YuxiFloorRule or PlacementEvidence.YuxiFloorGapRule));
        var jiangjin = Place(description, Origins.OutsideCity, 20, context: with).Candidates.Single(c => c.Unit == "江津区");
        var floor = Assert.Single(jiangjin.Reasons, r => r.Rule == PlacementRules.YuxiFloorRule);
        Assert.Contains("12 亿元", floor.Text);
        Assert.Contains("38 亿元", floor.Text);
        Assert.DoesNotContain("0 亿元，", floor.Text);
    }

    // ---- ties ------------------------------------------------------------------------------------------------------

    [Fact]
    public void EqualScores_ShareARankRange_NeverOrderedByFilePosition()
    {
        // 预制菜 is dominant in two units and characteristic in others: the dominant pair ties unless evidence separates them.
        var result = Place("年产2万吨预制菜");
        var groups = result.Candidates.GroupBy(c => (c.Priority, c.Score, c.EvidenceScore)).ToList();
        var tied = groups.First(g => g.Count() > 1);
        var rank = tied.First().Rank;
        Assert.All(tied, c =>
        {
            Assert.Equal(rank, c.Rank);
            Assert.Equal(rank + tied.Count() - 1, c.RankTo);
            Assert.True(c.Tied);
            Assert.Equal($"{rank}–{rank + tied.Count() - 1}", c.RankText);
        });
        // Every unit not tied has a rank of its own, and ranks follow scores.
        Assert.All(groups.Where(g => g.Count() == 1).SelectMany(g => g), c => Assert.False(c.Tied));
        for (var i = 1; i < result.Candidates.Count; i++)
        {
            var (a, b) = (result.Candidates[i - 1], result.Candidates[i]);
            Assert.True(a.Priority > b.Priority || a.Score > b.Score || (a.Score == b.Score && a.EvidenceScore >= b.EvidenceScore));
            Assert.Equal(a.Score == b.Score && a.Priority == b.Priority && a.EvidenceScore == b.EvidenceScore, a.Rank == b.Rank);
        }
    }

    [Fact]
    public void BatchCsv_ShowsTheSharedRankRange_AndEveryUnitTiedWithTheThird()
    {
        // A description with a tie group among the first three (found from the engine's own answer, not assumed).
        var descriptions = new[] { "年产2万吨预制菜", "年产10万台智能阀门", "中药饮片生产线", "年产5000吨火锅底料", "建设智能家居产品生产基地" };
        var (request, result) = descriptions.Select(d => new PlacementRequest(d)).Select(r => (r, PlacementEngine.Place(Catalog, r)))
            .First(x => x.Item2.Candidates.Take(3).Any(c => c.Tied));
        var cells = PlacementBatchCsv.Cells([new BatchRow(2, "P1", request, [])], [result])[0];
        string? Cell(string column) => cells[PlacementBatchCsv.OutputColumns.ToList().IndexOf(column)];
        Assert.Equal(PlacementBatchCsv.OutputColumns.Count, PlacementBatchCsv.OutputHeadings.Count);
        for (var k = 1; k <= 3; k++)
        {
            var candidate = result.Candidates[k - 1];
            Assert.Equal(candidate.Unit, Cell($"unit_{k}"));
            Assert.Equal(candidate.RankText, Cell($"rank_{k}"));
            if (candidate.Tied) Assert.Contains("–", Cell($"rank_{k}"));
        }
        var third = result.Candidates[2];
        var tiedWithThird = third.Tied ? result.Candidates.Where(c => c.Rank == third.Rank).Select(c => c.Unit).ToList() : [];
        Assert.Equal(string.Join("、", tiedWithThird), Cell("tied_at_3") ?? "");
    }

    [Fact]
    public void Rank_BuildsSharedRanges()
    {
        UnitInfo U(string name, int position) => new(name, position, [], [], false, [], [], null, null);
        var items = new List<(UnitInfo, double, double, int, int)>
        {
            (U("甲", 1), 0.5, 0, 0, 0), (U("乙", 2), 0.7, 0, 0, 0), (U("丙", 3), 0.5, 0, 0, 0), (U("丁", 4), 0.1, 0, 1, 0), (U("戊", 5), 0.5, 0.05, 0, 0),
            (U("己", 0), 0.45, 0.3, 0, 0),
        };
        var ranked = PlacementEngine.Rank(items, (x, rank, to) => new UnitCandidate(x.Item1.Name, rank, x.Item2, x.Item4, false, [], []) { RankTo = to });
        // Priority first, then the fit, then tie-break evidence: 戊's evidence orders it before 甲 and 丙 (still tied), and
        // 己's larger evidence does not lift it above the better fit of 甲, 丙 and 戊.
        Assert.Equal([("丁", 1, 1), ("乙", 2, 2), ("戊", 3, 3), ("甲", 4, 5), ("丙", 4, 5), ("己", 6, 6)], ranked.Select(c => (c.Unit, c.Rank, c.RankTo)));
    }

    // ---- rules ------------------------------------------------------------------------------------------------------

    [Fact]
    public void YuxiRule_FiresAtItsThreshold_AndNotJustBelow()
    {
        var node = Catalog.Classifier.Node("智能网联新能源汽车零部件")!;
        Classification At(double score) => new([new IndustryMatch(node, score, [])], []);
        Assert.True(PlacementRules.YuxiAutoPartsApplies(Origins.OutsideCity, At(PlacementRules.YuxiConfidence)));
        Assert.False(PlacementRules.YuxiAutoPartsApplies(Origins.OutsideCity, At(PlacementRules.YuxiConfidence - 0.0001)));
        Assert.False(PlacementRules.YuxiAutoPartsApplies(Origins.WithinCity, At(1.0)));
        // Not the leading classification: another industry scores higher.
        var other = Catalog.Classifier.Node("预制菜")!;
        Assert.False(PlacementRules.YuxiAutoPartsApplies(Origins.OutsideCity, new([new IndustryMatch(other, 0.9, []), new IndustryMatch(node, 0.8, [])], [])));
    }

    [Fact]
    public void FirstContact_CountsAsDuikou_ThroughTheDesignationDetail()
    {
        // 垫江县 designates 智能制造装备（智能阀门、汽摩零部件）: 对口 for 智能阀门 through the detail.
        Assert.Contains("智能阀门", Catalog.Units.Single(u => u.Name == "垫江县").Designations.SelectMany(d => d.Details));
        var result = Place("年产10万台智能阀门", firstContact: "垫江县");
        var dianjiang = result.Candidates.Single(c => c.Unit == "垫江县");
        Assert.Equal(PlacementEngine.PriorityFirstContact, dianjiang.Priority);
        Assert.Equal(1, dianjiang.Rank);
    }

    [Fact]
    public void UnknownRegistry_NeitherAddsNorTakesAway()
    {
        var result = Place("年产2万吨预制菜");
        var withoutRegistry = result.Candidates.Where(c => !Catalog.Units.Single(u => u.Name == c.Unit).RegistryKnown).ToList();
        Assert.NotEmpty(withoutRegistry);
        Assert.All(withoutRegistry, c => Assert.DoesNotContain(c.Reasons, r => r.Rule == PlacementEvidence.RegistryRule));
        Assert.All(result.Candidates, c => Assert.True(c.Score >= c.BaseScore));
        Assert.All(result.Candidates, c => Assert.True(c.EvidenceScore >= 0));
    }

    /// <summary>
    /// Decisions 0031 and 0034: facilities built beside the product and equipment the project buys are context, and the
    /// result says which were read so; a description whose only product is the facility gets no such note (it is the project).
    /// </summary>
    [Fact]
    public void AncillaryPhrasesReadAsContext_AreNamedInANote_OnlyWhenBesideAProduct()
    {
        var beside = Place("年产5万吨磷酸铁锂正极材料，配套建设研发中心及职工宿舍，购置反应釜、冷凝器等设备");
        Assert.Equal("新能源材料", beside.Industries[0].Name);
        var note = Assert.Single(beside.Notes, n => n.Rule == PlacementRules.AncillaryContextRule);
        Assert.Contains("“研发中心", note.Text);
        Assert.Contains("冷凝器", note.Text);
        Assert.StartsWith("facilities the project builds", note.TextEn);
        Assert.Equal("配套与购置", PlacementRules.RuleName(PlacementRules.AncillaryContextRule));

        var alone = Place("建设大数据中心");
        Assert.DoesNotContain(alone.Notes, n => n.Rule == PlacementRules.AncillaryContextRule);
    }

    /// <summary>
    /// Issue 13 §2, the counterfactual: a unit's own data (plan, registries, plan targets) moves only that unit, and only for
    /// projects the data names. Placed once with 万州's and 南岸's data and once with it left out, every other unit keeps
    /// its score and evidence; 万州 keeps its score exactly where none of its own-data rules gave a reason; and the set
    /// holds both kinds of case, so the comparison is not empty.
    /// </summary>
    [Theory]
    [InlineData("年产30万吨电解铝及配套阳极项目")]
    [InlineData("智能座舱域控制器及车载显示屏")]
    [InlineData("工业压力传感器及智能流量计生产")]
    [InlineData("火锅底料及牛油生产项目")]
    [InlineData("年产5万吨磷酸铁锂正极材料")]
    [InlineData("高纯石英砂提纯")]
    public void OwnData_MovesOnlyItsUnit_AndOnlyForProjectsItNames(string description)
    {
        string[] dataRich = ["万州区", "南岸区"];
        Assert.All(dataRich, u => Assert.True(Catalog.Units.Single(x => x.Name == u).RegistryKnown));
        var with = Place(description);
        var without = PlacementEngine.Place(Catalog.WithoutOwnData(dataRich), new PlacementRequest(description));
        var ownDataRules = PlacementSignals.OwnDataRules;
        foreach (var candidate in with.Candidates)
        {
            var counterpart = without.Candidates.Single(c => c.Unit == candidate.Unit);
            var named = candidate.Reasons.Any(r => ownDataRules.Contains(r.Rule));
            if (!dataRich.Contains(candidate.Unit) || !named)
            {
                Assert.Equal(counterpart.Score, candidate.Score);
                Assert.Equal(counterpart.EvidenceScore, candidate.EvidenceScore);
            }
            Assert.DoesNotContain(counterpart.Reasons, r => ownDataRules.Contains(r.Rule));
        }
    }

    [Fact]
    public void OwnData_CounterfactualCases_IncludeNamedAndNotNamed()
    {
        var ownDataRules = PlacementSignals.OwnDataRules;
        bool Named(string description) => Place(description).Candidates.Single(c => c.Unit == "万州区").Reasons.Any(r => ownDataRules.Contains(r.Rule));
        Assert.True(Named("工业压力传感器及智能流量计生产"), "万州's plan names 传感器: its data moves it");
        Assert.False(Named("年产30万吨电解铝及配套阳极项目"), "nothing of 万州's data names electrolytic aluminium");
        var sensor = Place("工业压力传感器及智能流量计生产").Candidates.Single(c => c.Unit == "万州区");
        var blind = PlacementEngine.Place(Catalog.WithoutOwnData(["万州区"]), new PlacementRequest("工业压力传感器及智能流量计生产")).Candidates.Single(c => c.Unit == "万州区");
        Assert.True(sensor.Score > blind.Score, "where its data names the project, the unit's score moves");
    }

    /// <summary>
    /// Issue 13 §2: "unknown is shown as unknown": each candidate lists the signals not known for its unit — 万州 has its
    /// layout, plan and registries loaded; 南岸's layout is not recorded (its plan stands in); 涪陵's layout is public but
    /// no plan or registry of it is loaded; 渝中's layout is not recorded either, and no park of 渝中 or 丰都 is loaded.
    /// </summary>
    [Fact]
    public void EachCandidate_ListsTheSignalsNotKnownForItsUnit()
    {
        var result = Place("工业压力传感器及智能流量计生产");
        IReadOnlyList<string> Unknown(string unit) => result.Candidates.Single(c => c.Unit == unit).Unknown;
        Assert.Empty(Unknown("万州区"));
        Assert.Equal([PlacementSignals.Layout], Unknown("南岸区"));
        Assert.Equal([PlacementSignals.Plan, PlacementSignals.Registry], Unknown("涪陵区"));
        Assert.Equal([PlacementSignals.Layout, PlacementSignals.Plan, PlacementSignals.Registry, PlacementSignals.Parks], Unknown("渝中区"));
        Assert.Equal([PlacementSignals.Plan, PlacementSignals.Registry, PlacementSignals.Parks], Unknown("丰都县"));
    }

    /// <summary>
    /// Issue 13 §1 and decision 0029: an existing base of the same sub-industry (registry entries) adds to the unit's fit,
    /// in proportion up to <see cref="PlacementEvidence.RegistryFullFor"/> entries; other sub-industries add nothing and
    /// a unit without a registry is unknown (null), not zero.
    /// </summary>
    [Fact]
    public void Registry_CountsAsFit_FullAtItsThreshold_AndProportionallyBelow()
    {
        var node = Catalog.Classifier.Node("智能网联新能源汽车零部件")!;
        var other = Catalog.Classifier.Node("预制菜")!;
        var rule = new PlacementEvidence.Registry();
        Assert.True(rule.DesignationLevel);
        EvidenceFinding? With(int same, int unrelated)
        {
            var entries = Enumerable.Range(0, same).Select(i => new RegistryEntry($"同类{i}", "project", [node.Name], new Provenance.Source("003", 600 + i, 600 + i)))
                .Concat(Enumerable.Range(0, unrelated).Select(i => new RegistryEntry($"其他{i}", "enterprise", [other.Name], new Provenance.Source("004", 700 + i, 700 + i))))
                .ToList();
            var unit = new UnitInfo("测试区", 99, [], [], false, [], [], null, null) { Registry = entries };
            return rule.Evaluate(new EvidenceInput(unit, new Classification([new IndustryMatch(node, 0.9, [])], []), new PlacementRequest("汽车零部件"),
                PlacementContext.Empty, new PlacementRules.DuikouResult(0, []), []));
        }
        Assert.Equal(1.0, With(PlacementEvidence.RegistryFullAt, 0)!.Strength);
        Assert.Equal(1.0, With(PlacementEvidence.RegistryFullAt + 3, 2)!.Strength);
        Assert.Equal((PlacementEvidence.RegistryFullAt - 1) / (double)PlacementEvidence.RegistryFullAt, With(PlacementEvidence.RegistryFullAt - 1, 10)!.Strength, 6);
        Assert.Null(With(0, 10));
        Assert.Null(With(0, 0));
        // A large registry counts in full only at its share (issue 13 §2: size alone does not lift a unit).
        var large = (int)Math.Ceiling(2 * PlacementEvidence.RegistryFullAt / PlacementEvidence.RegistryShare);
        Assert.Equal(PlacementEvidence.RegistryFullAt / (PlacementEvidence.RegistryShare * large), With(PlacementEvidence.RegistryFullAt, large - PlacementEvidence.RegistryFullAt)!.Strength, 6);
        Assert.True(With(PlacementEvidence.RegistryFullAt, large - PlacementEvidence.RegistryFullAt)!.Strength < 1.0);
    }

    /// <summary>
    /// The project libraries are registries (decision 0029): a product of 万州's copper projects finds them, and the
    /// registry reason adds its weight to 万州's score, citing the library's lines; units no registry covers get nothing.
    /// </summary>
    [Fact]
    public void ProjectLibraries_AreRegistries_AndTheirBaseAddsToTheScore()
    {
        var wanzhou = Catalog.Units.Single(u => u.Name == "万州区");
        var projects = wanzhou.Registry.Where(e => e.Kind == "project").ToList();
        Assert.NotEmpty(projects);
        Assert.All(projects, e => Assert.Equal("003", e.Source.Document));
        var result = Place("年产2万吨高精度铜带生产线");
        var candidate = result.Candidates.Single(c => c.Unit == "万州区");
        var registry = Assert.Single(candidate.Reasons, r => r.Rule == PlacementEvidence.RegistryRule);
        Assert.True(registry.Weight > 0);
        Assert.Contains(registry.Evidence?.Document, new[] { "003", "004" });
        // Fit, not a tie-breaker: the weight is in the score, not in the tie-break evidence.
        Assert.True(candidate.Score >= candidate.BaseScore + registry.Weight - 1e-9);
        foreach (var c in result.Candidates.Where(c => !Catalog.Units.Single(u => u.Name == c.Unit).RegistryKnown))
        {
            Assert.DoesNotContain(c.Reasons, r => r.Rule == PlacementEvidence.RegistryRule);
        }
    }

    // ---- tie-breakers cannot lift a unit above a better designation match (issue 13 §2, the top-five bias) -----------

    [Theory]
    [InlineData("高精度铜管和铜箔")]
    [InlineData("5G通信射频接收设备")]
    [InlineData("年产2万吨预制菜")]
    [InlineData("年产30万台新能源汽车驱动电机")]
    [InlineData("中药饮片及配方颗粒生产线")]
    public void TieBreakEvidence_NeverLiftsAUnitAboveABetterFit(string description)
    {
        var result = Place(description);
        foreach (var a in result.Candidates)
        {
            foreach (var b in result.Candidates.Where(b => b.Priority == a.Priority && b.Score > a.Score))
            {
                Assert.True(b.RankTo < a.Rank, $"{b.Unit} ({b.Score}) should rank above {a.Unit} ({a.Score}, evidence {a.EvidenceScore})");
            }
        }
        // The unit's own plan only breaks ties for a unit whose layout is recorded: its reason says so.
        Assert.All(result.Candidates.SelectMany(c => c.Reasons).Where(r => r.Rule == PlacementEvidence.UnitPlanFitRule),
            r => Assert.Contains("同分时排序", r.Text));
    }

    // ---- every reason in both languages; public facts cite their page ---------------------------------------------------

    [Theory]
    [InlineData("市外企业新建新能源汽车电制动系统项目", "outside_city")]
    [InlineData("高精度铜管和铜箔", null)]
    [InlineData("新建2台5万千瓦燃煤小火电机组", null)]
    [InlineData("年产5万吨预制菜中央厨房项目，不涉及汽车零部件", "outside_city")]
    [InlineData("智能终端整机及通信模组生产基地", "within_city")]
    public void EveryReason_HasChineseAndEnglish_AndTheChineseHasNoEnglishWords(string description, string? origin)
    {
        var result = PlacementEngine.Place(Catalog, new PlacementRequest(description, 20, 300, origin, ForeignInvested: true, FirstContactUnit: "渝中区"));
        var reasons = result.Candidates.SelectMany(c => c.Reasons).Concat(result.Notes).Concat(result.Warnings).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.TextEn), $"{r.Rule}: {r.Text}");
            // Chinese text: no English words (the page and officers read it as Chinese); names as printed may hold letters.
            var words = System.Text.RegularExpressions.Regex.Matches(r.Text, "[A-Za-z]{4,}").Select(m => m.Value)
                .Where(w => !PrintedData.Contains(w, StringComparison.Ordinal)).ToList();
            Assert.True(words.Count == 0, $"{r.Rule}: {r.Text}");
            Assert.False(string.IsNullOrWhiteSpace(r.RuleNameEn));
        });
        Assert.False(string.IsNullOrWhiteSpace(result.SummaryEn));
    }

    [Fact]
    public void ReasonsFromPublicRows_CiteTheirPage_NotTheSeedClause()
    {
        // Units whose layout comes only from public pages: their 对口 reasons cite the page (URL, title), the clause follows.
        var publicUnits = Catalog.Units.Where(u => u.LayoutTier == "public").ToList();
        Assert.NotEmpty(publicUnits);
        Assert.All(publicUnits.SelectMany(u => u.Designations), d => Assert.NotNull(d.Source.Public));
        var checkedReasons = 0;
        foreach (var unit in publicUnits)
        {
            var designation = unit.Designations[0];
            var result = Place(designation.Industry);
            var candidate = result.Candidates.Single(c => c.Unit == unit.Name);
            foreach (var reason in candidate.Reasons.Where(r => r.Rule == PlacementRules.DuikouRule))
            {
                Assert.NotNull(reason.Source.Public);
                Assert.False(string.IsNullOrWhiteSpace(reason.Source.Public!.Title));
                Assert.StartsWith("http", reason.Source.Url);
                Assert.Equal(PlacementClauses.DuikouShoutan, reason.Evidence);
                checkedReasons++;
            }
        }
        Assert.True(checkedReasons > 0);
    }
}
