using IndustryMap.Provenance;

namespace IndustryMap.Placement;

/// <summary>An industry item of any taxonomy, as the classifier learns it.</summary>
public sealed record CatalogItem(long Id, string Taxonomy, string Level, string Name, long? ParentId, IReadOnlyList<string> Aliases, Source? Source);

/// <summary>A crosswalk link from an older taxonomy's item to a 33618 item.</summary>
public sealed record CrosswalkItem(long FromId, long ToId, string Relation);

/// <summary>A curated keyword (seed-data/reference/industry_keywords.csv).</summary>
public sealed record KeywordItem(long IndustryId, string Keyword, double Weight, string? Note, Source Source);

/// <summary>
/// What the classifier learns from: the 33618 catalog (names, aliases, key products), the older taxonomies through
/// their crosswalk, and the curated keywords. Never project rows or layout details: those are the evaluation set
/// (bench/placement-eval), and the importer refuses a keyword that cites them.
/// </summary>
public sealed record LexiconInput(
    IReadOnlyList<CatalogItem> Items,
    IReadOnlyList<CrosswalkItem> Crosswalk,
    IReadOnlyList<KeywordItem> Keywords,
    IReadOnlyDictionary<string, string> TaxonomyUnits)
{
    /// <summary>Product words from other sources (designation details, chain nodes), each to a 33618 item.</summary>
    public IReadOnlyList<LexiconTerm> ExtraTerms { get; init; } = [];
}

/// <summary>
/// A product word the lexicon learns from outside the catalog: a designation's detail product (江津's 智能座舱), a chain
/// node. <paramref name="Kind"/> names the source kind (designation_detail, chain_node) and <paramref name="Via"/> says where.
/// </summary>
public sealed record LexiconTerm(string Text, long IndustryId, double Weight, string Kind, string Via, Source? Source);

/// <summary>A 33618 cluster or sub-industry: what a description is classified into.</summary>
public sealed record CatalogNode(int Index, long Id, string Name, string Level, string Cluster, Source? Source)
{
    public bool IsCluster => Level == "cluster";
}

/// <summary>One word of the description that matched, and what it is in the lexicon.</summary>
public sealed record MatchedWord(string Word, string Kind, string? Via, bool Partial, double Score, Source? Source);

/// <summary>A 33618 item the description was classified into, with its score (0–1) and the words behind it.</summary>
public sealed record IndustryMatch(CatalogNode Node, double Score, IReadOnlyList<MatchedWord> Matched)
{
    public string Name => Node.Name;
    public string Cluster => Node.Cluster;
    public bool IsCluster => Node.IsCluster;
}

/// <summary>An item of a unit's own plan taxonomy (万州 "231", 南岸 pillars) that the description matched.</summary>
public sealed record PlanItemMatch(string Unit, string Taxonomy, string Item, string Word, double Score, Source? Source);

public sealed record Classification(IReadOnlyList<IndustryMatch> Industries, IReadOnlyList<PlanItemMatch> PlanItems)
{
    /// <summary>The description as read: negations removed, use context marked.</summary>
    public DescriptionText? Text { get; init; }

    /// <summary>
    /// The ancillary-facility phrases ("大数据控制中心") read as context because the description names a product
    /// elsewhere; empty when it names none (then a facility is read as the project, e.g. a data centre).
    /// </summary>
    public IReadOnlyList<string> FacilitiesAsContext { get; init; } = [];

    /// <summary>
    /// The input phrases — what the project buys or rents ("购置反应釜、冷凝器等设备", "租用光电园") — read as context because
    /// the description names a product or a facility elsewhere; empty when it names nothing else (decision 0034).
    /// </summary>
    public IReadOnlyList<string> InputsAsContext { get; init; } = [];

    /// <summary>Every phrase read as context beside the project: facilities, then inputs bought or rented.</summary>
    public IReadOnlyList<string> AncillaryAsContext => [.. FacilitiesAsContext, .. InputsAsContext];

    /// <summary>Phrases the description negates ("不涉及汽车零部件"): removed before matching.</summary>
    public IReadOnlyList<string> Negated => Text?.Negated ?? [];

    /// <summary>The description is written mostly in Latin letters (English): the vocabulary is Chinese.</summary>
    public bool IsLatin => Text?.IsLatin ?? false;

    public bool MatchesNothing => Industries.Count == 0;
    public IndustryMatch? Top => Industries.Count > 0 ? Industries[0] : null;

    /// <summary>The industries that count as "what the project is": the top one and those close to it.</summary>
    public IEnumerable<IndustryMatch> Leading => Industries.Where(i => i.Score >= IndustryClassifier.LeadingShare * (Top?.Score ?? 0));
}

/// <summary>
/// Classifies a free-text Chinese project description into 33618 clusters and sub-industries. The lexicon is built
/// once (about 1,300 terms) into a bigram index: a description is scanned once, each of its bigrams looks up the
/// terms that contain it, and a term scores as an exact match (it occurs in the description) or, when most of its
/// rarer bigrams occur, as a partial one. Bigrams are weighted by how few catalog items use them (idf), so
/// "材料" or "产品" alone match nothing. One classification takes microseconds; nothing here touches the database.
/// </summary>
public sealed class IndustryClassifier
{
    public const string Catalog = "33618";

    /// <summary>Industries below this score are not reported.</summary>
    public const double MinScore = 0.15;
    /// <summary>Industries scoring at least this share of the top one are "leading" (what the project is).</summary>
    public const double LeadingShare = 0.5;
    public const int MaxIndustries = 10;

    /// <summary>
    /// A sub-industry's own exact product word must score at least this to decide over its cluster's name in the same
    /// description (a three-character product word of the catalog scores 0.85 × 0.85 ≈ 0.72; a word in the use context stays below).
    /// </summary>
    public const double ProductOverClusterMin = 0.4;

    /// <summary>What a second word adds to an industry's best word (a third adds 0.1, more nothing).</summary>
    private const double SecondWordShare = 0.25;

    private const double NameWeight = 1.0;
    private const double ProductWeight = 0.85;
    private const double PartialFactor = 0.6;
    private const double PartialMinShare = 0.6;
    private const double ContainedFactor = 0.5;

    /// <summary>What a plan item printed at the product level scores when the description names it.</summary>
    public const double PlanProductLevelScore = 0.8;

    private static readonly Dictionary<string, double> OlderLevelWeight = new(StringComparer.Ordinal)
    {
        ["cluster"] = 0.5, ["sub_industry"] = 0.7, ["product"] = PlanProductLevelScore,
    };

    /// <summary>How much a crosswalk link carries: an "overlaps" link only partly says where the item belongs.</summary>
    private static readonly Dictionary<string, double> RelationWeight = new(StringComparer.Ordinal)
    {
        ["equivalent"] = 1.0, ["narrower"] = 0.9, ["broader"] = 0.7, ["overlaps"] = 0.55,
    };

    private sealed class Term
    {
        public required string Text;
        public required string Display;
        public readonly Dictionary<int, (double Weight, string Kind, string? Via, Source? Source)> Targets = [];
        public readonly List<(string Unit, string Taxonomy, string Item, double Weight, Source? Source)> PlanItems = [];
        public int[] Bigrams = [];
        public double IdfSum;
    }

    private readonly List<CatalogNode> _nodes = [];
    private readonly List<Term> _terms = [];
    private readonly Dictionary<string, int> _bigramIds = new(StringComparer.Ordinal);
    private readonly List<double> _idf = [];
    private readonly List<List<int>> _postings = [];
    private readonly Dictionary<char, List<int>> _singleCharTerms = [];

    public IReadOnlyList<CatalogNode> Nodes => _nodes;
    public int TermCount => _terms.Count;

    public IndustryClassifier(LexiconInput input)
    {
        var items = input.Items.ToDictionary(i => i.Id);
        var nodeOf = new Dictionary<long, int>();
        // Nodes: 33618 clusters and sub-industries. A sub-industry may hang under another sub-industry; its cluster is
        // its top-level ancestor.
        foreach (var item in input.Items.Where(i => i.Taxonomy == Catalog && i.Level is "cluster" or "sub_industry"))
        {
            var cluster = item;
            for (var guard = 0; cluster.ParentId is { } p && items.TryGetValue(p, out var parent) && guard < 10; guard++) cluster = parent;
            var node = new CatalogNode(_nodes.Count, item.Id, item.Name, item.Level, cluster.Name, item.Source);
            nodeOf[item.Id] = node.Index;
            _nodes.Add(node);
        }
        var terms = new Dictionary<string, Term>(StringComparer.Ordinal);
        var nodeByName = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in _nodes.OrderBy(n => n.IsCluster)) nodeByName.TryAdd(node.Name, node.Index);

        void Add(string text, int node, double weight, string kind, string? via, Source? source)
        {
            var normalized = ChineseText.Normalize(text);
            if (normalized.Length == 0) return;
            if (!terms.TryGetValue(normalized, out var term)) terms[normalized] = term = new Term { Text = normalized, Display = text };
            if (!term.Targets.TryGetValue(node, out var existing) || existing.Weight < weight) term.Targets[node] = (weight, kind, via, source);
        }

        int? NodeFor(long id)
        {
            // A 33618 product points at the nearest sub-industry or cluster above it.
            for (var current = (long?)id; current is { } c && items.TryGetValue(c, out var item);)
            {
                if (nodeOf.TryGetValue(c, out var node)) return node;
                current = item.ParentId;
            }
            return null;
        }

        foreach (var item in input.Items.Where(i => i.Taxonomy == Catalog))
        {
            if (NodeFor(item.Id) is not { } node) continue;
            var isProduct = item.Level == "product";
            var kind = isProduct ? "product" : "name";
            var via = isProduct ? $"“33618”重点产品“{item.Name}”" : null;
            Add(item.Name, node, isProduct ? ProductWeight : NameWeight, kind, via, item.Source);
            foreach (var alias in item.Aliases) Add(alias, node, isProduct ? ProductWeight : NameWeight, isProduct ? "product" : "alias", via ?? $"“{item.Name}”的别名", item.Source);
        }

        // Older taxonomies: each item reaches 33618 through the crosswalk link of the item itself or of its nearest
        // ancestor that has one (products inherit their sub-industry's link).
        var links = input.Crosswalk.ToLookup(c => c.FromId);
        foreach (var item in input.Items.Where(i => i.Taxonomy != Catalog))
        {
            var levelWeight = OlderLevelWeight.GetValueOrDefault(item.Level, 0.5);
            // An older item with the same name as a 33618 cluster or sub-industry (万州's 粮油加工, cq2019's 集成电路) is
            // that item: its products reach the sub-industry itself, not only the crosswalk's cluster.
            var linkedItem = item;
            var guard = 0;
            int? sameName = null;
            while (guard++ < 10)
            {
                if (nodeByName.TryGetValue(linkedItem.Name, out var named)) { sameName = named; break; }
                if (links[linkedItem.Id].Any() || linkedItem.ParentId is not { } p || !items.TryGetValue(p, out var parent)) break;
                linkedItem = parent;
            }
            if (sameName is { } same)
            {
                var sameVia = linkedItem.Id == item.Id ? $"{item.Taxonomy}“{item.Name}”" : $"{item.Taxonomy}“{item.Name}”（属“{linkedItem.Name}”）";
                foreach (var text in item.Aliases.Prepend(item.Name)) Add(text, same, levelWeight, "older_taxonomy", sameVia, item.Source);
            }
            linkedItem = item;
            guard = 0;
            while (!links[linkedItem.Id].Any() && linkedItem.ParentId is { } p2 && items.TryGetValue(p2, out var parent2) && guard++ < 10) linkedItem = parent2;
            var via = linkedItem.Id == item.Id
                ? $"{item.Taxonomy}“{item.Name}”"
                : $"{item.Taxonomy}“{item.Name}”（属“{linkedItem.Name}”）";
            foreach (var link in links[linkedItem.Id])
            {
                if (!nodeOf.TryGetValue(link.ToId, out var node)) continue;
                var weight = levelWeight * RelationWeight.GetValueOrDefault(link.Relation, 0.5);
                foreach (var text in item.Aliases.Prepend(item.Name)) Add(text, node, weight, "older_taxonomy", via, item.Source);
            }
            if (input.TaxonomyUnits.TryGetValue(item.Taxonomy, out var unit))
            {
                foreach (var text in item.Aliases.Prepend(item.Name))
                {
                    var normalized = ChineseText.Normalize(text);
                    if (normalized.Length == 0) continue;
                    if (!terms.TryGetValue(normalized, out var term)) terms[normalized] = term = new Term { Text = normalized, Display = text };
                    term.PlanItems.Add((unit, item.Taxonomy, item.Name, levelWeight, item.Source));
                }
            }
        }

        foreach (var extra in input.ExtraTerms)
        {
            if (nodeOf.TryGetValue(extra.IndustryId, out var node)) Add(extra.Text, node, extra.Weight, extra.Kind, extra.Via, extra.Source);
        }

        foreach (var keyword in input.Keywords)
        {
            if (nodeOf.TryGetValue(keyword.IndustryId, out var node)) Add(keyword.Keyword, node, keyword.Weight, "keyword", "关键词表", keyword.Source);
        }

        // The index: bigram → terms, and each bigram's idf over the catalog nodes whose terms use it.
        var nodesPerBigram = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var term in terms.Values)
        {
            var index = _terms.Count;
            _terms.Add(term);
            if (term.Text.Length == 1)
            {
                if (!_singleCharTerms.TryGetValue(term.Text[0], out var list)) _singleCharTerms[term.Text[0]] = list = [];
                list.Add(index);
                continue;
            }
            var ids = new List<int>();
            foreach (var bigram in ChineseText.Bigrams(term.Text).Distinct(StringComparer.Ordinal))
            {
                if (!_bigramIds.TryGetValue(bigram, out var id))
                {
                    _bigramIds[bigram] = id = _postings.Count;
                    _postings.Add([]);
                    nodesPerBigram[bigram] = [];
                }
                _postings[id].Add(index);
                ids.Add(id);
                foreach (var node in term.Targets.Keys) nodesPerBigram[bigram].Add(node);
                if (term.Targets.Count == 0) nodesPerBigram[bigram].Add(-1 - index); // plan-only terms still count once
            }
            term.Bigrams = [.. ids];
        }
        var n = Math.Max(1, _nodes.Count);
        foreach (var (bigram, id) in _bigramIds.OrderBy(b => b.Value))
        {
            _idf.Add(Math.Log(1.0 + n / (double)Math.Max(1, nodesPerBigram[bigram].Count)));
        }
        foreach (var term in _terms) term.IdfSum = term.Bigrams.Sum(b => _idf[b]);
    }

    /// <summary>How specific an exact match of a term of this length is: one character says little.</summary>
    private static double Specificity(int length) => length switch { 1 => 0.4, 2 => 0.7, 3 => 0.85, _ => 1.0 };

    /// <summary>Scratch space for one classification, so a batch allocates little.</summary>
    private sealed class Scratch(int terms)
    {
        public readonly double[] Accumulated = new double[terms];
        public readonly int[] Count = new int[terms];
        public readonly List<int> Touched = [];
    }

    [ThreadStatic] private static Scratch? _scratch;

    /// <summary>Words wholly inside the use part of "X用Y" / "用于X的Y" (or in ancillary-facility or input phrases, when they are context) count for this share of their weight.</summary>
    public const double ContextFactor = 0.3;

    public Classification Classify(string? description) => Classify(DescriptionText.Parse(description));

    public Classification Classify(DescriptionText parsed)
    {
        var text = parsed.Text;
        if (text.Replace(ChineseText.Separator.ToString(), "", StringComparison.Ordinal).Length == 0) return new Classification([], []) { Text = parsed };
        var scratch = _scratch is { } s && s.Accumulated.Length == _terms.Count ? s : _scratch = new Scratch(_terms.Count);
        var seen = new HashSet<int>();
        // Looked up as spans: no string per character pair (issue 13 §8).
        var bigrams = _bigramIds.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (text[i] == ChineseText.Separator || text[i + 1] == ChineseText.Separator) continue;
            if (!bigrams.TryGetValue(text.AsSpan(i, 2), out var id) || !seen.Add(id)) continue;
            foreach (var t in _postings[id])
            {
                if (scratch.Count[t] == 0) scratch.Touched.Add(t);
                scratch.Accumulated[t] += _idf[id];
                scratch.Count[t]++;
            }
        }
        var found = new List<(Term Term, bool Partial, double Score, List<int> At)>();
        foreach (var t in scratch.Touched)
        {
            var term = _terms[t];
            // A term occurs only if every one of its character pairs does: otherwise no text search is needed.
            var at = scratch.Count[t] == term.Bigrams.Length ? Occurrences(text, term.Text) : [];
            // Word boundaries: "电机" does not match inside "火电机组".
            at.RemoveAll(start => parsed.Straddles(start, term.Text.Length));
            if (at.Count > 0) found.Add((term, false, Specificity(term.Text.Length), at));
            else if (term.Bigrams.Length >= 3 && scratch.Count[t] >= 2 && term.IdfSum > 0)
            {
                var share = scratch.Accumulated[t] / term.IdfSum;
                if (share >= PartialMinShare) found.Add((term, true, PartialFactor * share * share, at));
            }
            scratch.Accumulated[t] = 0;
            scratch.Count[t] = 0;
        }
        scratch.Touched.Clear();
        foreach (var c in text.Distinct())
        {
            if (!_singleCharTerms.TryGetValue(c, out var singles)) continue;
            foreach (var t in singles)
            {
                var at = Occurrences(text, _terms[t].Text);
                at.RemoveAll(start => parsed.Straddles(start, 1));
                if (at.Count > 0) found.Add((_terms[t], false, Specificity(1), at));
            }
        }
        if (parsed.Joins.Count > 0) found = WithoutCutsAtJoins(found, parsed.Joins);

        // A product, then what is built beside it, then what is bought or rented for either (decision 0034): facility
        // phrases are context beside a product named outside facility and input phrases; input phrases beside anything
        // named outside them, a product or a facility.
        var facilitiesAreContext = parsed.Facilities.Count > 0 && NamesSomethingBeside(found, parsed, facilities: true, inputs: true);
        var inputsAreContext = parsed.Inputs.Count > 0 && NamesSomethingBeside(found, parsed, facilities: false, inputs: true);
        var hits = found.Select(h =>
        {
            if (h.Partial) return h;
            var inContext = h.At.All(start => parsed.InContext(start, h.Term.Text.Length, facilitiesAreContext, inputsAreContext));
            return inContext ? h with { Score = h.Score * ContextFactor } : h;
        }).ToList();

        // A word inside a longer matched word that means something else counts for less: "铜箔" inside "锂电铜箔"
        // should not outweigh it.
        var exact = hits.Where(h => !h.Partial).ToList();
        for (var i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            if (hit.Partial) continue;
            var contained = hit.At.All(start => exact.Any(other => other.Term.Text.Length > hit.Term.Text.Length &&
                !other.Term.Targets.Keys.Order().SequenceEqual(hit.Term.Targets.Keys.Order()) &&
                other.At.Any(o => o <= start && start + hit.Term.Text.Length <= o + other.Term.Text.Length)));
            if (contained) hits[i] = hit with { Score = hit.Score * ContainedFactor };
        }

        var evidence = new Dictionary<int, List<MatchedWord>>();
        var plan = new List<PlanItemMatch>();
        // Where each cluster's own words occur, and each sub-industry's product words outside them (see below).
        var clusterSpans = new Dictionary<int, List<(int Start, int End)>>();
        var productHits = new Dictionary<int, List<(List<int> At, int Length, double Score)>>();
        foreach (var (term, partial, score, at) in hits)
        {
            var word = partial ? $"{term.Display}（部分）" : term.Display;
            foreach (var (node, target) in term.Targets)
            {
                if (!evidence.TryGetValue(node, out var list)) evidence[node] = list = [];
                list.Add(new MatchedWord(word, target.Kind, target.Via, partial, Math.Round(score * target.Weight, 4), target.Source));
                if (partial) continue;
                // A cluster's own words (its name, aliases, keywords) — not a product word that also reaches a sub-industry of it.
                if (_nodes[node].IsCluster && score * target.Weight >= ProductOverClusterMin &&
                    !term.Targets.Keys.Any(n => !_nodes[n].IsCluster && _nodes[n].Cluster == _nodes[node].Name))
                {
                    if (!clusterSpans.TryGetValue(node, out var spans)) clusterSpans[node] = spans = [];
                    spans.AddRange(at.Select(a => (a, a + term.Text.Length)));
                }
                else if (!_nodes[node].IsCluster)
                {
                    if (!productHits.TryGetValue(node, out var products)) productHits[node] = products = [];
                    products.Add((at, term.Text.Length, score * target.Weight));
                }
            }
            foreach (var item in term.PlanItems) plan.Add(new PlanItemMatch(item.Unit, item.Taxonomy, item.Item, word, Math.Round(score * item.Weight, 4), item.Source));
        }

        // "新能源汽车电制动系统": the cluster's name is a modifier and the product names the sub-industry. When a
        // sub-industry has an exact product word of its own (outside the cluster's words, scoring at least
        // ProductOverClusterMin) and its cluster's name also matched, the product decides: the cluster's word counts
        // for the sub-industry as a confirming second word, and the cluster is not reported on its own.
        var confirmedBy = new Dictionary<int, List<MatchedWord>>();
        foreach (var (clusterNode, spans) in clusterSpans)
        {
            foreach (var (node, products) in productHits)
            {
                if (_nodes[node].Cluster != _nodes[clusterNode].Name) continue;
                if (!products.Any(p => p.Score >= ProductOverClusterMin && p.At.Any(a => !spans.Any(sp => sp.Start <= a && a + p.Length <= sp.End)))) continue;
                confirmedBy[node] = evidence[clusterNode];
            }
        }
        var confirmed = confirmedBy.Keys.Select(n => _nodes[n].Cluster).ToHashSet(StringComparer.Ordinal);

        var matches = new List<IndustryMatch>();
        var clusterBest = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (node, words) in evidence)
        {
            var ordered = words.OrderByDescending(w => w.Score).ThenBy(w => w.Word, StringComparer.Ordinal)
                .DistinctBy(w => w.Word).ToList();
            // The best word decides; more words add a little (two words for the same thing are more certain than one).
            var total = Math.Min(1.0, ordered.Select((w, i) => w.Score * (i switch { 0 => 1.0, 1 => 0.25, 2 => 0.1, _ => 0.0 })).Sum());
            if (confirmedBy.TryGetValue(node, out var clusterWords))
            {
                var cluster = clusterWords.Where(w => !w.Partial).OrderByDescending(w => w.Score).First();
                total = Math.Min(1.0, total + SecondWordShare * cluster.Score);
                ordered = [.. ordered, cluster with { Score = Math.Round(SecondWordShare * cluster.Score, 4) }];
            }
            matches.Add(new IndustryMatch(_nodes[node], Math.Round(total, 4), ordered));
            if (!_nodes[node].IsCluster) clusterBest[_nodes[node].Cluster] = Math.Max(clusterBest.GetValueOrDefault(_nodes[node].Cluster), total);
        }
        // A cluster is reported on its own only when the cluster-level evidence is stronger than any of its
        // sub-industries: "新能源汽车" alone says 智能网联新能源汽车, "动力电池" says the sub-industry.
        var result = matches
            .Where(m => !m.IsCluster || (m.Score > clusterBest.GetValueOrDefault(m.Name) && !confirmed.Contains(m.Name)))
            .Where(m => m.Score >= MinScore)
            .OrderByDescending(m => m.Score).ThenBy(m => m.IsCluster).ThenBy(m => m.Node.Index)
            .ToList();
        var top = result.Count > 0 ? result[0].Score : 0;
        result = result.Where(m => m.Score >= 0.25 * top).Take(MaxIndustries).ToList();
        var planItems = plan.GroupBy(p => (p.Unit, p.Item)).Select(g => g.OrderByDescending(p => p.Score).First())
            .OrderByDescending(p => p.Score).ToList();
        return new Classification(result, planItems)
        {
            Text = parsed,
            FacilitiesAsContext = facilitiesAreContext ? parsed.Facilities : [],
            InputsAsContext = inputsAreContext ? parsed.Inputs : [],
        };
    }

    /// <summary>
    /// Issue 13 §3: an ancillary facility ("大数据控制中心", "数据中心") or an input bought or rented ("购置反应釜、冷凝器等设备",
    /// "租用光电园") is context only when the description names something beside it; a description that is only a data
    /// centre is a data centre. "Names something": an exact word outside the use context and the phrases asked for
    /// (facility phrases when <paramref name="facilities"/>, input phrases when <paramref name="inputs"/>) that would be
    /// reported on its own (at least <see cref="MinScore"/>). The stricter <see cref="ProductOverClusterMin"/> was tried
    /// for facilities and kept fewer tuning-half hits (decision 0031); inputs use the same test (decision 0034).
    /// </summary>
    private static bool NamesSomethingBeside(List<(Term Term, bool Partial, double Score, List<int> At)> found, DescriptionText parsed, bool facilities, bool inputs) =>
        found.Any(h => !h.Partial && h.Term.Targets.Count > 0 &&
            h.Score * h.Term.Targets.Values.Max(v => v.Weight) >= MinScore &&
            h.At.Any(start => !parsed.InContext(start, h.Term.Text.Length, facilities, inputs)));

    /// <summary>
    /// "氢氧化铝深加工" reads as "氢氧化铝加工" (DescriptionText), which puts "铝加工" in the text although 铝 belongs to
    /// 氢氧化铝. An occurrence that crosses a join (where 深/精深/精 was taken out) and starts inside another exact word
    /// ending at that join is dropped: the fold may complete a word ("农产品加工"), not cut one.
    /// </summary>
    private static List<(Term Term, bool Partial, double Score, List<int> At)> WithoutCutsAtJoins(
        List<(Term Term, bool Partial, double Score, List<int> At)> found, IReadOnlyList<int> joins)
    {
        var exact = found.Where(h => !h.Partial).ToList();
        bool Cuts(int start, int length) => joins.Any(join => start < join && join < start + length &&
            exact.Any(other => other.At.Any(o => o < start && o + other.Term.Text.Length == join)));
        var kept = new List<(Term Term, bool Partial, double Score, List<int> At)>(found.Count);
        foreach (var hit in found)
        {
            if (hit.Partial) { kept.Add(hit); continue; }
            var at = hit.At.Where(start => !Cuts(start, hit.Term.Text.Length)).ToList();
            if (at.Count > 0) kept.Add(hit with { At = at });
        }
        return kept;
    }

    private static List<int> Occurrences(string text, string term)
    {
        var at = new List<int>();
        for (var i = text.IndexOf(term, StringComparison.Ordinal); i >= 0; i = text.IndexOf(term, i + 1, StringComparison.Ordinal)) at.Add(i);
        return at;
    }

    /// <summary>The node of a 33618 cluster or sub-industry by name.</summary>
    public CatalogNode? Node(string name) => _nodes.FirstOrDefault(n => n.Name == name && !n.IsCluster) ?? _nodes.FirstOrDefault(n => n.Name == name);
}
