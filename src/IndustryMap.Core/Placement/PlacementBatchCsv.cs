using System.Globalization;
using System.Text;
using IndustryMap.Text;
using IndustryMap.Writing;

namespace IndustryMap.Placement;

/// <summary>One row of a batch file: its line, its id (or line number), and the request or the problems that stop it.</summary>
public sealed record BatchRow(int Line, string Id, PlacementRequest? Request, IReadOnlyList<Refusal> Problems);

/// <summary>
/// A CSV of projects to place (`industrymap place --batch`, POST /api/placements/batch). Columns, in any order, by
/// their API name, snake_case or Chinese: description (项目描述, required), id (编号), amountYi (投资额), landMu (用地),
/// origin (来源: outside_city/市外, within_city/市内), foreignInvested (外资: true/false/是/否), investor (投资方),
/// firstContactUnit (首谈单位). A bad row is reported with its line and field and the other rows are still placed.
/// </summary>
public static class PlacementBatchCsv
{
    private static readonly Dictionary<string, string> Columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["description"] = "description", ["项目描述"] = "description", ["描述"] = "description",
        ["id"] = "id", ["编号"] = "id", ["序号"] = "id", ["name"] = "id", ["项目名称"] = "id",
        ["amountYi"] = "amountYi", ["amount_yi"] = "amountYi", ["投资额"] = "amountYi", ["投资额（亿元）"] = "amountYi",
        ["landMu"] = "landMu", ["land_mu"] = "landMu", ["用地"] = "landMu", ["用地（亩）"] = "landMu",
        ["origin"] = "origin", ["来源"] = "origin",
        ["foreignInvested"] = "foreignInvested", ["foreign_invested"] = "foreignInvested", ["外资"] = "foreignInvested",
        ["investor"] = "investor", ["投资方"] = "investor",
        ["firstContactUnit"] = "firstContactUnit", ["first_contact_unit"] = "firstContactUnit", ["首谈单位"] = "firstContactUnit",
    };

    public static IReadOnlyList<BatchRow> Parse(string text, PlacementCatalog catalog)
    {
        List<Csv.Record> records;
        records = Csv.Parse(text).ToList(); // text that is not CSV is refused by the parser, naming its line
        if (records.Count == 0) throw RefusedException.Invalid("empty_file", "文件为空：第一行应为表头（至少有 description 列）", "empty file: the first line is the header (a description column at least)");
        var header = records[0].Fields.Select(h => Columns.GetValueOrDefault(h.Trim())).ToList();
        if (!header.Contains("description"))
        {
            throw RefusedException.Invalid("missing_column", "缺少 description（项目描述）列", "the header has no description column");
        }
        var rows = records.Skip(1).Where(r => !r.Fields.All(string.IsNullOrWhiteSpace)).ToList();
        if (rows.Count > PlacementBatch.MaxRows)
        {
            throw RefusedException.Invalid("too_many_rows", $"一次最多 {PlacementBatch.MaxRows} 行，文件有 {rows.Count} 行", $"at most {PlacementBatch.MaxRows} rows at once, not {rows.Count}");
        }
        var result = new List<BatchRow>(rows.Count);
        foreach (var record in rows)
        {
            string? Get(string column)
            {
                var i = header.IndexOf(column);
                return i >= 0 && i < record.Fields.Count && record.Fields[i].Trim() is { Length: > 0 } v ? v : null;
            }
            var problems = new List<Refusal>();
            decimal? Number(string column, string code, string label)
            {
                var text = Get(column);
                if (text is null) return null;
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
                problems.Add(Refusal.OfField(column, code, $"{label}不是数字：“{text}”", $"{column} is not a number: '{text}'"));
                return null;
            }
            bool? Flag(string column)
            {
                var text = Get(column);
                if (text is null) return null;
                if (text is "true" or "1" or "是" or "yes" or "TRUE") return true;
                if (text is "false" or "0" or "否" or "no" or "FALSE") return false;
                problems.Add(Refusal.OfField(column, "invalid_flag", $"外资应为 是/否（true/false）：“{text}”", $"{column} must be true or false: '{text}'"));
                return null;
            }
            var input = new PlacementInput(Get("description"), Number("amountYi", "invalid_amount", "投资额"), Number("landMu", "invalid_land", "用地"),
                Get("origin"), Flag("foreignInvested"), Get("investor"), Get("firstContactUnit"));
            var (request, checks) = PlacementRequests.Validate(input, catalog);
            problems.AddRange(checks);
            result.Add(new BatchRow(record.Line, Get("id") ?? record.Line.ToString(CultureInfo.InvariantCulture), problems.Count == 0 ? request : null, problems));
        }
        return result;
    }

    /// <summary>
    /// The output columns. The first three units in list order, each with its rank as the engine gives it: "3" or, for
    /// units of equal score (并列), the shared range "3–7" — list order within a range is not a ranking. <c>tied_at_3</c>
    /// names every unit tied with the third one (the list is cut at three, a tie group is not).
    /// </summary>
    public static readonly IReadOnlyList<string> OutputColumns =
    [
        "line", "id", "status", "industry", "industry_score", "cluster", "unit_1", "rank_1", "score_1", "unit_2", "rank_2", "score_2", "unit_3", "rank_3", "score_3",
        "tied_at_3", "reason_1", "notes", "warnings", "problems",
    ];

    /// <summary>The Chinese headings of <see cref="OutputColumns"/>, for spreadsheets.</summary>
    public static readonly IReadOnlyList<string> OutputHeadings =
    [
        "行号", "编号", "结果", "产业", "产业得分", "集群", "第1名", "名次1", "得分1", "第2名", "名次2", "得分2", "第3名", "名次3", "得分3",
        "与第3名并列", "第1名理由", "说明", "警告", "错误",
    ];

    /// <summary>One row of cells per batch row: the top industry, the top three units, notes, warnings and problems.</summary>
    public static IReadOnlyList<IReadOnlyList<string?>> Cells(IReadOnlyList<BatchRow> rows, IReadOnlyList<PlacementResult?> results)
    {
        var table = new List<IReadOnlyList<string?>>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var result = results[i];
            string Score(double s) => s.ToString("0.###", CultureInfo.InvariantCulture);
            var top = result?.Candidates.Take(3).ToList() ?? [];
            var cells = new List<string?>
            {
                row.Line.ToString(CultureInfo.InvariantCulture), row.Id,
                result is null ? "invalid" : result.MatchesNothing ? "no_match" : "placed",
                result?.Industries.FirstOrDefault()?.Name, result?.Industries.FirstOrDefault() is { } ind ? Score(ind.Score) : null,
                result?.Industries.FirstOrDefault()?.Cluster,
            };
            for (var k = 0; k < 3; k++)
            {
                cells.Add(k < top.Count ? top[k].Unit : null);
                cells.Add(k < top.Count ? top[k].RankText : null);
                cells.Add(k < top.Count ? Score(top[k].Score) : null);
            }
            // Every unit in the third unit's tie group, including those the cut at three leaves out.
            var third = top.Count == 3 && top[2].Tied ? top[2] : null;
            cells.Add(third is null ? null : string.Join("、", result!.Candidates.Where(c => c.Rank == third.Rank).Select(c => c.Unit)));
            cells.Add(top.FirstOrDefault()?.Reasons.FirstOrDefault()?.Text);
            cells.Add(result is null ? null : string.Join("；", result.Notes.Select(n => n.Text)));
            cells.Add(result is null ? null : string.Join("；", result.Warnings.Select(w => w.Text)));
            cells.Add(string.Join("；", row.Problems.Select(p => $"{p.Field}: {p.Message} [{p.Code}]")));
            table.Add(cells);
        }
        return table;
    }

    /// <summary>The results as CSV (UTF-8 with BOM, so a spreadsheet opens the Chinese correctly).</summary>
    public static string ToCsv(IReadOnlyList<BatchRow> rows, IReadOnlyList<PlacementResult?> results)
    {
        var builder = new StringBuilder("\uFEFF");
        builder.Append(Csv.Line(OutputColumns)).Append("\r\n");
        foreach (var cells in Cells(rows, results)) builder.Append(Csv.Line(cells)).Append("\r\n");
        return builder.ToString();
    }
}
