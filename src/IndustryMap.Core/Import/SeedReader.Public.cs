using System.Globalization;
using System.Text.RegularExpressions;
using IndustryMap.Layout;
using IndustryMap.Provenance;

namespace IndustryMap.Import;

/// <summary>
/// seed-data/public/ (issue 11, decision 0010): facts from published web pages, the <c>public</c> source tier.
/// <c>sources.csv</c> lists the pages (address, title, publisher, publication and retrieval dates); every other
/// file in the folder cites a page by <c>source_id</c> and keeps the names exactly as that page prints them.
/// </summary>
public sealed partial class SeedReader
{
    public const string PublicFolder = "public";
    public const string PublicSourcesFile = "sources.csv";

    private readonly Dictionary<string, PublicSource> _publicSources = new(StringComparer.Ordinal);

    [GeneratedRegex(@"^layout-(\d{4})\.csv$")]
    private static partial Regex PublicLayoutFile();

    private string PublicPath(string file) => Path.Combine(_root, PublicFolder, file);

    /// <summary>A date as ISO text: YYYY-MM-DD, or YYYY-MM when <paramref name="monthAllowed"/> (a page that prints only the month).</summary>
    public static bool IsIsoDate(string text, bool monthAllowed) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ||
        (monthAllowed && DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && text.Length == 7);

    private List<PublicSource> ReadPublicSources()
    {
        var path = PublicPath(PublicSourcesFile);
        if (!File.Exists(path)) return [];
        var sources = new List<PublicSource>();
        foreach (var row in CsvFile.Read(path, Display(path), ["source_id", "url", "title", "publisher", "published", "retrieved", "note"], _errors))
        {
            var id = row.Required("source_id");
            var url = row.Required("url");
            var title = row.Required("title");
            var publisher = row.Required("publisher");
            var published = row.Required("published");
            var retrieved = row.Required("retrieved");
            var ok = id.Length > 0 && url.Length > 0 && title.Length > 0 && publisher.Length > 0 && published.Length > 0 && retrieved.Length > 0;
            if (url.Length > 0 && !PublicSource.IsWebUrl(url))
            {
                row.Error("url", "unsafe_url", $"只接受 http(s) 网址：“{url}”", $"only http(s) URLs are accepted: '{url}'", url);
                ok = false;
            }
            if (published.Length > 0 && !IsIsoDate(published, monthAllowed: true))
            {
                row.Error("published", "malformed_date", $"日期格式错误：“{published}”（应为 YYYY-MM-DD 或 YYYY-MM）",
                    $"malformed date '{published}' (expected YYYY-MM-DD or YYYY-MM)", published);
                ok = false;
            }
            if (retrieved.Length > 0 && !IsIsoDate(retrieved, monthAllowed: false))
            {
                row.Error("retrieved", "malformed_date", $"日期格式错误：“{retrieved}”（应为 YYYY-MM-DD）", $"malformed date '{retrieved}' (expected YYYY-MM-DD)", retrieved);
                ok = false;
            }
            else if (ok && string.CompareOrdinal(retrieved, published) < 0)
            {
                row.Error("retrieved", "retrieved_before_published", $"读取日期 {retrieved} 早于发布日期 {published}",
                    $"retrieved on {retrieved}, before it was published ({published})", retrieved);
                ok = false;
            }
            if (id.Length > 0 && _publicSources.ContainsKey(id))
            {
                row.Error("source_id", "duplicate_source", $"来源编号“{id}”重复", $"source id '{id}' appears twice", id);
                ok = false;
            }
            if (!ok) continue;
            var source = new PublicSource(id, url, title, publisher, published, retrieved, row.Get("note"));
            _publicSources[id] = source;
            sources.Add(source);
        }
        return sources;
    }

    /// <summary>The public page a row cites by <c>source_id</c>, or an error naming the row.</summary>
    private Source? PublicSourceOf(CsvRow row, string field = "source_id")
    {
        var id = row.Required(field);
        if (id.Length == 0) return null;
        if (_publicSources.TryGetValue(id, out var page)) return Source.FromPublic(page);
        row.Error(field, "unknown_source", $"{PublicSourcesFile} 中没有来源“{id}”", $"no source '{id}' in {PublicSourcesFile}", id);
        return null;
    }

    /// <summary>
    /// public/layout-YYYY.csv: designations read from public pages for units the seed documents do not record.
    /// Same checks as a seed layout (unit, role, position, catalog industry, caps) plus: the page is listed, and the
    /// printed words name the designated industry (<see cref="PrintedNames"/>).
    /// </summary>
    private IEnumerable<DesignationSeed> ReadPublicLayout(IReadOnlyList<IndustrySeed> industries, IReadOnlyList<DesignationSeed> seedDesignations)
    {
        var folder = Path.Combine(_root, PublicFolder);
        if (!Directory.Exists(folder)) yield break;
        var catalog = industries.Where(i => i.Taxonomy == CatalogTaxonomy).ToDictionary(i => i.Name, StringComparer.Ordinal);
        var recordedBySeed = seedDesignations.Select(d => (d.Edition, d.Unit)).ToHashSet();
        foreach (var path in Directory.GetFiles(folder, "layout-*.csv").Order(StringComparer.Ordinal))
        {
            var match = PublicLayoutFile().Match(Path.GetFileName(path));
            if (!match.Success) continue;
            var fileYear = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            foreach (var row in CsvFile.Read(path, Display(path), ["edition", "unit", "role", "position", "printed", "industry", "detail", "source_id", "note"], _errors))
            {
                var edition = row.Int("edition");
                if (edition is not null && edition != fileYear)
                {
                    row.Error("edition", "edition_mismatch", $"版次 {edition} 与文件名的年份 {fileYear} 不一致", $"edition {edition} does not match the file's year {fileYear}",
                        edition.Value.ToString(CultureInfo.InvariantCulture));
                }
                var unit = ResolveUnit(row, "unit");
                var role = row.OneOf("role", LayoutRoles.Dominant, LayoutRoles.Characteristic);
                var position = row.Int("position");
                var printed = row.Required("printed");
                var industry = row.Required("industry");
                var known = industry.Length > 0 && catalog.ContainsKey(industry);
                if (industry.Length > 0 && !known)
                {
                    row.Error("industry", "unknown_industry", $"“33618”产业目录中没有“{industry}”", $"'{industry}' is not in the 33618 catalog", industry);
                }
                if (known && printed.Length > 0 && !PrintedNames(printed, catalog[industry]))
                {
                    row.Error("industry", "printed_mismatch", $"原文“{printed}”不指向产业“{industry}”（名称、别名与词表均不符）",
                        $"printed '{printed}' does not name '{industry}' (not its name, an alias or a vocabulary term)", industry);
                }
                if (unit is not null && edition is not null && recordedBySeed.Contains((edition.Value, unit)))
                {
                    row.Error("unit", "recorded_by_seed", $"{unit}的 {edition} 年布局已由种子文件记载，公开资料不得覆盖",
                        $"{unit}'s {edition} layout is recorded by a seed document; a public source may not replace it", unit);
                }
                var source = PublicSourceOf(row);
                if (edition is null || unit is null || role is null || position is null || source is null || !known || printed.Length == 0) continue;
                yield return new DesignationSeed(edition.Value, unit, role, position.Value, printed, industry, row.Get("detail"), null, row.Get("note"), source)
                    { File = Display(path) };
            }
        }
    }

    /// <summary>
    /// Whether the printed words name the industry: its name or one of its aliases is printed (a parenthetical
    /// product list aside), or the printed words are a vocabulary term for it.
    /// </summary>
    private bool PrintedNames(string printed, IndustrySeed industry) =>
        ContainsAsPrinted(printed, industry.Name) || industry.Aliases.Any(a => ContainsAsPrinted(printed, a)) ||
        _vocabulary.Names(printed, industry.Name);
}

public sealed partial class SeedReader
{
    public const string VocabularyFile = "industry_vocabulary.csv";

    private IndustryMap.Catalog.IndustryVocabulary _vocabulary = new([], []);

    /// <summary>
    /// reference/industry_vocabulary.csv (issue 11 §4): term,kind,target,source_doc,lines,source_url,note. A non-product
    /// target must be a 33618 node; the note (the reasoning) is required; cited lines must print the term or the target.
    /// </summary>
    private List<IndustryMap.Catalog.VocabularyEntry> ReadVocabulary(IReadOnlyList<IndustrySeed> industries)
    {
        var path = ReferencePath(VocabularyFile);
        var catalog = industries.Where(i => i.Taxonomy == CatalogTaxonomy).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var entries = new List<IndustryMap.Catalog.VocabularyEntry>();
        if (!File.Exists(path))
        {
            _vocabulary = new([], catalog);
            return entries;
        }
        var seen = new HashSet<(string, string, string)>();
        foreach (var row in CsvFile.Read(path, Display(path), ["term", "kind", "target", "source_doc", "lines", "source_url", "note"], _errors))
        {
            var term = row.Required("term");
            var kind = row.OneOf("kind", IndustryMap.Catalog.VocabularyKinds.All);
            var target = row.Required("target");
            var note = row.Required("note");
            if (kind is not null and not IndustryMap.Catalog.VocabularyKinds.Product && target.Length > 0 && !catalog.Contains(target))
            {
                row.Error("target", "unknown_industry", $"“33618”产业目录中没有“{target}”", $"'{target}' is not in the 33618 catalog", target);
            }
            if (term.Length > 0 && term == target)
            {
                row.Error("target", "self_reference", $"词条“{term}”指向自身", $"term '{term}' points at itself", term);
            }
            var source = row.Get("source_doc") is null && row.Get("source_url") is null ? _curation : ReferenceSource(row);
            if (source?.Document is not null && source.FromLine is not null && term.Length > 0 && target.Length > 0)
            {
                var range = new LineRange(source.FromLine.Value, source.ToLine!.Value);
                if (!LinesContain(source.Document, range, term) && !LinesContain(source.Document, range, target))
                {
                    row.Error("lines", "source_mismatch", $"第 {source.LinesText} 行的原文中既没有“{term}”也没有“{target}”",
                        $"lines {source.LinesText} print neither '{term}' nor '{target}'", term);
                }
            }
            if (!seen.Add((term, kind ?? "", target)))
            {
                row.Error("term", "duplicate_row", $"词条“{term}”→“{target}”重复", $"'{term}' → '{target}' appears twice", term);
            }
            if (term.Length == 0 || kind is null || target.Length == 0 || note.Length == 0 || source is null) continue;
            entries.Add(new IndustryMap.Catalog.VocabularyEntry(term, kind, target, note, source));
        }
        _vocabulary = new(entries, catalog);
        return entries;
    }
}
