using System.Data;
using System.Globalization;
using Dapper;

namespace IndustryMap.Storage;

/// <summary>
/// Exact numbers are TEXT on SQLite and NUMERIC on PostgreSQL (decision 0001). Reading either into a C# decimal goes
/// through here, parsing text with the invariant culture, so no value ever passes through a float.
/// </summary>
public sealed class DecimalHandler : SqlMapper.TypeHandler<decimal>
{
    public override decimal Parse(object value) => value switch
    {
        decimal d => d,
        string s => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
        long l => l,
        int i => i,
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

    public override void SetValue(IDbDataParameter parameter, decimal value)
    {
        parameter.DbType = DbType.Decimal;
        parameter.Value = value;
    }
}

public static class Decimals
{
    /// <summary>The same number without trailing zeros (4.00 → 4), so both engines show it alike.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    public static decimal? Normalize(decimal? value) => value is { } v ? Normalize(v) : null;

    public static string? Text(decimal? value) => value is { } v ? Normalize(v).ToString(CultureInfo.InvariantCulture) : null;
}
