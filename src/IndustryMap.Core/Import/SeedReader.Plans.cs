using System.Globalization;
using IndustryMap.Measures;
using IndustryMap.Provenance;
using IndustryMap.Registries;

namespace IndustryMap.Import;

/// <summary>The plans part of the seed reader: plans, indicators, targets, cascades, parks, enterprises, projects, tasks.</summary>
public sealed partial class SeedReader
{
    private static readonly string[] PlanScopeKinds = ["city", "region", "unit"];
    private static readonly string[] TargetScopeKinds = ["city", "region", "unit", "cluster", "industry", "park", "enterprise", "project"];
    private static readonly string[] Comparators = ["eq", "ge", "gt", "le", "lt", "approx", "range", "strive"];
    private static readonly string[] TargetPeriods = ["year", "each_year", "average", "sum"];
    private static readonly string[] Measures = ["investment", "output", "tax", "land"];

    private PlanData ReadPlanData(IReadOnlyList<string> documentFolders, IReadOnlyCollection<string> groups, IReadOnlyList<IndustrySeed> industries)
    {
        var plans = new List<PlanSeed>();
        var indicators = new List<IndicatorSeed>();
        var targets = new List<TargetSeed>();
        var cascades = new List<CascadeSeed>();
        var parks = new List<ParkSeed>();
        var enterprises = new List<EnterpriseSeed>();
        var projects = new List<ProjectSeed>();
        var totals = new List<ProjectTotalSeed>();
        var tasks = new List<TaskSeed>();
        var counts = new List<CountSeed>();
        var shares = new List<ShareSeed>();
        var parkAreas = new List<ParkAreaSeed>();

        foreach (var folder in documentFolders)
        {
            var documentId = DocumentFolder().Match(Path.GetFileName(folder)).Groups[1].Value;
            if (!_documents.ContainsKey(documentId)) continue;
            plans.AddRange(ReadPlans(folder, documentId, groups));
            parks.AddRange(ReadParks(folder, documentId, parks.Count));
        }
        var planIds = plans.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var parkNames = parks.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var folder in documentFolders)
        {
            var documentId = DocumentFolder().Match(Path.GetFileName(folder)).Groups[1].Value;
            if (!_documents.ContainsKey(documentId)) continue;
            var taxonomies = industries.Where(i => i.Sources.Any(s => s.Source.Document == documentId)).Select(i => i.Taxonomy).Distinct().ToList();
            var newIndicators = ReadIndicators(folder, documentId, planIds, indicators.Count).ToList();
            indicators.AddRange(newIndicators);
            targets.AddRange(ReadTargets(folder, documentId, planIds, indicators, groups, parkNames, industries, taxonomies, targets.Count));
            cascades.AddRange(ReadCascades(folder, documentId, planIds, indicators, targets));
            enterprises.AddRange(ReadEnterprises(folder, documentId, enterprises.Count));
            projects.AddRange(ReadProjects(folder, documentId, projects.Count));
            totals.AddRange(ReadProjectTotals(folder, documentId, projects));
            tasks.AddRange(ReadTasks(folder, documentId, planIds, tasks.Count));
            counts.AddRange(ReadCounts(folder, documentId, planIds, indicators, targets));
            shares.AddRange(ReadShares(folder, documentId, planIds, indicators, targets));
            parkAreas.AddRange(ReadParkAreas(folder, documentId, planIds, indicators, targets, parks));
        }
        return new PlanData(plans, indicators, targets, cascades, parks, enterprises, projects, totals, tasks)
        {
            Counts = counts, Equivalences = ReadEquivalences(), Shares = shares, ParkAreas = parkAreas,
        };
    }

    private IReadOnlyList<CsvRow> ReadOptional(string folder, string file, string[] required)
    {
        var path = Path.Combine(folder, file);
        return File.Exists(path) ? CsvFile.Read(path, Display(path), required, _errors) : [];
    }

    private Source? CheckedSource(CsvRow row, string documentId, params string?[] mustAppear)
    {
        var source = DocumentSource(row, documentId);
        if (source is null) return null;
        var range = new LineRange(source.FromLine!.Value, source.ToLine!.Value);
        foreach (var text in mustAppear.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            if (!LinesContain(documentId, range, text!))
            {
                row.Error("lines", "source_mismatch", $"第 {range} 行的原文中没有“{text}”", $"lines {range} do not contain '{text}'", text);
                return null;
            }
        }
        return source;
    }

    private static int? Year(CsvRow row, string field)
    {
        var year = row.Int(field);
        if (year is < 1949 or > 2100)
        {
            row.Error(field, "implausible_year", $"年份不合理：{year}", $"implausible year {year}", year?.ToString(CultureInfo.InvariantCulture));
            return null;
        }
        return year;
    }

    private IEnumerable<PlanSeed> ReadPlans(string folder, string documentId, IReadOnlyCollection<string> groups)
    {
        foreach (var row in ReadOptional(folder, "plans.csv", ["plan", "title", "period_start", "period_end", "scope_kind", "scope", "lines"]))
        {
            var id = row.Required("plan");
            var scopeKind = row.OneOf("scope_kind", PlanScopeKinds);
            var scope = row.Get("scope");
            if (scopeKind == "unit") scope = ResolveUnit(row, "scope");
            if (scopeKind == "region" && scope is not null && !groups.Contains(scope))
            {
                row.Error("scope", "unknown_group", $"未知的区域“{scope}”", $"unknown region '{scope}'", scope);
            }
            var source = DocumentSource(row, documentId);
            if (id.Length == 0 || scopeKind is null || source is null) continue;
            yield return new PlanSeed(id, documentId, row.Required("title"), row.Get("issuer"), Year(row, "period_start"), Year(row, "period_end"),
                scopeKind, scope, row.Get("note"), source);
        }
    }

    private IEnumerable<IndicatorSeed> ReadIndicators(string folder, string documentId, HashSet<string> plans, int position)
    {
        var rows = ReadOptional(folder, "indicators.csv", ["plan", "indicator", "name", "unit", "attribute", "direction", "cumulative", "aggregation", "lines"]);
        var codes = rows.Select(r => (r.Get("plan"), r.Get("indicator"))).ToHashSet();
        var seen = new HashSet<(string, string)>();
        foreach (var row in rows)
        {
            var plan = RequirePlan(row, plans);
            var code = row.Required("indicator");
            if (plan is not null && code.Length > 0 && !seen.Add((plan, code)))
            {
                row.Error("indicator", "duplicate_indicator", $"指标编号“{code}”重复", $"indicator id '{code}' appears twice", code);
            }
            var name = row.Required("name");
            var direction = row.OneOf("direction", "higher", "lower");
            var cumulative = row.OneOf("cumulative", "yes", "no");
            var aggregation = row.OneOf("aggregation", "sum", "none");
            // Convention: indNNg is the stated average growth rate of indNN (seed-data/README.md).
            var growthOf = code.EndsWith('g') && codes.Contains((row.Get("plan"), code[..^1])) ? code[..^1] : null;
            var source = DocumentSource(row, documentId);
            if (plan is null || code.Length == 0 || name.Length == 0 || source is null) continue;
            yield return new IndicatorSeed(plan, code, name, row.Get("unit"), row.Get("attribute"), direction, cumulative == "yes", aggregation ?? "none",
                row.Get("category"), growthOf, ++position, row.Get("note"), source);
        }
    }

    private string? RequirePlan(CsvRow row, HashSet<string> plans)
    {
        var plan = row.Required("plan");
        if (plan.Length == 0) return null;
        if (plans.Contains(plan)) return plan;
        row.Error("plan", "unknown_plan", $"未知的规划“{plan}”", $"unknown plan '{plan}'", plan);
        return null;
    }

    private IEnumerable<TargetSeed> ReadTargets(string folder, string documentId, HashSet<string> plans, IReadOnlyList<IndicatorSeed> indicators,
        IReadOnlyCollection<string> groups, IReadOnlySet<string> parks, IReadOnlyList<IndustrySeed> industries, IReadOnlyList<string> taxonomies, int position)
    {
        var known = indicators.Select(i => (i.Plan, i.Code)).ToHashSet();
        foreach (var row in ReadOptional(folder, "targets.csv",
                     ["plan", "indicator", "scope_kind", "scope", "year", "comparator", "value", "unit", "printed", "source_kind", "lines"]))
        {
            var plan = RequirePlan(row, plans);
            var indicator = row.Required("indicator");
            if (plan is not null && indicator.Length > 0 && !known.Contains((plan, indicator)))
            {
                row.Error("indicator", "unknown_indicator", $"规划“{plan}”中没有指标“{indicator}”", $"plan '{plan}' has no indicator '{indicator}'", indicator);
                plan = null;
            }
            var scopeKind = row.OneOf("scope_kind", TargetScopeKinds);
            var scope = row.Get("scope");
            string? unit = null, group = null;
            (string, string)? industry = null;
            switch (scopeKind)
            {
                case "unit" when scope is not null:
                    unit = ResolveUnit(row, "scope");
                    if (unit is null) scopeKind = null;
                    else scope = unit;
                    break;
                case "region":
                    if (scope is null || !groups.Contains(scope))
                    {
                        row.Error("scope", "unknown_group", $"未知的区域“{scope}”", $"unknown region '{scope}'", scope);
                        scopeKind = null;
                    }
                    group = scope;
                    break;
                case "park" when scope is not null && !parks.Contains(scope):
                    row.Error("scope", "unknown_park", $"未知的园区“{scope}”", $"unknown park '{scope}'", scope);
                    scopeKind = null;
                    break;
                case "cluster" or "industry" when scope is not null:
                    // The document's own taxonomy first, then the 33618 catalog; a name in neither stays as printed.
                    var match = taxonomies.Append(CatalogTaxonomy).Select(t => industries.FirstOrDefault(i => i.Taxonomy == t && (i.Name == scope || i.Aliases.Contains(scope))))
                        .FirstOrDefault(i => i is not null);
                    if (match is not null) industry = (match.Taxonomy, match.Name);
                    break;
            }
            var comparator = row.OneOf("comparator", Comparators);
            var value = row.Decimal("value");
            if (value is null && row.Get("value") is null) row.Required("value");
            var high = row.Decimal("value_high");
            if (comparator == "range" && high is null)
            {
                row.Error("value_high", "required", "区间目标需要上限 value_high", "a range target needs value_high");
            }
            if (high is not null && value is not null && high < value)
            {
                row.Error("value_high", "range_reversed", $"区间上限 {high} 小于下限 {value}", $"upper bound {high} is below lower bound {value}");
            }
            var sourceKind = row.OneOf("source_kind", "table", "prose");
            var printed = row.Required("printed");
            var source = CheckedSource(row, documentId, printed);
            var measureUnit = row.Get("unit");
            // Every value with its unit (issue 15): a ratio printed 0.02∶1 has the unit ∶1. Zero and rows with a quality note are exempt.
            if (value is not null && value != 0 && measureUnit is null && row.Get("quality") is null)
            {
                row.Error("unit", "required", $"有数值 {value} 但缺少单位", $"value {value} has no unit");
            }
            var period = row.OneOf("period", TargetPeriods) ?? (row.Get("period") is null ? "year" : null);
            var year = Year(row, "year");
            var yearFrom = Year(row, "year_from");
            if (period is "each_year" or "average" or "sum" && (yearFrom is null || year is null || yearFrom > year))
            {
                row.Error("year_from", "period_needs_years", $"期间目标（{period}）需要起止年份 year_from ≤ year", $"a {period} target needs year_from ≤ year");
                period = null;
            }
            if (period == "year" && yearFrom is not null)
            {
                row.Error("year_from", "not_allowed", "单一年份的目标不能有 year_from", "a single-year target has no year_from");
            }
            if (plan is null || scopeKind is null || comparator is null || value is null || sourceKind is null || source is null || printed.Length == 0 || period is null) continue;
            var seed = new TargetSeed(plan, indicator, scopeKind, scope, unit, group, industry, year, comparator, value.Value, high,
                measureUnit, MeasureUnits.Normalize(value.Value, measureUnit), high is null ? null : MeasureUnits.Normalize(high.Value, measureUnit), printed,
                Year(row, "baseline_year"), row.Decimal("baseline_value"), sourceKind, ++position, row.Get("quality"), row.Get("note"), source) { Period = period, YearFrom = yearFrom };
            if (period != "each_year")
            {
                yield return seed;
                continue;
            }
            // 力争每年…: one target for every year of the span, each citing the same lines.
            for (var y = yearFrom!.Value; y <= year!.Value; y++)
            {
                yield return seed with { Year = y, Position = y == yearFrom ? seed.Position : ++position };
            }
        }
    }

    private IEnumerable<CascadeSeed> ReadCascades(string folder, string documentId, HashSet<string> plans, IReadOnlyList<IndicatorSeed> indicators,
        IReadOnlyList<TargetSeed> targets)
    {
        var known = indicators.Select(i => (i.Plan, i.Code)).ToHashSet();
        foreach (var row in ReadOptional(folder, "cascades.csv",
                     ["plan", "cascade", "whole_indicator", "whole_scope_kind", "whole_scope", "parts_indicator", "parts_scope_kind", "parts", "year", "relation"]))
        {
            var plan = RequirePlan(row, plans);
            var ok = plan is not null;
            var partsIndicators = row.List("parts_indicator");
            if (partsIndicators.Count == 0) row.Required("parts_indicator");
            foreach (var (field, code) in partsIndicators.Select(c => ("parts_indicator", c)).Prepend(("whole_indicator", row.Required("whole_indicator"))))
            {
                if (plan is not null && code.Length > 0 && !known.Contains((plan, code)))
                {
                    row.Error(field, "unknown_indicator", $"规划“{plan}”中没有指标“{code}”", $"plan '{plan}' has no indicator '{code}'", code);
                    ok = false;
                }
            }
            var year = Year(row, "year");
            var wholeKind = row.OneOf("whole_scope_kind", TargetScopeKinds);
            var partsKind = row.OneOf("parts_scope_kind", TargetScopeKinds);
            var relation = row.OneOf("relation", "sum_equals", "sum_at_most");
            var wholeScope = row.Get("whole_scope");
            if (wholeKind == "unit" && wholeScope is not null) wholeScope = ResolveUnit(row, "whole_scope");
            if (ok && year is not null && !targets.Any(t => t.Plan == plan && t.Indicator == row.Get("whole_indicator") && t.ScopeKind == wholeKind &&
                                                         t.Scope == wholeScope && t.Year == year))
            {
                row.Error("whole_indicator", "unknown_target", "找不到作为总数的目标行", "no target row matches the whole", row.Get("whole_indicator"));
                ok = false;
            }
            var source = row.Get("lines") is null ? _curation : DocumentSource(row, documentId) is { } lines ? lines with { EnteredBy = _curation.EnteredBy, EnteredAt = _curation.EnteredAt } : null;
            if (!ok || year is null || wholeKind is null || partsKind is null || relation is null || source is null) continue;
            yield return new CascadeSeed(plan!, row.Required("cascade"), row.Required("whole_indicator"), wholeKind, wholeScope, partsIndicators,
                partsKind, row.List("parts"), year.Value, relation, row.Get("note"), source);
        }
    }

    private Amount ReadAmount(CsvRow row, string valueField, string unitField, bool area = false)
    {
        var value = row.Decimal(valueField);
        var unit = row.Get(unitField);
        // A value needs its unit, except zero (0 亩 = 0 m²) and values on rows whose quality note records table
        // damage (a shifted column puts a number under a heading whose unit is not its own): kept as printed.
        if (value is not null && value != 0 && unit is null && row.Get("quality") is null)
        {
            row.Error(unitField, "required", $"有数值 {value} 但缺少单位", $"value {value} has no unit");
        }
        var normalized = value is null ? null : MeasureUnits.Normalize(value.Value, unit);
        if (value is not null && unit is not null && normalized is null && (area ? !MeasureUnits.IsArea(unit) : !MeasureUnits.IsMoney(unit)) && valueField is "investment" or "land" or "planned_area")
        {
            row.Error(unitField, "unknown_measure_unit", $"无法换算的单位“{unit}”", $"unit '{unit}' cannot be converted", unit);
        }
        return new Amount(value, unit, normalized);
    }

    private IEnumerable<ParkSeed> ReadParks(string folder, string documentId, int position)
    {
        foreach (var row in ReadOptional(folder, "parks.csv", ["park", "unit", "level", "kind", "planned_area", "area_unit", "focus_industries", "lines"]))
        {
            var name = row.Required("park");
            var unit = row.Get("unit") is null ? null : ResolveUnit(row, "unit");
            var area = ReadAmount(row, "planned_area", "area_unit", area: true);
            var source = DocumentSource(row, documentId);
            if (name.Length == 0 || source is null || (row.Get("unit") is not null && unit is null)) continue;
            yield return new ParkSeed(documentId, name, unit, row.Get("level"), row.Get("kind"), area, row.List("focus_industries"), ++position,
                row.Get("quality"), row.Get("note"), source);
        }
    }

    private IEnumerable<EnterpriseSeed> ReadEnterprises(string folder, string documentId, int position)
    {
        foreach (var row in ReadOptional(folder, "enterprises.csv", ["enterprise", "unit", "category", "tiers", "labels", "industry", "lines"]))
        {
            var name = row.Required("enterprise");
            var unit = row.Get("unit") is null ? null : ResolveUnit(row, "unit");
            var source = DocumentSource(row, documentId);
            if (name.Length == 0 || source is null || (row.Get("unit") is not null && unit is null)) continue;
            yield return new EnterpriseSeed(documentId, name, unit, row.Get("category"), row.List("tiers"), row.List("labels"), row.Get("industry"), ++position,
                row.Get("quality"), row.Get("note"), source) { Entity = row.Get("entity") is { } entity && entity != name ? entity : null };
        }
    }

    private IEnumerable<ProjectSeed> ReadProjects(string folder, string documentId, int position)
    {
        foreach (var row in ReadOptional(folder, "projects.csv",
                     ["library", "serial", "project", "section", "unit", "stage_printed", "investment", "investment_unit", "land", "land_unit", "lines"]))
        {
            var library = row.Required("library");
            var name = row.Get("project") ?? "";
            var unit = row.Get("unit") is null ? null : ResolveUnit(row, "unit");
            var stagePrinted = row.Get("stage_printed");
            var stage = ProjectLifecycle.Map(stagePrinted);
            if (stagePrinted is not null && stage is null)
            {
                row.Error("stage_printed", "unknown_stage", $"未知的项目阶段“{stagePrinted}”（已知：{string.Join("、", ProjectLifecycle.KnownWords)}）",
                    $"unknown project stage '{stagePrinted}'", stagePrinted);
            }
            var investment = ReadAmount(row, "investment", "investment_unit");
            var output = ReadAmount(row, "output", "output_unit");
            var tax = ReadAmount(row, "tax", "tax_unit");
            var land = ReadAmount(row, "land", "land_unit", area: true);
            var floor = ReadAmount(row, "floor_area", "floor_area_unit", area: true);
            if (floor.Unit is not null && floor.Unit != "平方米")
            {
                row.Error("floor_area_unit", "not_allowed", $"厂房面积的单位应为“平方米”：“{floor.Unit}”", $"floor area is in 平方米, not '{floor.Unit}'", floor.Unit);
            }
            var source = DocumentSource(row, documentId);
            if (library.Length == 0 || source is null || (row.Get("unit") is not null && unit is null)) continue;
            // A project whose name the table lost (a merged row) is kept, named by its serial, with its quality note.
            yield return new ProjectSeed(documentId, library, row.Get("serial"), name.Length > 0 ? name : $"（未印出名称，序号 {row.Get("serial")}）", row.Get("section"),
                unit, row.Get("park"), row.Get("industry"), stagePrinted, stage, investment, output, tax, land, row.Get("period"), row.Get("owner"), ++position,
                row.Get("quality"), row.Get("note"), source) { Entity = row.Get("entity"), Subsection = row.Get("subsection"), FloorArea = floor };
        }
    }

    private IEnumerable<ProjectTotalSeed> ReadProjectTotals(string folder, string documentId, IReadOnlyList<ProjectSeed> projects)
    {
        foreach (var row in ReadOptional(folder, "project_totals.csv", ["library", "label", "section", "investment", "investment_unit", "lines"]))
        {
            var library = row.Required("library");
            if (library.Length > 0 && !projects.Any(p => p.Library == library))
            {
                row.Error("library", "unknown_library", $"没有项目库“{library}”的项目", $"no projects in library '{library}'", library);
            }
            var source = DocumentSource(row, documentId);
            if (library.Length == 0 || source is null) continue;
            var damaged = row.List("damaged");
            foreach (var bad in damaged.Where(d => !Measures.Contains(d)))
            {
                row.Error("damaged", "not_allowed", $"“{bad}”不是允许的取值（{string.Join("、", Measures)}）", $"'{bad}' is not one of {string.Join(", ", Measures)}", bad);
            }
            if (damaged.Count > 0 && row.Get("quality") is null)
            {
                row.Error("quality", "required", "标为受损的合计行需要数据质量说明", "a total with damaged cells needs a quality note");
            }
            yield return new ProjectTotalSeed(documentId, library, row.Required("label"), row.Get("section"), ReadAmount(row, "investment", "investment_unit"),
                ReadAmount(row, "output", "output_unit"), ReadAmount(row, "tax", "tax_unit"), ReadAmount(row, "land", "land_unit", area: true),
                row.Get("quality"), row.Get("note"), source) { Damaged = damaged };
        }
    }

    private IEnumerable<TaskSeed> ReadTasks(string folder, string documentId, HashSet<string> plans, int position)
    {
        foreach (var row in ReadOptional(folder, "tasks.csv", ["plan", "task", "section", "title", "target_text", "lead_units", "participating_units", "lines"]))
        {
            var plan = RequirePlan(row, plans);
            var code = row.Required("task");
            var title = row.Required("title");
            var source = DocumentSource(row, documentId);
            if (plan is null || code.Length == 0 || title.Length == 0 || source is null) continue;
            yield return new TaskSeed(plan, code, row.Get("section"), title, row.Get("target_text"), row.List("lead_units"), row.List("participating_units"),
                ++position, row.Get("note"), source);
        }
    }

    /// <summary>counts.csv: a stated count (a target) against the registry rows it counts (issue 15: 附件四 lists 175 firms, L77 says 176).</summary>
    private IEnumerable<CountSeed> ReadCounts(string folder, string documentId, HashSet<string> plans, IReadOnlyList<IndicatorSeed> indicators, IReadOnlyList<TargetSeed> targets)
    {
        var known = indicators.Select(i => (i.Plan, i.Code)).ToHashSet();
        foreach (var row in ReadOptional(folder, "counts.csv", ["plan", "count", "indicator", "scope_kind", "scope", "year", "registry", "rows_lines", "tier", "lines"]))
        {
            var plan = RequirePlan(row, plans);
            var code = row.Required("count");
            var indicator = row.Required("indicator");
            var scopeKind = row.OneOf("scope_kind", TargetScopeKinds);
            var scope = row.Get("scope");
            if (scopeKind == "unit" && scope is not null) scope = ResolveUnit(row, "scope");
            var year = Year(row, "year");
            if (plan is not null && !known.Contains((plan, indicator)))
            {
                row.Error("indicator", "unknown_indicator", $"规划“{plan}”中没有指标“{indicator}”", $"plan '{plan}' has no indicator '{indicator}'", indicator);
                plan = null;
            }
            else if (plan is not null && !targets.Any(t => t.Plan == plan && t.Indicator == indicator && t.ScopeKind == scopeKind && t.Scope == scope && t.Year == year))
            {
                row.Error("indicator", "unknown_target", "找不到被核对的数目（目标行）", "no target row states this count", indicator);
                plan = null;
            }
            var registry = row.OneOf("registry", "enterprises", "projects");
            var rows = DocumentSource(row, documentId, "rows_lines");
            var source = DocumentSource(row, documentId);
            if (plan is null || code.Length == 0 || scopeKind is null || registry is null || rows is null || source is null) continue;
            yield return new CountSeed(plan, code, indicator, scopeKind, scope, year, registry, documentId, new LineRange(rows.FromLine!.Value, rows.ToLine!.Value),
                row.Get("tier"), row.Get("note"), source with { EnteredBy = _curation.EnteredBy, EnteredAt = _curation.EnteredAt });
        }
    }

    /// <summary>
    /// One target named by a row of shares.csv or park_areas.csv: <c>{prefix}indicator</c>, <c>{prefix}scope_kind</c>,
    /// <c>{prefix}scope</c> and the row's year must name a stored target row; null (with the error on the row) otherwise.
    /// </summary>
    private TargetScope? TargetOf(CsvRow row, string prefix, string? plan, int? year, HashSet<(string, string)> known, IReadOnlyList<TargetSeed> targets)
    {
        var indicator = row.Required(prefix + "indicator");
        var kind = row.OneOf(prefix + "scope_kind", TargetScopeKinds);
        var scope = row.Get(prefix + "scope");
        if (kind == "unit" && scope is not null) scope = ResolveUnit(row, prefix + "scope");
        if (plan is null || indicator.Length == 0 || kind is null || year is null) return null;
        if (!known.Contains((plan, indicator)))
        {
            row.Error(prefix + "indicator", "unknown_indicator", $"规划“{plan}”中没有指标“{indicator}”", $"plan '{plan}' has no indicator '{indicator}'", indicator);
            return null;
        }
        if (!targets.Any(t => t.Plan == plan && t.Indicator == indicator && t.ScopeKind == kind && t.Scope == scope && t.Year == year))
        {
            row.Error(prefix + "indicator", "unknown_target", $"找不到指标“{indicator}”（{scope ?? "全市"}，{year}年）的目标行",
                $"no target row of '{indicator}' ({scope ?? "city"}, {year})", indicator);
            return null;
        }
        return new TargetScope(indicator, kind, scope);
    }

    /// <summary>shares.csv: a stated share against part ÷ whole (issue 15: seed 004 L72 装备 17.6 % against 表2-1).</summary>
    private IEnumerable<ShareSeed> ReadShares(string folder, string documentId, HashSet<string> plans, IReadOnlyList<IndicatorSeed> indicators, IReadOnlyList<TargetSeed> targets)
    {
        var known = indicators.Select(i => (i.Plan, i.Code)).ToHashSet();
        foreach (var row in ReadOptional(folder, "shares.csv",
                     ["plan", "share", "share_indicator", "share_scope_kind", "part_indicator", "part_scope_kind", "whole_indicator", "whole_scope_kind", "year", "lines"]))
        {
            var plan = RequirePlan(row, plans);
            var code = row.Required("share");
            var year = Year(row, "year");
            var share = TargetOf(row, "share_", plan, year, known, targets);
            var part = TargetOf(row, "part_", plan, year, known, targets);
            var whole = TargetOf(row, "whole_", plan, year, known, targets);
            var source = DocumentSource(row, documentId);
            if (plan is null || code.Length == 0 || share is null || part is null || whole is null || source is null) continue;
            yield return new ShareSeed(plan, code, share, part, whole, year!.Value, row.Get("note"),
                source with { EnteredBy = _curation.EnteredBy, EnteredAt = _curation.EnteredAt });
        }
    }

    /// <summary>park_areas.csv: an area target against the planned areas of the parks listed in some lines (issue 15: seed 003 专栏12 vs 20 km²).</summary>
    private IEnumerable<ParkAreaSeed> ReadParkAreas(string folder, string documentId, HashSet<string> plans, IReadOnlyList<IndicatorSeed> indicators,
        IReadOnlyList<TargetSeed> targets, IReadOnlyList<ParkSeed> parks)
    {
        var known = indicators.Select(i => (i.Plan, i.Code)).ToHashSet();
        foreach (var row in ReadOptional(folder, "park_areas.csv", ["plan", "check", "indicator", "scope_kind", "year", "rows_lines", "relation", "lines"]))
        {
            var plan = RequirePlan(row, plans);
            var code = row.Required("check");
            var year = Year(row, "year");
            var target = TargetOf(row, "", plan, year, known, targets);
            var relation = row.OneOf("relation", "sum_equals", "sum_at_most");
            var rows = DocumentSource(row, documentId, "rows_lines");
            if (rows is not null && !parks.Any(p => p.DocumentId == documentId && p.Area.Value is not null && p.Source.FromLine >= rows.FromLine && p.Source.ToLine <= rows.ToLine))
            {
                row.Error("rows_lines", "no_parks", $"第 {rows.LinesText} 行没有列出有规划面积的园区", $"no park with a planned area is listed on lines {rows.LinesText}", rows.LinesText);
                rows = null;
            }
            var source = DocumentSource(row, documentId);
            if (plan is null || code.Length == 0 || target is null || relation is null || rows is null || source is null) continue;
            yield return new ParkAreaSeed(plan, code, target.Indicator, target.Kind, target.Scope, year!.Value, documentId,
                new LineRange(rows.FromLine!.Value, rows.ToLine!.Value), relation, row.Get("note"), source with { EnteredBy = _curation.EnteredBy, EnteredAt = _curation.EnteredAt });
        }
    }

    public const string EquivalencesFile = "equivalences.csv";

    /// <summary>reference/equivalences.csv: measure words and unit spellings that state the same thing, each with its reason (optional file).</summary>
    private List<EquivalenceSeed> ReadEquivalences()
    {
        var path = ReferencePath(EquivalencesFile);
        if (!File.Exists(path)) return [];
        var result = new List<EquivalenceSeed>();
        var seen = new HashSet<(string, string, string)>();
        foreach (var row in CsvFile.Read(path, Display(path), ["kind", "term", "equivalent", "reason", "source_doc", "lines", "source_url"], _errors))
        {
            var kind = row.OneOf("kind", "measure_word", "unit");
            var term = row.Required("term");
            var equivalent = row.Required("equivalent");
            var reason = row.Required("reason");
            if (term.Length > 0 && term == equivalent)
            {
                row.Error("equivalent", "not_allowed", "等价的两个写法相同", "a spelling is trivially equivalent to itself", term);
            }
            if (kind is not null && !seen.Add((kind, term, equivalent)))
            {
                row.Error("term", "duplicate", $"“{term} = {equivalent}”重复", $"'{term} = {equivalent}' appears twice", term);
            }
            var source = ReferenceSource(row);
            if (source is { Document: { } document, FromLine: { } from } && term.Length > 0 && !LinesContain(document, new LineRange(from, source.ToLine ?? from), term))
            {
                row.Error("lines", "source_mismatch", $"第 {source.LinesText} 行的原文中没有“{term}”", $"lines {source.LinesText} do not contain '{term}'", term);
            }
            if (kind is null || term.Length == 0 || equivalent.Length == 0 || reason.Length == 0) continue;
            var curated = (source ?? _curation) with { EnteredBy = _curation.EnteredBy, EnteredAt = _curation.EnteredAt };
            result.Add(new EquivalenceSeed(kind, term, equivalent, reason, curated));
        }
        return result;
    }
}
