namespace IndustryMap.Chains;

/// <summary>How well a node is supplied locally (补链清单).</summary>
public static class NodeStrength
{
    /// <summary>No enterprise of the node is in the chain's unit.</summary>
    public const string Gap = "gap";
    /// <summary>Exactly one.</summary>
    public const string Weak = "weak";
    /// <summary>Two or more.</summary>
    public const string Strong = "strong";
    /// <summary>The node lists no enterprises at all (sales channels only): not a supply node.</summary>
    public const string NotApplicable = "not_applicable";

    /// <summary>
    /// The rule of the gap list: 0 local enterprises → gap, 1 → weak, several → strong (issue 12 §3; 补链 is asked for at
    /// seed 004 L234/L563, 补齐…短板 at L236).
    /// </summary>
    public static string Of(int enterprises, int local) =>
        enterprises == 0 ? NotApplicable : local switch { 0 => Gap, 1 => Weak, _ => Strong };
}

/// <summary>One node of the gap list.</summary>
public sealed record NodeGap(
    string Node, string Name, string? Segment, string Stage, string Status, int Enterprises, int Local, decimal? Share,
    IReadOnlyList<string> LocalEnterprises, IReadOnlyList<CandidateSupplier> Candidates, IReadOnlyList<CoveringUnit> CoveringUnits);

/// <summary>A supplier the map names that is not in the chain's unit: a candidate investor (引进目标).</summary>
public sealed record CandidateSupplier(string Name, string? Location, string? Document, string? Lines);

/// <summary>A unit of Chongqing whose designation, enterprise or project covers a node, and why.</summary>
public sealed record CoveringUnit(string Unit, string Kind, string What, string? Document, string? Lines);

/// <summary>The gap list of one chain.</summary>
public sealed record ChainGapReport(
    string Chain, string Name, string? Unit, int Enterprises, int Local, decimal? Share, int? LocalPrinted, IReadOnlyList<NodeGap> Nodes)
{
    public IEnumerable<NodeGap> Gaps => Nodes.Where(n => n.Status == NodeStrength.Gap);
}

/// <summary>What the covering-units search looks at: designations, enterprises, projects and other chains' local members.</summary>
public sealed record CoverageFact(string Unit, string Kind, string What, IReadOnlyList<string> Industries, string Text, string? Document, string? Lines);

/// <summary>
/// Works out a chain's gap list from its nodes: a pure function of the chain and the coverage facts, so the hand-worked
/// tests need no database.
/// </summary>
public static class ChainGapAnalysis
{
    public static ChainGapReport Analyse(Chain chain, IReadOnlyList<CoverageFact> coverage, IReadOnlyDictionary<string, string>? catalogParents = null)
    {
        var nodes = new List<NodeGap>();
        foreach (var node in chain.Nodes)
        {
            var enterprises = node.Members.Where(m => m.IsEnterprise).ToList();
            var local = enterprises.Where(m => m.IsLocal).ToList();
            var status = NodeStrength.Of(enterprises.Count, local.Count);
            var candidates = status == NodeStrength.Gap || status == NodeStrength.Weak
                ? enterprises.Where(m => !m.IsLocal).Select(m => new CandidateSupplier(m.Name, m.Location, m.Source.Document, m.Source.LinesText)).ToList()
                : [];
            var covering = status == NodeStrength.Gap ? Covering(chain, node, coverage, catalogParents) : [];
            nodes.Add(new NodeGap(node.Key, node.Name, node.Segment, node.Stage, status, enterprises.Count, local.Count,
                Share(local.Count, enterprises.Count), local.Select(m => m.Name).ToList(), candidates, covering));
        }
        var total = nodes.Sum(n => n.Enterprises);
        var localTotal = nodes.Sum(n => n.Local);
        return new ChainGapReport(chain.Key, chain.Name, chain.Unit, total, localTotal, Share(localTotal, total), chain.LocalPrinted, nodes);
    }

    /// <summary>Local share in per cent, two decimals, exact (no floating point).</summary>
    public static decimal? Share(int local, int total) => total == 0 ? null : Math.Round(local * 100m / total, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The units outside the chain's own that cover a gap node: a fact covers the node when it names one of the node's
    /// catalog items (or the sub-industry a catalog product belongs to), or when its text contains one of the node's
    /// product words of two characters or more.
    /// </summary>
    public static IReadOnlyList<CoveringUnit> Covering(Chain chain, ChainNode node, IReadOnlyList<CoverageFact> coverage,
        IReadOnlyDictionary<string, string>? catalogParents = null)
    {
        var industries = new HashSet<string>(node.Catalog, StringComparer.Ordinal);
        foreach (var c in node.Catalog)
        {
            if (catalogParents is not null && catalogParents.TryGetValue(c, out var parent)) industries.Add(parent);
        }
        var words = node.Products.Append(node.Name).Where(w => w.Length >= 2).Distinct().ToList();
        return coverage
            .Where(f => f.Unit != chain.Unit)
            .Where(f => f.Industries.Any(industries.Contains) || words.Any(w => f.Text.Contains(w, StringComparison.Ordinal)))
            .Select(f => new CoveringUnit(f.Unit, f.Kind, f.What, f.Document, f.Lines))
            .DistinctBy(c => (c.Unit, c.Kind, c.What))
            .OrderBy(c => c.Unit, StringComparer.Ordinal).ThenBy(c => c.Kind, StringComparer.Ordinal)
            .ToList();
    }
}
