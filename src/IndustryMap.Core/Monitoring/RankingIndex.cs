namespace IndustryMap.Monitoring;

public enum Normalization { MinMax, ZScore, Rank }

/// <summary>One indicator of a composite index: its weight and which way is better.</summary>
public sealed record IndexIndicator(string Indicator, decimal Weight, bool HigherIsBetter = true);

public sealed record IndicatorScore(string Indicator, decimal? Value, decimal Score, decimal Weight);

public sealed record RankedUnit(string Unit, decimal Score, int Rank, int? PreviousRank, int? RankChange, IReadOnlyList<IndicatorScore> Scores);

/// <summary>
/// The 赛马 composite index (issue 7 §4; seed 001 §七（三） L637–651): each indicator's values are normalised
/// within the peer group to 0–100, weighted, and summed; units are ranked by the total (ties share a rank, as in
/// "1, 2, 2, 4"). A unit with no value for an indicator scores 0 on it — not reporting never helps.
/// </summary>
public static class RankingIndex
{
    public static IReadOnlyList<RankedUnit> Rank(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal?>> values, IReadOnlyList<IndexIndicator> indicators, Normalization normalization,
        IReadOnlyDictionary<string, int>? previousRanks = null)
    {
        if (indicators.Count == 0) throw new ArgumentException("an index needs at least one indicator", nameof(indicators));
        var totalWeight = indicators.Sum(i => i.Weight);
        var scores = values.Keys.ToDictionary(u => u, _ => new List<IndicatorScore>());
        foreach (var indicator in indicators)
        {
            var present = values.Where(v => v.Value.GetValueOrDefault(indicator.Indicator) is not null)
                .ToDictionary(v => v.Key, v => v.Value[indicator.Indicator]!.Value);
            var normalised = Normalise(present, normalization, indicator.HigherIsBetter);
            foreach (var unit in values.Keys)
            {
                scores[unit].Add(new IndicatorScore(indicator.Indicator, present.TryGetValue(unit, out var v) ? v : null,
                    normalised.GetValueOrDefault(unit), indicator.Weight));
            }
        }
        var totals = scores.Select(s => (Unit: s.Key, Score: Math.Round(s.Value.Sum(x => x.Score * x.Weight) / totalWeight, 4), Scores: s.Value))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Unit, StringComparer.Ordinal).ToList();
        var ranked = new List<RankedUnit>();
        for (var i = 0; i < totals.Count; i++)
        {
            var rank = i > 0 && totals[i].Score == totals[i - 1].Score ? ranked[i - 1].Rank : i + 1;
            int? previous = previousRanks is not null && previousRanks.TryGetValue(totals[i].Unit, out var p) ? p : null;
            ranked.Add(new RankedUnit(totals[i].Unit, totals[i].Score, rank, previous, previous - rank, totals[i].Scores));
        }
        return ranked;
    }

    private static Dictionary<string, decimal> Normalise(Dictionary<string, decimal> values, Normalization normalization, bool higherIsBetter)
    {
        if (values.Count == 0) return [];
        var signed = values.ToDictionary(v => v.Key, v => higherIsBetter ? v.Value : -v.Value);
        switch (normalization)
        {
            case Normalization.MinMax:
            {
                var min = signed.Values.Min();
                var max = signed.Values.Max();
                return signed.ToDictionary(v => v.Key, v => max == min ? 100m : Math.Round((v.Value - min) / (max - min) * 100, 4));
            }
            case Normalization.ZScore:
            {
                var mean = signed.Values.Average();
                var sd = (decimal)Math.Sqrt((double)signed.Values.Sum(v => (v - mean) * (v - mean)) / signed.Count);
                // 50 at the mean, 10 points per standard deviation, kept within 0–100.
                return signed.ToDictionary(v => v.Key, v => sd == 0 ? 50m : Math.Clamp(Math.Round(50 + (v.Value - mean) / sd * 10, 4), 0, 100));
            }
            default:
            {
                var ordered = signed.OrderByDescending(v => v.Value).ToList();
                var n = ordered.Count;
                // Ties share the place of the first of them. The first place of each value is looked up once (a
                // search per unit made this quadratic: seconds for a peer group of thousands in bench/).
                var first = new Dictionary<decimal, int>();
                for (var i = 0; i < n; i++) first.TryAdd(ordered[i].Value, i);
                return ordered.ToDictionary(v => v.Key, v => n == 1 ? 100m : Math.Round((decimal)(n - 1 - first[v.Value]) / (n - 1) * 100, 4));
            }
        }
    }
}
