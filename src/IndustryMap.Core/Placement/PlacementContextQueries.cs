using Dapper;
using IndustryMap.Pipeline;
using IndustryMap.Storage;

namespace IndustryMap.Placement;

/// <summary>What a placement reads from the first-contact register and the pipeline, in two queries.</summary>
public static class PlacementContextQueries
{
    public static async Task<PlacementContext> LoadAsync(Database database, int year, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var contacts = (await connection.QueryAsync<(string InvestorKey, long Seq, string Unit, string Project, string RecordedAt)>(
                "SELECT investor_key, seq, unit, project, recorded_at FROM first_contacts ORDER BY seq"))
            .GroupBy(c => c.InvestorKey)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<FirstContactHint>)g.Select(c => new FirstContactHint(c.Seq, c.Unit, c.Project, c.RecordedAt)).ToList(),
                StringComparer.Ordinal);
        // Investment that started (reached construction) this year, per unit: the 渝西 floor of seed 001 L544-546.
        var started = (await connection.QueryAsync<StartRow>(
                """
                SELECT u.name AS unit, p.amount_yi, MIN(e.stage_on) AS started_on
                FROM pipeline_projects p JOIN units u ON u.id = p.unit_id JOIN pipeline_stage_events e ON e.project_id = p.id
                WHERE e.stage IN ('construction', 'production')
                GROUP BY p.id, u.name, p.amount_yi
                """))
            .Where(r => r.StartedOn.StartsWith(year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
            .GroupBy(r => r.Unit)
            .ToDictionary(g => (g.Key, year), g => Decimals.Normalize(g.Sum(r => r.AmountYi ?? 0m)));
        var yearText = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var holdsYear = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM pipeline_stage_events WHERE stage_on >= @from AND stage_on < @to",
            new { from = yearText + "-01-01", to = (year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-01-01" },
            cancellationToken: cancellationToken)) > 0;
        return new PlacementContext(contacts, started, year) { PipelineHoldsYear = holdsYear };
    }

    private sealed class StartRow
    {
        public string Unit { get; set; } = "";
        public decimal? AmountYi { get; set; }
        public string StartedOn { get; set; } = "";
    }
}
