using System.Text.RegularExpressions;

namespace IndustryMap.Intake;

/// <summary>A table row as read from a document: its cells and the lines (1-based) it stands on.</summary>
public sealed record PlanTableRow(int From, int To, IReadOnlyList<string> Cells);

/// <summary>A table found in a document's text: its first and last line (0-based) and its rows, heading rows first.</summary>
public sealed record TableLayout(int Start, int End, IReadOnlyList<PlanTableRow> Rows);

/// <summary>
/// Finds the tables in a plan's text in the three ways plans reach us as text (issue 16 §2, decision 0027):
/// Markdown-style rows ("| a | b |", the .docx reader's output); one cell per line indented by a tab with a blank line
/// between rows (a Word table copied as text, seed 004); and a PDF's text table, a heading row of years
/// ("指标名称 2019年 2020年 2022年") over rows that end in as many figures ("全部工业增加值（亿元） 6300 6700 7700 预期性"),
/// a name wrapped over several lines, sometimes printed after its figures (seed 002). Pure.
/// </summary>
public static partial class TableLayouts
{
    [GeneratedRegex(@"^(?<label>\D*?)\s*(?<years>(?:(?:19|20)\d{2}\s*年\s*){2,})$")]
    private static partial Regex YearHeadingRegex();

    private const string Figure = @"(?:\[\s*\d+(?:\.\d+)?\s*\]|[>≥<≤]?\d+(?:\.\d+)?(?:∶1|%)?)";

    [GeneratedRegex(@"(?:19|20)\d{2}")]
    private static partial Regex YearRegex();

    public static IEnumerable<TableLayout> Find(IReadOnlyList<string> lines)
    {
        var i = 0;
        while (i < lines.Count)
        {
            var t = lines[i].TrimStart();
            if (t.StartsWith('|'))
            {
                var start = i;
                var rows = new List<PlanTableRow>();
                while (i < lines.Count && lines[i].TrimStart().StartsWith('|'))
                {
                    rows.Add(new PlanTableRow(i + 1, i + 1, TargetExtractor.Cells(lines[i])));
                    i++;
                }
                yield return new TableLayout(start, i - 1, rows);
                continue;
            }
            if (lines[i].StartsWith('\t'))
            {
                var layout = TabCells(lines, i);
                yield return layout;
                i = layout.End + 1;
                continue;
            }
            var heading = YearHeadingRegex().Match(PlanNumbers.FoldWidth(lines[i].Trim()));
            if (heading.Success && heading.Groups["label"].Value.Replace(" ", "", StringComparison.Ordinal) is var label && label.Length is > 0 and < 12
                && Regex.IsMatch(label, "指标|名称|项目|内容"))
            {
                if (TextTable(lines, i, YearRegex().Matches(heading.Groups["years"].Value).Count) is { } layout)
                {
                    yield return layout;
                    i = layout.End + 1;
                    continue;
                }
            }
            i++;
        }
    }

    /// <summary>Tab-indented cells, one per line, rows separated by blank lines. A short line without a tab between cell lines continues the cell above ("建设" / "性质").</summary>
    private static TableLayout TabCells(IReadOnlyList<string> lines, int start)
    {
        var rows = new List<PlanTableRow>();
        var cells = new List<string>();
        int? from = null;
        var last = start;
        var i = start;
        void Close()
        {
            if (cells.Count > 0) rows.Add(new PlanTableRow(from!.Value + 1, last + 1, cells.ToList()));
            cells.Clear();
            from = null;
        }
        while (i < lines.Count)
        {
            var line = lines[i];
            if (line.StartsWith('\t'))
            {
                from ??= i;
                cells.Add(line.Trim());
                last = i;
                i++;
                continue;
            }
            if (line.Trim().Length == 0)
            {
                // "\t结构" / "" / "调整" / "\t指标": a cell wrapped over a blank line is not the end of the row.
                var after = i + 1;
                while (after < lines.Count && lines[after].Trim().Length == 0) after++;
                if (!(cells.Count > 0 && after < lines.Count && !lines[after].StartsWith('\t') && ContinuesCell(lines, after))) Close();
                i++;
                continue;
            }
            // A short line inside a cell list continues the cell above when cells follow it.
            if (cells.Count > 0 && ContinuesCell(lines, i))
            {
                cells[^1] += line.Trim();
                last = i;
                i++;
                continue;
            }
            break;
        }
        Close();
        return new TableLayout(start, last, rows);
    }

    private static bool ContinuesCell(IReadOnlyList<string> lines, int at)
    {
        if (lines[at].Trim().Length > 8) return false;
        var next = at + 1;
        while (next < lines.Count && lines[next].Trim().Length == 0) next++;
        return next < lines.Count && lines[next].StartsWith('\t');
    }

    /// <summary>A PDF text table under a heading of <paramref name="years"/> year columns; null when no row follows.</summary>
    private static TableLayout? TextTable(IReadOnlyList<string> lines, int headingAt, int years)
    {
        var row = new Regex(@"^(?<name>.*?)\s*(?<figs>" + Figure + @"(?:\s+" + Figure + "){" + (years - 1) + @"})\s*(?<attr>预期性|约束性)?$");
        var header = YearRegex().Matches(lines[headingAt]).Select(m => m.Value + "年").Prepend("指标名称").ToList();
        var rows = new List<PlanTableRow> { new(headingAt + 1, headingAt + 1, header) };
        var name = "";
        int? nameFrom = null;
        var nameTo = 0;
        (List<string> Figures, int Line)? waiting = null; // figures printed before their name
        var end = headingAt;
        for (var i = headingAt + 1; i < lines.Count && i < headingAt + 400; i++)
        {
            var t = PlanNumbers.FoldWidth(lines[i].Trim());
            if (t.Length == 0) continue;
            if (t.StartsWith("备注", StringComparison.Ordinal) || t.StartsWith("注：", StringComparison.Ordinal) || TargetExtractor.HeadingLevel(t) is not null
                || (t.Length > 30 && t.EndsWith('。'))) break;
            end = i;
            var m = row.Match(t);
            if (m.Success)
            {
                var figures = Regex.Split(m.Groups["figs"].Value.Trim(), @"\s+").ToList();
                var own = Clean(m.Groups["name"].Value);
                if (own.Length >= 4) { (name, nameFrom, nameTo) = (own, i, i); }
                if (name.Length > 0)
                {
                    rows.Add(new PlanTableRow(nameFrom!.Value + 1, i + 1, figures.Prepend(name).ToList()));
                    (name, nameFrom) = ("", null);
                }
                else waiting = (figures, i);
                continue;
            }
            var text = Clean(t);
            if (text.Length <= 3 && !text.Contains('（', StringComparison.Ordinal) && !text.Contains('）', StringComparison.Ordinal)) continue; // a category or a broken heading cell (总量, 发展, 性)
            if (name.Length == 0) nameFrom = i;
            name += text;
            nameTo = i;
            if (waiting is { } w && (text.EndsWith('）') || text.EndsWith("之比", StringComparison.Ordinal)))
            {
                rows.Add(new PlanTableRow(Math.Min(w.Line, nameFrom!.Value) + 1, nameTo + 1, w.Figures.Prepend(name).ToList()));
                (name, nameFrom, waiting) = ("", null, null);
            }
        }
        return rows.Count > 1 ? new TableLayout(headingAt, end, rows) : null;
    }

    private static string Clean(string s) => Regex.Replace(s, @"\s+", "").Replace("其中：", "", StringComparison.Ordinal).Replace("其中:", "", StringComparison.Ordinal);
}
