using IndustryMap.Placement;

namespace IndustryMap.Chains;

/// <summary>
/// The two chain rules of placement (issue 12 §5), pure functions over the loaded chains. They produce evidence — reasons
/// per unit — for the placement engine to weigh:
/// <list type="bullet">
/// <item><see cref="ChainGapFill"/>: a project whose product fills a gap node (no local enterprise) of a unit's chain gets a
/// 补链 reason for that unit, citing the chain's node and its lines. Clause: seed 004 L563 (加快稳链补链延链强链) and L236
/// (补齐产业链供应链关键环节短板); seed 003 L437 (补齐重点整机产品产业链短板).</item>
/// <item><see cref="ChainOutsideSupplier"/>: a project from an enterprise the chain map names as a supplier that is not in
/// the chain's unit gets that unit as a candidate. Clause: seed 003 L437 (吸引更多市外一级配套企业、上游原料企业来万布局).</item>
/// </list>
/// </summary>
public static class ChainPlacementRules
{
    public const string ChainGapFillRule = "chain_gap_fill";
    public const string ChainOutsideSupplierRule = "chain_outside_supplier";

    /// <summary>The clauses the two rules implement.</summary>
    public static readonly Provenance.Source GapFillClause = new("004", 563, 563);
    public static readonly Provenance.Source OutsideSupplierClause = new("003", 437, 437);

    /// <summary>The shortest product word that counts as found in a description (one character says too little).</summary>
    public const int MinProductWord = 2;

    /// <summary>What a project brings to the chain rules: its description, the catalog industries it was classified under, its investor.</summary>
    public sealed record ChainProject(string Description, IReadOnlyCollection<string> Industries, string? Investor);

    /// <summary>Both rules over every chain: the reasons per unit (units with none are left out).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<PlacementReason>> Evidence(ChainProject project, IReadOnlyList<Chain> chains) =>
        ChainGapFill(project, chains).Concat(ChainOutsideSupplier(project.Investor, chains))
            .GroupBy(r => r.Unit, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<PlacementReason>)g.Select(r => r.Reason).ToList(), StringComparer.Ordinal);

    /// <summary>
    /// 补链: for each chain with a unit, each gap node (<see cref="NodeStrength.Gap"/>) the project fills — one of the node's
    /// product words (two characters or more) is in the description, or one of the node's catalog items is among the
    /// project's industries.
    /// </summary>
    public static IEnumerable<(string Unit, PlacementReason Reason)> ChainGapFill(ChainProject project, IReadOnlyList<Chain> chains)
    {
        foreach (var chain in chains.Where(c => c.Unit is not null))
        {
            foreach (var node in chain.Nodes)
            {
                var enterprises = node.Members.Count(m => m.IsEnterprise);
                if (NodeStrength.Of(enterprises, node.Members.Count(m => m.IsLocal)) != NodeStrength.Gap) continue;
                var word = node.Products.Append(node.Name).FirstOrDefault(w => w.Length >= MinProductWord && project.Description.Contains(w, StringComparison.Ordinal));
                var industry = node.Catalog.FirstOrDefault(project.Industries.Contains);
                if (word is null && industry is null) continue;
                var because = word is not null ? $"项目描述含“{word}”" : $"项目属“{industry}”";
                var becauseEn = word is not null ? $"the description contains “{word}”" : $"the project is in “{industry}”";
                yield return (chain.Unit!, new PlacementReason(ChainGapFillRule,
                    $"补链：{chain.Name}的“{node.Name}”环节在{chain.Unit}没有本地企业（{enterprises} 家供应商均在外地或未注明所在地），{because}，可补此环节。",
                    node.Source, chain.Source)
                {
                    TextEn = $"fills a chain gap: the “{node.Name}” link of {chain.Name} has no local enterprise in {chain.Unit} (its {enterprises} supplier(s) are elsewhere or not located); {becauseEn}",
                });
            }
        }
    }

    /// <summary>
    /// 引进目标: the investor is (or contains the name of) an enterprise a chain map lists at a node, and that enterprise is
    /// not in the chain's unit: the chain's unit is a candidate.
    /// </summary>
    public static IEnumerable<(string Unit, PlacementReason Reason)> ChainOutsideSupplier(string? investor, IReadOnlyList<Chain> chains)
    {
        if (string.IsNullOrWhiteSpace(investor)) yield break;
        // An investor typed in traditional characters (e.g. a Hong Kong or Taiwan firm's name) is folded first.
        var name = IndustryMap.Text.ChineseScript.ToSimplified(investor.Trim());
        foreach (var chain in chains.Where(c => c.Unit is not null))
        {
            foreach (var node in chain.Nodes)
            {
                var member = node.Members.FirstOrDefault(m => m.IsEnterprise && !m.IsLocal && m.Name.Length >= MinProductWord &&
                    (name.Contains(m.Name, StringComparison.Ordinal) || (m.Registry is { } r && r == name)));
                if (member is null) continue;
                var where = member.Location == ChainLocations.Outside ? "市外" : member.Location == ChainLocations.Chongqing ? "市内其他区县" : "所在地未注明";
                var whereEn = member.Location == ChainLocations.Outside ? "outside the city" : member.Location == ChainLocations.Chongqing ? "another unit of the city" : "location not stated";
                yield return (chain.Unit!, new PlacementReason(ChainOutsideSupplierRule,
                    $"链上配套企业：{member.Name}是{chain.Name}“{node.Name}”环节所列供应商（{where}），{chain.Unit}可作为其落地候选。",
                    member.Source, chain.Source)
                {
                    TextEn = $"chain supplier: {member.Name} is a listed supplier of the “{node.Name}” link of {chain.Name} ({whereEn}); {chain.Unit} is a candidate location",
                });
            }
        }
    }
}
