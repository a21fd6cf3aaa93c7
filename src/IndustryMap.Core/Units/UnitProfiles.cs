using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Storage;
using IndustryMap.Writing;

namespace IndustryMap.Units;

/// <summary>What a unit officer keeps about their own unit. <see cref="Version"/> 0 means nothing was entered yet.</summary>
public sealed class UnitProfile
{
    public string Unit { get; set; } = "";
    public string? ContactPerson { get; set; }
    public string? Phone { get; set; }
    public string? Description { get; set; }
    public long Version { get; set; }
    public string? EnteredBy { get; set; }
    public string? EnteredAt { get; set; }
}

public sealed record UnitProfileInput(string? ContactPerson, string? Phone, string? Description);

/// <summary>Field limits of a unit profile (pure).</summary>
public static partial class UnitProfileRules
{
    public const int MaxContactPerson = 50;
    public const int MaxPhone = 30;
    public const int MaxDescription = 500;

    [GeneratedRegex(@"^[0-9０-９+()（）\-\s转,，、;；ext.]*$", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneCharacters();

    public static IReadOnlyList<Refusal> Check(UnitProfileInput input)
    {
        var errors = new List<Refusal?>
        {
            FieldRules.Text("contactPerson", "联系人", input.ContactPerson, MaxContactPerson),
            FieldRules.Text("phone", "联系电话", input.Phone, MaxPhone),
            FieldRules.Text("description", "简介", input.Description, MaxDescription, multiline: true),
        };
        if (errors[1] is null && input.Phone is { } phone && !PhoneCharacters().IsMatch(phone))
        {
            errors[1] = Refusal.OfField("phone", "invalid_phone", "联系电话只能包含数字、空格、+ - ( ) 和“转”", "a phone number may contain digits, spaces, + - ( ) and 转/ext only");
        }
        return errors.OfType<Refusal>().ToList();
    }
}

/// <summary>
/// Unit profiles with optimistic concurrency: every save names the version it was based on; when someone else
/// saved in between, the save is refused with a conflict that names the record, who changed it and when, and
/// nothing is overwritten.
/// </summary>
public static class UnitProfiles
{
    private const string Select =
        """
        SELECT u.name AS unit, p.contact_person, p.phone, p.description, COALESCE(p.version, 0) AS version, p.entered_by, p.entered_at
        FROM units u LEFT JOIN unit_profiles p ON p.unit_id = u.id
        WHERE u.id = @UnitId
        """;

    public static async Task<UnitProfile?> GetAsync(Database database, string unitNameOrAlias)
    {
        var unit = await UnitQueries.FindAsync(database, unitNameOrAlias);
        if (unit is null) return null;
        await using var connection = await database.OpenAsync();
        return await connection.QueryFirstAsync<UnitProfile>(Select, new { UnitId = unit.Id });
    }

    public static async Task<UnitProfile> SaveAsync(Database database, Actor actor, string unitNameOrAlias, UnitProfileInput input, long expectedVersion)
    {
        FieldRules.ThrowIfAny(UnitProfileRules.Check(input));
        var unit = await UnitQueries.FindAsync(database, unitNameOrAlias)
                   ?? throw RefusedException.NotFound("unit_not_found", $"没有名为“{unitNameOrAlias}”的规划单元", $"no planning unit '{unitNameOrAlias}'");
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            await database.Dialect.LockAsync(connection, transaction, $"unit_profiles:{unit.Id}");
            var before = await connection.QueryFirstAsync<UnitProfile>(Select, new { UnitId = unit.Id }, transaction);
            if (before.Version != expectedVersion)
            {
                throw Conflict(unit.Name, before, expectedVersion);
            }
            var values = new
            {
                UnitId = unit.Id, ContactPerson = FieldRules.Clean(input.ContactPerson), Phone = FieldRules.Clean(input.Phone),
                Description = FieldRules.Clean(input.Description), Expected = expectedVersion, By = actor.Name, At = database.UtcStamp(),
            };
            // The version condition is in the statement itself, so even without the lock a stale edit changes no row.
            var changed = expectedVersion == 0
                ? await connection.ExecuteAsync(
                    """
                    INSERT INTO unit_profiles (unit_id, contact_person, phone, description, version, entered_by, entered_at)
                    VALUES (@UnitId, @ContactPerson, @Phone, @Description, 1, @By, @At) ON CONFLICT (unit_id) DO NOTHING
                    """, values, transaction)
                : await connection.ExecuteAsync(
                    """
                    UPDATE unit_profiles SET contact_person = @ContactPerson, phone = @Phone, description = @Description,
                        version = version + 1, entered_by = @By, entered_at = @At
                    WHERE unit_id = @UnitId AND version = @Expected
                    """, values, transaction);
            if (changed == 0)
            {
                throw Conflict(unit.Name, await connection.QueryFirstAsync<UnitProfile>(Select, new { UnitId = unit.Id }, transaction), expectedVersion);
            }
            var after = await connection.QueryFirstAsync<UnitProfile>(Select, new { UnitId = unit.Id }, transaction);
            await AuditLog.AppendAsync(connection, transaction, database, actor, "unit.profile.update", "unit_profiles", unit.Name,
                before.Version == 0 ? null : before, after);
            return after;
        });
    }

    private static RefusedException Conflict(string unit, UnitProfile current, long expected) => RefusedException.Conflict("edit_conflict",
        $"“{unit}”的单元资料已被 {current.EnteredBy} 于 {current.EnteredAt} 修改（现为第 {current.Version} 版，您的修改基于第 {expected} 版），未保存您的修改；请刷新后重新编辑",
        string.Create(CultureInfo.InvariantCulture,
            $"the unit profile of {unit} was changed by {current.EnteredBy} at {current.EnteredAt} (now version {current.Version}; your edit was based on version {expected}); nothing was saved: reload and edit again"),
        new Dictionary<string, object?>
        {
            ["record"] = $"unit_profiles/{unit}", ["currentVersion"] = current.Version, ["changedBy"] = current.EnteredBy, ["changedAt"] = current.EnteredAt,
        });
}
