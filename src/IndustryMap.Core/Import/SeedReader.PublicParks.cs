using IndustryMap.Catalog;
using IndustryMap.Provenance;
using IndustryMap.Registries;

namespace IndustryMap.Import;

/// <summary>
/// seed-data/public/parks.csv (issue 11 §3, decision 0011): the main industrial parks of the planning units as
/// published pages state them, the <c>public</c> tier. Every row names its kind from the fixed list
/// (<see cref="ParkKinds"/>), its level (<see cref="ParkLevels"/>, with the words as printed), the focus industries
/// as printed and their reading on the 33618 catalog, and the page (<c>source_id</c>, optionally a second page for
/// the level). The seed documents' parks get their kind and catalog reading here too.
/// </summary>
public sealed partial class SeedReader
{
    public const string PublicParksFile = "parks.csv";

    /// <summary>The 33618 catalog as the focus vocabulary sees it: names, aliases, keywords and product names of clusters and sub-industries.</summary>
    public static FocusVocabulary BuildFocusVocabulary(IReadOnlyList<IndustrySeed> industries, IReadOnlyList<KeywordSeed> keywords, IndustryVocabulary? shared)
    {
        var catalog = industries.Where(i => i.Taxonomy == CatalogTaxonomy).ToList();
        var products = catalog.Where(i => i.Level == "product" && i.Parent is not null).ToLookup(i => i.Parent!, i => i.Name, StringComparer.Ordinal);
        var words = keywords.ToLookup(k => k.Industry, k => k.Keyword, StringComparer.Ordinal);
        return new FocusVocabulary(
            catalog.Where(i => i.Level is "cluster" or "sub_industry")
                .Select(i => new CatalogTerm(i.Name, i.Level, [i.Name, .. i.Aliases, .. words[i.Name], .. products[i.Name]])),
            shared);
    }

    /// <summary>The focus vocabulary of a read dataset (what the importer checked the public parks with).</summary>
    public static FocusVocabulary BuildFocusVocabulary(SeedDataset dataset) =>
        BuildFocusVocabulary(dataset.Industries, dataset.Placement.Keywords,
            new IndustryVocabulary(dataset.Vocabulary, dataset.Industries.Where(i => i.Taxonomy == CatalogTaxonomy).Select(i => i.Name)));

    /// <summary>
    /// The parks of the seed documents with their kind and catalog reading, followed by the public parks. A seed row's
    /// kind is <see cref="ParkKinds.Classify"/> of its recorded kind and name; each of its focus words is read with
    /// <see cref="FocusVocabulary.Resolve"/> (a word no node meets stays printed only).
    /// </summary>
    private IReadOnlyList<ParkSeed> ReadAllParks(IReadOnlyList<ParkSeed> seedParks, FocusVocabulary vocabulary)
    {
        var parks = seedParks.Select(p => p with
        {
            CarrierKind = ParkKinds.Classify(p.Kind, p.Name).Code,
            FocusCatalog = p.FocusIndustries.Select(f => vocabulary.Resolve(f) is { } industry ? new FocusPair(f, industry) : null)
                .OfType<FocusPair>().ToList(),
        }).ToList();
        parks.AddRange(ReadPublicParks(vocabulary, parks.Count));
        return parks;
    }

    private IEnumerable<ParkSeed> ReadPublicParks(FocusVocabulary vocabulary, int position)
    {
        var path = PublicPath(PublicParksFile);
        if (!File.Exists(path)) yield break;
        var seen = new HashSet<(string, string)>();
        foreach (var row in CsvFile.Read(path, Display(path), ["park", "unit", "level", "kind", "source_id"], _errors))
        {
            var name = row.Required("park");
            var unit = ResolveUnit(row, "unit");
            var ok = name.Length > 0 && unit is not null;

            var level = row.Required("level");
            var levelPrinted = row.Get("level_printed");
            if (level.Length > 0 && !ParkLevels.IsKnown(level))
            {
                row.Error("level", "unknown_park_level", $"未知的园区级别“{level}”（可选：{string.Join("、", ParkLevels.All)}）",
                    $"unknown park level '{level}' (one of {string.Join(", ", ParkLevels.All)})", level);
                ok = false;
            }
            else if (ParkLevels.IsStated(level) && levelPrinted is null)
            {
                row.Error("level_printed", "level_not_printed", $"级别“{level}”缺少原文用语", $"level '{level}' has no printed words", level);
                ok = false;
            }

            var kindCode = row.Required("kind");
            var kind = ParkKinds.ByCode(kindCode);
            if (kindCode.Length > 0 && kind is null)
            {
                row.Error("kind", "unknown_park_kind", $"未知的载体类型“{kindCode}”（可选：{string.Join("、", ParkKinds.All.Select(k => k.Code))}）",
                    $"unknown carrier kind '{kindCode}' (one of {string.Join(", ", ParkKinds.All.Select(k => k.Code))})", kindCode);
                ok = false;
            }

            var area = ReadAmount(row, "planned_area", "area_unit", area: true);
            if (area.Value is not null && row.Get("area_unit") is null)
            {
                row.Error("area_unit", "required", $"面积 {area.Value} 缺少单位", $"area {area.Value} has no unit");
                ok = false;
            }
            if (area.Value is <= 0)
            {
                row.Error("planned_area", "bad_area", $"面积必须大于零：{area.Value}", $"an area must be greater than zero: {area.Value}", row.Get("planned_area"));
                ok = false;
            }
            if (area.Value is not null && area.Normalized is null) ok = false;

            var printedFocus = row.List("printed_focus");
            var pairs = new List<FocusPair>();
            foreach (var text in row.List("focus_industries"))
            {
                var parts = text.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                {
                    row.Error("focus_industries", "malformed_focus", $"应写作“原文=产业”：“{text}”", $"expected 'printed=industry': '{text}'", text);
                    ok = false;
                    continue;
                }
                var (printed, industry) = (parts[0], parts[1]);
                if (!printedFocus.Contains(printed, StringComparer.Ordinal))
                {
                    row.Error("focus_industries", "focus_not_printed", $"“{printed}”不在 printed_focus 中", $"'{printed}' is not one of the printed_focus words", printed);
                    ok = false;
                }
                else if (!vocabulary.Knows(industry))
                {
                    row.Error("focus_industries", "unknown_industry", $"“33618”产业目录中没有“{industry}”", $"'{industry}' is not in the 33618 catalog", industry);
                    ok = false;
                }
                else if (!vocabulary.Names(printed, industry))
                {
                    row.Error("focus_industries", "printed_mismatch", $"原文“{printed}”不指向产业“{industry}”（名称、别名、关键词与产品均不符）",
                        $"printed '{printed}' does not name '{industry}' (not its name, an alias, a keyword or a product)", industry);
                    ok = false;
                }
                else
                {
                    pairs.Add(new FocusPair(printed, industry));
                }
            }

            var source = PublicSourceOf(row);
            var levelSource = row.Get("level_source_id") is null ? null : PublicSourceOf(row, "level_source_id");
            if (row.Get("level_source_id") is not null && levelSource is null) ok = false;

            if (unit is not null && name.Length > 0 && !seen.Add((unit, name)))
            {
                row.Error("park", "duplicate_park", $"{unit}的“{name}”出现两次", $"{unit}: '{name}' appears twice", name);
                ok = false;
            }
            if (!ok || source is null || kind is null || level.Length == 0) continue;
            yield return new ParkSeed(null, name, unit, level, kind.Code, area, printedFocus, ++position, row.Get("quality"), row.Get("note"), source)
            {
                CarrierKind = kind.Code,
                LevelPrinted = levelPrinted,
                FocusCatalog = pairs,
                AreaBasis = row.Get("area_basis"),
                LevelSource = levelSource?.Public,
            };
        }
    }
}
