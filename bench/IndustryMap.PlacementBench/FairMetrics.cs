using IndustryMap.Placement;

namespace IndustryMap.PlacementBench;

/// <summary>
/// Hit@k counted fairly: units that tie with the expected one (same priority and score) are in random order, so a
/// case counts as the probability that the expected unit lands within the first k — (k − better) / tied, clamped to
/// [0, 1]. A description that matches nothing is a miss (0). The same for a unit's top-five frequency.
/// </summary>
public static class FairMetrics
{
    /// <summary>
    /// Units strictly ahead of <paramref name="unit"/>, and the size of its tie group (itself included). Ties are units of
    /// equal priority and fit score: the evidence that orders them (registries, parks, targets …) is ignored, as if it
    /// were random. <see cref="Shown"/> counts ties as the engine shows them instead (its rank ranges, 并列).
    /// </summary>
    public static (int Better, int Tied) Position(PlacementResult result, string unit)
    {
        var own = result.Candidates.First(c => c.Unit == unit);
        if (Shown) return (own.Rank - 1, own.RankTo - own.Rank + 1);
        var better = result.Candidates.Count(c => c.Priority > own.Priority || (c.Priority == own.Priority && c.Score > own.Score));
        var tied = result.Candidates.Count(c => c.Priority == own.Priority && c.Score == own.Score);
        return (better, tied);
    }

    /// <summary>The probability that <paramref name="unit"/> is within the first k under a random order of ties.</summary>
    public static double Hit(PlacementResult result, string unit, int k)
    {
        if (result.MatchesNothing) return 0;
        var (better, tied) = Position(result, unit);
        return Math.Clamp((k - better) / (double)tied, 0, 1);
    }

    /// <summary>When set, ties are the engine's shown rank ranges (priority, fit and tie-break evidence all equal).</summary>
    public static bool Shown { get; set; }

    /// <summary>The probability that at least one of <paramref name="units"/> is within the first k under a random order of ties.</summary>
    public static double HitAny(PlacementResult result, IReadOnlyCollection<string> units, int k)
    {
        if (result.MatchesNothing || units.Count == 0) return 0;
        // Walk the tie groups in order; within the group that straddles position k, hypergeometric "none chosen".
        var groups = Shown
            ? result.Candidates.GroupBy(c => (Priority: c.Rank, Score: 0.0)).OrderBy(g => g.Key.Priority).AsEnumerable()
            : result.Candidates.GroupBy(c => (c.Priority, c.Score)).OrderByDescending(g => g.Key.Priority).ThenByDescending(g => g.Key.Score);
        var before = 0;
        foreach (var group in groups)
        {
            var size = group.Count();
            var good = group.Count(c => units.Contains(c.Unit));
            var slots = Math.Clamp(k - before, 0, size);
            if (slots == 0) return 0;
            if (good > 0)
            {
                if (slots == size) return 1;
                // P(no good unit among `slots` drawn from `size`) = C(size-good, slots) / C(size, slots)
                var none = 1.0;
                for (var i = 0; i < slots; i++) none *= (size - good - i) / (double)(size - i);
                return 1 - Math.Max(0, none);
            }
            before += size;
        }
        return 0;
    }
}
