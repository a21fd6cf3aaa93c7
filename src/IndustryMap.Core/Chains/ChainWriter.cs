using System.Data.Common;
using Dapper;
using IndustryMap.Provenance;
using IndustryMap.Storage;

namespace IndustryMap.Chains;

/// <summary>
/// Writes the chain seed data inside the importer's transaction. Seed chains (entered_by empty or the curators) are
/// replaced on every import, addressed by their key; chains people entered stay.
/// </summary>
public sealed class ChainWriter(DbConnection connection, DbTransaction transaction)
{
    private const string SeedRows = "(entered_by IS NULL OR entered_by = @Curator)";

    public async Task WriteAsync(ChainData data, IReadOnlyDictionary<string, long> units, Source curation)
    {
        var curator = new { Curator = curation.EnteredBy };
        await Execute($"DELETE FROM chain_edges WHERE chain_id IN (SELECT id FROM chains WHERE {SeedRows})", curator);
        await Execute($"DELETE FROM chain_members WHERE node_id IN (SELECT id FROM chain_nodes WHERE chain_id IN (SELECT id FROM chains WHERE {SeedRows}))", curator);
        await Execute($"DELETE FROM chain_nodes WHERE chain_id IN (SELECT id FROM chains WHERE {SeedRows})", curator);
        await Execute($"DELETE FROM chains WHERE {SeedRows}", curator);
        await Execute($"DELETE FROM chain_collections WHERE {SeedRows}", curator);
        await Execute($"DELETE FROM chain_localisation WHERE {SeedRows}", curator);
        await BulkInsert.RowsAsync(connection, transaction, "chain_collections",
            ["key", "document_id", "title", "declared", "quality", "note", "src_document", "src_from", "src_to", "src_url", "entered_by", "entered_at"],
            data.Collections.Select(c => Row( c.Key, c.DocumentId, c.Title, (long?)c.Declared, c.Quality, c.Note, Prov(c.Source))));
        await BulkInsert.RowsAsync(connection, transaction, "chain_localisation",
            ["document_id", "field", "enterprise", "registry_name", "suppliers", "local_suppliers", "share", "table_from", "table_to", "position", "quality", "note",
             "src_document", "src_from", "src_to", "src_url", "entered_by", "entered_at"],
            data.Localisation.Select(l => Row(
                l.DocumentId, l.Field, l.Enterprise, l.Registry, (long?)l.Suppliers, (long?)l.LocalSuppliers, l.Share, (long?)l.TableLines?.From,
                (long?)l.TableLines?.To, (long)l.Position, l.Quality, l.Note, Prov(l.Source))));
        // A chain people edited (entered_by someone else) is theirs now: the import leaves it, nodes and all, alone.
        var kept = (await connection.QueryAsync<string>("SELECT key FROM chains", transaction: transaction)).ToHashSet(StringComparer.Ordinal);
        foreach (var c in data.Chains.Where(c => !kept.Contains(c.Key)))
        {
            var chainId = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO chains (key, collection_key, document_id, name, printed_title, scope_kind, unit_id, industries, admin_leader, enterprise_leader,
                    enterprise_leader_basis, local_printed, local_printed_from, local_printed_to, position, quality, note, version,
                    src_document, src_from, src_to, src_url, entered_by, entered_at)
                VALUES (@Key, @Collection, @DocumentId, @Name, @PrintedTitle, @ScopeKind, @UnitId, @Industries, @AdminLeader, @EnterpriseLeader,
                    @EnterpriseLeaderBasis, @LocalPrinted, @LocalFrom, @LocalTo, @Position, @Quality, @Note, 1,
                    @SrcDocument, @SrcFrom, @SrcTo, @SrcUrl, @EnteredBy, @EnteredAt)
                RETURNING id
                """,
                new
                {
                    c.Key, c.Collection, c.DocumentId, c.Name, c.PrintedTitle, c.ScopeKind, UnitId = c.Unit is null ? (long?)null : units[c.Unit],
                    Industries = c.Industries.Count == 0 ? null : string.Join('|', c.Industries), c.AdminLeader, c.EnterpriseLeader, c.EnterpriseLeaderBasis,
                    LocalPrinted = (long?)c.LocalPrinted, LocalFrom = (long?)c.LocalPrintedLines?.From, LocalTo = (long?)c.LocalPrintedLines?.To,
                    Position = (long)c.Position, c.Quality, c.Note, SrcDocument = c.Source.Document, SrcFrom = (long?)c.Source.FromLine,
                    SrcTo = (long?)c.Source.ToLine, SrcUrl = c.Source.Url, c.Source.EnteredBy, c.Source.EnteredAt,
                }, transaction);
            var nodeIds = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var n in c.Nodes)
            {
                nodeIds[n.Key] = await connection.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO chain_nodes (chain_id, key, segment, stage, name, products, product_from, product_to, catalog, position, quality, note,
                        src_document, src_from, src_to, src_url, entered_by, entered_at)
                    VALUES (@ChainId, @Key, @Segment, @Stage, @Name, @Products, @ProductFrom, @ProductTo, @Catalog, @Position, @Quality, @Note,
                        @SrcDocument, @SrcFrom, @SrcTo, @SrcUrl, @EnteredBy, @EnteredAt)
                    RETURNING id
                    """,
                    new
                    {
                        ChainId = chainId, n.Key, n.Segment, n.Stage, n.Name, Products = n.Products.Count == 0 ? null : string.Join('|', n.Products),
                        ProductFrom = (long?)n.ProductLines?.From, ProductTo = (long?)n.ProductLines?.To,
                        Catalog = n.Catalog.Count == 0 ? null : string.Join('|', n.Catalog), Position = (long)n.Position, n.Quality, n.Note,
                        SrcDocument = n.Source.Document, SrcFrom = (long?)n.Source.FromLine, SrcTo = (long?)n.Source.ToLine, SrcUrl = n.Source.Url,
                        n.Source.EnteredBy, n.Source.EnteredAt,
                    }, transaction);
                await BulkInsert.RowsAsync(connection, transaction, "chain_members",
                    ["node_id", "name", "kind", "location", "location_basis", "registry_name", "position", "quality", "note",
                     "src_document", "src_from", "src_to", "src_url", "entered_by", "entered_at"],
                    n.Members.Select(m => Row(
                        nodeIds[n.Key], m.Name, m.Kind, m.Location, m.LocationBasis, m.Registry, (long)m.Position, m.Quality, m.Note, Prov(m.Source))));
            }
            await BulkInsert.RowsAsync(connection, transaction, "chain_edges",
                ["chain_id", "from_node_id", "to_node_id", "basis", "note", "src_document", "src_from", "src_to", "src_url", "entered_by", "entered_at"],
                c.Edges.Select(e => Row( chainId, nodeIds[e.From], nodeIds[e.To], e.Basis, e.Note, Prov(e.Source))));
        }
    }

    private static object?[] Prov(Source s) => [s.Document, (long?)s.FromLine, (long?)s.ToLine, s.Url, s.EnteredBy, s.EnteredAt];

    /// <summary>A row's values followed by its provenance columns.</summary>
    private static object?[] Row(params object?[] values) => [.. values[..^1], .. (object?[])values[^1]!];

    private Task<int> Execute(string sql, object parameters) => connection.ExecuteAsync(sql, parameters, transaction);
}
