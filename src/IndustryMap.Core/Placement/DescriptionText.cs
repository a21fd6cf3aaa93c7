namespace IndustryMap.Placement;

/// <summary>
/// A description as the classifier reads it: normalised (<see cref="ChineseText.Normalize"/>), with negated phrases
/// taken out and the "use" part of "X用Y" / "用于X的Y" marked as context. Issue 13 §3:
/// <list type="bullet">
/// <item>negation — "不涉及X", "不含X", "不包括X", "不属于X", "非X" (at the start of a clause) and "除X外": X says what
///   the project is not, so it is removed (up to the end of its clause) before matching and named in the result;</item>
/// <item>"X用Y" and "用于X的Y" — the product Y decides, the use X is context: words wholly inside X count for
///   <see cref="IndustryClassifier.ContextFactor"/> of their weight ("新能源汽车用锂电池隔膜" is a battery material);</item>
/// <item>English — a description written mostly in Latin letters is recognised as such (the vocabulary is Chinese);</item>
/// <item>ancillary facilities — a phrase ending in a facility word (<see cref="FacilityWords"/>: 中心, 楼, 宿舍, 设施, 仓库,
///   仓储, 用房) that ends there (only a separator, a number, a conjunction, 等 or 项目/工程/建设 follows) names something
///   built beside the product: "年产…杀虫剂…，大数据控制中心", "在线测头…及展示中心、数据中心等项目". The phrase runs back
///   to the clause start, a conjunction or a building verb (建设, 新建, 配套 …). Such phrases are
///   <see cref="Facility"/> spans: the classifier reads them as context like the "use" part, but only when the description
///   names a product outside them (<see cref="IndustryClassifier.Classify(DescriptionText)"/>); a description that is
///   only a data centre ("中国移动数据中心") is still read as one. No building verb is required before the phrase: nearly
///   every description has one (建设…), and the product-elsewhere condition is what keeps a facility that IS the project;</item>
/// <item>inputs bought or rented — the object of a purchase or lease verb (<see cref="InputVerbs"/>: 购置, 购买, 采购, 购进,
///   引进, 新增, 租用, 租赁) names what the project buys or rents to make its product, not the product: "购置反应釜、冷凝器等设备",
///   "租用光电园", "购买服务器、交换机". The phrase (<see cref="InputSpans"/>) runs from the verb to the end of its clause —
///   the enumeration comma "、" does not end a clause, so a list of equipment is one object — or to the first
///   <see cref="InputPhraseEnds"/> word (建设, 形成, 年产, 用于 … : another action begins). There is no phrase when the object
///   states a capacity (年产, 产能, 生产能力, 产值: "新增20万件齿轮的生产能力" is the product), and after 引进 and 新增, which
///   also say "attract an enterprise" and "add capacity", only when the object names equipment or premises
///   (<see cref="InputHeadWords"/>: 设备, 生产线, 厂房, 车间 …). Noun uses of the verbs (融资租赁, 采购中心) are no verbs.
///   A transformation project (<see cref="TransformationWords"/>: 改造, 技改, 升级) has no input phrases: what it installs
///   is what it is about ("5G+智能化改造，购买5G模组等设备");
///   Input phrases are context like facilities, with one more step: they are context when the description names a product
///   OR a facility outside them ("采购服务器建设数据中心" is a data centre that buys servers), while facility phrases are
///   context only beside a product named outside facility and input phrases alike (a product, then what is built, then
///   what is bought: <see cref="IndustryClassifier.Classify(DescriptionText)"/>);</item>
/// <item>deep processing — "深加工", "精深加工", "精加工" read as 加工 (<see cref="ChineseText.FoldProcessing"/>), so
///   "农产品深加工" matches 农产品加工; <see cref="Joins"/> are where a modifier was taken out, negated phrases are shown as written.</item>
/// </list>
/// </summary>
public sealed record DescriptionText(string Text, bool[] Context, IReadOnlyList<string> Negated, bool IsLatin)
{
    /// <summary>Spans of <see cref="Text"/> that name an ancillary facility (see the summary); empty when none.</summary>
    public bool[] Facility { get; init; } = [];

    /// <summary>The facility phrases, as in <see cref="Text"/>.</summary>
    public IReadOnlyList<string> Facilities { get; init; } = [];

    /// <summary>Spans of <see cref="Text"/> that name inputs bought or rented (see the summary); empty when none.</summary>
    public bool[] Input { get; init; } = [];

    /// <summary>The input phrases (purchases and leases), as in <see cref="Text"/>.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>Indices of <see cref="Text"/> where a 深/精深/精 before 加工 was taken out (a term must not start inside the word before).</summary>
    public IReadOnlyList<int> Joins { get; init; } = [];

    /// <summary>
    /// Words that end a phrase naming a facility built beside the product (issue 13 §3): research, data, display,
    /// testing or training centres, office and dormitory buildings, storage, supporting facilities, auxiliary rooms.
    /// </summary>
    public static readonly IReadOnlyList<string> FacilityWords = ["中心", "楼", "宿舍", "设施", "仓库", "仓储", "用房"];

    /// <summary>Building verbs and conjunctions: a facility phrase starts after the last one before it.</summary>
    public static readonly IReadOnlyList<string> FacilityPhraseStarts = ["建设", "新建", "新增", "配套", "修建", "扩建", "改建", "兴建", "建成", "包括", "购置", "以及", "及", "和", "与", "并"];

    /// <summary>What may follow a facility word for it to end its phrase ("数据中心等项目"), besides a separator, a digit or the end.</summary>
    public static readonly IReadOnlyList<string> FacilityPhraseEnds = ["及", "和", "与", "并", "等", "共", "约", "项目", "工程", "建设"];

    /// <summary>Verbs of buying or renting inputs: their object is an input phrase (see the summary).</summary>
    public static readonly IReadOnlyList<string> InputVerbs = ["购置", "购买", "采购", "购进", "引进", "新增", "租用", "租赁"];

    /// <summary>Verbs that also mean something else (引进 an enterprise, 新增 capacity): their object must name equipment or premises.</summary>
    public static readonly IReadOnlyList<string> InputVerbsNeedingAHead = ["引进", "新增"];

    /// <summary>Words of equipment and premises: one must occur in the object of an <see cref="InputVerbsNeedingAHead"/> verb.</summary>
    public static readonly IReadOnlyList<string> InputHeadWords = ["设备", "生产线", "仪器", "装置", "机组", "机器人", "台套", "厂房", "车间", "场地", "用房"];

    /// <summary>Words of capacity: an object stating one names the product ("新增…的生产能力"), so it is no input phrase.</summary>
    public static readonly IReadOnlyList<string> CapacityWords = ["年产", "产能", "生产能力", "产值", "产量"];

    /// <summary>Words that begin another action: an input phrase ends before them ("采购服务器建设数据中心").</summary>
    public static readonly IReadOnlyList<string> InputPhraseEnds = ["建设", "新建", "建成", "形成", "打造", "实现", "达到", "开展", "年产", "用于", "从事", "生产出"];

    /// <summary>
    /// Words of a transformation project — one that upgrades an existing plant ("智能化改造", "技改", "升级"): what it
    /// buys is the content of the project, so such a description has no input phrases (decision 0034).
    /// </summary>
    public static readonly IReadOnlyList<string> TransformationWords = ["改造", "技改", "升级"];

    /// <summary>Noun uses of the verbs (a leasing business, a purchasing centre): no input phrase starts there.</summary>
    public static readonly IReadOnlyList<string> NotInputVerbs = ["融资租赁", "金融租赁", "租赁业", "采购中心", "采购平台", "政府采购", "集中采购"];

    /// <summary>Markers that negate the rest of their clause, anywhere in it.</summary>
    public static readonly IReadOnlyList<string> NegationMarkers = ["不涉及", "不包括", "不包含", "不含", "不属于", "不生产", "不从事", "不是"];

    /// <summary>Words that begin with 非 but are not a negation ("非晶合金", "非织造布", "非金属矿物").</summary>
    public static readonly IReadOnlyList<string> NonNegatingFei = ["非晶", "非织", "非金属", "非标", "非常", "非遗", "非线性", "非开挖", "非离子", "非洲", "非公", "非粮", "非石油", "非煤"];

    /// <summary>Words with 用 that are not "X用Y" (the product is not after 用): 应用, 专用车, 乘用车, 用品 …</summary>
    public static readonly IReadOnlyList<string> NonUseWords =
        ["应用", "使用", "采用", "利用", "运用", "用地", "用水", "用电", "用途", "用户", "费用", "作用", "适用", "通用", "专用", "用品", "占用", "用工", "用能", "备用", "商用", "乘用", "民用", "军用", "家用", "日用", "食用", "药用", "医用", "兽用", "农用", "工业用", "试用", "用材"];

    public static DescriptionText Parse(string? description)
    {
        // 深加工 reads as 加工; the negated phrases are shown from the text before that fold.
        var listSeparators = new HashSet<int>();
        var original = ChineseText.Clean(description, listSeparators);
        var origin = new List<int>(original.Length);
        var joins = new List<int>();
        var text = ChineseText.FoldProcessing(original, origin, joins);
        var chars = text.ToCharArray();
        var negated = new List<string>();

        // Clause boundaries: the separators of the normalised text.
        int ClauseEnd(int from)
        {
            var end = text.IndexOf(ChineseText.Separator, from);
            return end < 0 ? text.Length : end;
        }
        bool ClauseStart(int i) => i == 0 || text[i - 1] == ChineseText.Separator;
        void Blank(int from, int to)
        {
            if (to <= from) return;
            negated.Add(original[origin[from]..(origin[to - 1] + 1)]);
            for (var i = from; i < to; i++) chars[i] = ChineseText.Separator;
        }

        foreach (var marker in NegationMarkers)
        {
            for (var at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + 1, StringComparison.Ordinal))
            {
                Blank(at, ClauseEnd(at));
            }
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (!ClauseStart(i)) continue;
            if (text[i] == '非' && !NonNegatingFei.Any(w => string.CompareOrdinal(text, i, w, 0, w.Length) == 0)) Blank(i, ClauseEnd(i));
            else if (text[i] == '除')
            {
                var end = ClauseEnd(i);
                var wai = text.IndexOf('外', i + 1);
                if (wai > i && wai < end) Blank(i, wai + 1);
            }
        }

        var folded = new string(chars);
        var context = new bool[folded.Length];
        // 用于X的Y: X is context (to 的, else to the end of the clause).
        for (var at = folded.IndexOf("用于", StringComparison.Ordinal); at >= 0; at = folded.IndexOf("用于", at + 1, StringComparison.Ordinal))
        {
            var end = ClauseEnd(at);
            var de = folded.IndexOf('的', at + 2);
            var to = de > at && de < end ? de : end;
            for (var i = at; i < to; i++) context[i] = true;
        }
        // X用Y: the clause up to 用 is context, when something follows and 用 is not part of a word like 应用 or 乘用车.
        for (var i = 2; i + 1 < folded.Length; i++)
        {
            if (folded[i] != '用' || folded[i + 1] == '于' || folded[i + 1] == ChineseText.Separator || folded[i - 1] == ChineseText.Separator) continue;
            if (NonUseWords.Any(w => Covers(folded, i, w))) continue;
            var start = i;
            while (start > 0 && folded[start - 1] != ChineseText.Separator) start--;
            for (var j = start; j <= i; j++) context[j] = true;
        }
        var letters = folded.Count(char.IsLetter);
        var latin = folded.Count(c => c is >= 'a' and <= 'z');
        var facilities = FacilitySpans(folded);
        var facility = new bool[folded.Length];
        foreach (var (start, end) in facilities) for (var i = start; i < end; i++) facility[i] = true;
        // A separator of the folded text that stands for "、" only (the fold keeps separators, origin maps them back).
        var listSeparator = new bool[folded.Length];
        for (var i = 0; i < folded.Length; i++) listSeparator[i] = folded[i] == ChineseText.Separator && text[i] == ChineseText.Separator && listSeparators.Contains(origin[i]);
        // A transformation project (技改, 改造, 升级) is what it installs: its purchases are the project, not context.
        var inputs = TransformationWords.Any(w => folded.Contains(w, StringComparison.Ordinal)) ? [] : InputSpans(folded, listSeparator);
        var input = new bool[folded.Length];
        foreach (var (start, end) in inputs) for (var i = start; i < end; i++) input[i] = true;
        return new DescriptionText(folded, context, negated, letters > 0 && latin >= 0.6 * letters)
        {
            Facility = facility, Facilities = facilities.Select(f => folded[f.Start..f.End]).ToList(), Joins = joins,
            Input = input, Inputs = inputs.Select(f => folded[f.Start..f.End]).ToList(),
        };
    }

    /// <summary>
    /// The ancillary-facility phrases of a normalised text (issue 13 §3, see the summary): each ends in a
    /// <see cref="FacilityWords"/> word at the end of its phrase and starts after the clause start, a digit, or the last
    /// <see cref="FacilityPhraseStarts"/> word before it. "研发中心大楼" is one phrase (中心 does not end it, 楼 does).
    /// </summary>
    public static IReadOnlyList<(int Start, int End)> FacilitySpans(string text)
    {
        var spans = new List<(int Start, int End)>();
        bool EndsPhrase(int at) => at >= text.Length || text[at] == ChineseText.Separator || char.IsDigit(text[at]) ||
                                   FacilityPhraseEnds.Any(w => string.CompareOrdinal(text, at, w, 0, w.Length) == 0);
        for (var i = 0; i < text.Length; i++)
        {
            var word = FacilityWords.FirstOrDefault(w => string.CompareOrdinal(text, i, w, 0, w.Length) == 0);
            if (word is null || !EndsPhrase(i + word.Length)) continue;
            var start = i;
            while (start > 0 && text[start - 1] != ChineseText.Separator && !char.IsDigit(text[start - 1]) &&
                   !FacilityPhraseStarts.Any(w => start - w.Length >= 0 && string.CompareOrdinal(text, start - w.Length, w, 0, w.Length) == 0))
            {
                start--;
            }
            if (spans.Count > 0 && spans[^1].End > start) start = spans[^1].Start; // overlapping phrases merge
            if (spans.Count > 0 && spans[^1].Start == start) spans[^1] = (start, i + word.Length);
            else spans.Add((start, i + word.Length));
        }
        return spans;
    }

    /// <summary>
    /// The input phrases of a normalised text (see the summary): from an <see cref="InputVerbs"/> verb to the end of its
    /// clause (a separator that is not "、", per <paramref name="listSeparator"/>, when given) or to the first
    /// <see cref="InputPhraseEnds"/> word, whichever comes first.
    /// </summary>
    public static IReadOnlyList<(int Start, int End)> InputSpans(string text, bool[]? listSeparator = null)
    {
        var spans = new List<(int Start, int End)>();
        bool At(int at, string w) => at >= 0 && string.CompareOrdinal(text, at, w, 0, w.Length) == 0;
        for (var i = 0; i < text.Length; i++)
        {
            var verb = InputVerbs.FirstOrDefault(w => At(i, w));
            if (verb is null) continue;
            var from = i + verb.Length;
            // The object follows the verb; 采购、库管 (a list of functions) has none.
            if (from >= text.Length || text[from] == ChineseText.Separator) continue;
            if (NotInputVerbs.Any(n => Covers(text, i, n) && Covers(text, i + verb.Length - 1, n))) continue;
            var end = from;
            while (end < text.Length && !(text[end] == ChineseText.Separator && !(listSeparator is not null && end < listSeparator.Length && listSeparator[end])) &&
                   !InputPhraseEnds.Any(w => At(end, w)))
            {
                end++;
            }
            while (end > from && text[end - 1] == ChineseText.Separator) end--;
            var obj = text[from..end];
            if (end <= from || CapacityWords.Any(w => obj.Contains(w, StringComparison.Ordinal))) continue;
            if (InputVerbsNeedingAHead.Contains(verb) && !InputHeadWords.Any(w => obj.Contains(w, StringComparison.Ordinal))) continue;
            if (spans.Count > 0 && spans[^1].End >= i) spans[^1] = (spans[^1].Start, Math.Max(spans[^1].End, end));
            else spans.Add((i, end));
            i = end - 1;
        }
        return spans;
    }

    /// <summary>
    /// Whether the span [start, start+length) lies wholly in the use context, or in facility phrases (when
    /// <paramref name="facilities"/>) or input phrases (when <paramref name="inputs"/>): what counts as context.
    /// </summary>
    public bool InContext(int start, int length, bool facilities = false, bool inputs = false)
    {
        for (var i = start; i < start + length; i++)
        {
            if (i >= Context.Length || !(Context[i] || (facilities && i < Facility.Length && Facility[i]) || (inputs && i < Input.Length && Input[i]))) return false;
        }
        return length > 0;
    }

    /// <summary>Whether <paramref name="word"/> occurs in <paramref name="text"/> over position <paramref name="at"/>.</summary>
    private static bool Covers(string text, int at, string word)
    {
        for (var k = 0; k < word.Length; k++)
        {
            if (word[k] != text[at]) continue;
            var start = at - k;
            if (start >= 0 && start + word.Length <= text.Length && string.CompareOrdinal(text, start, word, 0, word.Length) == 0) return true;
        }
        return false;
    }

    // ---- word boundaries ---------------------------------------------------------------------------------------

    /// <summary>
    /// Two-character words of electricity generation that a short term must not straddle: "电机" (motors) is not in
    /// "火电机组" (a thermal power unit) nor in "风电机组" / "发电机组". A term of three characters or fewer whose
    /// occurrence overlaps one of these words by one character (not containing it) does not match there.
    /// </summary>
    public static readonly IReadOnlyList<string> BoundaryWords = ["火电", "水电", "热电", "风电", "核电", "输电", "配电", "发电"];

    public const int BoundaryTermLength = 3;

    /// <summary>Whether a short term's occurrence at [start, start+length) straddles a boundary word.</summary>
    public bool Straddles(int start, int length)
    {
        if (length > BoundaryTermLength) return false;
        foreach (var word in BoundaryWords)
        {
            // The word starts one before the term and ends inside it, or starts inside it and ends after it.
            var before = start - word.Length + 1;
            if (before >= 0 && string.CompareOrdinal(Text, before, word, 0, word.Length) == 0 && before + word.Length < start + length + 1 && before < start) return true;
            var inside = start + length - 1;
            if (inside + word.Length <= Text.Length && inside > start - 1 && string.CompareOrdinal(Text, inside, word, 0, word.Length) == 0 && inside + word.Length > start + length) return true;
        }
        return false;
    }
}
