using System.Data.Common;
using System.Globalization;
using Dapper;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Import;
using IndustryMap.Provenance;
using IndustryMap.Storage;
using IndustryMap.Writing;

namespace IndustryMap.Chains;

/// <summary>
/// Editing a chain's nodes, edges and members (issue 12 §6): through the API (PUT …/map, JSON) or by importing the .xlsx
/// template (a new chain, or a whole chain replaced). Everything is checked before anything is written
/// (<see cref="ChainDraftRules"/>), the version must be current, and the change and its audit entry are one transaction.
/// Rows sent back unchanged keep their document and lines; new or changed rows carry who entered them and when. The
/// chain becomes the editor's (entered_by), so later seed imports leave it alone.
/// </summary>
public static class ChainMapEditing
{
    public const string EnteredBasis = "entered";

    public static async Task<Chain> ReplaceMapAsync(Database database, Actor actor, string unit, string key, ChainMapEdit edit)
    {
        if (edit.Version is null) throw RefusedException.Invalid("version_required", "请提供所修改的版本号（version）", "the version you edited is required");
        var (catalog, registry) = await LookupsAsync(database);
        ChainDraftRules.ThrowIfAny(ChainDraftRules.CheckMap(edit, catalog, registry, ChainDraftRules.Places.Json));
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var before = await CurrentAsync(connection, transaction, unit, key, edit.Version);
            var now = database.UtcStamp();
            await WriteMapAsync(connection, transaction, before.Id, before, edit, actor, now);
            await Touch(connection, transaction, before, actor, now);
            var after = (await ChainQueries.LoadAsync(connection, null, key, transaction)).Single();
            await AuditLog.AppendAsync(connection, transaction, database, actor, "chain.map", "chains", key, Audited(before), Audited(after));
            return after;
        });
    }

    /// <summary>
    /// A chain from the import template: created in <paramref name="unit"/> when its id is new, otherwise its head and map
    /// replaced (the workbook's 版本 must be the current version). Returns the chain and whether it was created.
    /// </summary>
    public static async Task<(Chain Chain, bool Created)> ImportAsync(Database database, Actor actor, string unit, ChainDraft draft,
        ChainDraftRules.Places at)
    {
        var (catalog, registry) = await LookupsAsync(database);
        var problems = draft.ReadProblems.ToList();
        problems.AddRange(ChainDraftRules.CheckHead(draft, unit, catalog, at));
        problems.AddRange(ChainDraftRules.CheckMap(draft.Map, catalog, registry, at));
        ChainDraftRules.ThrowIfAny(problems);
        var key = draft.Key!.Trim();
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var existing = (await ChainQueries.LoadAsync(connection, null, key, transaction)).SingleOrDefault();
            var now = database.UtcStamp();
            var head = new
            {
                Name = draft.Name!.Trim(), Industries = draft.Industries.Count == 0 ? null : string.Join('|', draft.Industries),
                AdminLeader = FieldRules.Clean(draft.AdminLeader), EnterpriseLeader = FieldRules.Clean(draft.EnterpriseLeader), Note = FieldRules.Clean(draft.Note),
            };
            long chainId;
            if (existing is not null)
            {
                if (existing.Unit != unit)
                {
                    throw RefusedException.Conflict("chain_in_other_unit",
                        $"文件“{at.File}”工作表“{at.Head}”第 {draft.Row} 行“编号”：产业链“{key}”属于{existing.Unit ?? "全市"}，不能在{unit}导入",
                        $"chain '{key}' belongs to {existing.Unit ?? "the city"}, not to {unit}");
                }
                if (draft.Version is null)
                {
                    throw RefusedException.Invalid("version_required",
                        $"文件“{at.File}”工作表“{at.Head}”第 {draft.Row} 行“版本”：产业链“{key}”已存在，请填写所修改的版本号（下载模板时已填好）",
                        $"chain '{key}' exists: the workbook must name the version it edits");
                }
                await CurrentAsync(connection, transaction, unit, key, draft.Version);
                chainId = existing.Id;
                await connection.ExecuteAsync(
                    """
                    UPDATE chains SET name = @Name, industries = @Industries, admin_leader = @AdminLeader, enterprise_leader = @EnterpriseLeader,
                        enterprise_leader_basis = CASE WHEN enterprise_leader = @EnterpriseLeader THEN enterprise_leader_basis ELSE @Entered END, note = @Note
                    WHERE id = @Id
                    """, new { head.Name, head.Industries, head.AdminLeader, head.EnterpriseLeader, Entered = EnteredBasis, head.Note, Id = chainId }, transaction);
            }
            else
            {
                var unitId = await connection.ExecuteScalarAsync<long?>("SELECT id FROM units WHERE name = @unit", new { unit }, transaction)
                             ?? throw RefusedException.NotFound("unit_not_found", $"没有规划单元“{unit}”", $"no planning unit '{unit}'");
                var position = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(position), 0) + 1 FROM chains", transaction: transaction);
                chainId = await connection.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO chains (key, name, scope_kind, unit_id, industries, admin_leader, enterprise_leader, enterprise_leader_basis, position, note, version,
                        entered_by, entered_at)
                    VALUES (@Key, @Name, 'unit', @UnitId, @Industries, @AdminLeader, @EnterpriseLeader, @Basis, @Position, @Note, 1, @Actor, @Now)
                    RETURNING id
                    """,
                    new
                    {
                        Key = key, head.Name, UnitId = unitId, head.Industries, head.AdminLeader, head.EnterpriseLeader,
                        Basis = head.EnterpriseLeader is null ? null : EnteredBasis, Position = position, head.Note, Actor = actor.Name, Now = now,
                    }, transaction);
            }
            await WriteMapAsync(connection, transaction, chainId, existing, draft.Map, actor, now);
            if (existing is not null) await Touch(connection, transaction, existing, actor, now);
            var after = (await ChainQueries.LoadAsync(connection, null, key, transaction)).Single();
            await AuditLog.AppendAsync(connection, transaction, database, actor, existing is null ? "chain.create" : "chain.import", "chains", key,
                existing is null ? null : Audited(existing), Audited(after));
            return (after, existing is null);
        });
    }

    /// <summary>The 33618 catalog items and the enterprise registry's names, which drafts are checked against.</summary>
    public static async Task<(IReadOnlySet<string> Catalog, IReadOnlySet<string> Registry)> LookupsAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        var catalog = (await connection.QueryAsync<string>("SELECT name FROM industries WHERE taxonomy_id = @t", new { t = SeedReader.CatalogTaxonomy })).ToHashSet(StringComparer.Ordinal);
        var registry = (await connection.QueryAsync<string>("SELECT DISTINCT name FROM enterprises")).ToHashSet(StringComparer.Ordinal);
        return (catalog, registry);
    }

    private static async Task<Chain> CurrentAsync(DbConnection connection, DbTransaction transaction, string unit, string key, long? version)
    {
        var before = (await ChainQueries.LoadAsync(connection, null, key, transaction)).SingleOrDefault();
        if (before is null || before.Unit != unit)
        {
            throw RefusedException.NotFound("chain_not_found", $"{unit}没有产业链“{key}”", $"unit {unit} has no chain '{key}'");
        }
        if (version != before.Version)
        {
            throw RefusedException.Conflict("version_conflict",
                $"产业链“{before.Name}”已被修改（当前版本 {before.Version}，您修改的是版本 {version}）：请刷新（或重新下载模板）后重试",
                $"chain '{key}' was changed meanwhile (version {before.Version}, you edited {version})",
                new Dictionary<string, object?> { ["version"] = before.Version });
        }
        return before;
    }

    private static async Task Touch(DbConnection connection, DbTransaction transaction, Chain before, Actor actor, string now)
    {
        var updated = await connection.ExecuteAsync(
            "UPDATE chains SET version = version + 1, entered_by = @Actor, entered_at = @Now WHERE id = @Id AND version = @Version",
            new { Actor = actor.Name, Now = now, before.Id, before.Version }, transaction);
        if (updated != 1) throw RefusedException.Conflict("version_conflict", $"产业链“{before.Name}”同时被他人修改：请刷新后重试", $"chain '{before.Key}' changed meanwhile");
    }

    private static IReadOnlyList<string> List(IReadOnlyList<string>? values) =>
        (values ?? []).Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Replaces the chain's nodes, members and edges. Unchanged rows keep their source; the others are entered by the actor now.</summary>
    private static async Task WriteMapAsync(DbConnection connection, DbTransaction transaction, long chainId, Chain? before, ChainMapEdit map, Actor actor, string now)
    {
        var entered = new Source(EnteredBy: actor.Name, EnteredAt: now);
        var oldNodes = before?.Nodes.ToDictionary(n => n.Key, StringComparer.Ordinal) ?? new Dictionary<string, ChainNode>(StringComparer.Ordinal);
        await connection.ExecuteAsync("DELETE FROM chain_edges WHERE chain_id = @chainId", new { chainId }, transaction);
        await connection.ExecuteAsync("DELETE FROM chain_members WHERE node_id IN (SELECT id FROM chain_nodes WHERE chain_id = @chainId)", new { chainId }, transaction);
        await connection.ExecuteAsync("DELETE FROM chain_nodes WHERE chain_id = @chainId", new { chainId }, transaction);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        var nodes = map.Nodes ?? [];
        for (var i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            var key = n.Id!.Trim();
            var stage = ChainVocabulary.Code(ChainVocabulary.Stages, n.Stage)!;
            var products = List(n.Products);
            var catalog = List(n.Catalog);
            var old = oldNodes.GetValueOrDefault(key);
            var same = old is not null && old.Segment == FieldRules.Clean(n.Segment) && old.Stage == stage && old.Name == n.Name!.Trim() &&
                       old.Products.SequenceEqual(products) && old.Catalog.SequenceEqual(catalog) && old.Note == FieldRules.Clean(n.Note);
            var source = same ? old!.Source : entered;
            ids[key] = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO chain_nodes (chain_id, key, segment, stage, name, products, product_from, product_to, catalog, position, quality, note,
                    src_document, src_from, src_to, src_url, entered_by, entered_at)
                VALUES (@ChainId, @Key, @Segment, @Stage, @Name, @Products, @ProductFrom, @ProductTo, @Catalog, @Position, @Quality, @Note,
                    @SrcDocument, @SrcFrom, @SrcTo, @SrcUrl, @EnteredBy, @EnteredAt)
                RETURNING id
                """,
                new
                {
                    ChainId = chainId, Key = key, Segment = FieldRules.Clean(n.Segment), Stage = stage, Name = n.Name!.Trim(),
                    Products = products.Count == 0 ? null : string.Join('|', products),
                    ProductFrom = same ? (long?)old!.ProductSource?.FromLine : null, ProductTo = same ? (long?)old!.ProductSource?.ToLine : null,
                    Catalog = catalog.Count == 0 ? null : string.Join('|', catalog), Position = (long)(i + 1), Quality = same ? old!.Quality : null,
                    Note = FieldRules.Clean(n.Note), SrcDocument = source.Document, SrcFrom = (long?)source.FromLine, SrcTo = (long?)source.ToLine, SrcUrl = source.Url,
                    source.EnteredBy, source.EnteredAt,
                }, transaction);
            var members = n.Members ?? [];
            for (var j = 0; j < members.Count; j++)
            {
                var m = members[j];
                var name = m.Name!.Trim();
                var kind = ChainVocabulary.Code(ChainVocabulary.Kinds, m.Kind)!;
                var location = ChainVocabulary.Code(ChainVocabulary.Locations, m.Location);
                var oldMember = old?.Members.FirstOrDefault(x => x.Name == name);
                var sameMember = oldMember is not null && oldMember.Kind == kind && oldMember.Location == location && oldMember.Registry == FieldRules.Clean(m.Registry) &&
                                 oldMember.Note == FieldRules.Clean(m.Note);
                var memberSource = sameMember ? oldMember!.Source : entered;
                await connection.ExecuteAsync(
                    """
                    INSERT INTO chain_members (node_id, name, kind, location, location_basis, registry_name, position, quality, note,
                        src_document, src_from, src_to, src_url, entered_by, entered_at)
                    VALUES (@NodeId, @Name, @Kind, @Location, @LocationBasis, @Registry, @Position, @Quality, @Note,
                        @SrcDocument, @SrcFrom, @SrcTo, @SrcUrl, @EnteredBy, @EnteredAt)
                    """,
                    new
                    {
                        NodeId = ids[key], Name = name, Kind = kind, Location = location,
                        LocationBasis = sameMember ? oldMember!.LocationBasis : location is null ? null : EnteredBasis,
                        Registry = FieldRules.Clean(m.Registry), Position = (long)(j + 1), Quality = sameMember ? oldMember!.Quality : null, Note = FieldRules.Clean(m.Note),
                        SrcDocument = memberSource.Document, SrcFrom = (long?)memberSource.FromLine, SrcTo = (long?)memberSource.ToLine, SrcUrl = memberSource.Url,
                        memberSource.EnteredBy, memberSource.EnteredAt,
                    }, transaction);
            }
        }
        foreach (var e in map.Edges ?? [])
        {
            var from = e.From!.Trim();
            var to = e.To!.Trim();
            var old = before?.Edges.FirstOrDefault(x => x.From == from && x.To == to && x.Note == FieldRules.Clean(e.Note));
            var source = old?.Source ?? entered;
            await connection.ExecuteAsync(
                """
                INSERT INTO chain_edges (chain_id, from_node_id, to_node_id, basis, note, src_document, src_from, src_to, src_url, entered_by, entered_at)
                VALUES (@ChainId, @From, @To, @Basis, @Note, @SrcDocument, @SrcFrom, @SrcTo, @SrcUrl, @EnteredBy, @EnteredAt)
                """,
                new
                {
                    ChainId = chainId, From = ids[from], To = ids[to], Basis = old?.Basis ?? EnteredBasis, Note = FieldRules.Clean(e.Note),
                    SrcDocument = source.Document, SrcFrom = (long?)source.FromLine, SrcTo = (long?)source.ToLine, SrcUrl = source.Url, source.EnteredBy, source.EnteredAt,
                }, transaction);
        }
    }

    /// <summary>What the audit log keeps of a chain: its head, and every node with its members and every edge.</summary>
    private static object Audited(Chain c) => new
    {
        c.Key, c.Name, c.Industries, c.AdminLeader, c.EnterpriseLeader, c.Note, Version = c.Version.ToString(CultureInfo.InvariantCulture),
        Nodes = c.Nodes.Select(n => new
        {
            n.Key, n.Stage, n.Segment, n.Name, n.Products, n.Catalog, n.Note,
            Members = n.Members.Select(m => new { m.Name, m.Kind, m.Location, m.Registry, m.Note }).ToList(),
        }).ToList(),
        Edges = c.Edges.Select(e => new { e.From, e.To, e.Note }).ToList(),
    };
}
