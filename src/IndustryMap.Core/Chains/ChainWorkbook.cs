using System.Globalization;
using IndustryMap.Provenance;
using IndustryMap.Spreadsheets;
using IndustryMap.Writing;

namespace IndustryMap.Chains;

/// <summary>
/// The .xlsx template of a chain (issue 12 §6): 说明, 产业链 (one row: id, name, unit, industries, leaders, note, version),
/// 环节 (nodes), 企业 (members by node id) and 关系 (edges). Downloaded empty or filled with a chain; uploaded back it is read
/// whole, checked whole and imported whole (<see cref="ChainMapEditing.ImportAsync"/>). Columns are found by their heading,
/// so their order does not matter; the 出处 columns say where each row comes from and are not read back. Lists in a cell
/// are separated by 、 or |.
/// </summary>
public static class ChainWorkbook
{
    public const string About = "说明";
    public const string Head = "产业链";
    public const string Nodes = "环节";
    public const string Members = "企业";
    public const string Edges = "关系";

    private static readonly string[] HeadColumns = ["编号", "名称", "所属单元", "33618产业", "行政链长", "链主企业", "说明", "版本"];
    private static readonly string[] NodeColumns = ["编号", "环节（原文）", "阶段", "名称", "产品", "33618产品或产业", "说明", "出处"];
    private static readonly string[] MemberColumns = ["环节编号", "名称", "类型", "所在地", "名录企业", "说明", "出处"];
    private static readonly string[] EdgeColumns = ["上游环节编号", "下游环节编号", "说明", "出处"];

    private static readonly string[] Required = ["编号", "名称", "阶段", "环节编号", "类型", "上游环节编号", "下游环节编号"];

    /// <summary>The maximum rows of one sheet, the heading included.</summary>
    public const int MaxRows = ChainDraftRules.MaxMembers + 1;

    public static ChainDraftRules.Places Places(string file) => new(file, Head, Nodes, Members, Edges);

    /// <summary>The template: empty (with one example row per sheet, commented in 说明) or filled with <paramref name="chain"/>.</summary>
    public static byte[] Write(Chain? chain, string? unit)
    {
        static string? Join(IEnumerable<string> values) => values.Any() ? string.Join("、", values) : null;
        var head = chain is null
            ? new List<IReadOnlyList<object?>>()
            : [new object?[] { chain.Key, chain.Name, chain.Unit, Join(chain.Industries), chain.AdminLeader, chain.EnterpriseLeader, chain.Note, chain.Version }];
        if (chain is null && unit is not null) head.Add(new object?[] { null, null, unit, null, null, null, null, null });
        var nodes = chain?.Nodes.Select(n => (IReadOnlyList<object?>)new object?[]
        {
            n.Key, n.Segment, ChainVocabulary.Label(ChainVocabulary.Stages, n.Stage), n.Name, Join(n.Products), Join(n.Catalog), n.Note, Where(n.Source),
        }) ?? [];
        var members = chain?.Nodes.SelectMany(n => n.Members.Select(m => (IReadOnlyList<object?>)new object?[]
        {
            n.Key, m.Name, ChainVocabulary.Label(ChainVocabulary.Kinds, m.Kind), m.Location is null ? null : ChainVocabulary.Label(ChainVocabulary.Locations, m.Location),
            m.Registry, m.Note, Where(m.Source),
        })) ?? [];
        var edges = chain?.Edges.Select(e => (IReadOnlyList<object?>)new object?[] { e.From, e.To, e.Note, Where(e.Source) }) ?? [];
        IReadOnlyList<object?>[] about =
        [
            ["工作表", "填写说明"],
            [Head, "一行：编号（2–40 个小写字母、数字或连字符，新建时自拟，如 wz-lighting-2）、名称（必填）、所属单元（须为上传的区县）、33618产业（目录中的名称，用“、”分隔）、行政链长、链主企业、说明、版本（修改已有产业链时为下载时的版本号，勿改；新建时留空）。"],
            [Nodes, $"每个环节一行：编号（本链内唯一）、环节（原文）、阶段（{ChainVocabulary.Choices(ChainVocabulary.Stages)}）、名称（必填）、产品（用“、”分隔）、33618产品或产业、说明。"],
            [Members, $"每家企业一行：环节编号（“环节”表中的编号）、名称（必填）、类型（{ChainVocabulary.Choices(ChainVocabulary.Kinds)}）、所在地（企业必填：{ChainVocabulary.Choices(ChainVocabulary.Locations)}）、名录企业（企业名录中的全称，可空）、说明。"],
            [Edges, "每条供给关系一行：上游环节编号 → 下游环节编号、说明。"],
            ["出处", "各表的“出处”列说明该行来自哪份文件哪几行，或由谁何时录入；上传时不读取。未改动的行保留原出处，改动或新增的行记为上传者录入。"],
            ["上传", "整个工作簿一次导入：有任何一处错误则不做任何修改，并列出每处错误所在的工作表、行和列。"],
        ];
        return Xlsx.Write(new XlsxSheet(About, about), XlsxSheet.Table(Head, HeadColumns, head), XlsxSheet.Table(Nodes, NodeColumns, nodes),
            XlsxSheet.Table(Members, MemberColumns, members), XlsxSheet.Table(Edges, EdgeColumns, edges));
    }

    private static string Where(Source s) => s switch
    {
        { Document: { } d, FromLine: { } from } => $"文件 {d} 第 {from}{(s.ToLine is { } to && to != from ? $"-{to}" : "")} 行",
        { EnteredBy: { } who } => $"{who} 录入 {s.EnteredAt}",
        _ => "",
    };

    /// <summary>Reads an uploaded template into a draft; a missing sheet or column is refused naming the file and sheet.</summary>
    public static ChainDraft Read(byte[] content, string file)
    {
        if (content.Length == 0) throw RefusedException.Invalid("empty_file", $"文件“{file}”是空的", $"file '{file}' is empty");
        if (!XlsxReader.IsPackage(content))
        {
            throw RefusedException.Invalid("not_a_template", $"文件“{file}”不是 Excel（.xlsx）文件：请使用下载的产业链模板", $"file '{file}' is not an .xlsx workbook");
        }
        var limits = new XlsxLimits { MaxRows = MaxRows, MaxColumns = 32 };
        var problems = new List<Refusal>();
        (List<(int Row, Func<string, string?> Cell)> Rows, bool Ok) Sheet(string name, string[] columns)
        {
            var sheet = XlsxReader.Read(new MemoryStream(content, writable: false), file, name, limits);
            if (sheet.Sheet != name)
            {
                problems.Add(Refusal.InSheet(file, name, null, name, "missing_sheet", $"工作簿中没有工作表“{name}”：请使用下载的产业链模板", $"the workbook has no sheet '{name}'"));
                return ([], false);
            }
            if (sheet.Rows.Count == 0 || sheet.Rows[0].Number != 1)
            {
                problems.Add(Refusal.InSheet(file, name, 1, "表头", "no_header", "第 1 行应为表头", "row 1 must hold the headings"));
                return ([], false);
            }
            var heading = sheet.Rows[0].Cells.Select(c => c.Trim()).ToList();
            var missing = columns.Where(c => Required.Contains(c) && !heading.Contains(c)).ToList();
            foreach (var c in missing)
            {
                problems.Add(Refusal.InSheet(file, name, 1, c, "missing_column", $"缺少“{c}”列：请使用下载的产业链模板", $"column '{c}' is missing"));
            }
            var rows = sheet.Rows.Skip(1).Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c)))
                .Select(r => (Row: r.Number, Cell: (Func<string, string?>)(column =>
                {
                    var i = heading.IndexOf(column);
                    return i >= 0 && i < r.Cells.Count && !string.IsNullOrWhiteSpace(r.Cells[i]) ? r.Cells[i].Trim() : null;
                }))).ToList();
            return (rows, missing.Count == 0);
        }
        var head = Sheet(Head, HeadColumns);
        var nodes = Sheet(Nodes, NodeColumns);
        var members = Sheet(Members, MemberColumns);
        var edges = Sheet(Edges, EdgeColumns);
        if (head.Ok && head.Rows.Count != 1)
        {
            problems.Add(Refusal.InSheet(file, Head, head.Rows.Count == 0 ? 2 : head.Rows[1].Row, "编号", head.Rows.Count == 0 ? "no_chain" : "several_chains",
                head.Rows.Count == 0 ? "没有填写产业链（第 2 行）" : "一个工作簿只能导入一条产业链：请删除多余的行", head.Rows.Count == 0 ? "no chain row" : "one chain per workbook"));
        }
        ChainDraftRules.ThrowIfAny(problems);
        static IReadOnlyList<string> List(string? text) =>
            text?.Split(['、', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        var (headRow, cell) = head.Rows[0];
        long? version = null;
        if (cell("版本") is { } v)
        {
            if (long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) version = parsed;
            else problems.Add(Refusal.InSheet(file, Head, headRow, "版本", "bad_version", $"版本应为整数，不是“{v}”", $"version must be a whole number, not '{v}'"));
        }
        var byNode = members.Rows.ToLookup(r => r.Cell("环节编号") ?? "", StringComparer.Ordinal);
        var nodeIds = nodes.Rows.Select(r => r.Cell("编号")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (row, memberCell) in members.Rows.Where(r => r.Cell("环节编号") is not { } id || !nodeIds.Contains(id)))
        {
            var id = memberCell("环节编号");
            problems.Add(Refusal.InSheet(file, Members, row, "环节编号", id is null ? "required" : "unknown_node",
                id is null ? "环节编号不能为空" : $"“环节”表中没有编号为“{id}”的环节", id is null ? "the node id is required" : $"no node '{id}'"));
        }
        var map = new ChainMapEdit(version,
            nodes.Rows.Select(r => new ChainNodeEdit(r.Cell("编号"), r.Cell("环节（原文）"), r.Cell("阶段"), r.Cell("名称"), List(r.Cell("产品")), List(r.Cell("33618产品或产业")),
                r.Cell("说明"),
                r.Cell("编号") is { } id
                    ? byNode[id].Select(m => new ChainMemberEdit(m.Cell("名称"), m.Cell("类型"), m.Cell("所在地"), m.Cell("名录企业"), m.Cell("说明"), m.Row)).ToList()
                    : [], r.Row)).ToList(),
            edges.Rows.Select(r => new ChainEdgeEdit(r.Cell("上游环节编号"), r.Cell("下游环节编号"), r.Cell("说明"), r.Row)).ToList());
        return new ChainDraft(cell("编号"), cell("名称"), cell("所属单元"), List(cell("33618产业")), cell("行政链长"), cell("链主企业"), cell("说明"), version, map, headRow)
        {
            ReadProblems = problems,
        };
    }
}
