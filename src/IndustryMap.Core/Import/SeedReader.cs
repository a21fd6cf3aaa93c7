using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using IndustryMap.Writing;
using IndustryMap.Layout;
using IndustryMap.Provenance;

namespace IndustryMap.Import;

/// <summary>
/// Reads a seed-data folder (seed-data/README.md) into a <see cref="SeedDataset"/>, collecting every problem
/// with its file, row and field. Nothing is written here: <see cref="SeedImporter"/> writes only a clean dataset.
/// </summary>
public sealed partial class SeedReader
{
    public const string CatalogTaxonomy = "33618";
    /// <summary>Who stands behind the curated rows when reference/dataset.csv does not say (it always should).</summary>
    public const string DefaultCurators = "IndustryMap seed-data curators";

    private static readonly Dictionary<string, string> KnownTaxonomies = new(StringComparer.Ordinal)
    {
        [CatalogTaxonomy] = "“33618”现代制造业集群体系",
        ["cq2019"] = "重庆制造业支柱产业集群（2019—2022年行动方案）",
        ["wz231"] = "万州区“231”产业培育工程",
        ["na4"] = "南岸区重庆经开区支柱产业",
    };

    private static readonly string[] UnitKinds = ["district", "county", "autonomous_county", "functional_zone"];
    private static readonly string[] Levels = ["cluster", "sub_industry", "product"];
    private static readonly string[] Relations = ["equivalent", "narrower", "broader", "overlaps"];

    private readonly List<Refusal> _errors = [];
    private readonly string _root;
    private readonly Dictionary<string, DocumentSeed> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _unitByNameOrAlias = new(StringComparer.Ordinal);

    private Source _curation = Source.Person(DefaultCurators, "");

    private SeedReader(string root) => _root = Path.GetFullPath(root);


    [GeneratedRegex(@"^(\d{3})-")]
    private static partial Regex DocumentFolder();

    /// <summary>Reads and checks the folder; throws <see cref="RefusedException.Import"/> listing every problem.</summary>
    public static SeedDataset Read(string folder)
    {
        var reader = new SeedReader(folder);
        var dataset = reader.ReadAll();
        if (reader._errors.Count > 0) throw RefusedException.Import(reader._errors);
        return dataset;
    }

    private string Display(string path) => Path.GetRelativePath(_root, path).Replace('\\', '/');

    private SeedDataset ReadAll()
    {
        if (!Directory.Exists(_root))
        {
            _errors.Add(Refusal.InFile(_root, null, null, "folder_not_found", "找不到数据文件夹", "data folder not found"));
            return Empty();
        }
        var documentFolders = Directory.GetDirectories(_root)
            .Where(d => DocumentFolder().IsMatch(Path.GetFileName(d)))
            .OrderBy(d => d, StringComparer.Ordinal)
            .ToList();
        foreach (var folder in documentFolders) ReadDocument(folder);
        ReadCuration();

        var units = ReadUnits();
        var (groups, members) = ReadGroups();
        var industries = new IndustryCollector();
        ReadClusters(industries);
        foreach (var folder in documentFolders) ReadIndustries(folder, industries);
        var merged = industries.Result();
        var crosswalk = documentFolders.SelectMany(f => ReadCrosswalk(f, merged)).ToList();
        var designations = documentFolders.SelectMany(f => ReadLayout(f, merged)).ToList();
        var vocabulary = ReadVocabulary(merged);
        var publicSources = ReadPublicSources();
        designations.AddRange(ReadPublicLayout(merged, designations).ToList());
        CheckLayoutCaps(designations);

        var plans = ReadPlanData(documentFolders, groups.Select(g => g.Name).ToHashSet(StringComparer.Ordinal), merged);
        var placement = ReadPlacementReference(merged, designations, plans);
        plans = plans with { Parks = ReadAllParks(plans.Parks, BuildFocusVocabulary(merged, placement.Keywords, _vocabulary)) };
        var chains = ReadChains(documentFolders, merged, plans);

        var taxonomies = merged.Select(i => i.Taxonomy).Distinct(StringComparer.Ordinal)
            .Select(t => new TaxonomySeed(t, KnownTaxonomies.GetValueOrDefault(t, t), industries.DocumentOf(t), null))
            .ToList();

        return new SeedDataset(_root, Fingerprint(), _curation, _documents.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToList(),
            units, groups, members, taxonomies, merged, crosswalk, designations, plans) { Placement = placement, PublicSources = publicSources, Vocabulary = vocabulary, Chains = chains };
    }

    private SeedDataset Empty() => new(_root, "", _curation, [], [], [], [], [], [], [], [], PlanData.Empty);

    private string Fingerprint()
    {
        using var sha = SHA256.Create();
        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Encoding.UTF8.GetBytes(Display(file));
            sha.TransformBlock(name, 0, name.Length, null, 0);
            var bytes = File.ReadAllBytes(file);
            sha.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }
        sha.TransformFinalBlock([], 0, 0);
        return Convert.ToHexStringLower(sha.Hash!);
    }

    // ---- documents -------------------------------------------------------------------------------------------

    private void ReadDocument(string folder)
    {
        var id = DocumentFolder().Match(Path.GetFileName(folder)).Groups[1].Value;
        var textPath = Path.Combine(folder, "document.txt");
        var metaPath = Path.Combine(folder, "document.csv");
        if (!File.Exists(textPath))
        {
            _errors.Add(Refusal.InFile(Display(textPath), null, null, "missing_file", "缺少文件 document.txt", "missing file document.txt"));
            return;
        }
        if (!File.Exists(metaPath))
        {
            _errors.Add(Refusal.InFile(Display(metaPath), null, null, "missing_file", "缺少文件 document.csv", "missing file document.csv"));
            return;
        }
        var bytes = File.ReadAllBytes(textPath);
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            _errors.Add(Refusal.InFile(Display(textPath), null, null, "not_utf8", "文件不是 UTF-8 编码", "file is not UTF-8"));
            return;
        }
        var lines = SplitLines(text);
        var rows = CsvFile.Read(metaPath, Display(metaPath), ["id", "title"], _errors);
        if (rows.Count != 1)
        {
            _errors.Add(Refusal.InFile(Display(metaPath), null, null, "one_row_expected", "document.csv 应只有一行", "document.csv must have exactly one row"));
            return;
        }
        var row = rows[0];
        var declaredId = row.Required("id");
        if (declaredId.Length > 0 && declaredId != id)
        {
            row.Error("id", "id_mismatch", $"编号“{declaredId}”与文件夹编号“{id}”不一致", $"id '{declaredId}' does not match folder '{id}'", declaredId);
        }
        var titleLines = row.Lines("title_lines", required: false);
        var document = new DocumentSeed(id, Path.GetFileName(folder), row.Required("title"), row.Get("issuer"), row.Get("number"),
            row.Get("issued_on"), row.Get("period"), row.Get("kind"), titleLines, row.Get("note"), lines,
            Convert.ToHexStringLower(SHA256.HashData(bytes)));
        _documents[id] = document;
        if (titleLines is { } range) CheckRange(row, "title_lines", id, range);
    }

    /// <summary>Splits on line feeds the way line numbers are counted: a final line without a newline still counts.</summary>
    public static IReadOnlyList<string> SplitLines(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0 && text.EndsWith('\n')) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    private bool CheckRange(CsvRow row, string field, string documentId, LineRange range)
    {
        if (!_documents.TryGetValue(documentId, out var document))
        {
            row.Error("source_doc", "unknown_document", $"未知的文件“{documentId}”", $"unknown document '{documentId}'", documentId);
            return false;
        }
        if (range.To > document.Lines.Count || range.To - range.From > LineRange.MaxSpan)
        {
            row.Error(field, "lines_out_of_range", $"行号 {range} 超出文件 {documentId} 的范围（共 {document.Lines.Count} 行）",
                $"lines {range} are outside document {documentId} ({document.Lines.Count} lines)", range.ToString());
            return false;
        }
        return true;
    }

    /// <summary>The text of the lines joined with every whitespace removed, as the README defines for checks.</summary>
    public static string Compact(IEnumerable<string> lines) =>
        string.Concat(lines.SelectMany(l => l.Where(c => !char.IsWhiteSpace(c))));

    private bool LinesContain(string documentId, LineRange range, string needle) =>
        _documents.TryGetValue(documentId, out var d) &&
        ContainsAsPrinted(Compact(d.Lines.Skip(range.From - 1).Take(range.To - range.From + 1)), needle);

    [GeneratedRegex(@"[（(][^（）()]*[）)]")]
    private static partial Regex Parenthetical();

    /// <summary>
    /// Whether <paramref name="name"/> is printed in <paramref name="text"/>, whitespace aside, either literally or
    /// with a parenthetical product list left out: 铜梁's "智能网联新能源汽车零部件（动力电池、电转向、电制动等）及摩托车"
    /// prints the industry "智能网联新能源汽车零部件及摩托车" with its products in the middle.
    /// </summary>
    public static bool ContainsAsPrinted(string text, string name)
    {
        var compactText = Compact([text]);
        var compactName = Compact([name]);
        return compactText.Contains(compactName, StringComparison.Ordinal) ||
               Parenthetical().Replace(compactText, "").Contains(compactName, StringComparison.Ordinal);
    }

    private Source? DocumentSource(CsvRow row, string documentId, string field = "lines", bool required = true)
    {
        var range = row.Lines(field, required);
        if (range is null || !CheckRange(row, field, documentId, range.Value)) return null;
        return Source.Lines(documentId, range.Value);
    }

    /// <summary>Reference rows cite a document's lines (source_doc + lines), a URL (source_url), or both.</summary>
    private Source? ReferenceSource(CsvRow row)
    {
        var document = row.Get("source_doc");
        var url = row.Get("source_url");
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            row.Error("source_url", "malformed_url", $"网址格式错误：“{url}”", $"malformed URL '{url}'", url);
        }
        if (document is not null)
        {
            var source = DocumentSource(row, document);
            return source is null ? null : source with { Url = url };
        }
        return url is null ? null : Source.FromUrl(url);
    }

    // ---- units and groups ------------------------------------------------------------------------------------

    private string ReferencePath(string file) => Path.Combine(_root, "reference", file);

    private IReadOnlyList<CsvRow> ReadReference(string file, string[] required)
    {
        var path = ReferencePath(file);
        if (File.Exists(path)) return CsvFile.Read(path, Display(path), required, _errors);
        _errors.Add(Refusal.InFile(Display(path), null, null, "missing_file", $"缺少文件 {file}", $"missing file {file}"));
        return [];
    }

    /// <summary>
    /// reference/dataset.csv names who curated the judgement rows and when, so that a curated fact carries a
    /// person and a date like any value people enter, and re-importing the same files changes nothing.
    /// </summary>
    private void ReadCuration()
    {
        var rows = ReadReference("dataset.csv", ["curated_by", "curated_on"]);
        if (rows.Count != 1)
        {
            if (rows.Count > 1) _errors.Add(Refusal.InFile("reference/dataset.csv", null, null, "one_row_expected", "dataset.csv 应只有一行", "dataset.csv must have exactly one row"));
            return;
        }
        var row = rows[0];
        var by = row.Required("curated_by");
        var on = row.Required("curated_on");
        if (on.Length > 0 && !DateOnly.TryParseExact(on, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            row.Error("curated_on", "malformed_date", $"日期格式错误：“{on}”（应为 YYYY-MM-DD）", $"malformed date '{on}' (expected YYYY-MM-DD)", on);
        }
        _curation = Source.Person(by, on);
    }

    public Source Curation => _curation;

    private List<UnitSeed> ReadUnits()
    {
        var units = new List<UnitSeed>();
        foreach (var row in ReadReference("units.csv", ["name", "full_name", "code", "kind", "aliases", "source_url"]))
        {
            var name = row.Required("name");
            var kind = row.OneOf("kind", UnitKinds);
            var code = row.Get("code");
            if (code is not null && !(code.Length == 6 && code.All(char.IsAsciiDigit)))
            {
                row.Error("code", "malformed_code", $"行政区划代码应为 6 位数字：“{code}”", $"administrative code must be 6 digits: '{code}'", code);
            }
            var aliases = row.List("aliases");
            foreach (var key in aliases.Prepend(name).Append(row.Get("full_name")).OfType<string>().Distinct())
            {
                if (_unitByNameOrAlias.TryGetValue(key, out var other) && other != name)
                {
                    row.Error("aliases", "duplicate_unit_name", $"名称“{key}”已属于“{other}”", $"name '{key}' already belongs to '{other}'", key);
                }
                else _unitByNameOrAlias[key] = name;
            }
            var source = row.Get("source_url") is null && row.Get("source_doc") is null
                ? _curation
                : ReferenceSource(row) ?? new Source();
            units.Add(new UnitSeed(name, row.Get("full_name") ?? name, code, kind ?? "", aliases.Where(a => a != name).Distinct().ToList(),
                units.Count + 1, row.Get("note"), source));
        }
        return units;
    }

    private string? ResolveUnit(CsvRow row, string field)
    {
        var text = row.Required(field);
        if (text.Length == 0) return null;
        if (_unitByNameOrAlias.TryGetValue(text, out var name)) return name;
        row.Error(field, "unknown_unit", $"未知的规划单元“{text}”", $"unknown planning unit '{text}'", text);
        return null;
    }

    private (List<GroupSeed>, List<GroupMemberSeed>) ReadGroups()
    {
        var groups = new List<GroupSeed>();
        foreach (var row in ReadReference("groups.csv", ["group", "kind", "parent"]))
        {
            groups.Add(new GroupSeed(row.Required("group"), row.Required("kind"), row.Get("parent"), groups.Count + 1, row.Get("note"),
                ReferenceSource(row) ?? _curation));
        }
        var names = groups.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var group in groups.Where(g => g.Parent is not null && !names.Contains(g.Parent)))
        {
            _errors.Add(Refusal.InFile("reference/groups.csv", null, "parent", "unknown_group", $"未知的上级分组“{group.Parent}”", $"unknown parent group '{group.Parent}'", group.Parent));
        }
        var members = new List<GroupMemberSeed>();
        foreach (var row in ReadReference("group_members.csv", ["group", "unit"]))
        {
            var group = row.Required("group");
            if (group.Length > 0 && !names.Contains(group))
            {
                row.Error("group", "unknown_group", $"未知的分组“{group}”", $"unknown group '{group}'", group);
            }
            var unit = ResolveUnit(row, "unit");
            var source = ReferenceSource(row);
            if (source is null) row.Error("source_url", "missing_source", "缺少来源（文件行号或网址）", "no source (document lines or URL)");
            if (unit is not null && source is not null) members.Add(new GroupMemberSeed(group, unit, source));
        }
        return (groups, members);
    }

    // ---- industries ------------------------------------------------------------------------------------------

    private void ReadClusters(IndustryCollector collector)
    {
        foreach (var row in ReadReference("clusters.csv", ["name", "tier", "tier_rank", "source_url"]))
        {
            var source = ReferenceSource(row) ?? _curation;
            collector.Add(row, CatalogTaxonomy, "cluster", row.Required("name"), null, null, row.Required("tier"), row.Int("tier_rank"),
                [], row.Get("note"), new IndustryMention(source, row.Get("note")), null);
        }
    }

    private void ReadIndustries(string folder, IndustryCollector collector)
    {
        var path = Path.Combine(folder, "industries.csv");
        if (!File.Exists(path)) return;
        var documentId = DocumentFolder().Match(Path.GetFileName(folder)).Groups[1].Value;
        foreach (var row in CsvFile.Read(path, Display(path), ["taxonomy", "level", "name", "parent", "parent_basis", "lines"], _errors))
        {
            var level = row.OneOf("level", Levels);
            var name = row.Required("name");
            var basis = row.OneOf("parent_basis", "document", "curated");
            var source = DocumentSource(row, documentId);
            if (source is not null && name.Length > 0 && !LinesContain(documentId, new LineRange(source.FromLine!.Value, source.ToLine!.Value), name) &&
                !row.List("aliases").Any(a => LinesContain(documentId, new LineRange(source.FromLine!.Value, source.ToLine!.Value), a)))
            {
                row.Error("lines", "source_mismatch", $"第 {source.LinesText} 行的原文中没有“{name}”", $"lines {source.LinesText} do not contain '{name}'", name);
            }
            collector.Add(row, row.Required("taxonomy"), level ?? "", name, row.Get("parent"), basis, null, null, row.List("aliases"),
                row.Get("note"), source is null ? null : new IndustryMention(source, row.Get("note")), documentId);
        }
    }

    private IEnumerable<CrosswalkSeed> ReadCrosswalk(string folder, IReadOnlyList<IndustrySeed> industries)
    {
        var path = Path.Combine(folder, "crosswalk.csv");
        if (!File.Exists(path)) yield break;
        var known = industries.Select(i => (i.Taxonomy, i.Name)).ToHashSet();
        foreach (var row in CsvFile.Read(path, Display(path), ["from_taxonomy", "from_name", "to_taxonomy", "to_name", "relation"], _errors))
        {
            var from = (row.Required("from_taxonomy"), row.Required("from_name"));
            var to = (row.Required("to_taxonomy"), row.Required("to_name"));
            var relation = row.OneOf("relation", Relations);
            var ok = relation is not null;
            foreach (var (field, key) in new[] { ("from_name", from), ("to_name", to) })
            {
                if (key.Item2.Length > 0 && !known.Contains(key))
                {
                    row.Error(field, "unknown_industry", $"分类“{key.Item1}”中没有产业“{key.Item2}”", $"no industry '{key.Item2}' in taxonomy '{key.Item1}'", key.Item2);
                    ok = false;
                }
            }
            if (ok) yield return new CrosswalkSeed(from.Item1, from.Item2, to.Item1, to.Item2, relation!, row.Get("note"), _curation);
        }
    }

    // ---- layout ----------------------------------------------------------------------------------------------

    private IEnumerable<DesignationSeed> ReadLayout(string folder, IReadOnlyList<IndustrySeed> industries)
    {
        var path = Path.Combine(folder, "layout.csv");
        if (!File.Exists(path)) yield break;
        var documentId = DocumentFolder().Match(Path.GetFileName(folder)).Groups[1].Value;
        var catalog = industries.Where(i => i.Taxonomy == CatalogTaxonomy).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var row in CsvFile.Read(path, Display(path), ["edition", "unit", "role", "position", "printed", "industry", "lines"], _errors))
        {
            var edition = row.Int("edition");
            var unit = ResolveUnit(row, "unit");
            var role = row.OneOf("role", LayoutRoles.Dominant, LayoutRoles.Characteristic);
            var position = row.Int("position");
            var printed = row.Required("printed");
            var industry = row.Required("industry");
            var flag = row.OneOf("flag", "corrected");
            if (industry.Length > 0 && !catalog.Contains(industry))
            {
                row.Error("industry", "unknown_industry", $"“33618”产业目录中没有“{industry}”", $"'{industry}' is not in the 33618 catalog", industry);
            }
            if (flag is null && industry.Length > 0 && printed.Length > 0 && !ContainsAsPrinted(printed, industry))
            {
                row.Error("industry", "silent_correction", $"产业“{industry}”与原文“{printed}”不符，但未标记 corrected",
                    $"industry '{industry}' differs from printed '{printed}' without flag=corrected", industry);
            }
            var source = DocumentSource(row, documentId);
            if (source is not null && printed.Length > 0 &&
                !LinesContain(documentId, new LineRange(source.FromLine!.Value, source.ToLine!.Value), printed))
            {
                row.Error("lines", "source_mismatch", $"第 {source.LinesText} 行的原文中没有“{printed}”", $"lines {source.LinesText} do not contain '{printed}'", printed);
            }
            if (edition is null || unit is null || role is null || position is null || source is null) continue;
            yield return new DesignationSeed(edition.Value, unit, role, position.Value, printed, industry, row.Get("detail"), flag, row.Get("note"), source);
        }
    }

    private void CheckLayoutCaps(IReadOnlyList<DesignationSeed> designations)
    {
        foreach (var group in designations.GroupBy(d => (d.Edition, d.Unit)))
        {
            foreach (var violation in LayoutRules.Check(group.Key.Unit, group.Select(d => d.Role)))
            {
                var file = LayoutFile(group.First());
                _errors.Add(Refusal.InFile(file, null, "role", "layout_cap_exceeded", violation.Message, violation.MessageEn, group.Key.Unit));
            }
            foreach (var duplicate in group.GroupBy(d => (d.Role, d.Position)).Where(g => g.Count() > 1))
            {
                _errors.Add(Refusal.InFile(LayoutFile(group.First()), null, "position",
                    "duplicate_position", $"{group.Key.Unit}的{LayoutRoles.Chinese(duplicate.Key.Role)}第 {duplicate.Key.Position} 位重复",
                    $"{group.Key.Unit}: {duplicate.Key.Role} position {duplicate.Key.Position} appears twice", group.Key.Unit));
            }
        }
    }

    private string LayoutFile(DesignationSeed d) => d.File ?? _documents.GetValueOrDefault(d.Source.Document ?? "")?.Folder + "/layout.csv";

    /// <summary>Merges industry rows by (taxonomy, name); refuses two files that disagree on level or parent.</summary>
    private sealed class IndustryCollector
    {
        private readonly Dictionary<(string, string), Entry> _entries = [];
        private readonly Dictionary<string, string> _taxonomyDocument = new(StringComparer.Ordinal);

        private sealed class Entry
        {
            public required string Taxonomy;
            public required string Level;
            public required string Name;
            public string? Parent;
            public string? ParentBasis;
            public string? Tier;
            public int? TierRank;
            public required int Position;
            public string? Note;
            public readonly List<string> Aliases = [];
            public readonly List<IndustryMention> Sources = [];
            public required CsvRow FirstRow;
        }

        public string? DocumentOf(string taxonomy) => taxonomy == CatalogTaxonomy ? null : _taxonomyDocument.GetValueOrDefault(taxonomy);

        public void Add(CsvRow row, string taxonomy, string level, string name, string? parent, string? basis, string? tier, int? tierRank,
            IReadOnlyList<string> aliases, string? note, IndustryMention? mention, string? documentId)
        {
            if (taxonomy.Length == 0 || name.Length == 0 || level.Length == 0) return;
            if (documentId is not null && taxonomy != CatalogTaxonomy) _taxonomyDocument.TryAdd(taxonomy, documentId);
            if (level == "cluster" && parent is not null)
            {
                row.Error("parent", "cluster_with_parent", "产业集群（cluster）不应有上级", "a cluster has no parent", parent);
            }
            if (level != "cluster" && parent is null)
            {
                row.Error("parent", "required", "必填字段为空：上级产业", "required field is empty: parent");
            }
            if (!_entries.TryGetValue((taxonomy, name), out var entry))
            {
                entry = new Entry { Taxonomy = taxonomy, Level = level, Name = name, Parent = parent, ParentBasis = basis, Tier = tier,
                    TierRank = tierRank, Position = _entries.Count + 1, Note = note, FirstRow = row };
                _entries[(taxonomy, name)] = entry;
            }
            else
            {
                if (entry.Level != level)
                {
                    row.Error("level", "industry_conflict", $"“{name}”在 {entry.FirstRow.File} 第{entry.FirstRow.Row}行为 {entry.Level}，此处为 {level}",
                        $"'{name}' is {entry.Level} in {entry.FirstRow.File} row {entry.FirstRow.Row} but {level} here", level);
                }
                if (parent is not null && entry.Parent is not null && parent != entry.Parent)
                {
                    row.Error("parent", "industry_conflict", $"“{name}”在 {entry.FirstRow.File} 第{entry.FirstRow.Row}行的上级为“{entry.Parent}”，此处为“{parent}”",
                        $"'{name}' has parent '{entry.Parent}' in {entry.FirstRow.File} row {entry.FirstRow.Row} but '{parent}' here", parent);
                }
                entry.Parent ??= parent;
                // A document that places the item under its parent outranks our own curation.
                if (basis == "document") entry.ParentBasis = basis;
                else entry.ParentBasis ??= basis;
                entry.Tier ??= tier;
                entry.TierRank ??= tierRank;
                entry.Note ??= note;
            }
            foreach (var alias in aliases.Where(a => a != name && !entry.Aliases.Contains(a))) entry.Aliases.Add(alias);
            if (mention is not null) entry.Sources.Add(mention);
        }

        public IReadOnlyList<IndustrySeed> Result()
        {
            foreach (var entry in _entries.Values.Where(e => e.Parent is not null && !_entries.ContainsKey((e.Taxonomy, e.Parent))))
            {
                entry.FirstRow.Error("parent", "unknown_parent", $"分类“{entry.Taxonomy}”中没有上级产业“{entry.Parent}”",
                    $"no parent '{entry.Parent}' in taxonomy '{entry.Taxonomy}'", entry.Parent);
            }
            return _entries.Values.OrderBy(e => e.Position)
                .Select(e => new IndustrySeed(e.Taxonomy, e.Level, e.Name, e.Parent, e.ParentBasis, e.Tier, e.TierRank, e.Position,
                    e.Aliases, e.Note, e.Sources))
                .ToList();
        }
    }
}
