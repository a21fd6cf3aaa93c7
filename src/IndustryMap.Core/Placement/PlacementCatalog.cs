using Dapper;
using IndustryMap.Provenance;
using IndustryMap.Storage;

namespace IndustryMap.Placement;

/// <summary>A unit's designation in the layout edition placements use.</summary>
public sealed record UnitDesignation(string Role, int Position, string Industry, string Cluster, bool IsCluster, string Printed, Source Source)
{
    /// <summary>The detail products printed in the designation's parenthetical (江津: 电驱、电转向、智能座舱), trailing 等 dropped.</summary>
    public IReadOnlyList<string> Details { get; init; } = [];

    /// <summary>The details as the classifier compares text.</summary>
    public IReadOnlyList<string> NormalizedDetails { get; init; } = [];
}

/// <summary>
/// An enterprise or project already in a unit (the plans' enterprise registries, the pipeline) and the 33618 items its
/// name and industry word mean: evidence that the unit already hosts the project's sub-industry.
/// </summary>
public sealed record RegistryEntry(string Name, string Kind, IReadOnlyList<string> Industries, Source Source);

/// <summary>
/// A target a unit's own plan sets for an industry (万州: 到 2025 年汽车产业产值达到 100 亿元以上), with the 33618 clusters
/// and sub-industries its industry word means.
/// </summary>
public sealed record UnitIndustryTarget(string Industry, string Printed, IReadOnlyList<string> Clusters, IReadOnlyList<string> Industries, Source Source);

/// <summary>A park, with its focus industries as printed and the 33618 items they mean.</summary>
public sealed record ParkInfo(string Name, string? Level, IReadOnlyList<string> FocusIndustries, decimal? AreaMu, string? AreaPrinted,
    IReadOnlyList<(string Focus, string Industry, string Cluster)> FocusNodes, Source Source)
{
    /// <summary>The focus words as the classifier compares text, computed once.</summary>
    public IReadOnlyList<string> NormalizedFocus { get; } = FocusIndustries.Select(ChineseText.Normalize).ToList();
}

/// <summary>A planning unit as placement sees it.</summary>
public sealed record UnitInfo(string Name, int Position, IReadOnlyList<string> Aliases, IReadOnlyList<string> Groups, bool IsYuxi,
    IReadOnlyList<UnitDesignation> Designations, IReadOnlyList<ParkInfo> Parks, string? PlanTitle, Source? PlanSource)
{
    public bool LayoutRecorded => Designations.Count > 0;

    /// <summary>Enterprises and projects known to be in the unit; empty when no registry covers the unit.</summary>
    public IReadOnlyList<RegistryEntry> Registry { get; init; } = [];

    /// <summary>Whether any registry covers the unit at all (unknown is not "none").</summary>
    public bool RegistryKnown => Registry.Count > 0;

    /// <summary>
    /// What the unit's own plan taxonomy (万州 "231", 南岸 pillars) covers in 33618 terms, through the plan's crosswalk:
    /// the plan item, the 33618 item it links to and how fully (equivalent 1.0, narrower 0.9, broader 0.7, overlaps 0.55).
    /// </summary>
    public IReadOnlyList<(string PlanItem, string Target, bool TargetIsCluster, double Weight)> PlanCrosswalk { get; init; } = [];

    /// <summary>Industry targets of the unit's own plan; empty when no plan of the unit is loaded.</summary>
    public IReadOnlyList<UnitIndustryTarget> Targets { get; init; } = [];

    /// <summary>Whether the unit's layout comes from a seed document (seed) or only from public sources (public).</summary>
    public string LayoutTier => !LayoutRecorded ? "not_recorded" : Designations.Any(d => d.Source.Document is not null) ? "seed" : "public";
}

/// <summary>A restricted (限制类) or eliminated (淘汰类) product and the keyword that finds it.</summary>
public sealed record RestrictedProduct(string Keyword, string Product, string Category, string Catalogue, string? Item, string? Note, Source Source)
{
    public string NormalizedKeyword { get; } = ChineseText.Normalize(Keyword);
}

/// <summary>
/// Everything a placement needs, read once from the store and kept in memory: the classifier's lexicon, the 41 units
/// with their designations (latest published layout edition), parks and own plans, and the restricted-products list.
/// <see cref="PlacementService"/> rebuilds it after any committed write.
/// </summary>
public sealed class PlacementCatalog
{
    public const string YuxiGroup = "渝西地区";

    public required int? Edition { get; init; }
    public required IndustryClassifier Classifier { get; init; }
    public required IReadOnlyList<UnitInfo> Units { get; init; }
    public required IReadOnlyList<RestrictedProduct> Restricted { get; init; }

    /// <summary>English words for catalog nodes (the vocabulary's <c>english</c> rows): English descriptions are read through them.</summary>
    public EnglishGlossary Glossary { get; init; } = EnglishGlossary.Empty;
    /// <summary>The industry chains, for the chain rules (Chains/ChainPlacementRules).</summary>
    public IReadOnlyList<IndustryMap.Chains.Chain> Chains { get; init; } = [];

    /// <summary>
    /// Evidence rules beyond the built-in ones (chain fit from the chains feature, …): each is a named, weighted rule
    /// with its source that may move a unit within what the layout allows. Empty unless a feature registers some.
    /// </summary>
    public IReadOnlyList<IPlacementEvidenceRule> EvidenceRules { get; init; } = [];

    /// <summary>
    /// The same catalog with each unit passed through <paramref name="change"/>: how the evaluation leaves a project's own
    /// row out of its unit's registry, or a unit's own data out altogether, to measure what it does (bench/placement-eval).
    /// </summary>
    public PlacementCatalog WithUnits(Func<UnitInfo, UnitInfo> change) => new()
    {
        Edition = Edition, Classifier = Classifier, Restricted = Restricted, Glossary = Glossary, Chains = Chains, EvidenceRules = EvidenceRules,
        Units = Units.Select(change).ToList(),
    };

    /// <summary>The same catalog with the named units' own data — plan, registries, plan targets — left out, as if never loaded.</summary>
    public PlacementCatalog WithoutOwnData(IReadOnlyCollection<string> units) =>
        WithUnits(u => units.Contains(u.Name) ? u with { PlanTitle = null, PlanSource = null, Registry = [], PlanCrosswalk = [], Targets = [] } : u);

    public UnitInfo? FindUnit(string? nameOrAlias)
    {
        if (string.IsNullOrWhiteSpace(nameOrAlias)) return null;
        var key = nameOrAlias.Trim();
        return Units.FirstOrDefault(u => u.Name == key) ?? Units.FirstOrDefault(u => u.Aliases.Contains(key));
    }

    private sealed class ItemRow
    {
        public long Id { get; set; }
        public string TaxonomyId { get; set; } = "";
        public string Level { get; set; } = "";
        public string Name { get; set; } = "";
        public long? ParentId { get; set; }
    }

    private sealed class MentionRow
    {
        public long IndustryId { get; set; }
        public string? SrcDocument { get; set; }
        public long? SrcFrom { get; set; }
        public long? SrcTo { get; set; }
        public string? SrcUrl { get; set; }
    }

    private sealed class KeywordRow : ProvenanceRow
    {
        public long IndustryId { get; set; }
        public string Keyword { get; set; } = "";
        public decimal Weight { get; set; }
        public string? Note { get; set; }
    }

    private sealed class DesignationRow : ProvenanceRow
    {
        public string Unit { get; set; } = "";
        public string Role { get; set; } = "";
        public long Position { get; set; }
        public string Industry { get; set; } = "";
        public string Level { get; set; } = "";
        public string? Cluster { get; set; }
        public string Printed { get; set; } = "";
        public string? Detail { get; set; }
        public long IndustryId { get; set; }
    }

    private sealed class EnterpriseRow : ProvenanceRow
    {
        public string Name { get; set; } = "";
        public string Unit { get; set; } = "";
        public string? Industry { get; set; }
    }

    private sealed class ProjectRow : ProvenanceRow
    {
        public string Name { get; set; } = "";
        public string Unit { get; set; } = "";
        public string? Industry { get; set; }
        public string? Subsection { get; set; }
    }

    private sealed class TargetRow : ProvenanceRow
    {
        public string Unit { get; set; } = "";
        public string Industry { get; set; } = "";
        public string Printed { get; set; } = "";
    }

    private sealed class PipelineRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string Unit { get; set; } = "";
        public string? Industry { get; set; }
        public string CreatedBy { get; set; } = "";
        public string CreatedAt { get; set; } = "";
    }

    private sealed class ParkRow : ProvenanceRow
    {
        public string Name { get; set; } = "";
        public string? Unit { get; set; }
        public string? Level { get; set; }
        public decimal? PlannedArea { get; set; }
        public string? AreaUnit { get; set; }
        public decimal? AreaMu { get; set; }
        public string? FocusIndustries { get; set; }
        public string? Kind { get; set; }
        public string? CarrierKind { get; set; }
        public IndustryMap.Registries.ParkKind Carrier => IndustryMap.Registries.ParkKinds.ByCode(CarrierKind) ?? IndustryMap.Registries.ParkKinds.Classify(Kind, Name);
    }

    private sealed class RestrictedRow : ProvenanceRow
    {
        public string Keyword { get; set; } = "";
        public string Product { get; set; } = "";
        public string Category { get; set; } = "";
        public string Catalogue { get; set; } = "";
        public string? Item { get; set; }
        public string? Note { get; set; }
    }

    private sealed class PlanRow : ProvenanceRow
    {
        public string Taxonomy { get; set; } = "";
        public string Title { get; set; } = "";
        public string Unit { get; set; } = "";
    }

    public static async Task<PlacementCatalog> LoadAsync(Database database, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);

        var items = (await connection.QueryAsync<ItemRow>("SELECT id, taxonomy_id, level, name, parent_id FROM industries ORDER BY id")).ToList();
        // One source per industry (its first mention in a document, else its URL) is enough to say where a word comes from.
        var mentions = (await connection.QueryAsync<MentionRow>(
                "SELECT industry_id, src_document, src_from, src_to, src_url FROM industry_mentions WHERE src_document IS NOT NULL OR src_url IS NOT NULL"))
            .GroupBy(m => m.IndustryId)
            .ToDictionary(g => g.Key, g => g.OrderBy(m => m.SrcDocument is null).ThenBy(m => m.SrcDocument, StringComparer.Ordinal).ThenBy(m => m.SrcFrom).First());
        var aliases = (await connection.QueryAsync<(long IndustryId, string Alias)>("SELECT industry_id, alias FROM industry_aliases ORDER BY alias"))
            .ToLookup(a => a.IndustryId, a => a.Alias);
        var crosswalk = (await connection.QueryAsync<(long FromId, long ToId, string Relation)>(
            "SELECT from_industry_id, to_industry_id, relation FROM industry_crosswalk")).Select(c => new CrosswalkItem(c.FromId, c.ToId, c.Relation)).ToList();
        var keywords = (await connection.QueryAsync<KeywordRow>(
            $"SELECT industry_id, keyword, weight, note, {ProvenanceRow.Columns} FROM industry_keywords ORDER BY position")).ToList();
        // A unit's own plan is the plan whose document defines an older taxonomy (万州 "231" → 万州区, 南岸 pillars → 南岸区).
        var plans = (await connection.QueryAsync<PlanRow>(
            """
            SELECT t.id AS taxonomy, p.title, p.scope AS unit, p.src_document, p.src_from, p.src_to, p.src_url, p.entered_by, p.entered_at
            FROM taxonomies t JOIN plans p ON p.document_id = t.document_id AND p.scope_kind = 'unit'
            ORDER BY t.id
            """)).ToList();

        var edition = await connection.ExecuteScalarAsync<long?>("SELECT MAX(year) FROM layout_editions WHERE status = 'published'");
        var designations = (await connection.QueryAsync<DesignationRow>(
            $"""
            SELECT u.name AS unit, d.role, d.position, i.name AS industry, i.level, COALESCE(gp.name, p.name, i.name) AS cluster, d.printed,
                   d.detail, d.industry_id,
                   d.src_document, d.src_from, d.src_to, d.src_url, d.entered_by, d.entered_at, {ProvenanceRow.PublicColumns("d")}
            FROM layout_designations d
            {ProvenanceRow.PublicJoin("d")}
            JOIN layout_editions e ON e.id = d.edition_id
            JOIN units u ON u.id = d.unit_id
            JOIN industries i ON i.id = d.industry_id
            LEFT JOIN industries p ON p.id = i.parent_id
            LEFT JOIN industries gp ON gp.id = p.parent_id
            WHERE e.year = @year
            ORDER BY u.position, CASE d.role WHEN 'dominant' THEN 0 ELSE 1 END, d.position
            """, new { year = edition ?? -1 })).ToLookup(d => d.Unit);
        // Designation details are product words the layout itself attaches to a unit's industry (issue 13 §3).
        var detailTerms = designations.SelectMany(g => g).SelectMany(d => SplitDetail(d.Detail).Select(w =>
                new LexiconTerm(w, d.IndustryId, DetailWeight, "designation_detail", $"{d.Unit}“{d.Printed}”的细目", d.ToSource())))
            .ToList();

        var classifier = new IndustryClassifier(new LexiconInput(
            items.Select(i => new CatalogItem(i.Id, i.TaxonomyId, i.Level, i.Name, i.ParentId, aliases[i.Id].ToList(),
                mentions.TryGetValue(i.Id, out var m) ? new Source(m.SrcDocument, (int?)m.SrcFrom, (int?)m.SrcTo, m.SrcUrl) : null)).ToList(),
            crosswalk,
            keywords.Select(k => new KeywordItem(k.IndustryId, k.Keyword, (double)k.Weight, k.Note, k.ToSource())).ToList(),
            plans.GroupBy(p => p.Taxonomy).ToDictionary(g => g.Key, g => g.First().Unit, StringComparer.Ordinal)) { ExtraTerms = detailTerms });

        // Registries: the plans' enterprise lists and the pipeline, each entry read through the classifier.
        var enterprises = (await connection.QueryAsync<EnterpriseRow>(
            "SELECT e.name, u.name AS unit, e.industry, e.src_document, e.src_from, e.src_to, e.src_url, e.entered_by, e.entered_at FROM enterprises e JOIN units u ON u.id = e.unit_id ORDER BY e.id")).ToList();
        var pipeline = (await connection.QueryAsync<PipelineRow>(
            "SELECT p.id, p.name, u.name AS unit, p.industry, p.created_by, p.created_at FROM pipeline_projects p JOIN units u ON u.id = p.unit_id ORDER BY p.id")).ToList();
        // The plans' project libraries (万州's annex, 南岸's 附件三): projects already planned in the unit, read through the
        // classifier by their name and the library's industry heading. A placement of one of these projects finds the
        // others; the evaluation bench removes the evaluated row (and rows of the same name) before placing it.
        var projects = (await connection.QueryAsync<ProjectRow>(
            "SELECT p.name, u.name AS unit, p.industry, p.subsection, p.src_document, p.src_from, p.src_to, p.src_url, p.entered_by, p.entered_at FROM projects p JOIN units u ON u.id = p.unit_id ORDER BY p.id")).ToList();
        var registry = enterprises.Select(e => (e.Unit, Entry: new RegistryEntry(e.Name, "enterprise", RegistryIndustries(classifier, $"{e.Name} {e.Industry}"), e.ToSource())))
            .Concat(projects.Select(p => (p.Unit, Entry: new RegistryEntry(p.Name, "project", RegistryIndustries(classifier, $"{p.Name} {p.Subsection} {p.Industry}"), p.ToSource()))))
            .Concat(pipeline.Select(p => (p.Unit, Entry: new RegistryEntry(p.Name, "pipeline",
                p.Industry is { Length: > 0 } i ? [i] : RegistryIndustries(classifier, p.Name), Source.Person(p.CreatedBy, p.CreatedAt)))))
            .ToLookup(x => x.Unit, x => x.Entry);
        // The units' own industry targets (a plan of a unit, a target scoped to an industry).
        var targets = (await connection.QueryAsync<TargetRow>(
                """
                SELECT p.scope AS unit, t.scope AS industry, t.printed, t.src_document, t.src_from, t.src_to, t.src_url, t.entered_by, t.entered_at
                FROM targets t JOIN indicators i ON i.id = t.indicator_id JOIN plans p ON p.id = i.plan_id
                WHERE t.scope_kind = 'industry' AND p.scope_kind = 'unit' AND t.scope IS NOT NULL
                ORDER BY t.id
                """)).ToList()
            .GroupBy(t => (t.Unit, t.Industry))
            .Select(g =>
            {
                var first = g.First();
                var matches = classifier.Classify(first.Industry).Industries;
                var top = matches.Count > 0 ? matches[0].Score : 0;
                var clear = matches.Where(m => m.Score >= Math.Max(FocusMinScore, top - 0.05)).ToList();
                return (first.Unit, Target: new UnitIndustryTarget(first.Industry, first.Printed, clear.Select(m => m.Cluster).Distinct().ToList(),
                    clear.Select(m => m.Name).ToList(), first.ToSource()));
            })
            .ToLookup(x => x.Unit, x => x.Target);
        var parks = (await connection.QueryAsync<ParkRow>(
            $"""
             SELECT x.name, u.name AS unit, x.level, x.kind, x.carrier_kind, x.planned_area, x.area_unit, x.area_mu, x.focus_industries,
                    x.src_document, x.src_from, x.src_to, x.src_url, x.entered_by, x.entered_at, {ProvenanceRow.PublicColumns("x")}
             FROM parks x JOIN units u ON u.id = x.unit_id {ProvenanceRow.PublicJoin("x")}
             ORDER BY CASE WHEN x.document_id IS NULL THEN 1 ELSE 0 END, x.document_id, x.position
             """)).Where(p => p.Carrier.IsPark).ToLookup(p => p.Unit); // platforms, laboratories … are not parks (decision 0011)
        var units = (await connection.QueryAsync<(long Id, string Name, long Position)>("SELECT id, name, position FROM units ORDER BY position")).ToList();
        var unitAliases = (await connection.QueryAsync<(long UnitId, string Alias)>("SELECT unit_id, alias FROM unit_aliases")).ToLookup(a => a.UnitId, a => a.Alias);
        var groups = (await connection.QueryAsync<(long UnitId, string Group)>(
            "SELECT m.unit_id, g.name FROM unit_group_members m JOIN unit_groups g ON g.id = m.group_id ORDER BY g.position")).ToLookup(g => g.UnitId, g => g.Group);
        var restricted = (await connection.QueryAsync<RestrictedRow>(
            $"SELECT keyword, product, category, catalogue, item, note, {ProvenanceRow.Columns} FROM restricted_products ORDER BY position")).ToList();

        var glossary = (await connection.QueryAsync<(string Term, string Target)>(
            "SELECT term, target FROM industry_vocabulary WHERE kind = 'english' ORDER BY term, target")).ToList();

        var planOf = plans.GroupBy(p => p.Unit).ToDictionary(g => g.Key, g => g.First());
        var taxonomyUnit = plans.GroupBy(p => p.Taxonomy).ToDictionary(g => g.Key, g => g.First().Unit, StringComparer.Ordinal);
        var itemById = items.ToDictionary(i => i.Id);
        var relationWeight = new Dictionary<string, double>(StringComparer.Ordinal) { ["equivalent"] = 1.0, ["narrower"] = 0.9, ["broader"] = 0.7, ["overlaps"] = 0.55 };
        var planCrosswalk = crosswalk
            .Where(c => itemById.ContainsKey(c.FromId) && itemById.ContainsKey(c.ToId) && taxonomyUnit.ContainsKey(itemById[c.FromId].TaxonomyId))
            .Select(c => (Unit: taxonomyUnit[itemById[c.FromId].TaxonomyId], Entry: (itemById[c.FromId].Name, itemById[c.ToId].Name,
                itemById[c.ToId].Level == "cluster", relationWeight.GetValueOrDefault(c.Relation, 0.5))))
            .ToLookup(x => x.Unit, x => x.Entry);
        return new PlacementCatalog
        {
            Edition = (int?)edition,
            Classifier = classifier,
            Glossary = new EnglishGlossary(glossary),
            Chains = await IndustryMap.Chains.ChainQueries.ChainsAsync(database),
            Restricted = restricted.Select(r => new RestrictedProduct(r.Keyword, r.Product, r.Category, r.Catalogue, r.Item, r.Note, r.ToSource())).ToList(),
            Units = units.Select(u => new UnitInfo(
                u.Name, (int)u.Position, unitAliases[u.Id].ToList(), groups[u.Id].ToList(), groups[u.Id].Contains(YuxiGroup),
                designations[u.Name].Select(d => new UnitDesignation(d.Role, (int)d.Position, d.Industry, d.Cluster ?? d.Industry, d.Level == "cluster",
                    d.Printed, d.ToSource())
                    {
                        Details = SplitDetail(d.Detail), NormalizedDetails = SplitDetail(d.Detail).Select(ChineseText.Normalize).ToList(),
                    }).ToList(),
                parks[u.Name].Select(p => Park(p, classifier)).ToList(),
                planOf.GetValueOrDefault(u.Name)?.Title, planOf.GetValueOrDefault(u.Name)?.ToSource())
            {
                Registry = registry[u.Name].ToList(),
                PlanCrosswalk = planCrosswalk[u.Name].ToList(),
                Targets = targets[u.Name].Where(t => t.Clusters.Count > 0).ToList(),
            }).ToList(),
        };
    }

    /// <summary>A designation's detail product weighs as a catalog product (0.85): the layout prints it.</summary>
    public const double DetailWeight = 0.85;

    /// <summary>The products of a designation's parenthetical: "电驱、电转向、智能座舱等" → 电驱, 电转向, 智能座舱 (one character is too little).</summary>
    public static IReadOnlyList<string> SplitDetail(string? detail) =>
        (detail ?? "").Split(['、', '，', ',', '；'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.EndsWith('等') ? w[..^1] : w)
            .Where(w => w.Length >= 2)
            .ToList();

    /// <summary>The sub-industries a registry entry clearly belongs to: its best items scoring 0.4 or more.</summary>
    private static IReadOnlyList<string> RegistryIndustries(IndustryClassifier classifier, string text)
    {
        var matches = classifier.Classify(text).Industries;
        var top = matches.Count > 0 ? matches[0].Score : 0;
        return matches.Where(m => m.Score >= Math.Max(FocusMinScore, top - 0.05)).Select(m => m.Name).ToList();
    }

    private const double FocusMinScore = 0.4;

    /// <summary>A park's focus industries are older words ("食品医药", "智能终端"): the classifier says which 33618 items they mean.</summary>
    private static ParkInfo Park(ParkRow p, IndustryClassifier classifier)
    {
        var focus = p.FocusIndustries?.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        // Only what a focus word clearly means: its best items, and only when they score 0.4 or more. An older word whose
        // crosswalk "overlaps" two clusters equally (万州's 消防, 防灾减灾装备: equipment and energy) means neither clearly.
        var nodes = focus.SelectMany(f =>
            {
                var matches = classifier.Classify(f).Industries;
                var top = matches.Count > 0 ? matches[0].Score : 0;
                var best = matches.Where(m => m.Score >= Math.Max(FocusMinScore, top - 0.05)).ToList();
                // Clusters only, and more than one: the word does not say which.
                if (best.All(m => m.IsCluster) && best.Select(m => m.Cluster).Distinct().Count() > 1) best = [];
                return best.Select(m => (f, m.Name, m.Cluster));
            })
            .Distinct().ToList();
        var printed = p.PlannedArea is { } a && p.AreaUnit is not null ? $"{Decimals.Text(a)} {p.AreaUnit}" : null;
        return new ParkInfo(p.Name, p.Level, focus, Decimals.Normalize(p.AreaMu), printed, nodes, p.ToSource());
    }
}
