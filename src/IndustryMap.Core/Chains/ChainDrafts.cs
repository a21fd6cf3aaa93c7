using System.Globalization;
using System.Text.RegularExpressions;
using IndustryMap.Writing;

namespace IndustryMap.Chains;

/// <summary>The nodes, edges and members of a chain as a person sends them (PUT …/map, or read from the .xlsx template).</summary>
public sealed record ChainMapEdit(long? Version, IReadOnlyList<ChainNodeEdit>? Nodes, IReadOnlyList<ChainEdgeEdit>? Edges);

/// <summary>
/// One node. <see cref="Stage"/> is a code (upstream …) or its Chinese label (上游 …); <see cref="Row"/> is the
/// workbook row it came from (null from JSON), used only in messages.
/// </summary>
public sealed record ChainNodeEdit(string? Id, string? Segment, string? Stage, string? Name, IReadOnlyList<string>? Products, IReadOnlyList<string>? Catalog,
    string? Note, IReadOnlyList<ChainMemberEdit>? Members, int? Row = null);

/// <summary>One member: <see cref="Kind"/> enterprise/channel (企业/渠道), <see cref="Location"/> unit/chongqing/outside/unknown (本单元/市内其他区县/市外/未说明).</summary>
public sealed record ChainMemberEdit(string? Name, string? Kind, string? Location, string? Registry, string? Note, int? Row = null);

public sealed record ChainEdgeEdit(string? From, string? To, string? Note, int? Row = null);

/// <summary>A whole chain from the import template: its head and its map.</summary>
public sealed record ChainDraft(string? Key, string? Name, string? Unit, IReadOnlyList<string> Industries, string? AdminLeader, string? EnterpriseLeader,
    string? Note, long? Version, ChainMapEdit Map, int? Row = null)
{
    /// <summary>Problems found while reading the workbook (a member naming no node, a version that is not a number), reported with the rest.</summary>
    public IReadOnlyList<Refusal> ReadProblems { get; init; } = [];
}

/// <summary>The words of the template and the API for stages, member kinds and locations (codes and Chinese labels).</summary>
public static class ChainVocabulary
{
    public static readonly IReadOnlyList<(string Code, string Label)> Stages =
        [("material", "原材料"), ("upstream", "上游"), ("midstream", "中游"), ("downstream", "下游"), ("terminal", "终端/渠道")];

    public static readonly IReadOnlyList<(string Code, string Label)> Kinds = [("enterprise", "企业"), ("channel", "渠道")];

    public static readonly IReadOnlyList<(string Code, string Label)> Locations =
        [(ChainLocations.Unit, "本单元"), (ChainLocations.Chongqing, "市内其他区县"), (ChainLocations.Outside, "市外"), (ChainLocations.Unknown, "未说明")];

    /// <summary>The code of a code or label, or null.</summary>
    public static string? Code(IReadOnlyList<(string Code, string Label)> words, string? text)
    {
        var t = FieldRules.Clean(text);
        if (t is null) return null;
        foreach (var (code, label) in words)
        {
            if (string.Equals(t, code, StringComparison.OrdinalIgnoreCase) || t == label || (code == "terminal" && t is "终端" or "渠道") || (code == ChainLocations.Unit && t == "本区县")) return code;
        }
        return null;
    }

    public static string Label(IReadOnlyList<(string Code, string Label)> words, string? code) =>
        words.FirstOrDefault(w => w.Code == code).Label ?? code ?? "";

    public static string Choices(IReadOnlyList<(string Code, string Label)> words) => string.Join("、", words.Select(w => w.Label));
}

/// <summary>
/// Checks a chain draft completely before anything is written (all-or-nothing) and collects every problem with where it
/// is. Pure: the catalog items, registry names and the unit's name are passed in.
/// </summary>
public static partial class ChainDraftRules
{
    public const int MaxNodes = 200;
    public const int MaxMembers = 3000;
    public const int MaxEdges = 1000;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    public static partial Regex KeyPattern();

    /// <summary>The sheets (or JSON fields) the problems name.</summary>
    public sealed record Places(string? File, string? Head, string Nodes, string Members, string Edges)
    {
        public static readonly Places Json = new(null, null, "nodes", "members", "edges");
    }

    public static List<Refusal> CheckHead(ChainDraft draft, string unit, IReadOnlySet<string> catalog, Places at)
    {
        var problems = new List<Refusal>();
        void Add(string field, string code, string zh, string en) => problems.Add(Refusal.InSheet(at.File, at.Head, draft.Row, field, code, zh, en));
        var key = FieldRules.Clean(draft.Key);
        if (key is null) Add("编号", "required", "产业链编号不能为空", "the chain id is required");
        else if (!KeyPattern().IsMatch(key)) Add("编号", "bad_key", $"产业链编号“{key}”应为 2–40 个小写字母、数字或连字符（如 na-vivo）", $"chain id '{key}' must be 2-40 lower-case letters, digits or hyphens");
        Text(problems, at.File, at.Head, draft.Row, "名称", draft.Name, 100, required: true);
        Text(problems, at.File, at.Head, draft.Row, "行政链长", draft.AdminLeader, 100);
        Text(problems, at.File, at.Head, draft.Row, "链主企业", draft.EnterpriseLeader, 100);
        Text(problems, at.File, at.Head, draft.Row, "说明", draft.Note, 2000, multiline: true);
        if (FieldRules.Clean(draft.Unit) is { } u && u != unit)
        {
            Add("所属单元", "wrong_unit", $"模板写的是{u}，而上传到{unit}：请在{u}上传，或改为{unit}", $"the template names {u} but was uploaded to {unit}");
        }
        foreach (var i in draft.Industries.Where(i => !catalog.Contains(i)))
        {
            Add("33618产业", "unknown_industry", $"“33618”产业目录中没有“{i}”", $"'{i}' is not in the 33618 catalog");
        }
        return problems;
    }

    public static List<Refusal> CheckMap(ChainMapEdit map, IReadOnlySet<string> catalog, IReadOnlySet<string> registry, Places at)
    {
        var problems = new List<Refusal>();
        var nodes = map.Nodes ?? [];
        var edges = map.Edges ?? [];
        if (nodes.Count > MaxNodes) problems.Add(Refusal.InSheet(at.File, at.Nodes, null, "环节", "too_many_nodes", $"环节超过 {MaxNodes} 个", $"more than {MaxNodes} nodes"));
        if (nodes.Sum(n => n.Members?.Count ?? 0) > MaxMembers)
        {
            problems.Add(Refusal.InSheet(at.File, at.Members, null, "企业", "too_many_members", $"企业超过 {MaxMembers} 家", $"more than {MaxMembers} members"));
        }
        if (edges.Count > MaxEdges) problems.Add(Refusal.InSheet(at.File, at.Edges, null, "关系", "too_many_edges", $"关系超过 {MaxEdges} 条", $"more than {MaxEdges} edges"));
        if (problems.Count > 0) return problems;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            var row = n.Row;
            string F(string zh, string json) => at.Head is null ? $"nodes[{i}].{json}" : zh;
            var key = FieldRules.Clean(n.Id);
            if (key is null) problems.Add(Refusal.InSheet(at.File, at.Nodes, row, F("编号", "id"), "required", "环节编号不能为空", "the node id is required"));
            else if (key.Length > 40) problems.Add(Refusal.InSheet(at.File, at.Nodes, row, F("编号", "id"), "too_long", "环节编号最多 40 个字符", "a node id has at most 40 characters"));
            else if (!keys.Add(key)) problems.Add(Refusal.InSheet(at.File, at.Nodes, row, F("编号", "id"), "duplicate_node", $"环节编号“{key}”重复", $"node id '{key}' appears twice"));
            Text(problems, at.File, at.Nodes, row, F("名称", "name"), n.Name, 100, required: true);
            Text(problems, at.File, at.Nodes, row, F("环节（原文）", "segment"), n.Segment, 100);
            Text(problems, at.File, at.Nodes, row, F("说明", "note"), n.Note, 2000, multiline: true);
            if (ChainVocabulary.Code(ChainVocabulary.Stages, n.Stage) is null)
            {
                problems.Add(Refusal.InSheet(at.File, at.Nodes, row, F("阶段", "stage"), FieldRules.Clean(n.Stage) is null ? "required" : "unknown_stage",
                    $"阶段应为{ChainVocabulary.Choices(ChainVocabulary.Stages)}之一{(FieldRules.Clean(n.Stage) is { } s ? $"，不是“{s}”" : "")}",
                    $"stage must be one of {string.Join(", ", ChainVocabulary.Stages.Select(w => w.Code))}"));
            }
            foreach (var p in n.Products ?? [])
            {
                Text(problems, at.File, at.Nodes, row, F("产品", "products"), p, 50);
            }
            if ((n.Products?.Count ?? 0) > 100) problems.Add(Refusal.InSheet(at.File, at.Nodes, row, F("产品", "products"), "too_many_products", "产品最多 100 个", "at most 100 products"));
            foreach (var c in (n.Catalog ?? []).Where(c => !catalog.Contains(c.Trim())))
            {
                problems.Add(Refusal.InSheet(at.File, at.Nodes, row, F("33618产品或产业", "catalog"), "unknown_industry", $"“33618”产业目录中没有“{c}”", $"'{c}' is not in the 33618 catalog"));
            }
            var names = new HashSet<string>(StringComparer.Ordinal);
            var members = n.Members ?? [];
            for (var j = 0; j < members.Count; j++)
            {
                var m = members[j];
                string G(string zh, string json) => at.Head is null ? $"nodes[{i}].members[{j}].{json}" : zh;
                var mrow = m.Row;
                var name = FieldRules.Clean(m.Name);
                Text(problems, at.File, at.Members, mrow, G("名称", "name"), m.Name, 100, required: true);
                if (name is not null && !names.Add(name))
                {
                    problems.Add(Refusal.InSheet(at.File, at.Members, mrow, G("名称", "name"), "duplicate_member", $"环节“{key}”中“{name}”重复", $"'{name}' appears twice in node '{key}'"));
                }
                var kind = ChainVocabulary.Code(ChainVocabulary.Kinds, m.Kind);
                if (kind is null)
                {
                    problems.Add(Refusal.InSheet(at.File, at.Members, mrow, G("类型", "kind"), FieldRules.Clean(m.Kind) is null ? "required" : "unknown_kind",
                        $"类型应为{ChainVocabulary.Choices(ChainVocabulary.Kinds)}之一", "kind must be enterprise or channel"));
                }
                var location = ChainVocabulary.Code(ChainVocabulary.Locations, m.Location);
                if (FieldRules.Clean(m.Location) is { } l && location is null)
                {
                    problems.Add(Refusal.InSheet(at.File, at.Members, mrow, G("所在地", "location"), "unknown_location",
                        $"所在地应为{ChainVocabulary.Choices(ChainVocabulary.Locations)}之一，不是“{l}”", "location must be unit, chongqing, outside or unknown"));
                }
                else if (kind == "enterprise" && location is null)
                {
                    problems.Add(Refusal.InSheet(at.File, at.Members, mrow, G("所在地", "location"), "required",
                        $"企业须填所在地（{ChainVocabulary.Choices(ChainVocabulary.Locations)}）", "an enterprise needs its location"));
                }
                if (FieldRules.Clean(m.Registry) is { } r && !registry.Contains(r))
                {
                    problems.Add(Refusal.InSheet(at.File, at.Members, mrow, G("名录企业", "registry"), "unknown_enterprise", $"企业名录中没有“{r}”", $"'{r}' is not in the enterprise registry"));
                }
                Text(problems, at.File, at.Members, mrow, G("说明", "note"), m.Note, 2000, multiline: true);
            }
        }
        var pairs = new HashSet<(string, string)>();
        for (var i = 0; i < edges.Count; i++)
        {
            var e = edges[i];
            string F(string zh, string json) => at.Head is null ? $"edges[{i}].{json}" : zh;
            var from = FieldRules.Clean(e.From);
            var to = FieldRules.Clean(e.To);
            foreach (var (field, json, value) in new[] { ("上游环节编号", "from", from), ("下游环节编号", "to", to) })
            {
                if (value is null) problems.Add(Refusal.InSheet(at.File, at.Edges, e.Row, F(field, json), "required", $"{field}不能为空", $"{json} is required"));
                else if (!keys.Contains(value)) problems.Add(Refusal.InSheet(at.File, at.Edges, e.Row, F(field, json), "unknown_node", $"没有编号为“{value}”的环节", $"no node '{value}'"));
            }
            if (from is not null && from == to) problems.Add(Refusal.InSheet(at.File, at.Edges, e.Row, F("下游环节编号", "to"), "self_edge", "环节不能供给自身", "a node cannot supply itself"));
            else if (from is not null && to is not null && !pairs.Add((from, to)))
            {
                problems.Add(Refusal.InSheet(at.File, at.Edges, e.Row, F("下游环节编号", "to"), "duplicate_edge", $"关系“{from} → {to}”重复", $"edge '{from} -> {to}' appears twice"));
            }
            Text(problems, at.File, at.Edges, e.Row, F("说明", "note"), e.Note, 2000, multiline: true);
        }
        return problems;
    }

    private static void Text(List<Refusal> problems, string? file, string? sheet, int? row, string field, string? value, int max, bool required = false,
        bool multiline = false)
    {
        if (FieldRules.Text(field, field, value, max, multiline, required) is { } e) problems.Add(Refusal.InSheet(file, sheet, row, field, e.Code, e.Message, e.MessageEn));
    }

    /// <summary>Throws one refusal naming every problem (the first twenty in the message, all in details.errors), or returns when there are none.</summary>
    public static void ThrowIfAny(IReadOnlyList<Refusal> problems)
    {
        if (problems.Count == 0) return;
        var shown = problems.Take(20).ToList();
        var more = problems.Count > shown.Count ? $"；另有 {problems.Count - shown.Count} 处" : "";
        throw RefusedException.Listing(problems.Count == 1 ? problems[0].Code : "chain_invalid", problems,
            $"共 {problems.Count} 处问题，未做任何修改：" + string.Join("；", shown.Select(p => $"{p.Where}：{p.Message}")) + more,
            $"{problems.Count} problem(s), nothing was changed: " + string.Join("; ", shown.Select(p => $"{p.WhereEn}: {p.MessageEn}")));
    }
}
