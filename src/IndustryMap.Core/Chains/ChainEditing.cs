using System.Globalization;
using Dapper;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Storage;
using IndustryMap.Writing;

namespace IndustryMap.Chains;

/// <summary>The editable head of a chain: its 链长 (a role or a person's office) and 链主 enterprise, and a note; based on <see cref="Version"/>.</summary>
public sealed record ChainHeadEdit(long? Version, string? AdminLeader, string? EnterpriseLeader, string? Note);

/// <summary>
/// Edits to a chain (issue 12 §6). Who may edit is the endpoint's rule (the unit officer of the chain's unit, or the
/// administrator); here: the chain must belong to the unit of the route, the version must be current (optimistic
/// concurrency, 409 otherwise), and the change and its audit entry are written in one transaction. An edited chain
/// carries who and when (entered_by/entered_at) and is left alone by later seed imports.
/// </summary>
public static class ChainEditing
{
    public static async Task<Chain> UpdateHeadAsync(Database database, Actor actor, string unit, string key, ChainHeadEdit edit)
    {
        FieldRules.ThrowIfAny([
            FieldRules.Text("adminLeader", "行政链长", edit.AdminLeader, 100),
            FieldRules.Text("enterpriseLeader", "链主企业", edit.EnterpriseLeader, 100),
            FieldRules.Text("note", "说明", edit.Note, 2000, multiline: true),
        ]);
        if (edit.Version is null)
        {
            throw RefusedException.Invalid("version_required", "请提供所修改的版本号（version）", "the version you edited is required");
        }
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var before = (await ChainQueries.LoadAsync(connection, null, key, transaction)).SingleOrDefault();
            if (before is null || before.Unit != unit)
            {
                throw RefusedException.NotFound("chain_not_found", $"{unit}没有产业链“{key}”", $"unit {unit} has no chain '{key}'");
            }
            if (edit.Version != before.Version)
            {
                throw RefusedException.Conflict("version_conflict",
                    $"产业链“{before.Name}”已被修改（当前版本 {before.Version}，您修改的是版本 {edit.Version}）：请刷新后重试",
                    $"chain '{key}' was changed meanwhile (version {before.Version}, you edited {edit.Version})",
                    new Dictionary<string, object?> { ["version"] = before.Version });
            }
            var now = database.UtcStamp();
            var updated = await connection.ExecuteAsync(
                """
                UPDATE chains SET admin_leader = @AdminLeader, enterprise_leader = @EnterpriseLeader, enterprise_leader_basis = @Basis, note = @Note,
                    version = version + 1, entered_by = @Actor, entered_at = @Now
                WHERE id = @Id AND version = @Version
                """,
                new
                {
                    AdminLeader = FieldRules.Clean(edit.AdminLeader), EnterpriseLeader = FieldRules.Clean(edit.EnterpriseLeader),
                    Basis = FieldRules.Clean(edit.EnterpriseLeader) == before.EnterpriseLeader ? before.EnterpriseLeaderBasis : "entered",
                    Note = FieldRules.Clean(edit.Note), Actor = actor.Name, Now = now, before.Id, Version = before.Version,
                }, transaction);
            if (updated != 1) throw RefusedException.Conflict("version_conflict", $"产业链“{before.Name}”同时被他人修改：请刷新后重试", $"chain '{key}' changed meanwhile");
            var after = (await ChainQueries.LoadAsync(connection, null, key, transaction)).Single();
            await AuditLog.AppendAsync(connection, transaction, database, actor, "chain.update", "chains", key,
                Audited(before), Audited(after));
            return after;
        });
    }

    private static object Audited(Chain c) => new
    {
        c.Key, c.AdminLeader, c.EnterpriseLeader, c.EnterpriseLeaderBasis, c.Note, Version = c.Version.ToString(CultureInfo.InvariantCulture),
    };
}
