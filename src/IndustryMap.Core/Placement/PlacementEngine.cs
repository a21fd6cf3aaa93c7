using System.Globalization;
using IndustryMap.FirstContacts;
using IndustryMap.Layout;

namespace IndustryMap.Placement;

/// <summary>
/// Places a project: classifies the description, applies the rules to every planning unit and ranks them. Ranking is
/// by priority first — the first-contact unit that keeps the project (首谈), then the 渝西 districts when the auto-parts
/// rule applies — then by score: the base (the best of 对口 and the unit's own plan) plus named evidence rules
/// (<see cref="IPlacementEvidenceRule"/>: detail products, registries, parks, the 渝西 floor gap, and any a feature
/// registers). Units with equal priority and score share a rank range (并列): nothing is ordered by file position.
/// A description that matches nothing gets no ranking. Pure: the catalog and context carry everything it reads.
/// </summary>
public static class PlacementEngine
{
    public const int PriorityFirstContact = 2;
    public const int PriorityYuxi = 1;

    public static PlacementResult Place(PlacementCatalog catalog, PlacementRequest request, PlacementContext? context = null)
    {
        context ??= PlacementContext.Empty;
        var parsed = DescriptionText.Parse(request.Description);
        var notes = new List<PlacementReason>();
        // English: read through the glossary (English words of catalog nodes), then classified as the catalog names they mean.
        if (parsed.IsLatin && catalog.Glossary.Find(request.Description) is { Count: > 0 } english)
        {
            parsed = DescriptionText.Parse(string.Join("，", english.Select(e => e.Target).Distinct()));
            var read = string.Join("；", english.Select(e => $"“{e.Phrase}” → {e.Target}"));
            var readEn = string.Join("; ", english.Select(e => $"“{e.Phrase}” → {e.Target}"));
            notes.Add(new PlacementReason(PlacementRules.EnglishRule, $"英文描述按英文词表识别：{read}", PlacementClauses.DuikouShoutan)
            {
                TextEn = $"English description read through the glossary: {readEn}",
            });
        }
        var classification = catalog.Classifier.Classify(parsed);
        // Restricted and eliminated products are looked for in every description, classified or not (issue 13 §5).
        var warnings = PlacementRules.RestrictedProducts(parsed, catalog.Restricted).ToList();
        if (parsed.Negated.Count > 0)
        {
            notes.Add(new PlacementReason(PlacementRules.NegationRule,
                $"描述中的否定内容不作为产业依据：{string.Join("；", parsed.Negated.Select(n => $"“{n}”"))}", PlacementClauses.DuikouShoutan)
            {
                TextEn = $"negated words of the description are not read as the project's industry: {string.Join("; ", parsed.Negated.Select(n => $"“{n}”"))}",
            });
        }

        // Facilities built beside the product (decision 0031) and what the project buys or rents (decision 0034) were read
        // as context: the officer sees which, and why they did not count as the product.
        if (classification.AncillaryAsContext.Count > 0)
        {
            notes.Add(new PlacementReason(PlacementRules.AncillaryContextRule,
                $"项目配套建设的设施和购置、租用的设备场地只作背景，不作为项目产品：{string.Join("；", classification.AncillaryAsContext.Select(f => $"“{f}”"))}",
                PlacementClauses.DuikouShoutan)
            {
                TextEn = $"facilities the project builds and equipment or premises it buys or rents are read as context, not as its product: {string.Join("; ", classification.AncillaryAsContext.Select(f => $"“{f}”"))}",
            });
        }

        if (classification.MatchesNothing)
        {
            notes.Insert(0, PlacementRules.NoMatch(parsed));
            if (PlacementRules.NonProhibited(classification, catalog.Units) is { } np) notes.Add(np);
            notes.AddRange(PlacementRules.SizeNotes(request));
            return new PlacementResult(request, catalog.Edition, classification.Industries, [], notes, warnings,
                parsed.IsLatin ? "未识别出产业：英文描述中没有英文词表中的产品，请用中文描述产品。" : "未识别出产业：描述未匹配到任何产业、产品或关键词，请补充产品名称。")
            {
                SummaryEn = parsed.IsLatin
                    ? "No industry recognised: the English description names no product of the English glossary; describe the product in Chinese."
                    : "No industry recognised: the description matches no industry, product or keyword; add the product's name.",
            };
        }

        var leading = classification.Leading.ToList();
        var yuxi = PlacementRules.YuxiAutoPartsApplies(request.Origin, classification);
        var evidenceRules = PlacementEvidence.BuiltIn.Concat(catalog.EvidenceRules).ToList();

        // 首谈: the unit the officer names, else the register's entry for this investor when it names exactly one unit.
        var firstContact = catalog.FindUnit(request.FirstContactUnit);
        string? firstContactBasis = null;
        if (firstContact is null && !string.IsNullOrWhiteSpace(request.Investor) &&
            context.FirstContactsByInvestor.TryGetValue(NameKeys.Investor(request.Investor), out var registered))
        {
            var units = registered.Select(r => r.Unit).Distinct().ToList();
            if (units.Count == 1)
            {
                firstContact = catalog.FindUnit(units[0]);
                firstContactBasis = $"据首谈登记第 {registered[0].Seq} 号";
            }
            else
            {
                notes.Add(new PlacementReason(PlacementRules.FirstContactRule,
                    $"首谈登记中有多个单位与投资方“{request.Investor}”接触（{string.Join("、", registered.Select(r => $"{r.Unit}：第 {r.Seq} 号“{r.Project}”"))}）：需由市级统筹协调",
                    PlacementClauses.CityCoordination)
                {
                    TextEn = $"the first-contact register has several units in contact with the investor “{request.Investor}” ({string.Join(", ", registered.Select(r => $"{r.Unit}: entry {r.Seq} “{r.Project}”"))}): the city coordinates",
                });
            }
        }

        var chainEvidence = IndustryMap.Chains.ChainPlacementRules.Evidence(new(request.Description, leading.Select(i => i.Name).ToList(), request.Investor), catalog.Chains);
        var candidates = new List<(UnitInfo Unit, double Base, double Fit, double Evidence, int Priority, bool IsDuikou, List<PlacementReason> Reasons, IReadOnlyList<ParkCandidate> Parks)>();
        foreach (var unit in catalog.Units)
        {
            var reasons = new List<PlacementReason>();
            var duikou = PlacementRules.Duikou(unit.Designations, classification.Industries);
            reasons.AddRange(PlacementRules.DuikouReasons(unit.Name, duikou));
            // The unit's own plan: where it fits the project better than the city's layout does (it names the product or
            // sub-industry), it is the unit's fit, with its lines as the reason; otherwise it only breaks ties (an evidence
            // rule below). For a unit whose layout is not recorded it stands in for the layout (unknown is not "none").
            var (planScore, planReasons) = PlacementRules.UnitPlan(unit, classification.PlanItems, leading);
            if (planScore > duikou.Score) reasons.AddRange(planReasons);
            reasons.AddRange(chainEvidence.GetValueOrDefault(unit.Name, []));
            var parks = PlacementRules.Parks(unit, classification, parsed.Text, request.LandMu);
            reasons.AddRange(parks.Take(2).Select(p => PlacementRules.CitingFact(new PlacementReason(PlacementRules.ParkRule, p.Text, PlacementClauses.DuikouShoutan, p.Source) { TextEn = p.TextEn })));
            if (PlacementRules.LandShortfall(unit, parks, request.LandMu) is { } shortfall) reasons.Add(shortfall);
            var baseScore = Math.Max(duikou.Score, planScore);

            // Evidence: each rule that knows something about the unit adds weight × strength, and says so. Rules that count
            // as fit (a product printed in the designation's detail; an existing base of the same sub-industry in the
            // unit's registries) add to the unit's fit; the others only order units whose fit is equal (tie-breakers).
            var fit = 0.0;
            var evidence = 0.0;
            var input = new EvidenceInput(unit, classification, request, context, duikou, parks) { PlanScore = planScore, PlanReasons = planReasons };
            foreach (var rule in evidenceRules)
            {
                if (rule.Evaluate(input) is not { } finding || finding.Strength <= 0) continue;
                var weight = Math.Round(rule.Weight * Math.Min(1.0, finding.Strength), 4);
                if (rule.DesignationLevel) fit += weight;
                else evidence += weight;
                var weightText = weight.ToString("0.000", CultureInfo.InvariantCulture);
                var kind = rule.DesignationLevel ? "" : "，同分时排序";
                var kindEn = rule.DesignationLevel ? "" : ", breaks ties";
                reasons.Add(new PlacementReason(rule.Code, $"{rule.Name}（+{weightText}{kind}）：{finding.Text}", rule.Source, finding.Evidence)
                {
                    Weight = weight,
                    TextEn = $"{PlacementRules.RuleNameEn(rule.Code)} (+{weightText}{kindEn}): {finding.TextEn ?? finding.Text}",
                });
            }

            var isDuikou = PlacementRules.IsDuikouForLeading(unit, leading, parsed);
            var priority = 0;
            if (yuxi)
            {
                reasons.Insert(0, PlacementRules.YuxiAutoPartsReason(unit.Name, unit.IsYuxi, classification));
                if (unit.IsYuxi) priority = PriorityYuxi;
            }
            if (firstContact?.Name == unit.Name)
            {
                var outcome = PlacementRules.FirstContact(unit.Name, isDuikou, yuxi, unit.IsYuxi, firstContactBasis);
                reasons.Insert(0, outcome.Reason);
                if (outcome.Keeps) priority = PriorityFirstContact;
                if (outcome.CityCoordinates) notes.Add(outcome.Reason);
            }
            if (unit.IsYuxi && request.AmountYi is not null && context.PipelineHoldsYear &&
                PlacementRules.YuxiFloor(unit, context.Year, context.StartedInvestment.GetValueOrDefault((unit.Name, context.Year)), request.AmountYi) is { } floor)
            {
                reasons.Add(floor);
            }
            if (!unit.LayoutRecorded && catalog.Edition is { } edition)
            {
                reasons.Add(PlacementRules.LayoutNotRecorded(unit.Name, edition));
            }
            candidates.Add((unit, Math.Round(baseScore, 4), Math.Round(fit, 4), Math.Round(evidence, 4), priority, isDuikou, reasons, parks));
        }

        if (PlacementRules.NonProhibited(classification, catalog.Units) is { } nonProhibited) notes.Add(nonProhibited);
        notes.AddRange(PlacementRules.SizeNotes(request));
        if (!catalog.Units.All(u => u.RegistryKnown) && catalog.Units.Any(u => u.RegistryKnown))
        {
            notes.Add(new PlacementReason(PlacementEvidence.RegistryRule,
                $"企业和项目名录仅覆盖{string.Join("、", catalog.Units.Where(u => u.RegistryKnown).Select(u => u.Name))}：其他单位的同类企业、项目情况未知，不加分也不减分",
                PlacementClauses.DuikouShoutan)
            {
                TextEn = $"enterprise and project registries cover only {string.Join(", ", catalog.Units.Where(u => u.RegistryKnown).Select(u => u.Name))}: for the other units it is unknown, neither added nor taken away",
            });
        }

        var ranked = Rank(candidates.Select(c => (c.Unit, Score: Math.Round(c.Base + c.Fit, 4), c.Evidence, c.Priority, Candidate: c)).ToList(),
            (x, rank, rankTo) => new UnitCandidate(x.Unit.Name, rank, x.Score, x.Priority, x.Unit.IsYuxi, x.Candidate.Reasons, x.Candidate.Parks)
            {
                RankTo = rankTo, BaseScore = x.Candidate.Base, EvidenceScore = x.Candidate.Evidence, IsDuikou = x.Candidate.IsDuikou,
                Unknown = PlacementSignals.UnknownFor(x.Unit),
            });
        return new PlacementResult(request, catalog.Edition, classification.Industries, ranked, notes, warnings, Summary(classification, ranked, yuxi))
        {
            SummaryEn = SummaryEn(classification, ranked, yuxi),
        };
    }

    /// <summary>
    /// Orders by priority, then score (the designation fit), then tie-break evidence, and gives every group equal on all
    /// three one rank range: the first rank of the group to its last. Within a group the list keeps the unit order only
    /// because a list needs one; the ranks say 并列.
    /// </summary>
    public static List<UnitCandidate> Rank<T>(IReadOnlyList<(UnitInfo Unit, double Score, double TieBreak, int Priority, T Candidate)> items,
        Func<(UnitInfo Unit, double Score, double TieBreak, int Priority, T Candidate), int, int, UnitCandidate> make)
    {
        var ordered = items.OrderByDescending(c => c.Priority).ThenByDescending(c => c.Score).ThenByDescending(c => c.TieBreak).ThenBy(c => c.Unit.Position).ToList();
        var result = new List<UnitCandidate>(ordered.Count);
        for (var i = 0; i < ordered.Count;)
        {
            var j = i;
            while (j + 1 < ordered.Count && ordered[j + 1].Priority == ordered[i].Priority && ordered[j + 1].Score == ordered[i].Score &&
                   ordered[j + 1].TieBreak == ordered[i].TieBreak) j++;
            for (var k = i; k <= j; k++) result.Add(make(ordered[k], i + 1, j + 1));
            i = j + 1;
        }
        return result;
    }

    /// <summary>The summary says what the candidates say: the 对口 units are the candidates marked 对口.</summary>
    private static string Summary(Classification classification, IReadOnlyList<UnitCandidate> ranked, bool yuxi)
    {
        var industries = string.Join("、", classification.Leading.Take(3).Select(i =>
            $"{i.Name}（{i.Score.ToString("0.00", CultureInfo.InvariantCulture)}）"));
        var duikou = ranked.Where(c => c.IsDuikou).Select(c => c.Unit).ToList();
        var duikouText = duikou.Count == 0 ? "没有区县将其列为主导或特色产业" : $"对口区县 {duikou.Count} 个：{string.Join("、", duikou)}";
        var top = ranked.Where(c => c.Rank == 1).Select(c => c.Unit).ToList();
        var topText = top.Count == 1 ? $"首选：{top[0]}" : $"并列第 1 名：{string.Join("、", top)}";
        return $"识别为 {industries}。{duikouText}。{(yuxi ? "市外新引进汽车零部件项目原则上在渝西地区布局。" : "")}{topText}。";
    }

    private static string SummaryEn(Classification classification, IReadOnlyList<UnitCandidate> ranked, bool yuxi)
    {
        var industries = string.Join(", ", classification.Leading.Take(3).Select(i =>
            $"{i.Name} ({i.Score.ToString("0.00", CultureInfo.InvariantCulture)})"));
        var duikou = ranked.Where(c => c.IsDuikou).Select(c => c.Unit).ToList();
        var duikouText = duikou.Count == 0 ? "no unit designates it as a dominant or characteristic industry" : $"{duikou.Count} matching (对口) unit(s): {string.Join(", ", duikou)}";
        var top = ranked.Where(c => c.Rank == 1).Select(c => c.Unit).ToList();
        var topText = top.Count == 1 ? $"First: {top[0]}" : $"Tied first: {string.Join(", ", top)}";
        return $"Classified as {industries}; {duikouText}. {(yuxi ? "Auto-parts projects from outside the city are in principle placed in 渝西. " : "")}{topText}.";
    }
}
