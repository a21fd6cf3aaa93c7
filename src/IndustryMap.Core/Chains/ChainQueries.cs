using System.Data.Common;
using Dapper;
using IndustryMap.Provenance;
using IndustryMap.Storage;

namespace IndustryMap.Chains;

/// <summary>Reads chains, their gap lists and the localisation figures. The feature's SQL lives here.</summary>
public static class ChainQueries
{
    private const string Prov = "x.src_document, x.src_from, x.src_to, x.src_url, x.entered_by, x.entered_at";

    private sealed class ChainRow : ProvenanceRow
    {
        public long Id { get; set; }
        public string Key { get; set; } = "";
        public string Name { get; set; } = "";
        public string? PrintedTitle { get; set; }
        public string ScopeKind { get; set; } = "";
        public string? Unit { get; set; }
        public string? Industries { get; set; }
        public string? CollectionKey { get; set; }
        public string? AdminLeader { get; set; }
        public string? EnterpriseLeader { get; set; }
        public string? EnterpriseLeaderBasis { get; set; }
        public long? LocalPrinted { get; set; }
        public long? LocalPrintedFrom { get; set; }
        public long? LocalPrintedTo { get; set; }
        public string? Quality { get; set; }
        public string? Note { get; set; }
        public long Version { get; set; }
        public string? DocumentId { get; set; }
    }

    private sealed class NodeRow : ProvenanceRow
    {
        public long Id { get; set; }
        public long ChainId { get; set; }
        public string Key { get; set; } = "";
        public string? Segment { get; set; }
        public string Stage { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Products { get; set; }
        public long? ProductFrom { get; set; }
        public long? ProductTo { get; set; }
        public string? Catalog { get; set; }
        public string? Quality { get; set; }
        public string? Note { get; set; }
    }

    private sealed class MemberRow : ProvenanceRow
    {
        public long NodeId { get; set; }
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? Location { get; set; }
        public string? LocationBasis { get; set; }
        public string? RegistryName { get; set; }
        public string? RegistryUnit { get; set; }
        public string? Quality { get; set; }
        public string? Note { get; set; }
    }

    private sealed class EdgeRow : ProvenanceRow
    {
        public long ChainId { get; set; }
        public string FromKey { get; set; } = "";
        public string ToKey { get; set; } = "";
        public string Basis { get; set; } = "";
        public string? Note { get; set; }
    }

    private static IReadOnlyList<string> Split(string? text) =>
        text?.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>Every chain, optionally only those of one unit (by name), in document order, with nodes and members.</summary>
    public static async Task<IReadOnlyList<Chain>> ChainsAsync(Database database, string? unit = null, string? key = null)
    {
        await using var connection = await database.OpenAsync();
        return await LoadAsync(connection, unit, key);
    }

    public static async Task<Chain?> ChainAsync(Database database, string key) => (await ChainsAsync(database, key: key)).SingleOrDefault();

    internal static async Task<IReadOnlyList<Chain>> LoadAsync(DbConnection connection, string? unit, string? key, DbTransaction? transaction = null)
    {
        var chains = (await connection.QueryAsync<ChainRow>(
            $"""
             SELECT x.id, x.key, x.name, x.printed_title, x.scope_kind, u.name AS unit, x.industries, x.collection_key, x.admin_leader, x.enterprise_leader,
                    x.enterprise_leader_basis, x.local_printed, x.local_printed_from, x.local_printed_to, x.quality, x.note, x.version, x.document_id, {Prov}
             FROM chains x LEFT JOIN units u ON u.id = x.unit_id
             WHERE (@unit IS NULL OR u.name = @unit) AND (@key IS NULL OR x.key = @key)
             ORDER BY x.document_id DESC, x.position
             """, new { unit, key }, transaction)).ToList();
        if (chains.Count == 0) return [];
        var ids = chains.Select(c => c.Id).ToHashSet();
        var nodes = (await connection.QueryAsync<NodeRow>(
            $"SELECT x.id, x.chain_id, x.key, x.segment, x.stage, x.name, x.products, x.product_from, x.product_to, x.catalog, x.quality, x.note, {Prov} " +
            "FROM chain_nodes x ORDER BY x.chain_id, x.position", transaction: transaction)).Where(n => ids.Contains(n.ChainId)).ToList();
        var members = (await connection.QueryAsync<MemberRow>(
            $"""
             SELECT x.node_id, x.name, x.kind, x.location, x.location_basis, x.registry_name,
                    (SELECT MIN(u.name) FROM enterprises e JOIN units u ON u.id = e.unit_id WHERE e.name = x.registry_name) AS registry_unit,
                    x.quality, x.note, {Prov}
             FROM chain_members x ORDER BY x.node_id, x.position
             """, transaction: transaction)).ToLookup(m => m.NodeId);
        var edges = (await connection.QueryAsync<EdgeRow>(
            $"""
             SELECT x.chain_id, f.key AS from_key, t.key AS to_key, x.basis, x.note, {Prov}
             FROM chain_edges x JOIN chain_nodes f ON f.id = x.from_node_id JOIN chain_nodes t ON t.id = x.to_node_id
             ORDER BY x.id
             """, transaction: transaction)).ToLookup(e => e.ChainId);
        var nodesByChain = nodes.ToLookup(n => n.ChainId);
        return chains.Select(c => new Chain(c.Id, c.Key, c.Name, c.PrintedTitle, c.ScopeKind, c.Unit, Split(c.Industries), c.CollectionKey,
            c.AdminLeader, c.EnterpriseLeader, c.EnterpriseLeaderBasis, (int?)c.LocalPrinted,
            c.LocalPrintedFrom is null ? null : new Source(c.DocumentId, (int?)c.LocalPrintedFrom, (int?)c.LocalPrintedTo, null, null, null),
            c.Quality, c.Note, c.Version, c.ToSource(),
            nodesByChain[c.Id].Select(n => new ChainNode(n.Key, n.Segment, n.Stage, n.Name, Split(n.Products),
                n.ProductFrom is null ? null : new Source(n.SrcDocument, (int?)n.ProductFrom, (int?)n.ProductTo, null, null, null), Split(n.Catalog),
                n.Quality, n.Note, n.ToSource(),
                members[n.Id].Select(m => new ChainMember(m.Name, m.Kind, m.Location, m.LocationBasis, m.RegistryName, m.RegistryUnit, m.Quality, m.Note,
                    m.ToSource())).ToList())).ToList(),
            edges[c.Id].Select(e => new ChainEdge(e.FromKey, e.ToKey, e.Basis, e.Note, e.ToSource())).ToList())).ToList();
    }

    public static async Task<IReadOnlyList<ChainCollection>> CollectionsAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<(string Key, string Title, long? Declared, long Loaded, string? Quality, string? Note,
            string? SrcDocument, long? SrcFrom, long? SrcTo)>(
            """
            SELECT x.key, x.title, x.declared, (SELECT COUNT(*) FROM chains c WHERE c.collection_key = x.key) AS loaded, x.quality, x.note,
                   x.src_document, x.src_from, x.src_to
            FROM chain_collections x ORDER BY x.key
            """);
        return rows.Select(r => new ChainCollection(r.Key, r.Title, (int?)r.Declared, (int)r.Loaded, r.Quality, r.Note,
            new Source(r.SrcDocument, (int?)r.SrcFrom, (int?)r.SrcTo, null, null, null))).ToList();
    }

    public static async Task<IReadOnlyList<Localisation>> LocalisationAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<(string? Field, string Enterprise, string? RegistryName, long? Suppliers, long? LocalSuppliers, string Share,
            long? TableFrom, long? TableTo, string? Quality, string? Note, string? SrcDocument, long? SrcFrom, long? SrcTo)>(
            """
            SELECT x.field, x.enterprise, x.registry_name, x.suppliers, x.local_suppliers, x.share, x.table_from, x.table_to, x.quality, x.note,
                   x.src_document, x.src_from, x.src_to
            FROM chain_localisation x ORDER BY x.document_id, x.position
            """);
        return rows.Select(r => new Localisation(r.Field, r.Enterprise, r.RegistryName, (int?)r.Suppliers, (int?)r.LocalSuppliers, r.Share,
            r.TableFrom is null ? null : new Source(r.SrcDocument, (int?)r.TableFrom, (int?)r.TableTo, null, null, null), r.Quality, r.Note,
            new Source(r.SrcDocument, (int?)r.SrcFrom, (int?)r.SrcTo, null, null, null))).ToList();
    }

    /// <summary>The gap list of one chain, with the covering units found in the whole store.</summary>
    public static async Task<ChainGapReport?> GapsAsync(Database database, string key)
    {
        var chain = await ChainAsync(database, key);
        if (chain is null) return null;
        var (coverage, parents) = await CoverageAsync(database);
        return ChainGapAnalysis.Analyse(chain, coverage, parents);
    }

    /// <summary>The gap lists of every chain (optionally of one unit).</summary>
    public static async Task<IReadOnlyList<ChainGapReport>> AllGapsAsync(Database database, string? unit = null)
    {
        var chains = await ChainsAsync(database, unit);
        var (coverage, parents) = await CoverageAsync(database);
        return chains.Select(c => ChainGapAnalysis.Analyse(c, coverage, parents)).ToList();
    }

    /// <summary>
    /// The facts that can cover a node: the designations of the newest published layout edition, the enterprises and
    /// project-library rows with a unit, and the local members of every chain; plus the 33618 product → sub-industry map.
    /// </summary>
    public static async Task<(IReadOnlyList<CoverageFact> Facts, IReadOnlyDictionary<string, string> Parents)> CoverageAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        var facts = new List<CoverageFact>();
        var designations = await connection.QueryAsync<(string Unit, string Industry, string Printed, string? SrcDocument, long? SrcFrom, long? SrcTo)>(
            """
            SELECT u.name, i.name, d.printed, d.src_document, d.src_from, d.src_to
            FROM layout_designations d JOIN units u ON u.id = d.unit_id JOIN industries i ON i.id = d.industry_id
            WHERE d.edition_id = (SELECT MAX(id) FROM layout_editions WHERE status = 'published')
            ORDER BY u.position, d.position
            """);
        facts.AddRange(designations.Select(d => new CoverageFact(d.Unit, "designation", d.Printed, [d.Industry], d.Printed, d.SrcDocument,
            Lines(d.SrcFrom, d.SrcTo))));
        var enterprises = await connection.QueryAsync<(string Unit, string Name, string? Industry, string? SrcDocument, long? SrcFrom, long? SrcTo)>(
            "SELECT u.name, e.name, e.industry, e.src_document, e.src_from, e.src_to FROM enterprises e JOIN units u ON u.id = e.unit_id ORDER BY e.id");
        facts.AddRange(enterprises.Select(e => new CoverageFact(e.Unit, "enterprise", e.Name, [], $"{e.Name} {e.Industry}", e.SrcDocument,
            Lines(e.SrcFrom, e.SrcTo))));
        var projects = await connection.QueryAsync<(string Unit, string Name, string? Industry, string? SrcDocument, long? SrcFrom, long? SrcTo)>(
            "SELECT u.name, p.name, p.industry, p.src_document, p.src_from, p.src_to FROM projects p JOIN units u ON u.id = p.unit_id ORDER BY p.id");
        facts.AddRange(projects.Select(p => new CoverageFact(p.Unit, "project", p.Name, [], p.Name, p.SrcDocument, Lines(p.SrcFrom, p.SrcTo))));
        foreach (var chain in await LoadAsync(connection, null, null))
        {
            if (chain.Unit is null) continue;
            foreach (var node in chain.Nodes)
            {
                facts.AddRange(node.Members.Where(m => m.IsLocal).Select(m => new CoverageFact(chain.Unit, "chain", $"{chain.Name} · {node.Name} · {m.Name}",
                    node.Catalog, node.Name, m.Source.Document, m.Source.LinesText)));
            }
        }
        var parents = (await connection.QueryAsync<(string Name, string Parent)>(
            """
            SELECT i.name, p.name FROM industries i JOIN industries p ON p.id = i.parent_id
            WHERE i.taxonomy_id = '33618' AND i.level = 'product'
            """)).GroupBy(r => r.Name).ToDictionary(g => g.Key, g => g.First().Parent, StringComparer.Ordinal);
        return (facts, parents);
    }

    private static string? Lines(long? from, long? to) => from is null ? null : to is null || to == from ? $"{from}" : $"{from}-{to}";
}

/// <summary>The clusters a chain belongs to: its 33618 industries, a sub-industry counted under its cluster.</summary>
public static class ChainClusters
{
    public static async Task<IReadOnlyDictionary<string, string>> MapAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<(string Name, string Level, string? Parent)>(
            """
            SELECT i.name, i.level, p.name FROM industries i LEFT JOIN industries p ON p.id = i.parent_id
            WHERE i.taxonomy_id = '33618' AND i.level IN ('cluster', 'sub_industry')
            """);
        return rows.GroupBy(r => r.Name).ToDictionary(g => g.Key, g => g.First() is var r && r.Level == "cluster" ? r.Name : r.Parent ?? r.Name,
            StringComparer.Ordinal);
    }

    public static IReadOnlyList<string> Of(Chain chain, IReadOnlyDictionary<string, string> map) =>
        chain.Industries.Select(i => map.GetValueOrDefault(i, i)).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>The gap list as a table (one row per node), for the CSV and .xlsx exports of the API and the CLI.</summary>
public static class ChainGapTable
{
    public static readonly string[] Headings =
        ["产业链", "单元", "环节", "节点", "状态", "企业数", "本地企业数", "本地化率（%）", "本地企业", "候选引进企业", "可承接的区县（依据）"];

    public static readonly IReadOnlyDictionary<string, string> StatusZh = new Dictionary<string, string>
    {
        [NodeStrength.Gap] = "缺失（补链）", [NodeStrength.Weak] = "薄弱", [NodeStrength.Strong] = "较强", [NodeStrength.NotApplicable] = "非供应环节",
    };

    public static IEnumerable<IReadOnlyList<object?>> Rows(IEnumerable<ChainGapReport> reports) =>
        reports.SelectMany(r => r.Nodes.Select(n => (IReadOnlyList<object?>)
        [
            r.Name, r.Unit, n.Segment, n.Name, StatusZh[n.Status], n.Enterprises, n.Local, n.Share, string.Join("、", n.LocalEnterprises),
            string.Join("、", n.Candidates.Select(c => c.Name)),
            string.Join("；", n.CoveringUnits.GroupBy(c => c.Unit).Select(g => $"{g.Key}（{string.Join("、", g.Select(c => c.What).Take(3))}）")),
        ]));
}
