using System.Text;
using System.Text.RegularExpressions;
using IndustryMap.Text;

namespace IndustryMap.Intake;

/// <summary>
/// Proposes targets from a plan's text by rules and dictionaries (issue 16 §2, decision 0016). Prose: a number with a
/// unit is a target when the words before it name what is measured; its year is the nearest 到/至 YYYY 年 (or
/// “十四五”) before it in the paragraph, else the year the section's lead paragraph states, else unknown (never the
/// plan period). Tables: columns headed YYYY年 give the years, a 现状/基期 column the baseline, a 年均增速 column a
/// growth target. Background sections (发展基础, 十三五, a year before the plan starts, 同比) state results, not
/// targets, and are skipped. Pure: the text, the document's scope and the dictionary in; proposals out.
/// </summary>
public static partial class TargetExtractor
{
    private const string UnitPattern = @"(?<unit>亿元/平方公里|亿元/km²|亿/km²|万元/人年|万元/人|万元/亩|亿元/亩|万亿元|千亿元|亿元|万元|亿美元|万辆|万吨|万平方米|万亩|万人|万台|万套|万件|万千瓦|万箱|万家|万个|万户|万亿(?!元|级)|平方公里|km²|km2|公顷|亩|%|个百分点|百分点|个|户|家|项|辆|座|所|倍|吨|台|套|条|款|种|件|人(?![民才员口])|亿(?!级))";

    [GeneratedRegex(@"(?<![\d.])(?<lead>[>≥<≤])?\s*(?<a>\d+(?:\.\d+)?)\s*(?:(?<dash>[—–\-~至])\s*(?<b>\d+(?:\.\d+)?))?\s*" + UnitPattern)]
    private static partial Regex ValueRegex();

    [GeneratedRegex(@"(?<![\d.])(?<a>\d+(?:\.\d+)?)\s*亿级")]
    private static partial Regex SizeClassRegex();

    [GeneratedRegex(@"(?<n>[一二三四五六七八九十两]{1,3})大(?<what>[\p{IsCJKUnifiedIdeographs}]{0,4}?产业集群)")]
    private static partial Regex ClusterCountRegex();

    [GeneratedRegex(@"(?<from>(?:19|20)\d{2})\s*[—–\-~至]\s*(?<to>(?:19|20)\d{2})\s*年|(?<pre>到|至|于|在)?\s*(?<y>(?:19|20)\d{2})\s*年(?<base>\s*(?:的)?基础上|底基础上)?|“?(?<fyp>十[三四五六])五”?(?:规划)?(?<fypx>期间|末|时期)?")]
    private static partial Regex YearRegex();

    [GeneratedRegex(@"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[.．、]\s*(?!\d)|第[一二三四五六七八九十]+[章节部分]|专栏\s*\d*)")]
    private static partial Regex HeadingRegex();

    [GeneratedRegex(@"^\s*(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)")]
    private static partial Regex ListItemRegex();

    /// <summary>Verbs of making or winning something counted: "累计新建 100 个绿色工厂" measures the 绿色工厂 built.</summary>
    private static readonly string[] CountVerbs = ["新建", "建成", "建设", "认定", "培育", "新培育", "引进", "打造", "新开展", "开展", "新增", "推动", "重点推动", "有", "形成有", "形成", "精准定位", "定位", "确立", "确定", "创建", "开发", "上市"];

    [GeneratedRegex(@"发展基础|发展现状|现状与|发展回顾|主要成效|工作回顾|机遇与挑战|面临的|指导思想|基本原则|编制依据")]
    private static partial Regex BackgroundHeadingRegex();

    [GeneratedRegex(@"十三五|同比|比上年|较上年|上年同期|去年|今年上半年|前三季度|已建成|已累计|截至")]
    private static partial Regex PastWordsRegex();

    [GeneratedRegex(@"^\s*(?:附[：:、]?\s*)?(?:名词解释|名词注释|术语解释|注释|注解)\s*[：:]?\s*$")]
    private static partial Regex GlossaryRegex();

    [GeneratedRegex(@"^——\s*\*\*(?<h>[^*]{2,10})\*\*")]
    private static partial Regex BoldLeadRegex();

    [GeneratedRegex(@"进一步|提升|加快|推进|强化|深化|扩大|增强|深入|优化|发展$|建设$|^(?:加大|推动|实施|完善|建立|健全|构建|支持|鼓励|引导|营造|落实|坚持|发展|打造|培育|做强|做大|提高)|力度$")]
    private static partial Regex NotAnIndustryHeadingRegex();

    private static readonly string[] LeadingWords =
    [
        "展望", "到", "至", "力争", "争取", "确保", "努力", "预计", "累计", "新增", "新培育", "培育", "实现", "完成", "建成", "打造", "推动", "引进", "针对",
        "加快", "新建", "使其", "使", "其中", "其", "全面", "基本", "每年", "年均", "策划", "期间", "达到", "达", "并", "和", "及", "且", "将", "要", "以上", "建设", "形成", "共",
        "总量", "总计", "合计", "目标", "主要目标",
    ];

    private static readonly string[] TrailingWords =
    [
        "不超过", "不高于", "累计下降", "下降", "提高至", "提高到", "提升至", "提升到", "增长至", "增长到", "增加至", "增加到", "达到", "突破", "超过", "不低于", "不少于", "高于", "保持在", "稳定在", "控制在",
        "降低至", "降低到", "降至", "下降至", "下降到", "增至", "分别", "均", "要", "力争", "达", "为", "约", "在", "以上", "左右", "实现", "完成", "累计", "总", "超", "到",
    ];

    private static readonly string[] TargetVerbs =
    [
        "达到", "达", "提高", "提升", "增长", "增加", "突破", "超过", "不低于", "不少于", "保持", "稳定在", "控制在", "降低", "降至", "下降", "增至", "建成", "培育",
        "打造", "实现", "完成", "新增", "力争", "争取", "确保",
    ];

    private static readonly string[] NotScopeWords = ["战略性新兴", "新兴", "五大", "重点", "主导", "全区", "全市", "工业", "制造", "优势", "特色", "支柱", "高技术", "数字", "六大", "四大", "三大"];

    /// <summary>Proposes the targets of a document. <paramref name="period"/>: the plan's years (十四五 → 2021–2025) when known.</summary>
    public static IReadOnlyList<TargetProposal> Extract(IntakeLines document, IntakeScope scope, IntakeDictionary dictionary, (int From, int To)? period = null)
    {
        var lines = document.Lines.Select(l => PlanNumbers.FoldWidth(ChineseScript.ToSimplified(l))).ToList();
        var industries = IndustryWords(lines, dictionary);
        var tables = TableLayouts.Find(document.Lines).ToDictionary(t => t.Start);
        var result = new List<TargetProposal>();
        int? sectionYear = null;
        IntakeScope? localScope = null;
        string? industryScope = null;
        string? headingIndustry = null;
        var headingIndustryLevel = 0;
        var skipLevel = int.MaxValue; // a background section is skipped until a heading of its level or higher
        var i = 0;
        while (i < lines.Count)
        {
            var line = lines[i];
            if (tables.TryGetValue(i, out var table))
            {
                if (skipLevel == int.MaxValue) result.AddRange(Table(table.Rows, scope, period));
                i = table.End + 1;
                continue;
            }
            if (line.Trim().Length == 0)
            {
                i++;
                continue;
            }
            // A glossary ("名词解释") defines the plan's terms ("一区……21个区和万盛经开区，面积2.9万平方公里"): no targets in it, to
            // the end of the document or the next chapter.
            if (GlossaryRegex().IsMatch(line))
            {
                skipLevel = 1;
                i++;
                continue;
            }
            if (HeadingLevel(line) is { } level)
            {
                sectionYear = null;
                localScope = null;
                industryScope = null;
                if (level <= headingIndustryLevel) (headingIndustry, headingIndustryLevel) = (null, 0);
                // A chapter headed by an industry ("二、装备制造业") speaks of it: bare measures in it are the industry's.
                var named = Regex.Match(line.Trim(), @"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+[章节])\s*(?<w>[\p{IsCJKUnifiedIdeographs}]{2,10})$");
                if (named.Success && IsIndustryName(named.Groups["w"].Value, industries)) (headingIndustry, headingIndustryLevel) = (named.Groups["w"].Value, level);
                // "专栏6：汽车摩托车产业发展重点": a box about one industry.
                var box = Regex.Match(line.Trim(), @"^专栏\s*\d*[：:]\s*(?<w>[\p{IsCJKUnifiedIdeographs}]{2,10}?(?:产业|制造业))");
                if (box.Success) (headingIndustry, headingIndustryLevel) = (box.Groups["w"].Value, level);
                if (level <= skipLevel) skipLevel = int.MaxValue;
                if (BackgroundHeadingRegex().IsMatch(line) && !line.Contains("目标", StringComparison.Ordinal)) skipLevel = Math.Min(skipLevel, level);
                i++;
                continue;
            }
            // One block: consecutive lines of prose (a paragraph wrapped over several lines by a PDF or a .docx).
            var blockStart = i;
            var text = new StringBuilder();
            var lineOf = new List<int>();
            while (i < lines.Count && lines[i].Trim().Length > 0 && !lines[i].TrimStart().StartsWith('|') && (i == blockStart || HeadingLevel(lines[i]) is null)
                   && (i == blockStart || !tables.ContainsKey(i))
                   && (i == blockStart || !(EndsSentence(lines[i - 1]) && ListItemRegex().IsMatch(lines[i]))))
            {
                foreach (var c in lines[i].Trim()) { text.Append(c); lineOf.Add(i + 1); }
                i++;
                // A PDF's text often prints a blank line between the wrapped lines of one paragraph: a line that does not
                // end a sentence, then one blank line, then a line that is not a heading or a table, is the same paragraph.
                // A page break prints up to three blank lines inside a sentence ("到2022" … "年力争全市汽车产量"): the same rule
                // over up to three blank lines.
                var gap = 0;
                while (i + gap < lines.Count && gap < 4 && lines[i + gap].Trim().Length == 0) gap++;
                if (gap is >= 1 and <= 3 && i + gap < lines.Count && !EndsSentence(lines[i - 1]) && lines[i + gap].Trim().Length > 0
                    && !lines[i + gap].TrimStart().StartsWith('|') && !tables.ContainsKey(i + gap) && HeadingLevel(lines[i + gap]) is null && HeadingLevel(lines[blockStart]) is null
                    && !GlossaryRegex().IsMatch(lines[i + gap]))
                {
                    i += gap;
                }
            }
            if (skipLevel != int.MaxValue) continue;
            var block = text.ToString();
            // A paragraph led by a planning unit's name ("（一）江津区。优先发展……") speaks of that unit until the next one or the next heading.
            if (scope.Kind is "region" or "city" && UnitLead(block, dictionary) is { } unit) (localScope, industryScope) = (new IntakeScope("unit", unit), null);
            // A paragraph led by an industry's name ("（一）智能产业。", "集成电路。") sets the industry its figures are about.
            else if (IndustryLead(block, industries, industryScope is not null || headingIndustry is not null) is { } industry) industryScope = industry;
            // A project's paragraph titled by an industry ("集成电路设计业集聚区建设工程：", "摩托车转型升级工程：") is that industry's.
            else if (Regex.Match(block, @"^\s*(?<t>[\p{IsCJKUnifiedIdeographs}]{2,24}?(?:工程|行动|计划))[：:]") is { Success: true } project
                     && industries.Where(w => project.Groups["t"].Value.StartsWith(w, StringComparison.Ordinal)).OrderByDescending(w => w.Length).FirstOrDefault() is { } titled)
            {
                industryScope = titled;
            }
            // A numbered item that names no industry ("1．发展智能制造。") leaves the previous industry's paragraphs.
            else if (Regex.IsMatch(block, @"^\s*(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[.．、])")) industryScope = null;
            var lead = Regex.Match(block, @"^\s*(?:到|至)\s*(?<y>20\d{2})\s*年");
            // "通过五年左右奋斗，到 2027 年……实现以下目标：" introduces the items that follow.
            var intro = Regex.Match(block, @"(?:到|至)\s*(?<y>20\d{2})\s*年[^。；]*[：:]$");
            result.AddRange(Prose(block, lineOf, localScope ?? scope, industries, period, sectionYear, dictionary, industryScope, headingIndustry));
            if (lead.Success) sectionYear = int.Parse(lead.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture);
            else if (intro.Success) sectionYear = int.Parse(intro.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return result;
    }

    private static bool EndsSentence(string line) => line.TrimEnd().Length > 0 && "。；;！？!?：:）)”".Contains(line.TrimEnd()[^1], StringComparison.Ordinal);

    /// <summary>The planning unit a paragraph starts with ("（一）江津区。", "2.永川区：", "璧山区，"), or null.</summary>
    public static string? UnitLead(string block, IntakeDictionary dictionary)
    {
        var m = Regex.Match(block, @"^\s*(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[.．、]|[一二三四五六七八九十]+、)?\s*(?<u>[\p{IsCJKUnifiedIdeographs}]{2,8}?)[。：:，,]");
        return m.Success && dictionary.Units.TryGetValue(m.Groups["u"].Value, out var name) ? name : null;
    }

    private static bool IsIndustryName(string w, HashSet<string> industries) =>
        industries.Contains(w) || Regex.IsMatch(w, "(产业|制造业|工业)$") && !NotAnIndustryHeadingRegex().IsMatch(w) && !Regex.IsMatch(w, "^(全区|全市|规上|规模以上)");

    /// <summary>The industry a paragraph starts with ("（一）智能产业。", "集成电路。"): a known industry word, or a short name ending in 产业.</summary>
    private static string? IndustryLead(string block, HashSet<string> industries, bool withinIndustry)
    {
        // Inside an industry's section a short lead ("汽车整车。结合……") names one of its branches.
        var sub = Regex.Match(block, @"^\s*(?<w>[\p{IsCJKUnifiedIdeographs}]{2,10}?)。");
        if (withinIndustry && sub.Success && !NotAnIndustryHeadingRegex().IsMatch(sub.Groups["w"].Value) && !Regex.IsMatch(sub.Groups["w"].Value, "工程|行动|计划|目标|任务|措施|保障")) return sub.Groups["w"].Value;
        var m = Regex.Match(block, @"^\s*(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[.．、])?\s*(?<w>[\p{IsCJKUnifiedIdeographs}]{2,10}?)[。：:]");
        if (!m.Success || NotAnIndustryHeadingRegex().IsMatch(m.Groups["w"].Value)) return null;
        var w = m.Groups["w"].Value;
        return w.EndsWith("产业", StringComparison.Ordinal) || industries.Contains(w) ? w : null;
    }

    /// <summary>1 for 一、, 2 for （一）, 3 for 1. and 专栏; null for a line that is not a heading (a long line is prose).</summary>
    public static int? HeadingLevel(string line)
    {
        var t = line.Trim();
        if (t.Length > 40 || t.Contains('。', StringComparison.Ordinal)) return null;
        var m = HeadingRegex().Match(t);
        if (!m.Success) return null;
        var head = m.Value.Trim();
        if (head.EndsWith('、') && !char.IsDigit(head[0])) return 1;
        if (head.StartsWith('（') || head.StartsWith('(')) return 2;
        if (head.StartsWith('第')) return 1;
        return 3;
    }

    /// <summary>Industry words a scope may name: the catalog, the vocabulary, and what the document itself calls an industry (“1.新材料”, “做大做强新材料、食品医药两大…产业”).</summary>
    private static HashSet<string> IndustryWords(List<string> lines, IntakeDictionary dictionary)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in dictionary.Industries) words.Add(name);
        if (dictionary.Vocabulary is { } v) foreach (var e in v.Entries) { words.Add(e.Term); words.Add(e.Target); }
        foreach (var line in lines)
        {
            var h = Regex.Match(line.Trim(), @"^\d+[.．、]\s*(?<w>[\p{IsCJKUnifiedIdeographs}]{2,8})$");
            if (h.Success) words.Add(h.Groups["w"].Value.EndsWith("产业", StringComparison.Ordinal) ? h.Groups["w"].Value[..^2] : h.Groups["w"].Value);
            foreach (var d in DesignationExtractor.Lists(line)) foreach (var w in d.Words) words.Add(w);
        }
        words.RemoveWhere(w => w.Length < 2 || NotScopeWords.Contains(w));
        return words;
    }

    private sealed record Hit(int Start, int End, decimal Value, decimal? High, string? Unit, string Printed, string Kind, string? Lead);

    private static IEnumerable<TargetProposal> Prose(string block, List<int> lineOf, IntakeScope scope, HashSet<string> industries, (int From, int To)? period, int? sectionYear, IntakeDictionary dictionary, string? industryScope, string? chapterIndustry)
    {
        var hits = new List<Hit>();
        foreach (Match m in ValueRegex().Matches(block))
        {
            var a = PlanNumbers.Parse(m.Groups["a"].Value)!.Value;
            decimal? b = m.Groups["b"].Success ? PlanNumbers.Parse(m.Groups["b"].Value) : null;
            // A year (2025 年) or a date is not a value; "2020 年" never matches a unit, but "2 个" right after a year does.
            hits.Add(new Hit(m.Index, m.Index + m.Length, a, b, m.Groups["unit"].Value, m.Value.Trim(), "value", m.Groups["lead"].Success ? m.Groups["lead"].Value : null));
        }
        foreach (Match m in SizeClassRegex().Matches(block))
        {
            hits.Add(new Hit(m.Index, m.Index + m.Length, PlanNumbers.Parse(m.Groups["a"].Value)!.Value, null, "亿元", m.Value.Trim(), "size", null));
        }
        foreach (Match m in ClusterCountRegex().Matches(block))
        {
            if (PlanNumbers.ChineseNumeral(m.Groups["n"].Value) is { } n)
            {
                hits.Add(new Hit(m.Index, m.Index + m.Length, n, null, "个", m.Value, "count", null));
            }
        }
        hits = hits.OrderBy(h => h.Start).ToList();
        var years = YearMentions(block);
        var bold = BoldLeadRegex().Match(block);
        string? boldIndustry = bold.Success && !NotAnIndustryHeadingRegex().IsMatch(bold.Groups["h"].Value) ? bold.Groups["h"].Value : null;

        LastTarget? last = null;
        var emitted = new List<LastTarget>();
        for (var k = 0; k < hits.Count; k++)
        {
            var hit = hits[k];
            LastTarget? inherited = null;
            string? partOf = null;
            var sentenceStart = LastIndexOfAny(block, "。！？；;", hit.Start - 1) + 1;
            var sentenceEnd = IndexOfAny(block, "。！？；;", hit.End);
            if (sentenceEnd < 0) sentenceEnd = block.Length;
            var sentence = block[sentenceStart..sentenceEnd];
            if (PastWordsRegex().IsMatch(sentence)) continue;

            // The year: the nearest year mention before the value in the paragraph (a baseline "在 2020 年基础上" does not count).
            var mention = years.LastOrDefault(y => y.End <= hit.Start && !y.Baseline);
            var baseline = years.FirstOrDefault(y => y.Baseline && y.Start >= sentenceStart && y.Start < sentenceEnd);
            int? year = mention?.Year;
            int? yearFrom = mention?.From;
            var yearExplicit = mention is not null && mention.Start >= sentenceStart;
            if (year is null && sectionYear is not null) year = sectionYear;
            if (mention is not null && period is { } p && mention.Year < p.From && !mention.Fyp) continue; // a result of an earlier year
            if (mention is not null && mention.Fyp && period is { } p2 && mention.Year < p2.To) continue;

            // A bracket closed before the value belongs to the name ("乘用车驾驶辅助系统（L2）新车装配率"); an open one starts a clause.
            var clauseStart = Math.Max(sentenceStart, ClauseStart(block, hit.Start));
            if (k > 0 && hits[k - 1].End > clauseStart && hits[k - 1].End <= hit.Start) clauseStart = hits[k - 1].End;
            var pre = block[clauseStart..hit.Start];
            // "5个智能工厂、15个数字化车间": a list item ends at 、 (unless the values go with names "分别").
            if (!block[sentenceStart..hit.Start].Contains("分别", StringComparison.Ordinal) && pre.LastIndexOf('、') is var cut and >= 0) pre = pre[(cut + 1)..];
            var after = block[hit.End..Math.Min(block.Length, hit.End + 4)];

            // "提出20个具体目标", "做强电子信息……等4个万亿主导产业": a count of the plan's own targets or tasks, or of the
            // industries a list has just named, describes the plan; it is no target.
            if (hit.Unit is { } cu && PlanNumbers.Counters.Contains(cu)
                && (Regex.IsMatch(after + block[Math.Min(block.Length, hit.End + 4)..Math.Min(block.Length, hit.End + 8)], @"^(?:具体|主要|重点)?(?:目标|任务|举措|措施)")
                    || block[sentenceStart..hit.Start].TrimEnd().EndsWith('等') && Regex.IsMatch(block[hit.End..Math.Min(block.Length, hit.End + 12)], @"^[\p{IsCJKUnifiedIdeographs}]{0,6}?(?:主导|支柱|特色|优势)产业")))
            {
                continue;
            }
            // "年营业收入超1000亿元的2个": a value followed by 的 qualifies what is counted; it is no target itself.
            if (hit.Kind == "value" && after[Suffix(after).Length..].TrimStart().StartsWith('的')) continue;
            var comparator = Comparator(hit, block[sentenceStart..hit.Start], pre, after);
            var cumulative = sentence[..Math.Min(sentence.Length, hit.End - sentenceStart)].Contains("累计", StringComparison.Ordinal);

            string indicator;
            var confidence = 0.45m;
            if (hit.Kind == "size")
            {
                // "300 亿级新材料产业": a size class of an industry.
                var what = Regex.Match(block[hit.End..], @"^\s*(?<w>[\p{IsCJKUnifiedIdeographs}]{2,8}?)(?:产业|集群)?(?=[、，。；和]|的|$)");
                if (!what.Success) continue;
                var w = what.Groups["w"].Value;
                yield return Make("产值", "industry", w.EndsWith("产业", StringComparison.Ordinal) ? w[..^2] : w, hit, year, yearFrom, "approx", false, null,
                    block, lineOf, hit.Start, hit.End + what.Length, 0.55m + (yearExplicit ? 0.2m : 0), "prose");
                continue;
            }
            if (hit.Kind == "count")
            {
                // "打造……七大产业集群" makes them; "巩固提升……两大支柱产业集群" names the ones there are.
                var clause = block[Math.Max(sentenceStart, LastIndexOfAny(block, "，,：:", hit.Start - 1) + 1)..hit.Start];
                if (!Regex.IsMatch(clause, "打造|培育|形成|建成|建设|壮大|构建")) continue;
                indicator = hit.Printed[(hit.Printed.IndexOf('大', StringComparison.Ordinal) + 1)..];
                yield return Make(indicator, scope.Kind, scope.Name, hit, year, yearFrom, "eq", false, null, block, lineOf, hit.Start, hit.End, 0.5m + (yearExplicit ? 0.2m : 0), "prose");
                continue;
            }

            indicator = CleanIndicator(pre);
            var respectively = false;
            var printedFrom = Math.Max(clauseStart, sentenceStart);
            var printedTo = hit.End + Suffix(after).Length;
            var scopeWords = Regex.Replace(indicator, "^(?:" + string.Join("|", dictionary.Regions.Concat(dictionary.Units.Keys).Where(n => n.Length >= 2).Select(Regex.Escape).DefaultIfEmpty("^$")) + ")", "");
            scopeWords = Regex.Replace(scopeWords, "^(?:各区县?|各区|每区|每个园区|各园区|每个区县)?(?:每年)?(?:均有|均)?", "");
            var verbOnly = CountVerbs.FirstOrDefault(v => scopeWords.TrimStart('累', '计') == v || scopeWords == "累计" + v);
            var listed = pre.TrimEnd().EndsWith('和') || pre.TrimEnd().EndsWith('、') || pre.TrimEnd().EndsWith('及');
            if ((indicator.Length == 0 || verbOnly is not null || scopeWords.Length == 0 || listed) && (hit.Unit is { } u && PlanNumbers.Counters.Contains(u) || scopeWords.Length == 0))
            {
                // "建成5个智能工厂", "累计新建 100 个绿色工厂", "和 200 个以上数字化车间", "各区每年均有 50 亿元及以上新招商项目落地开工":
                // the thing counted follows the measure word.
                var rest = block[hit.End..];
                var skip = Suffix(rest.Length > 5 ? rest[..5] : rest).Length;
                // A share printed before its noun ("68%以上规模工业企业迈入数字化制造阶段") names it in a longer clause.
                var noun = hit.Unit == "%"
                    ? Regex.Match(rest[skip..], @"^(?<n>[“”\p{IsCJKUnifiedIdeographs}]{2,20}?)(?=[、，,。；;：（(]|$)")
                    : Regex.Match(rest[skip..], @"^(?<n>[“”\p{IsCJKUnifiedIdeographs}]{2,18}?)(?=[、，,。；;：（(和及与]|等|$)");
                // "每区确立不超过2个主导产业": how many industries a unit designates is a rule of the layout (its caps), not a target.
                if (noun.Success && verbOnly is "确立" or "确定" && Regex.IsMatch(noun.Groups["n"].Value, "(主导|支柱|特色)产业$")) continue;
                if (noun.Success && CleanIndicator(noun.Groups["n"].Value) is { Length: > 1 } counted)
                {
                    indicator = verbOnly is not null && !counted.StartsWith(verbOnly, StringComparison.Ordinal) ? verbOnly + counted : counted;
                    (printedFrom, printedTo) = (listed ? hit.Start : printedFrom, hit.End + skip + noun.Length);
                }
            }
            if (indicator.Length == 0 && k > 0 && pre.Trim() is "、" or "和" or "" && block[sentenceStart..hit.Start].Contains("分别", StringComparison.Ordinal))
            {
                respectively = true;
            }
            if (respectively || pre.Contains("分别", StringComparison.Ordinal))
            {
                // "A、B分别提高至 87%、65%": the n-th name goes with the n-th value.
                var names = RespectiveNames(block[clauseStart..hit.Start], block, sentenceStart, hit.Start);
                var index = 0;
                for (var j = k - 1; j >= 0 && hits[j].Start >= sentenceStart && block[hits[j].End..hits[j + 1].Start].Trim() is "、" or "和" or "及" or ""; j--) index++;
                if (names.Count > index) indicator = names[index];
                // "普及率、数控化率分别超过90%、70%": the comparison word before the first value holds for every value of the list.
                if (index > 0 && comparator == "eq") comparator = Comparator(hit, block[sentenceStart..hit.Start], block[sentenceStart..hits[k - index].Start], after);
                confidence += names.Count > index ? 0.1m : -0.2m;
            }
            // "全部工业开票销售达9000亿元，力争超10000亿元": a second value of the same measure in the next clause.
            if (indicator.Length == 0 && last is { } prev && prev.Sentence == sentenceStart && SameKindOfUnit(prev.Unit, hit.Unit) && Regex.IsMatch(YearRegex().Replace(pre, "").Trim(), "^(?:力争|争取|确保|努力)?(?:超过?|突破|达到?|提高到|提高至)$"))
            {
                indicator = prev.Indicator;
                inherited = prev;
            }
            // "汽车产量超过300万辆（其中新能源汽车20万辆、智能网联汽车80万辆）": each named part has the measure of the whole.
            var ofWhich = block[sentenceStart..hit.Start].LastIndexOf("其中", StringComparison.Ordinal);
            if (ofWhich >= 0 && emitted.LastOrDefault(e => e.Sentence == sentenceStart && e.End <= sentenceStart + ofWhich) is { } whole && whole.Unit == hit.Unit
                && !indicator.EndsWith("部分", StringComparison.Ordinal)
                && !Regex.IsMatch(block[(sentenceStart + ofWhich)..hit.Start], "[，,）)；]") && indicator.Length is >= 2 and <= 10
                && !Regex.IsMatch(indicator, MeasureWords) && Regex.Match(whole.Indicator, MeasureWords + "$") is { Success: true } measure)
            {
                partOf = indicator;
                indicator = measure.Value;
            }
            // "年均增速达到11.6%" after "…规模以上工业总产值突破663亿元": the growth of that measure.
            if (Regex.IsMatch(indicator, "^(?:年均)?(?:增速|增长)$") && last is { } grown && grown.Sentence == sentenceStart && hit.Unit == "%"
                && Regex.Match(grown.Indicator, @"(?:规模以上|规上)?(?:工业)?(?:企业)?" + MeasureWords + "$") is { Success: true, Length: >= 2 } grownMeasure)
            {
                indicator = grownMeasure.Value + (block[clauseStart..hit.Start].Contains("年均", StringComparison.Ordinal) ? "年均" : "") + indicator.Replace("年均", "", StringComparison.Ordinal);
            }
            // "其中中支产量超过30万箱，达到总产量的60%以上": the part's share of the whole.
            if (Regex.Match(indicator, @"^(?<whole>总[\p{IsCJKUnifiedIdeographs}]{1,6})的$") is { Success: true } ofTotal && last is { } part && part.Sentence == sentenceStart && hit.Unit == "%")
            {
                indicator = part.Indicator + "占" + ofTotal.Groups["whole"].Value + "比重";
                inherited = part;
            }
            // A value named only by a place ("到2020年全市300家") or by a verb ("重点发展10万元及以上轿车") names nothing measured.
            if (Regex.IsMatch(indicator, "^(?:全市|全区|全省|全县|重点发展|发展|重点)$")) continue;
            // Without any year, "……分别突破3900万元/亩……均远高于……平均产值660万元/亩" compares with an average and "购置……设备80台"
            // lists a project's purchases: both state how things stand or what a project contains, not a level to reach.
            if (year is null && (Regex.IsMatch(sentence, "(?:高于|低于)[^，。；]*平均") || hit.Unit is { } bought && PlanNumbers.Counters.Contains(bought) && Regex.IsMatch(block[clauseStart..hit.Start], "购置|购买|采购"))) continue;
            // "36条", "7条": counts printed without any year are the plan's own lists of measures, not targets.
            if (year is null && hit.Unit is "条" or "款" or "种" or "件" or "人") continue;
            if (indicator.Length == 0) continue;
            var hasVerb = TargetVerbs.Any(v => block[sentenceStart..hit.Start].Contains(v, StringComparison.Ordinal));
            if (year is null && !hasVerb && comparator is "eq" && !(hit.Unit is { } c && PlanNumbers.Counters.Contains(c))) continue;

            var (kind, name) = (scope.Kind, scope.Name);
            // "渝西地区智能网联新能源汽车零部件产业集群实现营业收入": a cluster's own figure.
            var cluster = Regex.Match(Regex.Replace(indicator, "^(?:" + string.Join("|", dictionary.Regions.Concat(dictionary.Units.Keys).Where(n => n.Length >= 2).Select(Regex.Escape).DefaultIfEmpty("^$")) + ")", ""),
                @"^(?<w>[\p{IsCJKUnifiedIdeographs}]{2,16}?)产业集群(?:力争)?(?:实现)?(?<rest>营业收入|产值|总产值|规模|销售收入|增加值)$");
            if (cluster.Success)
            {
                (kind, name) = ("cluster", cluster.Groups["w"].Value);
                indicator = cluster.Groups["rest"].Value;
            }
            var scoped = Regex.Match(indicator, @"^(?<w>[\p{IsCJKUnifiedIdeographs}]{2,8}?)产业(?:力争|要)?(?:实现)?(?<rest>产值|总产值|规模|营业收入|收入|增加值|产值规模|销售收入)$");
            if (cluster.Success) { }
            else if (scoped.Success && (industries.Contains(scoped.Groups["w"].Value) || industries.Contains(scoped.Groups["w"].Value + "产业")))
            {
                (kind, name) = ("industry", scoped.Groups["w"].Value);
                indicator = scoped.Groups["rest"].Value;
            }
            else if (boldIndustry is not null && industries.Any(w => boldIndustry.StartsWith(w, StringComparison.Ordinal)))
            {
                (kind, name) = ("industry", boldIndustry);
            }
            else if (industryScope is not null)
            {
                (kind, name) = ("industry", industryScope);
            }
            else if (Regex.Match(indicator, @"^(?<w>[\p{IsCJKUnifiedIdeographs}]{2,10}?)占") is { Success: true } share && IsIndustryName(share.Groups["w"].Value, industries))
            {
                // "电子信息制造业占规上工业总产值比重": the industry's share.
                (kind, name) = ("industry", share.Groups["w"].Value);
            }
            else if (chapterIndustry is not null && (!Regex.IsMatch(indicator, MeasureWords + "$") || !indicator.Contains(chapterIndustry, StringComparison.Ordinal)
                     && !indicator.Contains(Regex.Replace(chapterIndustry, "(产业|制造业|业)$", ""), StringComparison.Ordinal)))
            {
                // In an industry's chapter a measure that does not name the industry is the industry's ("年均增速达到11.6%"), and
                // so is a count of its things ("培育10个具有全国影响力消费品制造业骨干企业"); the district's output of the
                // industry ("全区医疗制造业规上工业总产值") stays the district's.
                (kind, name) = ("industry", chapterIndustry);
            }

            if (inherited is not null) (kind, name) = (inherited.Kind, inherited.Scope);
            if (partOf is not null) (kind, name) = ("industry", partOf);
            // In a city plan, "引导各区县……精准定位1—3个" is a target of each unit (the unit left open).
            if (scope.Kind == "city" && Regex.IsMatch(sentence, "各区县|每个区县")) (kind, name) = ("unit", null);
            // "推动每个园区形成有1—3个特色产业基地": a target of each park (the park left open).
            else if (scope.Kind is "city" or "region" && Regex.IsMatch(block[sentenceStart..hit.Start], "每个园区|各园区")) (kind, name) = ("park", null);
            last = new LastTarget(sentenceStart, hit.End, indicator, kind, name, hit.Unit);
            emitted.Add(last);

            confidence += yearExplicit ? 0.25m : year is not null ? 0.1m : 0;
            confidence += hasVerb ? 0.15m : 0;
            confidence += hit.Unit is "%" or "亿元" or "万亿元" ? 0.05m : 0;
            confidence -= indicator.Length > 24 ? 0.2m : 0;
            var t = Make(indicator, kind, name, hit, year, yearFrom, comparator, cumulative, baseline?.Year, block, lineOf, printedFrom, printedTo,
                confidence, "prose");
            if (sentence.Contains("每年", StringComparison.Ordinal)) t = t with { Period = "each_year", YearFrom = period?.From };
            else if (cumulative) t = t with { Period = "sum", YearFrom = yearFrom ?? period?.From };
            // "确保渝西地区各区每年均有 50 亿元…": in a regional plan, one target for each member unit; "每年" in a plan
            // whose period is printed, one for each year of it (the text states them all; none is guessed).
            var members = scope.Kind == "region" && scope.Name is { } region && Regex.IsMatch(sentence, "各区|每区") && dictionary.RegionMembers.TryGetValue(region, out var m) && m.Count > 0
                ? m : null;
            // "到2020年每年上市新车型不低于15款" states the year itself: one target for it.
            var yearsOf = t.Period == "each_year" && !yearExplicit && period is { } each ? Enumerable.Range(each.From, each.To - each.From + 1).ToList() : null;
            if (members is null && yearsOf is null)
            {
                yield return t;
                continue;
            }
            foreach (var y in yearsOf ?? [t.Year ?? -1])
            {
                foreach (var member in members ?? [t.Scope!])
                {
                    yield return t with
                    {
                        ScopeKind = members is null ? t.ScopeKind : "unit", Scope = member, Year = y < 0 ? t.Year : y,
                        Period = yearsOf is null ? t.Period : "year", YearFrom = yearsOf is null ? t.YearFrom : null,
                    };
                }
            }
        }
    }

    /// <summary>"年均增长1个百分点以上，力争达到28%": points and percent state the same share.</summary>
    private static bool SameKindOfUnit(string? a, string? b) =>
        a == b || a is "%" or "个百分点" or "百分点" && b is "%" or "个百分点" or "百分点";

    private sealed record LastTarget(int Sentence, int End, string Indicator, string Kind, string? Scope, string? Unit);

    /// <summary>What a plan measures a whole by: "其中新能源汽车20万辆" takes the 产量 of "全市汽车产量超过300万辆".</summary>
    private const string MeasureWords = "(?:总产值|产值|产量|营业收入|销售收入|主营业务收入|收入|增加值|销量|产能|规模|投资)";

    /// <summary>Where the clause of a value begins: after the last ，：, or an open bracket; a bracket closed before the value is part of the name.</summary>
    private static int ClauseStart(string block, int valueStart)
    {
        var depth = 0;
        for (var i = valueStart - 1; i >= 0; i--)
        {
            var c = block[i];
            if (c is '）' or ')') depth++;
            else if (c is '（' or '(')
            {
                if (depth == 0) return i + 1;
                depth--;
            }
            else if (depth == 0 && c is '，' or ',' or '：' or ':') return i + 1;
        }
        return 0;
    }

    private static string Suffix(string after)
    {
        foreach (var s in new[] { "及以上", "以上", "左右", "以内", "以下" }) if (after.TrimStart().StartsWith(s, StringComparison.Ordinal)) return after[..(after.IndexOf(s, StringComparison.Ordinal) + s.Length)];
        return "";
    }

    private static TargetProposal Make(string indicator, string kind, string? scope, Hit hit, int? year, int? yearFrom, string comparator, bool cumulative,
        int? baselineYear, string block, List<int> lineOf, int from, int to, decimal confidence, string sourceKind)
    {
        var n = PlanNumbers.Normalize(hit.Value, hit.Unit);
        var nh = hit.High is { } h ? PlanNumbers.Normalize(h, hit.Unit) : null;
        to = Math.Min(to, block.Length);
        from = Math.Max(0, Math.Min(from, to - 1));
        var printed = block[from..to].Trim().TrimStart('，', '、', '—', '*').Trim();
        return new TargetProposal(indicator, kind, scope, year, hit.Value, hit.High, hit.Unit, n?.Value, nh?.Value, n?.Unit, hit.High is null ? comparator : "range",
            cumulative, cumulative ? yearFrom : null, baselineYear, null, printed, sourceKind, lineOf[from], lineOf[Math.Max(from, to - 1)],
            Math.Clamp(Math.Round(confidence, 2), 0.05m, 0.99m));
    }

    private static string Comparator(Hit hit, string sentenceBefore, string pre, string after)
    {
        var a = after.TrimStart();
        if (hit.Lead is ">") return "gt";
        if (hit.Lead is "≥") return "ge";
        if (hit.Lead is "<") return "lt";
        if (hit.Lead is "≤") return "le";
        if (hit.High is not null) return "range";
        if (a.StartsWith("以上", StringComparison.Ordinal) || a.StartsWith("及以上", StringComparison.Ordinal)) return "ge";
        if (a.StartsWith("以内", StringComparison.Ordinal) || a.StartsWith("以下", StringComparison.Ordinal)) return "le";
        if (a.StartsWith("左右", StringComparison.Ordinal)) return "approx";
        var p = pre.TrimEnd();
        if (p.EndsWith("不超过", StringComparison.Ordinal) || p.EndsWith("不高于", StringComparison.Ordinal) || p.Contains("控制在", StringComparison.Ordinal)) return "le";
        if (p.EndsWith("超过", StringComparison.Ordinal) || p.EndsWith("突破", StringComparison.Ordinal) || p.EndsWith("高于", StringComparison.Ordinal) || p.EndsWith('超')) return "gt";
        if (p.EndsWith("不低于", StringComparison.Ordinal) || p.EndsWith("不少于", StringComparison.Ordinal)) return "ge";
        if (p.EndsWith('约') || p.EndsWith("约为", StringComparison.Ordinal)) return "approx";
        if (sentenceBefore.Contains("力争", StringComparison.Ordinal) || sentenceBefore.Contains("争取", StringComparison.Ordinal)) return "strive";
        return "eq";
    }

    /// <summary>The words before a value, less the verbs, year phrases and connectives around what is measured.</summary>
    public static string CleanIndicator(string pre)
    {
        var t = Regex.Replace(pre, @"\*\*|——|\s+", "");
        // "单位增加值能耗较2018年下降": the base year is the baseline, not part of the measure's name.
        t = Regex.Replace(t, @"(?:较|比)\s*(?:(?:19|20)\d{2}\s*年底?|上年)", "");
        t = YearRegex().Replace(t, "");
        t = Regex.Replace(t, @"^[、，,：:]+", "");
        // A list ending in 等 names examples; what is measured follows the last 等.
        var etc = t.LastIndexOf('等');
        if (etc >= 0) t = t[(etc + 1)..];
        // "全市汽车行业有千亿级企业": what the whole city (or an industry of it) has is what is counted.
        t = Regex.Replace(t, @"^(?:全市|全区|全省|全县)[\p{IsCJKUnifiedIdeographs}]{0,6}?有(?=[\p{IsCJKUnifiedIdeographs}“]{2,})", "");
        var changed = true;
        while (changed && t.Length > 0)
        {
            changed = false;
            foreach (var w in LeadingWords)
            {
                if (t.StartsWith(w, StringComparison.Ordinal) && t.Length > w.Length) { t = t[w.Length..]; changed = true; }
                else if (t == w) { t = ""; changed = true; }
            }
            foreach (var w in TrailingWords)
            {
                if (t.EndsWith(w, StringComparison.Ordinal) && !(w == "增长" && t.EndsWith("年均增长", StringComparison.Ordinal))) { t = t[..^w.Length]; changed = true; }
            }
            t = t.Trim('、', '，', ',', '：', ':', '“', '"', ' ');
            if (t.StartsWith('”')) { t = t[1..]; changed = true; }
        }
        // A quotation mark left open after trimming (“专精特新”企业 keeps both).
        if (t.Count(c => c == '“') != t.Count(c => c == '”')) t = t.Replace("“", "", StringComparison.Ordinal).Replace("”", "", StringComparison.Ordinal);
        return t.Length > 40 ? t[^40..] : t;
    }

    private static List<string> RespectiveNames(string clause, string block, int sentenceStart, int valueStart)
    {
        var before = block[sentenceStart..valueStart];
        var at = before.LastIndexOf("分别", StringComparison.Ordinal);
        if (at < 0) return [];
        var head = before[..at];
        var cut = LastIndexOfAny(head, "，,：:", head.Length - 1) + 1;
        head = head[cut..];
        var parts = Regex.Split(head, "[、和]").Select(CleanIndicator).Where(p => p.Length > 0).ToList();
        // "市级和国家级工业设计中心": a modifier alone (市级) takes the noun of the last name (工业设计中心).
        if (parts.Count > 1)
        {
            for (var j = 0; j < parts.Count - 1; j++)
            {
                if (parts[j].Length <= 4 && parts[j][^1] is '级' or '型' or '类' && parts[^1].IndexOf(parts[j][^1], StringComparison.Ordinal) is var at2 and >= 0 && at2 + 1 < parts[^1].Length)
                {
                    parts[j] += parts[^1][(at2 + 1)..];
                }
            }
        }
        // "建有研发机构、开展研发活动的企业占规模以上工业企业的比重": the tail after the last name's 的 applies to every name.
        if (parts.Count > 1 && Regex.Match(parts[^1], "^[^的]{2,}的(?<tail>[^的]*?(?:企业|单位)?占.+(?:比重|占比|比例))$") is { Success: true } tail)
        {
            for (var j = 0; j < parts.Count - 1; j++) if (!parts[j].Contains('占', StringComparison.Ordinal)) parts[j] += "的" + tail.Groups["tail"].Value;
            return parts;
        }
        // "金龙铜管、长安跨越产值": the measure after the last name applies to every name.
        if (parts.Count > 1)
        {
            var measure = Regex.Match(parts[^1], @"(产值|营业收入|收入|比重|占比|增加值|规模|数量|率)$");
            if (measure.Success)
            {
                for (var j = 0; j < parts.Count - 1; j++) if (!parts[j].EndsWith(measure.Value, StringComparison.Ordinal)) parts[j] += measure.Value;
            }
        }
        return parts;
    }

    private sealed record YearMention(int Start, int End, int Year, int? From, bool Baseline, bool Fyp);

    private static List<YearMention> YearMentions(string block)
    {
        var result = new List<YearMention>();
        foreach (Match m in YearRegex().Matches(block))
        {
            if (m.Groups["from"].Success)
            {
                result.Add(new YearMention(m.Index, m.Index + m.Length, Int(m.Groups["to"].Value), Int(m.Groups["from"].Value), false, false));
            }
            else if (m.Groups["y"].Success)
            {
                var baseline = m.Groups["base"].Success || Before(block, m.Index).EndsWith('比') || Before(block, m.Index).EndsWith("较", StringComparison.Ordinal);
                result.Add(new YearMention(m.Index, m.Index + m.Length, Int(m.Groups["y"].Value), null, baseline, false));
            }
            else if (m.Groups["fyp"].Success)
            {
                // “十四五” = 2021–2025; 十五五 = 2026–2030; 十三五 = 2016–2020.
                var n = m.Groups["fyp"].Value[1] switch { '三' => 13, '四' => 14, '五' => 15, _ => 16 };
                var end = 2025 + (n - 14) * 5;
                result.Add(new YearMention(m.Index, m.Index + m.Length, end, end - 4, false, true));
            }
        }
        return result;
    }

    private static int Int(string s) => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static string Before(string block, int index) => block[Math.Max(0, index - 2)..index].Trim();

    private static int LastIndexOfAny(string s, string chars, int from)
    {
        for (var i = Math.Min(from, s.Length - 1); i >= 0; i--) if (chars.Contains(s[i], StringComparison.Ordinal)) return i;
        return -1;
    }

    private static int IndexOfAny(string s, string chars, int from)
    {
        for (var i = Math.Max(0, from); i < s.Length; i++) if (chars.Contains(s[i], StringComparison.Ordinal)) return i;
        return -1;
    }

    // ------------------------------------------------------------------ tables

    private static readonly string[] TableUnits = ["亿元", "万元", "万亿元", "%", "个", "户", "家", "项", "万元/人", "万元/人年", "亩", "平方公里", "km²", "万辆", "万吨", "万人", "倍"];

    /// <summary>Splits a Markdown-style table row ("| a | b |") into its cells.</summary>
    public static List<string> Cells(string line)
    {
        var t = line.Trim();
        if (t.StartsWith('|')) t = t[1..];
        if (t.EndsWith('|')) t = t[..^1];
        return t.Split('|').Select(c => c.Trim()).ToList();
    }

    private sealed record Column(int Index, string Header, int? Year, bool Baseline, bool Growth);

    private static IEnumerable<TargetProposal> Table(IReadOnlyList<PlanTableRow> tableRows, IntakeScope scope, (int From, int To)? period)
    {
        var rows = tableRows.Select(r => (Line: r.From, r.To, Cells: r.Cells.Select(c => PlanNumbers.FoldWidth(ChineseScript.ToSimplified(c))).ToList()))
            .Where(r => !r.Cells.All(c => c.Length == 0 || Regex.IsMatch(c, @"^:?-{2,}:?$"))).ToList();
        var dataStart = rows.FindIndex(r => r.Cells.Skip(1).Any(c => ParseCell(c) is not null) && r.Cells.Any(c => Regex.IsMatch(c, @"[\p{IsCJKUnifiedIdeographs}]{2,}")));
        if (dataStart <= 0) yield break;
        var width = rows.Max(r => r.Cells.Count);
        var headers = Enumerable.Range(0, width).Select(c => string.Concat(rows.Take(dataStart).Select(r => c < r.Cells.Count ? r.Cells[c] : ""))).ToList();
        var columns = headers.Select((h, c) =>
        {
            var y = Regex.Match(h, @"((?:19|20)\d{2})\s*年");
            var growth = Regex.IsMatch(h, "年均增速|年均增长|增速");
            var baseline = Regex.IsMatch(h, "现状|基期|基数|基准|实际|完成");
            return new Column(c, h, y.Success ? int.Parse(y.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null, baseline, growth && !y.Success);
        }).ToList();
        var yearColumns = columns.Where(c => c.Year is not null).ToList();
        if (yearColumns.Count == 0) yield break;
        var nameColumn = (columns.FirstOrDefault(c => c.Header.Contains("名称", StringComparison.Ordinal))
                          ?? columns.FirstOrDefault(c => Regex.IsMatch(c.Header, "^(指标|项目|内容)$"))
                          ?? columns.FirstOrDefault(c => Regex.IsMatch(c.Header, "指标(?!类别|属性|分类)|项目|内容")))?.Index;
        var lastYear = yearColumns.Max(c => c.Year!.Value);
        // A year before the plan starts (2020 in a 2021–2025 plan) is the base year: its column is the baseline, not a target.
        var baseColumn = yearColumns.FirstOrDefault(c => c.Baseline)
                         ?? (period is { } pp && yearColumns.Count > 1 ? yearColumns.Where(c => c.Year < pp.From).OrderByDescending(c => c.Year).FirstOrDefault() : null);

        foreach (var (line, lineTo, cells) in rows.Skip(dataStart))
        {
            var nameAt = nameColumn is { } nc && nc < cells.Count && cells[nc].Length > 0 ? nc
                : cells.Select((c, i) => (c, i)).Where(x => Regex.IsMatch(x.c, @"[\p{IsCJKUnifiedIdeographs}]{2,}") && !Regex.IsMatch(x.c, "^(预期性|约束性)$"))
                    .OrderByDescending(x => x.c.Length).Select(x => (int?)x.i).FirstOrDefault() ?? -1;
            if (nameAt < 0) continue;
            var rawName = cells[nameAt];
            string? unit = null;
            var um = Regex.Match(rawName, @"[（(](?<u>[^（）()]{1,8})[）)]\s*$");
            var name = rawName;
            if (um.Success) { unit = um.Groups["u"].Value.Trim(); name = rawName[..um.Index].Trim(); }
            var unitColumn = columns.FirstOrDefault(c => c.Header.Contains("单位", StringComparison.Ordinal));
            if (unit is null && unitColumn is not null && unitColumn.Index < cells.Count && cells[unitColumn.Index].Length > 0) unit = cells[unitColumn.Index];
            name = Regex.Replace(name, @"\s+", "");
            (decimal Value, string Comparator, bool Cumulative, string? Unit)? baseValue = baseColumn is not null && baseColumn.Index < cells.Count ? ParseCell(cells[baseColumn.Index]) : null;
            foreach (var column in columns.Where(c => c.Year is not null || c.Growth))
            {
                if (column.Index >= cells.Count || column.Index == nameAt) continue;
                if (ParseCell(cells[column.Index]) is not { } v) continue;
                var isBase = column == baseColumn;
                if (isBase && !column.Baseline) continue; // the base year's value rides on the targets as their baseline
                var indicator = column.Growth ? (Regex.IsMatch(name, "增速|增长$") ? name : name + "年均增速") : name;
                var valueUnit = column.Growth ? "%" : v.Unit ?? unit;
                if (column.Growth && v.Unit is null && unit is not null && unit != "%") valueUnit = "%";
                var year = column.Year ?? lastYear;
                var n = PlanNumbers.Normalize(v.Value, valueUnit);
                var cumulative = v.Cumulative;
                yield return new TargetProposal(indicator, scope.Kind, scope.Name, year, v.Value, null, valueUnit, n?.Value, null, n?.Unit, v.Comparator, cumulative,
                    cumulative ? (baseColumn?.Year + 1 ?? period?.From) : null,
                    isBase || column.Growth ? null : baseColumn?.Year, isBase || column.Growth ? null : baseValue?.Value,
                    cells[column.Index], "table", line, lineTo, valueUnit is null ? 0.75m : 0.9m, cumulative ? "sum" : "year")
                    with { YearFrom = column.Growth ? baseColumn?.Year + 1 : cumulative ? (baseColumn?.Year + 1 ?? period?.From) : null };
            }
        }
    }

    /// <summary>A table cell as a value: "332.3", "[180]" (cumulative), ">6", "预计 1.5", "13.1(未正式反馈)", "16.2%"; "/" and "—" are no value.</summary>
    private static (decimal Value, string Comparator, bool Cumulative, string? Unit)? ParseCell(string cell)
    {
        var m = Regex.Match(cell.Trim().Replace('〉', '>').Replace('〈', '<'), @"^(?:预计|约)?\s*(?<lead>[>≥<≤]|不低于|不少于|超过)?\s*(?<open>\[)?\s*(?<n>\d+(?:\.\d+)?)\s*(?<close>\])?\s*(?<u>%|亿元|万元|个|户|家|∶1)?\s*(?:[（(][^）)]*[）)])?\s*(?<after>以上|左右)?$");
        if (!m.Success) return null;
        var comparator = m.Groups["lead"].Value switch
        {
            ">" or "超过" => "gt",
            "≥" or "不低于" or "不少于" => "ge",
            "<" => "lt",
            "≤" => "le",
            _ => m.Groups["after"].Value switch { "以上" => "ge", "左右" => "approx", _ => cell.TrimStart().StartsWith('约') ? "approx" : "eq" },
        };
        return (PlanNumbers.Parse(m.Groups["n"].Value)!.Value, comparator, m.Groups["open"].Success && m.Groups["close"].Success, m.Groups["u"].Success ? m.Groups["u"].Value : null);
    }
}
