using IndustryMap.Writing;
using IndustryMap.Chains;
using IndustryMap.Provenance;

namespace IndustryMap.Import;

/// <summary>
/// The industry-chain part of the seed reader (issue 12): chain_collections.csv, chains.csv, chain_nodes.csv,
/// chain_edges.csv, chain_members.csv and chain_localisation.csv in a document folder (seed-data/README.md). Every
/// row cites lines whose text must contain what it states (a node's name and products, a member's name, a
/// localisation row's enterprise and share), a member's registry name must be an enterprise of the registry, a
/// node's catalog items must be 33618 items. All files are optional.
/// </summary>
public sealed partial class SeedReader
{
    private static readonly string[] ChainScopeKinds = ["unit", "city"];
    private static readonly string[] MemberKinds = ["enterprise", "channel"];

    private ChainData ReadChains(IReadOnlyList<string> documentFolders, IReadOnlyList<IndustrySeed> industries, PlanData plans)
    {
        var catalog = industries.Where(i => i.Taxonomy == CatalogTaxonomy).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var registry = plans.Enterprises.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var collections = new List<ChainCollectionSeed>();
        var chains = new List<ChainSeed>();
        var localisation = new List<LocalisationSeed>();
        foreach (var folder in documentFolders)
        {
            var documentId = DocumentFolder().Match(Path.GetFileName(folder)).Groups[1].Value;
            if (!_documents.ContainsKey(documentId)) continue;
            foreach (var row in ReadOptional(folder, "chain_collections.csv", ["collection", "title", "declared", "lines"]))
            {
                var key = row.Required("collection");
                var title = row.Required("title");
                var declared = row.Int("declared");
                var source = CheckedSource(row, documentId, title);
                if (key.Length == 0 || title.Length == 0 || source is null) continue;
                if (collections.Any(c => c.Key == key)) { row.Error("collection", "duplicate_collection", $"图谱集“{key}”重复", $"collection '{key}' appears twice", key); continue; }
                collections.Add(new ChainCollectionSeed(key, documentId, title, declared, row.Get("quality"), row.Get("note"), source));
            }
            var local = ReadChainFiles(folder, documentId, catalog, registry, collections, chains.Count).ToList();
            foreach (var c in local.Where(c => chains.Any(x => x.Key == c.Key)))
            {
                _errors.Add(Refusal.InFile(Display(Path.Combine(folder, "chains.csv")), null, "chain", "duplicate_chain", $"产业链“{c.Key}”在多个文件夹中重复",
                    $"chain '{c.Key}' appears in more than one folder", c.Key));
            }
            chains.AddRange(local.Where(c => chains.All(x => x.Key != c.Key)));
            foreach (var row in ReadOptional(folder, "chain_localisation.csv", ["field", "enterprise", "registry", "suppliers", "local_suppliers", "share", "lines", "table_lines"]))
            {
                var enterprise = row.Required("enterprise");
                var share = row.Required("share");
                var source = CheckedSource(row, documentId, enterprise, share);
                var suppliers = row.Int("suppliers");
                var localSuppliers = row.Int("local_suppliers");
                var tableSource = DocumentSource(row, documentId, "table_lines", required: false);
                if (tableSource is { FromLine: { } tf })
                {
                    var range = new LineRange(tf, tableSource.ToLine ?? tf);
                    foreach (var text in new[] { row.Get("suppliers"), row.Get("local_suppliers") }.Where(t => t is not null))
                    {
                        if (!LinesContain(documentId, range, text!))
                            row.Error("table_lines", "source_mismatch", $"第 {range} 行的原文中没有“{text}”", $"lines {range} do not contain '{text}'", text);
                    }
                }
                var registryName = CheckRegistry(row, "registry", registry);
                if (suppliers is not null && localSuppliers is not null && localSuppliers > suppliers)
                {
                    row.Error("local_suppliers", "more_local_than_total", $"市内供应商 {localSuppliers} 多于总量 {suppliers}",
                        $"local suppliers {localSuppliers} exceed the total {suppliers}");
                }
                if (enterprise.Length == 0 || share.Length == 0 || source is null) continue;
                localisation.Add(new LocalisationSeed(documentId, row.Get("field"), enterprise, registryName, suppliers, localSuppliers, share,
                    tableSource is null ? null : new LineRange(tableSource.FromLine!.Value, tableSource.ToLine ?? tableSource.FromLine!.Value),
                    localisation.Count + 1, row.Get("quality"), row.Get("note"), source));
            }
        }
        return new ChainData(collections, chains, localisation);
    }

    private string? CheckRegistry(CsvRow row, string field, HashSet<string> registry)
    {
        var name = row.Get(field);
        if (name is null || registry.Contains(name)) return name;
        row.Error(field, "unknown_enterprise", $"企业名录中没有“{name}”", $"'{name}' is not in the enterprise registry", name);
        return null;
    }

    private IEnumerable<ChainSeed> ReadChainFiles(string folder, string documentId, HashSet<string> catalog, HashSet<string> registry,
        IReadOnlyList<ChainCollectionSeed> collections, int position)
    {
        var chainRows = ReadOptional(folder, "chains.csv", ["chain", "name", "scope_kind", "scope", "industries", "lines"]);
        if (chainRows.Count == 0) yield break;
        var nodeRows = ReadOptional(folder, "chain_nodes.csv", ["chain", "node", "segment", "stage", "name", "products", "catalog", "lines"]);
        var edgeRows = ReadOptional(folder, "chain_edges.csv", ["chain", "from", "to", "basis", "lines"]);
        var memberRows = ReadOptional(folder, "chain_members.csv", ["chain", "node", "member", "kind", "location", "registry", "lines"]);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var heads = new List<(CsvRow Row, ChainSeed Head)>();
        foreach (var row in chainRows)
        {
            var key = row.Required("chain");
            var name = row.Required("name");
            var scopeKind = row.OneOf("scope_kind", ChainScopeKinds);
            var unit = scopeKind == "unit" ? ResolveUnit(row, "scope") : null;
            var collection = row.Get("collection");
            if (collection is not null && collections.All(c => c.Key != collection))
            {
                row.Error("collection", "unknown_collection", $"未知的图谱集“{collection}”", $"unknown collection '{collection}'", collection);
            }
            var industriesList = row.List("industries");
            foreach (var i in industriesList.Where(i => !catalog.Contains(i)))
            {
                row.Error("industries", "unknown_industry", $"“33618”产业目录中没有“{i}”", $"'{i}' is not in the 33618 catalog", i);
            }
            var source = CheckedSource(row, documentId, row.Get("printed_title"));
            var localPrinted = row.Int("local_printed");
            var localLines = row.Get("local_printed_lines") is null ? null : DocumentSource(row, documentId, "local_printed_lines");
            if (localPrinted is not null && localLines is not null &&
                !LinesContain(documentId, new LineRange(localLines.FromLine!.Value, localLines.ToLine!.Value), $"{localPrinted}家"))
            {
                row.Error("local_printed", "source_mismatch", $"第 {localLines.LinesText} 行的原文中没有“{localPrinted}家”",
                    $"lines {localLines.LinesText} do not contain '{localPrinted}家'", localPrinted.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            if (key.Length > 0 && !keys.Add(key)) row.Error("chain", "duplicate_chain", $"产业链“{key}”重复", $"chain '{key}' appears twice", key);
            if (key.Length == 0 || name.Length == 0 || scopeKind is null || (scopeKind == "unit" && unit is null) || source is null) continue;
            heads.Add((row, new ChainSeed(key, collection, documentId, name, row.Get("printed_title"), scopeKind, unit, industriesList,
                row.Get("admin_leader"), row.Get("enterprise_leader"), row.Get("enterprise_leader_basis"), localPrinted,
                localLines is null ? null : new LineRange(localLines.FromLine!.Value, localLines.ToLine!.Value), ++position,
                row.Get("quality"), row.Get("note"), source, [], [])));
        }
        var nodes = new Dictionary<(string, string), ChainNodeSeed>();
        foreach (var row in nodeRows)
        {
            var chain = row.Required("chain");
            var key = row.Required("node");
            var name = row.Required("name");
            var stage = row.OneOf("stage", ChainNodeStages.All);
            if (row.Get("stage") is null) row.Error("stage", "required", "必填字段为空：环节", "required field is empty: stage");
            if (chain.Length > 0 && !keys.Contains(chain)) row.Error("chain", "unknown_chain", $"未知的产业链“{chain}”", $"unknown chain '{chain}'", chain);
            var products = row.List("products");
            var source = CheckedSource(row, documentId, name, row.Get("segment"));
            var productSource = row.Get("product_lines") is null ? source : DocumentSource(row, documentId, "product_lines");
            if (productSource is not null)
            {
                var range = new LineRange(productSource.FromLine!.Value, productSource.ToLine!.Value);
                foreach (var p in products.Where(p => !LinesContain(documentId, range, p)))
                {
                    row.Error("products", "source_mismatch", $"第 {range} 行的原文中没有“{p}”", $"lines {range} do not contain '{p}'", p);
                }
            }
            var catalogItems = row.List("catalog");
            foreach (var c in catalogItems.Where(c => !catalog.Contains(c)))
            {
                row.Error("catalog", "unknown_industry", $"“33618”产业目录中没有“{c}”", $"'{c}' is not in the 33618 catalog", c);
            }
            if (chain.Length > 0 && key.Length > 0 && nodes.ContainsKey((chain, key)))
            {
                row.Error("node", "duplicate_node", $"环节“{key}”在产业链“{chain}”中重复", $"node '{key}' appears twice in chain '{chain}'", key);
                continue;
            }
            if (chain.Length == 0 || key.Length == 0 || name.Length == 0 || stage is null || source is null) continue;
            nodes[(chain, key)] = new ChainNodeSeed(chain, key, row.Get("segment"), stage, name, products,
                productSource is null ? null : new LineRange(productSource.FromLine!.Value, productSource.ToLine!.Value), catalogItems,
                nodes.Count(n => n.Key.Item1 == chain) + 1, row.Get("quality"), row.Get("note"), source, []);
        }
        var edges = new List<ChainEdgeSeed>();
        foreach (var row in edgeRows)
        {
            var chain = row.Required("chain");
            var from = row.Required("from");
            var to = row.Required("to");
            var basis = row.Required("basis");
            foreach (var (field, key) in new[] { ("from", from), ("to", to) }.Where(x => x.Item2.Length > 0 && !nodes.ContainsKey((chain, x.Item2))))
            {
                row.Error(field, "unknown_node", $"产业链“{chain}”没有环节“{key}”", $"chain '{chain}' has no node '{key}'", key);
            }
            var source = DocumentSource(row, documentId);
            if (chain.Length == 0 || !nodes.ContainsKey((chain, from)) || !nodes.ContainsKey((chain, to)) || basis.Length == 0 || source is null) continue;
            edges.Add(new ChainEdgeSeed(chain, from, to, basis, row.Get("note"), source));
        }
        var members = new List<ChainMemberSeed>();
        foreach (var row in memberRows)
        {
            var chain = row.Required("chain");
            var node = row.Required("node");
            var member = row.Required("member");
            var kind = row.OneOf("kind", MemberKinds);
            if (row.Get("kind") is null) row.Error("kind", "required", "必填字段为空：类型", "required field is empty: kind");
            var location = row.OneOf("location", ChainLocations.All);
            if (kind == "enterprise" && row.Get("location") is null)
            {
                row.Error("location", "required", "必填字段为空：所在地（本单元、市内其他区县、市外或未说明）", "required field is empty: location");
            }
            if (node.Length > 0 && !nodes.ContainsKey((chain, node)))
            {
                row.Error("node", "unknown_node", $"产业链“{chain}”没有环节“{node}”", $"chain '{chain}' has no node '{node}'", node);
            }
            var registryName = CheckRegistry(row, "registry", registry);
            var source = CheckedSource(row, documentId, member);
            if (member.Length == 0 || kind is null || !nodes.ContainsKey((chain, node)) || source is null) continue;
            members.Add(new ChainMemberSeed(chain, node, member, kind, location, row.Get("location_basis"), registryName,
                members.Count(m => m.Chain == chain && m.Node == node) + 1, row.Get("quality"), row.Get("note"), source));
        }
        foreach (var (_, head) in heads)
        {
            var chainNodes = nodes.Values.Where(n => n.Chain == head.Key).OrderBy(n => n.Position)
                .Select(n => n with { Members = members.Where(m => m.Chain == head.Key && m.Node == n.Key).ToList() }).ToList();
            yield return head with { Nodes = chainNodes, Edges = edges.Where(e => e.Chain == head.Key).ToList() };
        }
    }
}
