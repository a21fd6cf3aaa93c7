using System.Globalization;
using IndustryMap.FirstContacts;
using IndustryMap.Layout;

namespace IndustryMap.Placement;

/// <summary>
/// Places a project: classifies the description, applies the rules to every planning unit and ranks all of them.
/// Ranking is by priority first — the first-contact unit that keeps the project (首谈), then the 渝西 districts when
/// the auto-parts rule applies — and then by score: the best of 对口 (dominant 1.0, characteristic 0.7, same cluster
/// 0.4/0.28, times the industry's score) and the unit's own plan (0.45), plus a little for a fitting park. Pure: the
/// catalog and context carry everything it reads.
/// </summary>
public static class PlacementEngine
{
    public const int PriorityFirstContact = 2;
    public const int PriorityYuxi = 1;

    public static PlacementResult Place(PlacementCatalog catalog, PlacementRequest request, PlacementContext? context = null)
    {
        context ??= PlacementContext.Empty;
        var classification = catalog.Classifier.Classify(request.Description);
        var leading = classification.Leading.ToList();
        var yuxi = PlacementRules.YuxiAutoPartsApplies(request.Origin, classification);
        var notes = new List<PlacementReason>();
        var warnings = PlacementRules.RestrictedProducts(request.Description, catalog.Restricted).ToList();

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
                    PlacementClauses.CityCoordination));
            }
        }

        var chainEvidence = IndustryMap.Chains.ChainPlacementRules.Evidence(new(request.Description, leading.Select(i => i.Name).ToList(), request.Investor), catalog.Chains);
        var candidates = new List<(UnitInfo Unit, double Score, int Priority, List<PlacementReason> Reasons, IReadOnlyList<ParkCandidate> Parks)>();
        foreach (var unit in catalog.Units)
        {
            var reasons = new List<PlacementReason>();
            var duikou = PlacementRules.Duikou(unit.Designations, classification.Industries);
            reasons.AddRange(PlacementRules.DuikouReasons(unit.Name, duikou));
            var (planScore, planReasons) = PlacementRules.UnitPlan(unit, classification.PlanItems);
            reasons.AddRange(planReasons);
            reasons.AddRange(chainEvidence.GetValueOrDefault(unit.Name, []));
            var parks = classification.MatchesNothing ? [] : PlacementRules.Parks(unit, classification, request.Description, request.LandMu);
            reasons.AddRange(parks.Take(2).Select(p => new PlacementReason(PlacementRules.ParkRule, p.Text, p.Source)));
            var parkBonus = parks.Any(p => p.Land == PlacementRules.LandSufficient) ? 0.03 : parks.Count > 0 ? 0.01 : 0;
            var score = Math.Max(duikou.Score, planScore) + 0.1 * Math.Min(duikou.Score, planScore) + parkBonus;

            var priority = 0;
            if (yuxi)
            {
                reasons.Insert(0, PlacementRules.YuxiAutoPartsReason(unit.Name, unit.IsYuxi));
                if (unit.IsYuxi) priority = PriorityYuxi;
            }
            if (firstContact?.Name == unit.Name)
            {
                var isDuikou = PlacementRules.Duikou(unit.Designations, leading).IsDuikou;
                var outcome = PlacementRules.FirstContact(unit.Name, isDuikou, yuxi, unit.IsYuxi, firstContactBasis);
                reasons.Insert(0, outcome.Reason);
                if (outcome.Keeps) priority = PriorityFirstContact;
                if (outcome.CityCoordinates) notes.Add(outcome.Reason);
            }
            if (unit.IsYuxi && !classification.MatchesNothing && request.AmountYi is not null &&
                PlacementRules.YuxiFloor(unit, context.Year, context.StartedInvestment.GetValueOrDefault((unit.Name, context.Year)), request.AmountYi) is { } floor)
            {
                reasons.Add(floor);
            }
            if (!unit.LayoutRecorded && catalog.Edition is { } edition)
            {
                reasons.Add(new PlacementReason(PlacementRules.LayoutNotRecordedRule,
                    $"种子文件未记录{unit.Name}的产业布局（{edition}年版）：无法按“对口”原则判断", PlacementClauses.DuikouShoutan));
            }
            candidates.Add((unit, Math.Round(score, 4), priority, reasons, parks));
        }

        if (PlacementRules.NonProhibited(classification, catalog.Units) is { } nonProhibited) notes.Add(nonProhibited);
        if (classification.MatchesNothing)
        {
            notes.Insert(0, new PlacementReason(PlacementRules.NoMatchRule,
                "描述未匹配到任何产业名称、别名、重点产品或关键词：请补充产品、工艺或用途（例如“年产5万吨磷酸铁锂正极材料”）", PlacementClauses.DuikouShoutan));
        }

        var ranked = candidates
            .OrderByDescending(c => c.Priority).ThenByDescending(c => c.Score).ThenBy(c => c.Unit.Position)
            .Select((c, i) => new UnitCandidate(c.Unit.Name, i + 1, c.Score, c.Priority, c.Unit.IsYuxi, c.Reasons, c.Parks))
            .ToList();
        return new PlacementResult(request, catalog.Edition, classification.Industries, ranked, notes, warnings,
            Summary(classification, ranked, catalog));
    }

    private static string Summary(Classification classification, IReadOnlyList<UnitCandidate> ranked, PlacementCatalog catalog)
    {
        if (classification.MatchesNothing) return "未识别出产业：描述未匹配到任何产业、产品或关键词。";
        var industries = string.Join("、", classification.Leading.Take(3).Select(i =>
            $"{i.Name}（{i.Score.ToString("0.00", CultureInfo.InvariantCulture)}）"));
        var dominant = new List<string>();
        var characteristic = new List<string>();
        foreach (var unit in catalog.Units)
        {
            var duikou = PlacementRules.Duikou(unit.Designations, classification.Leading);
            var best = duikou.Matches.FirstOrDefault(m => m.Relation >= PlacementRules.Relation.Contains);
            if (best is null) continue;
            (best.Designation.Role == LayoutRoles.Dominant ? dominant : characteristic).Add(unit.Name);
        }
        var duikouText = dominant.Count + characteristic.Count == 0
            ? "没有区县将其列为主导或特色产业"
            : $"对口区县：{(dominant.Count > 0 ? $"主导 {string.Join("、", dominant)}" : "")}{(dominant.Count > 0 && characteristic.Count > 0 ? "；" : "")}{(characteristic.Count > 0 ? $"特色 {string.Join("、", characteristic)}" : "")}";
        return $"识别为 {industries}。{duikouText}。首选：{ranked[0].Unit}。";
    }
}
