using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using IndustryMap.Provenance;
using IndustryMap.Storage;

namespace IndustryMap.Plans;

/// <summary>A pair of spellings that state the same thing (seed-data/reference/equivalences.csv), with the curators' reason.</summary>
public sealed class EquivalenceRow : ProvenanceRow
{
    public string Kind { get; set; } = "";
    public string Term { get; set; } = "";
    public string Equivalent { get; set; } = "";
    public string Reason { get; set; } = "";
}

/// <summary>How two statements of one fact relate: the same value as printed, the same value restated, or different values.</summary>
public enum Sameness
{
    Identical,
    Restated,
    Different,
}

/// <summary>
/// Equivalent measure words and unit spellings, read from data (never special cases in code), closed under
/// transitivity: 户 = 个 and 家 = 个 make 户 = 家. Two statements of one fact are the same value when their units are
/// equal or equivalent and their values are equal, or one is the other rounded to its own printed precision
/// (797.14 printed as 797.1; 235.5 as 235) — issue 15, decision 0014.
/// </summary>
public sealed partial class Equivalences
{
    public static readonly Equivalences None = new([]);

    private readonly Dictionary<string, string> _root = new(StringComparer.Ordinal);

    public Equivalences(IReadOnlyList<EquivalenceRow> rows)
    {
        Rows = rows;
        foreach (var row in rows) Union(row.Term, row.Equivalent);
    }

    public IReadOnlyList<EquivalenceRow> Rows { get; }

    private string Find(string term)
    {
        while (_root.TryGetValue(term, out var parent) && parent != term) term = parent;
        return term;
    }

    private void Union(string a, string b)
    {
        var (ra, rb) = (Find(a), Find(b));
        if (ra != rb) _root[ra] = rb;
        _root.TryAdd(rb, rb);
    }

    /// <summary>Whether two units (or measure words) state the same measure.</summary>
    public bool SameUnit(string? a, string? b) => a == b || (a is not null && b is not null && Find(a) == Find(b));

    /// <summary>The rows that justify treating <paramref name="a"/> as <paramref name="b"/> (empty when they are equal).</summary>
    public IReadOnlyList<EquivalenceRow> Reasons(string? a, string? b)
    {
        if (a == b || a is null || b is null || !SameUnit(a, b)) return [];
        var direct = Rows.Where(r => (r.Term == a && r.Equivalent == b) || (r.Term == b && r.Equivalent == a)).ToList();
        return direct.Count > 0 ? direct : Rows.Where(r => r.Term == a || r.Equivalent == a || r.Term == b || r.Equivalent == b).ToList();
    }

    /// <summary>
    /// Half a unit of the last digit with which <paramref name="printed"/> prints <paramref name="value"/>: "突破663亿元" → 0.5,
    /// "797.14" → 0.005, "176.0" → 0.05. Read from the printed words, not from the stored number (whose scale the engines
    /// keep differently); when the number is not found in the words, the value's own digits count.
    /// </summary>
    public static decimal PrintedHalfUnit(decimal value, string? printed)
    {
        int decimals = Decimals.Normalize(value).Scale;
        foreach (Match m in Number().Matches(printed ?? ""))
        {
            if (decimal.TryParse(m.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) && n == value)
            {
                var dot = m.Value.IndexOf('.', StringComparison.Ordinal);
                decimals = dot < 0 ? 0 : m.Value.Length - dot - 1;
                break;
            }
        }
        return 0.5m / (decimal)Math.Pow(10, decimals);
    }

    [GeneratedRegex(@"\d+(?:\.\d+)?")]
    private static partial Regex Number();

    /// <summary>Compares two statements of one fact (same indicator, scope, year and period).</summary>
    public Sameness Compare(TargetRow a, TargetRow b)
    {
        var (ca, cb) = (a.Comparable, b.Comparable);
        if (ca == cb) return a.Unit == b.Unit ? Sameness.Identical : Sameness.Restated;
        if (!SameUnit(ca.Unit, cb.Unit)) return Sameness.Different;
        if (ca.High != cb.High) return Sameness.Different;
        if (ca.Low == cb.Low) return Sameness.Restated;
        // Rounding: the less precise statement is the other one rounded to its own printed precision.
        var coarse = Tolerance(a) >= Tolerance(b) ? a : b;
        return Math.Abs(ca.Low - cb.Low) <= Tolerance(coarse) ? Sameness.Restated : Sameness.Different;
    }

    /// <summary>Half a unit of the last printed digit, in the comparable unit (1.4 万亿元 → 500 亿元).</summary>
    private static decimal Tolerance(TargetRow t) =>
        t.Value == 0 ? PrintedHalfUnit(t.Value, t.Printed) : PrintedHalfUnit(t.Value, t.Printed) * Math.Abs(t.Comparable.Low / t.Value);

    public static async Task<Equivalences> LoadAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        return new Equivalences((await connection.QueryAsync<EquivalenceRow>(
            "SELECT kind, term, equivalent, reason, src_document, src_from, src_to, src_url, entered_by, entered_at FROM equivalences ORDER BY id")).ToList());
    }

    public override string ToString() => string.Join("; ", Rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Term}={r.Equivalent}")));
}
