using System.Text.RegularExpressions;
using IndustryMap.Text;

namespace IndustryMap.Intake;

/// <summary>
/// Proposes parks and projects from a plan's tables (issue 16 §2, decision 0027): a table whose heading has a name column
/// (项目名称, 园区名称, 基地名称 …) and at least one of investment (总投资, 投资), land (用地, 占地, 面积), period (建设期限,
/// 开工/完成时间) or stage (建设性质, 建设阶段). Each data row is one proposal citing its lines, with the figures as printed
/// and normalised (万元 → 亿元, 平方公里 → 亩). Section rows ("一 | 电子信息制造业") and totals (合计) are not proposals.
/// When a row is wider than the heading (a heading cell spanning sub-columns, such as 年度投资计划 over three years), the
/// columns after the spanned one are counted from the right. Pure.
/// </summary>
public static partial class ProjectExtractor
{
    private sealed record Columns(int Name, int? Investment, string? InvestmentUnit, int? Land, string? LandUnit, int? Period, int? Start, int? End, int? Stage, int Width, int SplitAfter);

    [GeneratedRegex(@"[（(](?<u>万元|亿元|亩|平方公里|公顷|km²)[）)]")]
    private static partial Regex HeaderUnitRegex();

    [GeneratedRegex(@"^(?<n>\d+(?:\.\d+)?)\s*(?<u>万元|亿元|亩|平方公里|公顷)?$")]
    private static partial Regex FigureRegex();

    public static (IReadOnlyList<ProjectProposal> Parks, IReadOnlyList<ProjectProposal> Projects) Extract(IntakeLines document)
    {
        var parks = new List<ProjectProposal>();
        var projects = new List<ProjectProposal>();
        foreach (var table in TableLayouts.Find(document.Lines))
        {
            var rows = table.Rows.Select(r => r with { Cells = r.Cells.Select(c => PlanNumbers.FoldWidth(ChineseScript.ToSimplified(c)).Trim()).ToList() })
                .Where(r => !r.Cells.All(c => c.Length == 0 || Regex.IsMatch(c, @"^:?-{2,}:?$"))).ToList();
            if (rows.Count < 2) continue;
            var head = rows[0].Cells;
            var kind = head.Any(c => Regex.IsMatch(c, "项目名称|项目$")) ? "project" : head.Any(c => Regex.IsMatch(c, "(园区|基地|开发区|产业园)(名称)?$")) ? "park" : null;
            if (kind is null || Find(head) is not { } columns) continue;
            // Heading rows: the first row, and following rows without a name in the name column (sub-headings of spanned cells).
            var dataRows = rows.Skip(1).SkipWhile(r => r.Cells.Count <= columns.Name || r.Cells[columns.Name].Length == 0
                                                         && r.Cells.Any(c => Regex.IsMatch(c, "投资|年|计划"))).ToList();
            foreach (var row in dataRows)
            {
                var cells = row.Cells;
                string? Cell(int? at)
                {
                    if (at is not { } a) return null;
                    var index = a > columns.SplitAfter && cells.Count > columns.Width ? a + (cells.Count - columns.Width) : a;
                    return index < cells.Count && cells[index].Length > 0 ? cells[index] : null;
                }
                var name = Cell(columns.Name);
                if (name == head[columns.Name]) continue; // the heading repeated on a new page
                if (name is null || name.Length < 2 || !Regex.IsMatch(name, @"\p{IsCJKUnifiedIdeographs}") || Regex.IsMatch(name, "^(合计|小计|总计|其中)")) continue;
                if (cells.Count(c => c.Length > 0) <= 2) continue; // a section row
                var (investment, investmentUnit) = Figure(Cell(columns.Investment), columns.InvestmentUnit);
                var (land, landUnit) = Figure(Cell(columns.Land), columns.LandUnit);
                var period = Cell(columns.Period);
                if (period is null && Year(Cell(columns.Start)) is { } start)
                {
                    period = Year(Cell(columns.End)) is { } end ? $"{start}-{end}" : start;
                }
                var stage = Cell(columns.Stage);
                if (investment is null && land is null && period is null && stage is null) continue;
                var yi = investment is { } i ? PlanNumbers.Normalize(i, investmentUnit) : null;
                var mu = land is { } l ? PlanNumbers.Normalize(l, landUnit) : null;
                var proposal = new ProjectProposal(kind, Regex.Replace(name, @"\s+", ""), investment, investmentUnit, yi?.Unit == "亿元" ? yi.Value : null,
                    land, landUnit, mu?.Unit == "亩" ? mu.Value : null, period, stage, row.From, row.To,
                    investment is not null || land is not null ? 0.85m : 0.6m);
                (kind == "park" ? parks : projects).Add(proposal);
            }
        }
        return (parks, projects);
    }

    /// <summary>A start or end cell as printed ("2021", "2020.08"); a dash is no date.</summary>
    private static string? Year(string? cell) => cell is not null && Regex.IsMatch(cell, @"^(19|20)\d{2}(?:[.年]\d{1,2}月?)?$") ? cell : null;

    private static (decimal? Value, string? Unit) Figure(string? cell, string? headerUnit)
    {
        if (cell is null) return (null, null);
        var m = FigureRegex().Match(cell.Replace(",", "", StringComparison.Ordinal));
        if (!m.Success) return (null, null);
        return (PlanNumbers.Parse(m.Groups["n"].Value), m.Groups["u"].Success ? m.Groups["u"].Value : headerUnit);
    }

    private static Columns? Find(IReadOnlyList<string> head)
    {
        int? At(string pattern, string? not = null) =>
            head.Select((h, i) => (h, i)).Where(x => Regex.IsMatch(x.h, pattern) && (not is null || !Regex.IsMatch(x.h, not))).Select(x => (int?)x.i).FirstOrDefault();
        var name = At("名称") ?? At("^(项目|园区|基地)$");
        if (name is null) return null;
        var investment = At("总投资") ?? At("投资", "年度|已完成|计划投资|以后|以前|年前");
        var land = At("用地|占地|面积");
        var period = At("建设期限|建设年限|起止年限|建设周期");
        var start = At("开工");
        var end = At("完成时间|竣工|完工|投产时间");
        var stage = At("建设性质|建设阶段|项目性质|项目进度|建设状态");
        if (investment is null && land is null && period is null && start is null && stage is null) return null;
        string? Unit(int? at) => at is { } a && HeaderUnitRegex().Match(head[a]) is { Success: true } m ? m.Groups["u"].Value : null;
        // A heading cell that spans sub-columns (年度投资计划): columns after it are counted from the right on wider rows.
        var split = head.Select((h, i) => (h, i)).Where(x => Regex.IsMatch(x.h, "年度|分年")).Select(x => x.i).DefaultIfEmpty(int.MaxValue).First();
        return new Columns(name.Value, investment, Unit(investment), land, Unit(land), period, start, end, stage, head.Count, split);
    }
}
