using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using IndustryMap.Spreadsheets;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace IndustryMap.Monitoring;

/// <summary>
/// The bulletin as files: a Word document laid out like an official 通报 (GB/T 9704 page and type: 文号 line, title in
/// 小标宋, headings in 黑体 and 楷体, body in 仿宋 三号, a bordered ranking table, issuer and date) and an Excel
/// workbook with the same numbers in sheets (written by <see cref="Spreadsheets.Xlsx"/>, the one spreadsheet writer).
/// </summary>
public static class BulletinFiles
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string XlsxContentType = Spreadsheets.Xlsx.ContentType;

    private const string FangSong = "仿宋";
    private const string HeiTi = "黑体";
    private const string KaiTi = "楷体";
    private const string XiaoBiaoSong = "方正小标宋简体";
    // Half-points: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt, 五号 10.5pt.
    private const int Erhao = 44, Sanhao = 32, Sihao = 28, Xiaosi = 24, Wuhao = 21;

    private static string Num(decimal? value, string format = "0.##") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    private static string Change(RankingLine line) => line.RankChange switch
    {
        > 0 => $"↑{line.RankChange}",
        < 0 => $"↓{-line.RankChange}",
        0 => "—",
        _ => "新进",
    };

    // ------------------------------------------------------------------ Word

    public static byte[] Docx(BulletinContent b)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddStyles(main);
            var header = AddHeader(main, b);
            var footer = AddFooter(main);
            var body = new Body();
            main.Document = new Document(body);

            if (b.State != Bulletins.Reviewed) body.Append(Para("【草稿，未经审核】", HeiTi, Sihao, JustificationValues.Left, color: "C00000"));
            if (b.Demo) body.Append(Para("【演示数据】本通报含系统生成的模拟数值，不是真实统计数据，不得对外使用。", HeiTi, Sihao, JustificationValues.Left, color: "C00000"));
            body.Append(Para(b.Number, FangSong, Sanhao, JustificationValues.Center, spaceBefore: 240));
            body.Append(Rule());
            body.Append(Para(b.Title, XiaoBiaoSong, Erhao, JustificationValues.Center, style: "Title", spaceBefore: 240, spaceAfter: 240));
            body.Append(Para("各区县（自治县）经济信息委，两江新区、西部科学城重庆高新区、万盛经开区经济运行部门：", FangSong, Sanhao, JustificationValues.Left));
            body.Append(Body(
                $"为落实《重庆市先进制造业发展“渝西跨越计划”（2023—2027年）》（渝府〔2023〕13号）“建立定期通报和调度机制”“依托区县委书记‘赛马’机制”的要求，现将{b.PeriodName}全市制造业重点指标监测和“赛马”情况通报如下。本通报仅统计经审核锁定的数据。"));

            body.Append(Heading("一、总体情况"));
            foreach (var line in b.Summary) body.Append(Body(line));

            body.Append(Heading("二、“赛马”排名"));
            if (b.Rankings.Count == 0) body.Append(Body("本期未设置与报告期频率相符的赛马指数。"));
            var sub = 0;
            foreach (var ranking in b.Rankings)
            {
                foreach (var group in ranking.Groups)
                {
                    body.Append(SubHeading($"（{ChineseNumber(++sub)}）{ranking.IndexName}·{group.Group}"));
                    body.Append(Body($"指数构成：{string.Join("，", ranking.Indicators.Select(i => $"{i.Name}{i.MeasureName}（权重 {Num(i.Weight)}）"))}；{ranking.NormalizationName}。"));
                    body.Append(RankingTable(ranking, group));
                }
            }

            body.Append(Heading("三、进度预警"));
            var far = b.Warnings.Where(w => w.Status == ProgressStatus.FarBehind).ToList();
            var lagging = b.Warnings.Where(w => w.Status == ProgressStatus.Lagging).ToList();
            body.Append(SubHeading("（一）严重滞后（完成度低于时序进度 15 个百分点以上）"));
            foreach (var paragraph in WarningParagraphs(far)) body.Append(Body(paragraph));
            body.Append(SubHeading("（二）滞后（低于时序进度 5—15 个百分点）"));
            foreach (var paragraph in WarningParagraphs(lagging)) body.Append(Body(paragraph));

            body.Append(Heading("四、各区县情况"));
            foreach (var line in b.Units) body.Append(Body(line.Text));

            body.Append(Heading("五、工作要求"));
            body.Append(Body("各区县要对照年度目标和时序进度，查找差距、分析原因，对滞后指标逐项制定追赶措施；按时报送下期数据，确保数据真实准确。"));

            body.Append(Para(b.Issuer, FangSong, Sanhao, JustificationValues.Right, spaceBefore: 480));
            body.Append(Para(b.IssuedOn, FangSong, Sanhao, JustificationValues.Right));
            body.Append(Para($"（本通报由重庆市先进制造业产业地图系统生成，{b.StateName}{(b.ReviewedBy is null ? "" : $"，审核人 {b.ReviewedBy}")}。）", FangSong, Xiaosi,
                JustificationValues.Left, spaceBefore: 240));
            body.Append(PageSetup(main.GetIdOfPart(header), main.GetIdOfPart(footer)));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>How many units a warning paragraph of the Word document names before "等 N 个单位".</summary>
    public const int WarningsPerIndicator = 20;

    /// <summary>
    /// One paragraph per indicator, the units most behind first; a long list is cut at <see cref="WarningsPerIndicator"/> units
    /// with the number left out (the .xlsx lists every one). "无。" when there is nothing to warn about.
    /// </summary>
    public static IEnumerable<string> WarningParagraphs(IReadOnlyList<BulletinWarning> warnings)
    {
        if (warnings.Count == 0)
        {
            yield return "无。";
            yield break;
        }
        foreach (var indicator in warnings.GroupBy(w => (w.IndicatorName, w.Year)))
        {
            var list = indicator.OrderBy(w => (w.Completion ?? 0) - (w.Elapsed ?? 0)).ToList();
            var shown = list.Take(WarningsPerIndicator).Select(w => $"{w.Scope}（完成 {Pct(w.Completion)}，时序进度 {Pct(w.Elapsed)}）");
            yield return $"{indicator.Key.IndicatorName}（{indicator.Key.Year}年目标）：{string.Join("、", shown)}" +
                         (list.Count > WarningsPerIndicator ? $"等 {list.Count} 个单位（完整名单见 Excel 附表）。" : "。");
        }
    }

    private static string Pct(decimal? ratio) => ratio is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    private static string ChineseNumber(int n) => n switch
    {
        <= 10 => "一二三四五六七八九十"[n - 1].ToString(),
        < 20 => "十" + "一二三四五六七八九"[n - 11],
        _ => n.ToString(CultureInfo.InvariantCulture),
    };

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        RunFonts Fonts(string eastAsia) => new() { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = eastAsia, Hint = FontTypeHintValues.EastAsia };
        W.Style Para(string id, string name, string font, int size, bool bold = false, string? basedOn = "Normal", int? outline = null)
        {
            // Schema order (ECMA-376 §17.7.4.17): name, basedOn, qFormat, pPr, rPr.
            var style = new W.Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
            if (basedOn is not null) style.Append(new BasedOn { Val = basedOn });
            style.Append(new PrimaryStyle());
            var ppr = new StyleParagraphProperties(new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact });
            if (outline is { } level) ppr.Append(new OutlineLevel { Val = level });
            style.Append(ppr);
            var rpr = new StyleRunProperties(Fonts(font));
            if (bold) rpr.Append(new Bold());
            rpr.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) }, new FontSizeComplexScript { Val = size.ToString(CultureInfo.InvariantCulture) },
                new Languages { EastAsia = "zh-CN" });
            style.Append(rpr);
            return style;
        }
        var normal = Para("Normal", "Normal", FangSong, Sanhao, basedOn: null);
        normal.Default = true;
        styles.Styles = new Styles(
            new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(Fonts(FangSong), new FontSize { Val = Sanhao.ToString(CultureInfo.InvariantCulture) },
                new Languages { EastAsia = "zh-CN" }))),
            normal,
            Para("Title", "Title", XiaoBiaoSong, Erhao),
            Para("Heading1", "heading 1", HeiTi, Sanhao, outline: 0),
            Para("Heading2", "heading 2", KaiTi, Sanhao, outline: 1),
            new W.Style(new StyleName { Val = "Table Grid" }, new BasedOn { Val = "TableNormal" },
                new StyleTableProperties(new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                    new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })))
            { Type = StyleValues.Table, StyleId = "TableGrid" });
        styles.Styles.Save();
    }

    private static Paragraph Para(string text, string font, int size, JustificationValues align, string? style = null, int spaceBefore = 0, int spaceAfter = 0,
        string? color = null, bool firstLineIndent = false, bool bold = false)
    {
        var ppr = new ParagraphProperties();
        if (style is not null) ppr.Append(new ParagraphStyleId { Val = style });
        ppr.Append(new SpacingBetweenLines
        {
            Before = spaceBefore.ToString(CultureInfo.InvariantCulture), After = spaceAfter.ToString(CultureInfo.InvariantCulture),
            Line = size >= Sanhao ? "560" : "400", LineRule = LineSpacingRuleValues.Exact,
        });
        // 首行缩进两字: two characters of the paragraph's size.
        if (firstLineIndent) ppr.Append(new Indentation { FirstLineChars = 200, FirstLine = (size * 20).ToString(CultureInfo.InvariantCulture) });
        ppr.Append(new Justification { Val = align });
        // Schema order of run properties: rFonts, b, color, sz, szCs.
        var rpr = new RunProperties(new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", EastAsia = font, Hint = FontTypeHintValues.EastAsia });
        if (bold) rpr.Append(new Bold());
        if (color is not null) rpr.Append(new W.Color { Val = color });
        rpr.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) }, new FontSizeComplexScript { Val = size.ToString(CultureInfo.InvariantCulture) });
        return new Paragraph(ppr, new Run(rpr, new W.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static Paragraph Body(string text) => Para(text, FangSong, Sanhao, JustificationValues.Both, firstLineIndent: true);

    private static Paragraph Heading(string text) => Para(text, HeiTi, Sanhao, JustificationValues.Left, style: "Heading1", firstLineIndent: true);

    private static Paragraph SubHeading(string text) => Para(text, KaiTi, Sanhao, JustificationValues.Left, style: "Heading2", firstLineIndent: true);

    /// <summary>The red rule under the 文号 line of a 红头 document.</summary>
    private static Paragraph Rule() => new(new ParagraphProperties(
        new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 18, Color = "C00000", Space = 1 }),
        new SpacingBetweenLines { Before = "0", After = "240" }));

    /// <summary>The text width of the page (A4 less the GB/T 9704 margins) in twips.</summary>
    public const int TextWidth = 11906 - 1588 - 1474;

    /// <summary>Table text size: 五号 (10.5 pt), so that a ranking with several indicators fits the text width.</summary>
    public const int TableFontSize = Wuhao;

    /// <summary>Left and right cell margins Word applies by default (0.19 cm each).</summary>
    public const int CellMargins = 2 * 108;

    private static Table RankingTable(RankingResult ranking, RankingGroup group)
    {
        var header = new List<string> { "排名", "区县", "综合得分", "较上期" };
        header.AddRange(ranking.Indicators.Select(i => $"{i.Name}{i.MeasureName}"));
        var rows = group.Units.Select(line =>
        {
            var cells = new List<string>
            {
                line.Rank.ToString(CultureInfo.InvariantCulture), line.Unit + (line.Missing > 0 ? "（缺报）" : ""), Num(line.Score, "0.00"), Change(line),
            };
            cells.AddRange(line.Scores.Select(s => $"{Num(s.Value)}（{Num(s.Score, "0.0")}分）"));
            return cells;
        }).ToList();
        var widths = ColumnWidths(header, rows, TableFontSize);
        var table = new Table(new TableProperties(new TableStyle { Val = "TableGrid" }, new TableWidth { Type = TableWidthUnitValues.Dxa, Width = widths.Sum().ToString(CultureInfo.InvariantCulture) },
                new TableJustification { Val = TableRowAlignmentValues.Center }, new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
        table.Append(Row(header, widths, true));
        foreach (var cells in rows) table.Append(Row(cells, widths, false));
        return table;
    }

    /// <summary>
    /// Column widths in twips that never break a number: each column gets at least its longest unbreakable run (digits,
    /// signs and the decimal point, which Word will not wrap inside when the column is wide enough) plus the cell margins;
    /// what is left of the text width goes to the columns whose whole text does not fit yet, in proportion to what they miss.
    /// </summary>
    public static IReadOnlyList<int> ColumnWidths(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, int halfPoints)
    {
        var columns = header.Count;
        var minimum = new int[columns];
        var preferred = new int[columns];
        for (var c = 0; c < columns; c++)
        {
            var texts = rows.Select(r => c < r.Count ? r[c] : "").Append(header[c]).ToList();
            minimum[c] = texts.Max(t => LongestUnbreakable(t, halfPoints)) + CellMargins;
            // A header may wrap; four characters of it are the least a column should show in a line.
            minimum[c] = Math.Max(minimum[c], Math.Min(TextExtent(header[c], halfPoints), 4 * halfPoints * 10) + CellMargins);
            preferred[c] = Math.Max(minimum[c], rows.Select(r => c < r.Count ? TextExtent(r[c], halfPoints) : 0).DefaultIfEmpty(0).Max() + CellMargins);
        }
        var left = TextWidth - minimum.Sum();
        var missing = preferred.Zip(minimum, (p, m) => p - m).ToArray();
        var totalMissing = missing.Sum();
        var widths = new int[columns];
        for (var c = 0; c < columns; c++)
        {
            var extra = left <= 0 || totalMissing == 0 ? 0 : Math.Min(missing[c], (int)((long)left * missing[c] / totalMissing));
            widths[c] = minimum[c] + extra;
        }
        // Spread what is still left evenly, so that the table spans the text width like the rest of the page.
        var rest = TextWidth - widths.Sum();
        if (rest > 0) for (var c = 0; c < columns; c++) widths[c] += rest / columns;
        return widths;
    }

    /// <summary>Width of text in twips at a size in half-points: a CJK or full-width character is one em, anything else half an em.</summary>
    public static int TextExtent(string text, int halfPoints) => text.Sum(ch => IsFullWidth(ch) ? halfPoints * 10 : halfPoints * 5);

    /// <summary>The widest run that must stay on one line: ASCII letters, digits and . , % + - without spaces.</summary>
    public static int LongestUnbreakable(string text, int halfPoints)
    {
        int best = 0, run = 0;
        foreach (var ch in text)
        {
            if (!IsFullWidth(ch) && !char.IsWhiteSpace(ch)) run += halfPoints * 5;
            else run = 0;
            best = Math.Max(best, run);
        }
        return best;
    }

    private static bool IsFullWidth(char ch) => ch >= 0x2E80 || ch is '—' or '↑' or '↓';

    private static TableRow Row(IReadOnlyList<string> cells, IReadOnlyList<int> widths, bool header)
    {
        var row = new TableRow();
        if (header) row.Append(new TableRowProperties(new TableHeader()));
        for (var c = 0; c < cells.Count; c++)
        {
            row.Append(new TableCell(new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = widths[c].ToString(CultureInfo.InvariantCulture) },
                    new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
                Para(cells[c], header ? HeiTi : FangSong, TableFontSize, JustificationValues.Center)));
        }
        return row;
    }

    /// <summary>The running header: the 文号 and, on every page of a draft or demo bulletin, what it is, so a loose page cannot pass for final.</summary>
    private static HeaderPart AddHeader(MainDocumentPart main, BulletinContent b)
    {
        var part = main.AddNewPart<HeaderPart>();
        var marks = string.Concat(b.State != Bulletins.Reviewed ? "【草稿，未经审核】" : "", b.Demo ? "【演示数据】" : "");
        var header = new Header(Para(b.Number, FangSong, Wuhao, JustificationValues.Right));
        if (marks.Length > 0) header.Append(Para(marks, HeiTi, Wuhao, JustificationValues.Right, color: "C00000"));
        part.Header = header;
        part.Header.Save();
        return part;
    }

    /// <summary>The page number in the footer as GB/T 9704 §7.5 prints it: 四号 半角 digits between dashes, "— 1 —", from a PAGE field.</summary>
    private static FooterPart AddFooter(MainDocumentPart main)
    {
        var part = main.AddNewPart<FooterPart>();
        RunProperties Font() => new(new RunFonts { Ascii = "宋体", HighAnsi = "宋体", EastAsia = "宋体", Hint = FontTypeHintValues.EastAsia },
            new FontSize { Val = Sihao.ToString(CultureInfo.InvariantCulture) }, new FontSizeComplexScript { Val = Sihao.ToString(CultureInfo.InvariantCulture) });
        var paragraph = new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            new Run(Font(), new W.Text("— ") { Space = SpaceProcessingModeValues.Preserve }),
            new SimpleField(new Run(Font(), new W.Text("1"))) { Instruction = " PAGE " },
            new Run(Font(), new W.Text(" —") { Space = SpaceProcessingModeValues.Preserve }));
        part.Footer = new Footer(paragraph);
        part.Footer.Save();
        return part;
    }

    /// <summary>A4, GB/T 9704 margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (1 mm = 56.7 twips).</summary>
    private static SectionProperties PageSetup(string headerId, string footerId) => new(
        new HeaderReference { Type = HeaderFooterValues.Default, Id = headerId },
        new FooterReference { Type = HeaderFooterValues.Default, Id = footerId },
        new W.PageSize { Width = 11906U, Height = 16838U },
        new PageMargin { Top = 2098, Bottom = 1984, Left = 1588U, Right = 1474U, Header = 851U, Footer = 992U, Gutter = 0U });

    // ------------------------------------------------------------------ Excel

    public static byte[] Xlsx(BulletinContent b)
    {
        var sheets = new List<(string Name, List<IReadOnlyList<object?>> Rows)>();
        var about = new List<IReadOnlyList<object?>>
        {
            new object?[] { "标题", b.Title }, new object?[] { "文号", b.Number }, new object?[] { "报告期", $"{b.PeriodName}（{b.Period}）" },
            new object?[] { "状态", b.StateName }, new object?[] { "发布单位", b.Issuer }, new object?[] { "日期", b.IssuedOn },
            new object?[] { "数据", b.Demo ? "含演示数据（系统生成的模拟数值，不是真实统计数据）" : "仅含经审核锁定的填报数据" },
        };
        about.AddRange(b.Summary.Select(s => (IReadOnlyList<object?>)new object?[] { "总体情况", s }));
        sheets.Add(("通报", about));

        var ranking = new List<IReadOnlyList<object?>> { new object?[] { "指数", "比较组", "排名", "区县", "综合得分", "上期排名", "名次变化", "缺报指标数", "演示数据" } };
        var detail = new List<IReadOnlyList<object?>> { new object?[] { "指数", "比较组", "区县", "指标", "口径", "数值", "单位", "得分", "权重", "所用填报值" } };
        foreach (var r in b.Rankings)
        {
            foreach (var g in r.Groups)
            {
                foreach (var u in g.Units)
                {
                    ranking.Add(new object?[] { r.IndexName, g.Group, u.Rank, u.Unit, u.Score, u.PreviousRank, u.RankChange, u.Missing, u.Demo ? "是" : "否" });
                    foreach (var s in u.Scores)
                    {
                        detail.Add(new object?[]
                        {
                            r.IndexName, g.Group, u.Unit, s.Name, s.MeasureName, s.Value, s.Unit, s.Score, s.Weight,
                            string.Join("；", s.Submitted.Select(v => $"{v.Period}: {Num(v.Value, "0.####")}")),
                        });
                    }
                }
            }
        }
        sheets.Add(("赛马排名", ranking));
        sheets.Add(("得分明细", detail));
        var warnings = new List<IReadOnlyList<object?>> { new object?[] { "区县", "指标", "目标年份", "完成度", "时序进度", "状态", "说明" } };
        warnings.AddRange(b.Warnings.Select(w => (IReadOnlyList<object?>)new object?[] { w.Scope, w.IndicatorName, w.Year, w.Completion, w.Elapsed, w.StatusName, w.Text }));
        sheets.Add(("进度预警", warnings));
        var units = new List<IReadOnlyList<object?>> { new object?[] { "区县", "情况" } };
        units.AddRange(b.Units.Select(u => (IReadOnlyList<object?>)new object?[] { u.Unit, u.Text }));
        sheets.Add(("各区县情况", units));
        var reporting = new List<IReadOnlyList<object?>> { new object?[] { "区县", "状态", "是否逾期", "报送时间" } };
        reporting.AddRange(b.Reporting.Units.Select(u => (IReadOnlyList<object?>)new object?[] { u.Unit, u.StateName, u.Late ? "逾期" : "", u.SubmittedAt }));
        sheets.Add(("上报情况", reporting));
        return Spreadsheets.Xlsx.Write(sheets.Select(s => new XlsxSheet(s.Name, s.Rows)).ToList());
    }
}
