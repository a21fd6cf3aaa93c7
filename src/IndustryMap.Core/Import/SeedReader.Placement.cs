using System.Globalization;
using IndustryMap.Provenance;

namespace IndustryMap.Import;

/// <summary>
/// The placement part of the seed reader (issue 6): reference/industry_keywords.csv, the curated words the project
/// classifier learns besides the catalog's names, aliases and products, and reference/restricted_products.csv, the
/// configurable list of restricted or eliminated products (产业结构调整指导目录). Both files are optional: a data
/// set without them simply has no keywords and no restricted products.
/// </summary>
public sealed partial class SeedReader
{
    public const string KeywordsFile = "industry_keywords.csv";
    public const string RestrictedProductsFile = "restricted_products.csv";
    public const int MaxKeywordLength = 30;

    private static readonly string[] RestrictionCategories = ["restricted", "eliminated"];

    private PlacementReference ReadPlacementReference(IReadOnlyList<IndustrySeed> industries, IReadOnlyList<DesignationSeed> designations, PlanData plans)
    {
        var catalog = industries.Where(i => i.Taxonomy == CatalogTaxonomy && i.Level is "cluster" or "sub_industry")
            .Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        // What the evaluation set is built from must never be learnt (bench/placement-eval): a keyword may not cite the
        // lines of a project-library row or of a layout designation (whose parenthetical details are evaluation material).
        var heldOut = plans.Projects.Select(p => (p.Source, What: $"项目库“{p.Name}”"))
            .Concat(designations.Select(d => (d.Source, What: $"{d.Unit}的布局“{d.Printed}”")))
            .Where(x => x.Source.Document is not null && x.Source.FromLine is not null)
            .ToList();
        return new PlacementReference(ReadKeywords(catalog, heldOut), ReadRestrictedProducts());
    }

    private List<KeywordSeed> ReadKeywords(HashSet<string> catalog, IReadOnlyList<(Source Source, string What)> heldOut)
    {
        var path = ReferencePath(KeywordsFile);
        if (!File.Exists(path)) return [];
        var keywords = new List<KeywordSeed>();
        var seen = new HashSet<(string, string)>();
        foreach (var row in CsvFile.Read(path, Display(path), ["sub_industry", "keyword", "weight", "source_doc", "lines", "source_url", "note"], _errors))
        {
            var industry = row.Required("sub_industry");
            var keyword = row.Required("keyword");
            if (industry.Length > 0 && !catalog.Contains(industry))
            {
                row.Error("sub_industry", "unknown_industry", $"“33618”产业目录中没有集群或细分产业“{industry}”",
                    $"'{industry}' is not a cluster or sub-industry of the 33618 catalog", industry);
            }
            if (keyword.Length > MaxKeywordLength || keyword.Any(c => char.IsWhiteSpace(c) || c == '|'))
            {
                row.Error("keyword", "malformed_keyword", $"关键词应为不含空格的短词（不超过 {MaxKeywordLength} 字）：“{keyword}”",
                    $"a keyword is one short word without spaces (at most {MaxKeywordLength} characters): '{keyword}'", keyword);
            }
            if (industry.Length > 0 && keyword.Length > 0 && !seen.Add((industry, keyword)))
            {
                row.Error("keyword", "duplicate_keyword", $"关键词“{keyword}”已为“{industry}”列出", $"keyword '{keyword}' is already listed for '{industry}'", keyword);
            }
            var weight = row.Decimal("weight");
            if (row.Get("weight") is null) row.Error("weight", "required", "必填字段为空：权重", "required field is empty: weight");
            else if (weight is <= 0m or > 1m)
            {
                row.Error("weight", "out_of_range", $"权重应大于 0 且不超过 1：{weight?.ToString(CultureInfo.InvariantCulture)}",
                    $"weight must be > 0 and ≤ 1: {weight?.ToString(CultureInfo.InvariantCulture)}", row.Get("weight"));
            }
            var source = ReferenceSource(row);
            if (source is null && row.Get("source_doc") is null && row.Get("source_url") is null)
            {
                row.Error("source_url", "missing_source", "缺少来源（文件行号或网址）", "no source (document lines or URL)");
            }
            if (source is { Document: { } document, FromLine: { } from } && keyword.Length > 0)
            {
                var range = new LineRange(from, source.ToLine ?? from);
                if (!LinesContain(document, range, keyword))
                {
                    row.Error("lines", "source_mismatch", $"第 {range} 行的原文中没有“{keyword}”", $"lines {range} do not contain '{keyword}'", keyword);
                }
                foreach (var (held, what) in heldOut.Where(h => h.Source.Document == document &&
                                                                h.Source.FromLine <= range.To && (h.Source.ToLine ?? h.Source.FromLine) >= range.From).Take(1))
                {
                    row.Error("lines", "cites_evaluation_material",
                        $"第 {range} 行是{what}（第 {held.LinesText} 行），属于评估集，不能作为关键词来源",
                        $"lines {range} belong to {what} (lines {held.LinesText}), which the evaluation set is built from: not a keyword source", range.ToString());
                }
            }
            if (industry.Length == 0 || keyword.Length == 0 || weight is null or <= 0m or > 1m || source is null) continue;
            keywords.Add(new KeywordSeed(industry, keyword, weight.Value, keywords.Count + 1, row.Get("note"),
                source with { EnteredBy = _curation.EnteredBy, EnteredAt = _curation.EnteredAt }));
        }
        return keywords;
    }

    private List<RestrictedProductSeed> ReadRestrictedProducts()
    {
        var path = ReferencePath(RestrictedProductsFile);
        if (!File.Exists(path)) return [];
        var products = new List<RestrictedProductSeed>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in CsvFile.Read(path, Display(path), ["keyword", "product", "category", "catalogue", "item", "source_url", "note"], _errors))
        {
            var keyword = row.Required("keyword");
            var product = row.Required("product");
            var category = row.OneOf("category", RestrictionCategories);
            if (row.Get("category") is null) row.Error("category", "required", "必填字段为空：类别", "required field is empty: category");
            var catalogue = row.Required("catalogue");
            if (keyword.Length > MaxKeywordLength || keyword.Any(char.IsWhiteSpace))
            {
                row.Error("keyword", "malformed_keyword", $"关键词应为不含空格的短词（不超过 {MaxKeywordLength} 字）：“{keyword}”",
                    $"a keyword is one short word without spaces (at most {MaxKeywordLength} characters): '{keyword}'", keyword);
            }
            if (keyword.Length > 0 && !seen.Add(keyword))
            {
                row.Error("keyword", "duplicate_keyword", $"关键词“{keyword}”重复", $"keyword '{keyword}' appears twice", keyword);
            }
            var source = ReferenceSource(row);
            if (source is null && row.Get("source_url") is null && row.Get("source_doc") is null)
            {
                row.Error("source_url", "missing_source", "缺少来源（文件行号或网址）", "no source (document lines or URL)");
            }
            if (keyword.Length == 0 || product.Length == 0 || category is null || catalogue.Length == 0 || source is null) continue;
            products.Add(new RestrictedProductSeed(keyword, product, category, catalogue, row.Get("item"), products.Count + 1, row.Get("note"),
                source with { EnteredBy = _curation.EnteredBy, EnteredAt = _curation.EnteredAt }));
        }
        return products;
    }
}

/// <summary>The two placement reference lists, checked.</summary>
public sealed record PlacementReference(IReadOnlyList<KeywordSeed> Keywords, IReadOnlyList<RestrictedProductSeed> RestrictedProducts)
{
    public static readonly PlacementReference Empty = new([], []);
}

/// <summary>A curated keyword: a word that, found in a project description, points at a 33618 cluster or sub-industry.</summary>
public sealed record KeywordSeed(string Industry, string Keyword, decimal Weight, int Position, string? Note, Source Source);

/// <summary>A restricted (限制类) or eliminated (淘汰类) product of a national catalogue, found by its keyword.</summary>
public sealed record RestrictedProductSeed(string Keyword, string Product, string Category, string Catalogue, string? Item, int Position,
    string? Note, Source Source);
