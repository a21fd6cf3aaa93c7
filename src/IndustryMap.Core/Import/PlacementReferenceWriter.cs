using System.Data.Common;
using Dapper;
using IndustryMap.Provenance;

namespace IndustryMap.Import;

/// <summary>
/// Writes the placement reference lists inside the importer's transaction. Both lists are curated seed data: they are
/// replaced on every import (rows people entered by hand, with another entered_by, stay).
/// </summary>
internal sealed class PlacementReferenceWriter(DbConnection connection, DbTransaction transaction)
{
    public async Task WriteAsync(PlacementReference data, IReadOnlyDictionary<(string, string), long> industries, Source curation)
    {
        await connection.ExecuteAsync("DELETE FROM industry_keywords WHERE entered_by IS NULL OR entered_by = @Curator",
            new { Curator = curation.EnteredBy }, transaction);
        await connection.ExecuteAsync("DELETE FROM restricted_products WHERE entered_by IS NULL OR entered_by = @Curator",
            new { Curator = curation.EnteredBy }, transaction);
        await Storage.BulkInsert.RowsAsync(connection, transaction, "industry_keywords",
            ["industry_id", "keyword", "weight", "position", "note", "src_document", "src_from", "src_to", "src_url", "entered_by", "entered_at"],
            data.Keywords.Select(k => new object?[]
            {
                industries[(SeedReader.CatalogTaxonomy, k.Industry)], k.Keyword, k.Weight, (long)k.Position, k.Note,
                k.Source.Document, (long?)k.Source.FromLine, (long?)k.Source.ToLine, k.Source.Url, k.Source.EnteredBy, k.Source.EnteredAt,
            }));
        await Storage.BulkInsert.RowsAsync(connection, transaction, "restricted_products",
            ["keyword", "product", "category", "catalogue", "item", "position", "note", "src_document", "src_from", "src_to", "src_url", "entered_by", "entered_at"],
            data.RestrictedProducts.Select(r => new object?[]
            {
                r.Keyword, r.Product, r.Category, r.Catalogue, r.Item, (long)r.Position, r.Note,
                r.Source.Document, (long?)r.Source.FromLine, (long?)r.Source.ToLine, r.Source.Url, r.Source.EnteredBy, r.Source.EnteredAt,
            }));
    }
}
