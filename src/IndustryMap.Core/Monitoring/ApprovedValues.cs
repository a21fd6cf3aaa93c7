using System.Data.Common;
using Dapper;

namespace IndustryMap.Monitoring;

/// <summary>A counted value: approved (locked) by the city. Drafts, submitted-but-unreviewed and returned values never enter progress, rankings or bulletins.</summary>
public sealed record CountedValue(decimal Value, bool Demo, PeriodKey Period);

/// <summary>
/// The approved values that progress, the 赛马 and bulletins count, read with as few queries as a city-scale history
/// allows: the headers of the approved submissions once (unit, period), the values of a submission only when some
/// question needs them, in batches.
/// </summary>
public sealed class ApprovedValues
{
    private sealed record Header(long Id, long UnitId, PeriodKey Period);

    private readonly DbConnection _connection;
    private readonly bool _includeDemo;
    private readonly Dictionary<(long Unit, string Frequency), List<Header>> _byUnit = [];
    private readonly Dictionary<long, Dictionary<long, (decimal Value, bool Demo)>> _values = [];

    private ApprovedValues(DbConnection connection, bool includeDemo)
    {
        _connection = connection;
        _includeDemo = includeDemo;
    }

    /// <summary>The approved submissions of periods that ended on or before <paramref name="endsOnOrBefore"/> (an ISO date; null: all).</summary>
    public static async Task<ApprovedValues> LoadAsync(DbConnection connection, bool includeDemo, string? endsOnOrBefore, IReadOnlyCollection<long>? units = null)
    {
        var result = new ApprovedValues(connection, includeDemo);
        // Read with a plain reader: at city scale these are hundreds of thousands of rows, and only a few hundred distinct periods.
        var periods = (await connection.QueryAsync<(long Id, string Frequency, long Year, long Seq, string EndsOn)>(
                "SELECT id, frequency, year, seq, ends_on FROM reporting_periods"))
            .Where(p => endsOnOrBefore is null || string.CompareOrdinal(p.EndsOn, endsOnOrBefore) <= 0)
            .ToDictionary(p => p.Id, p => new PeriodKey(p.Frequency, (int)p.Year, (int)p.Seq));
        var wanted = units is null ? null : units as IReadOnlySet<long> ?? units.ToHashSet();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, unit_id, period_id FROM submissions WHERE state = 'approved'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var unit = reader.GetInt64(1);
                if (wanted is not null && !wanted.Contains(unit) || !periods.TryGetValue(reader.GetInt64(2), out var period)) continue;
                var key = (unit, period.Frequency);
                if (!result._byUnit.TryGetValue(key, out var list)) result._byUnit[key] = list = [];
                list.Add(new Header(reader.GetInt64(0), unit, period));
            }
        }
        foreach (var list in result._byUnit.Values) list.Sort((a, b) => b.Period.Ordinal.CompareTo(a.Period.Ordinal));
        return result;
    }

    /// <summary>The ordinals at which a unit has an approved submission of a frequency, latest first.</summary>
    public IEnumerable<long> Ordinals(long unit, string frequency) =>
        _byUnit.TryGetValue((unit, frequency), out var list) ? list.Select(h => h.Period.Ordinal) : [];

    /// <summary>Answers many "latest value at or before" questions at once: (unit, indicator, frequency, latest time allowed).</summary>
    public async Task<CountedValue?[]> LatestAsync(IReadOnlyList<(long Unit, long Indicator, string Frequency, decimal MaxTime)> questions)
    {
        var answers = new CountedValue?[questions.Count];
        var cursor = new int[questions.Count];
        var pending = Enumerable.Range(0, questions.Count).ToList();
        while (pending.Count > 0)
        {
            // Each pending question looks at its next candidate submission; the values of all of them are read in one batch.
            var next = new List<int>();
            var candidates = new Dictionary<int, Header>();
            foreach (var q in pending)
            {
                var (unit, _, frequency, maxTime) = questions[q];
                if (!_byUnit.TryGetValue((unit, frequency), out var list)) continue;
                var i = cursor[q];
                while (i < list.Count && list[i].Period.Time > maxTime) i++;
                if (i >= list.Count) continue;
                cursor[q] = i + 1;
                candidates[q] = list[i];
            }
            await EnsureAsync(candidates.Values.Select(h => h.Id));
            foreach (var (q, header) in candidates)
            {
                if (_values[header.Id].TryGetValue(questions[q].Indicator, out var v)) answers[q] = new CountedValue(v.Value, v.Demo, header.Period);
                else next.Add(q);
            }
            pending = next;
        }
        return answers;
    }

    /// <summary>The approved value of one unit and indicator in one period, if there is one.</summary>
    public async Task<CountedValue?> AtAsync(long unit, long indicator, PeriodKey period)
    {
        if (!_byUnit.TryGetValue((unit, period.Frequency), out var list)) return null;
        var header = list.FirstOrDefault(h => h.Period.Ordinal == period.Ordinal);
        if (header is null) return null;
        await EnsureAsync([header.Id]);
        return _values[header.Id].TryGetValue(indicator, out var v) ? new CountedValue(v.Value, v.Demo, header.Period) : null;
    }

    /// <summary>Reads, in batches, the values of the given units' submissions for the given periods (before many <see cref="AtAsync"/> calls).</summary>
    public Task EnsureAtAsync(IEnumerable<(long Unit, PeriodKey Period)> pairs) => EnsureAsync(pairs
        .Select(p => _byUnit.TryGetValue((p.Unit, p.Period.Frequency), out var list) ? list.FirstOrDefault(h => h.Period.Ordinal == p.Period.Ordinal) : null)
        .OfType<Header>().Select(h => h.Id));

    /// <summary>Reads the values of the submissions not read yet, a few hundred submissions per query.</summary>
    public async Task EnsureAsync(IEnumerable<long> submissionIds)
    {
        var missing = submissionIds.Where(id => !_values.ContainsKey(id)).Distinct().ToList();
        foreach (var chunk in missing.Chunk(500))
        {
            foreach (var id in chunk) _values[id] = [];
            await using var command = _connection.CreateCommand();
            var names = new string[chunk.Length];
            for (var i = 0; i < chunk.Length; i++)
            {
                var p = command.CreateParameter();
                p.ParameterName = "@s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                p.Value = chunk[i];
                command.Parameters.Add(p);
                names[i] = p.ParameterName;
            }
#pragma warning disable CA2100 // only parameter names are spliced in
            command.CommandText = $"SELECT submission_id, indicator_id, value, is_demo FROM submission_values WHERE value IS NOT NULL AND submission_id IN ({string.Join(",", names)})";
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var demo = reader.GetInt64(3) == 1;
                if (demo && !_includeDemo) continue;
                _values[reader.GetInt64(0)][reader.GetInt64(1)] = (ValueReader.Decimal(reader, 2)!.Value, demo);
            }
        }
    }

    /// <summary>Every approved value of one period (one query): unit → indicator → value. What a ranking reads.</summary>
    public static async Task<Dictionary<long, Dictionary<long, (decimal Value, bool Demo)>>> OfPeriodAsync(DbConnection connection, long periodId, bool includeDemo,
        IReadOnlyCollection<long>? indicators = null)
    {
        var result = new Dictionary<long, Dictionary<long, (decimal, bool)>>();
        var wanted = indicators?.ToHashSet();
        await using var command = connection.CreateCommand();
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@period";
        parameter.Value = periodId;
        command.Parameters.Add(parameter);
        // The indicator ids are numbers of the catalog, written into the statement; a period holds a row per unit and indicator.
        var only = wanted is null ? "" : " AND v.indicator_id IN (" + string.Join(",", wanted.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")";
#pragma warning disable CA2100 // only numbers are spliced in
        command.CommandText =
            """
            SELECT s.unit_id, v.indicator_id, v.value, v.is_demo FROM submissions s JOIN submission_values v ON v.submission_id = s.id
            WHERE s.period_id = @period AND s.state = 'approved' AND v.value IS NOT NULL
            """ + only;
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var indicator = reader.GetInt64(1);
            if (wanted is not null && !wanted.Contains(indicator)) continue;
            var demo = reader.GetInt64(3) == 1;
            if (demo && !includeDemo) continue;
            var unit = reader.GetInt64(0);
            if (!result.TryGetValue(unit, out var map)) result[unit] = map = [];
            map[indicator] = (ValueReader.Decimal(reader, 2)!.Value, demo);
        }
        return result;
    }
}
