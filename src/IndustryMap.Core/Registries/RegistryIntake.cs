using System.Data.Common;
using System.Globalization;
using Dapper;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Intake;
using IndustryMap.Storage;

namespace IndustryMap.Registries;

/// <summary>
/// Parks and projects accepted from an uploaded plan's tables (issue 16 §3, decision 0027): one row of the registry,
/// inside the reviewer's transaction, with the plan's document and lines, the reviewer and the time, the figures as
/// printed and normalised, and the plan's unit when the plan is a unit's. Audited as registry.park.add / registry.project.add.
/// </summary>
public static class RegistryIntake
{
    public static async Task<long> AddAsync(DbConnection connection, DbTransaction transaction, Database database, Actor actor, string kind, ProjectProposal p,
        string document, string? unitName, bool edited = false)
    {
        // The reviewer's edits are theirs: the note says so, entered_by names them either way.
        var note = edited ? "accepted from an uploaded plan with the reviewer's edits" : "accepted from an uploaded plan";
        var unitId = unitName is null ? null
            : await connection.ExecuteScalarAsync<long?>("SELECT id FROM units WHERE name = @unitName", new { unitName }, transaction);
        var at = database.UtcStamp();
        long id;
        if (kind == "park")
        {
            var position = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(position), 0) + 1 FROM parks", transaction: transaction);
            id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO parks (document_id, name, unit_id, planned_area, area_unit, area_mu, position, note, src_document, src_from, src_to, entered_by, entered_at)
                VALUES (@document, @Name, @unitId, @Land, @LandUnit, @LandMu, @position, @note, @document, @From, @To, @by, @at)
                RETURNING id
                """,
                new { document, p.Name, unitId, p.Land, p.LandUnit, p.LandMu, position, note, From = (long)p.From, To = (long)p.To, by = actor.Name, at }, transaction);
        }
        else
        {
            var position = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(position), 0) + 1 FROM projects WHERE library = @document", new { document }, transaction);
            id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO projects (document_id, library, name, unit_id, stage_printed, stage, investment, investment_unit, investment_yi, land, land_unit, land_mu,
                    period, position, note, src_document, src_from, src_to, entered_by, entered_at)
                VALUES (@document, @document, @Name, @unitId, @Stage, @stage, @Investment, @InvestmentUnit, @InvestmentYi, @Land, @LandUnit, @LandMu,
                    @Period, @position, @note, @document, @From, @To, @by, @at)
                RETURNING id
                """,
                new
                {
                    document, p.Name, unitId, p.Stage, stage = ProjectLifecycle.Map(p.Stage), p.Investment, p.InvestmentUnit, p.InvestmentYi, p.Land, p.LandUnit, p.LandMu,
                    p.Period, position, note, From = (long)p.From, To = (long)p.To, by = actor.Name, at,
                }, transaction);
        }
        await AuditLog.AppendAsync(connection, transaction, database, actor, kind == "park" ? "registry.park.add" : "registry.project.add", kind == "park" ? "parks" : "projects",
            id.ToString(CultureInfo.InvariantCulture), null, new { p.Name, p.Investment, p.InvestmentUnit, p.Land, p.LandUnit, p.Period, p.Stage, document, lines = $"{p.From}-{p.To}", unit = unitName, edited });
        return id;
    }
}
