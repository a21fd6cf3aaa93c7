using Dapper;
using IndustryMap.Catalog;
using IndustryMap.Provenance;
using IndustryMap.Storage;

namespace IndustryMap.Search;

/// <summary>Reads the industry vocabulary (table industry_vocabulary) with the 33618 catalog's names.</summary>
public static class VocabularyQueries
{
    private sealed class Row : ProvenanceRow
    {
        public string Term { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Target { get; set; } = "";
        public string Note { get; set; } = "";
    }

    public static async Task<IndustryVocabulary> LoadAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<Row>($"SELECT term, kind, target, note, {ProvenanceRow.Columns} FROM industry_vocabulary ORDER BY term, kind, target");
        var catalog = await connection.QueryAsync<string>("SELECT name FROM industries WHERE taxonomy_id = '33618'");
        return new IndustryVocabulary(rows.Select(r => new VocabularyEntry(r.Term, r.Kind, r.Target, r.Note, r.ToSource())), catalog);
    }
}
