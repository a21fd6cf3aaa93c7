using System.Data.Common;
using Dapper;
using IndustryMap.Measures;
using IndustryMap.Provenance;
using IndustryMap.Registries;

namespace IndustryMap.Import;

/// <summary>
/// Writes the plans part of a dataset inside the importer's transaction. Plans and their indicators are upserted by
/// id (identities stay stable for submitted values that point at them); targets, registries and tasks are what
/// the documents say and are replaced, except rows that people entered.
/// </summary>
internal sealed class PlanWriter(DbConnection connection, DbTransaction transaction)
{
    private static DynamicParameters Row(object values, Source s)
    {
        var parameters = new DynamicParameters(values);
        parameters.AddDynamicParams(new
        {
            SrcDocument = s.Document, SrcFrom = (long?)s.FromLine, SrcTo = (long?)s.ToLine, SrcUrl = s.Url, EnteredBy = s.EnteredBy, EnteredAt = s.EnteredAt,
        });
        return parameters;
    }

    /// <summary>Parks and enterprises also name the public page they come from (src_public, decision 0010).</summary>
    private static DynamicParameters RowWithPublic(object values, Source s)
    {
        var parameters = Row(values, s);
        parameters.Add("SrcPublic", s.Public?.Id);
        return parameters;
    }

    private const string Prov = "src_document, src_from, src_to, src_url, entered_by, entered_at";
    private const string ProvValues = "@SrcDocument, @SrcFrom, @SrcTo, @SrcUrl, @EnteredBy, @EnteredAt";

    private Task<int> Execute(string sql, object parameters) => connection.ExecuteAsync(sql, parameters, transaction);

    private Task<long> Insert(string sql, object parameters) => connection.ExecuteScalarAsync<long>(sql, parameters, transaction);

    public async Task WriteAsync(PlanData data, IReadOnlyDictionary<string, long> units, IReadOnlyDictionary<(string, string), long> industries, Source curation)
    {
        var groups = (await connection.QueryAsync<(long Id, string Name)>("SELECT id, name FROM unit_groups", transaction: transaction))
            .ToDictionary(g => g.Name, g => g.Id);
        long? Unit(string? name) => name is null ? null : units[name];

        // Document-sourced rows go; rows people entered stay.
        await Execute("DELETE FROM task_parties WHERE task_id IN (SELECT id FROM tasks WHERE entered_by IS NULL)", new { });
        foreach (var table in new[] { "share_checks", "park_area_checks", "count_checks", "equivalences", "tasks", "project_totals", "projects", "enterprises", "parks", "cascades", "targets" })
        {
            await Execute($"DELETE FROM {table} WHERE entered_by IS NULL OR entered_by = @Curator", new { Curator = curation.EnteredBy });
        }

        foreach (var p in data.Plans)
        {
            await Execute(
                $"""
                 INSERT INTO plans (id, document_id, title, issuer, period_start, period_end, scope_kind, scope, note, {Prov})
                 VALUES (@Id, @DocumentId, @Title, @Issuer, @PeriodStart, @PeriodEnd, @ScopeKind, @Scope, @Note, {ProvValues})
                 ON CONFLICT (id) DO UPDATE SET document_id = excluded.document_id, title = excluded.title, issuer = excluded.issuer,
                     period_start = excluded.period_start, period_end = excluded.period_end, scope_kind = excluded.scope_kind, scope = excluded.scope,
                     note = excluded.note, src_document = excluded.src_document, src_from = excluded.src_from, src_to = excluded.src_to
                 """,
                Row(new { p.Id, p.DocumentId, p.Title, p.Issuer, PeriodStart = (long?)p.PeriodStart, PeriodEnd = (long?)p.PeriodEnd, p.ScopeKind, p.Scope, p.Note }, p.Source));
        }

        var indicatorIds = new Dictionary<(string, string), long>();
        foreach (var i in data.Indicators)
        {
            indicatorIds[(i.Plan, i.Code)] = await Insert(
                $"""
                 INSERT INTO indicators (plan_id, code, name, unit, attribute, direction, cumulative, aggregation, category, position, note, {Prov})
                 VALUES (@Plan, @Code, @Name, @Unit, @Attribute, @Direction, @Cumulative, @Aggregation, @Category, @Position, @Note, {ProvValues})
                 ON CONFLICT (plan_id, code) DO UPDATE SET name = excluded.name, unit = excluded.unit, attribute = excluded.attribute,
                     direction = excluded.direction, cumulative = excluded.cumulative, aggregation = excluded.aggregation, category = excluded.category,
                     position = excluded.position, note = excluded.note, src_document = excluded.src_document, src_from = excluded.src_from, src_to = excluded.src_to
                 RETURNING id
                 """,
                Row(new { i.Plan, i.Code, i.Name, i.Unit, i.Attribute, i.Direction, Cumulative = i.Cumulative ? 1L : 0L, i.Aggregation, i.Category,
                    Position = (long)i.Position, i.Note }, i.Source));
        }
        foreach (var i in data.Indicators)
        {
            await Execute("UPDATE indicators SET growth_of_id = @GrowthOf WHERE id = @Id",
                new { Id = indicatorIds[(i.Plan, i.Code)], GrowthOf = i.GrowthOf is null ? (long?)null : indicatorIds[(i.Plan, i.GrowthOf)] });
        }

        foreach (var t in data.Targets)
        {
            await Execute(
                $"""
                 INSERT INTO targets (indicator_id, scope_kind, scope, unit_id, group_id, industry_id, year, comparator, value, value_high, unit,
                     normalized_value, normalized_high, normalized_unit, printed, baseline_year, baseline_value, source_kind, position, quality, note, period, year_from, {Prov})
                 VALUES (@IndicatorId, @ScopeKind, @Scope, @UnitId, @GroupId, @IndustryId, @Year, @Comparator, @Value, @ValueHigh, @Unit,
                     @NormalizedValue, @NormalizedHigh, @NormalizedUnit, @Printed, @BaselineYear, @BaselineValue, @SourceKind, @Position, @Quality, @Note, @Period, @YearFrom, {ProvValues})
                 """,
                Row(new
                {
                    IndicatorId = indicatorIds[(t.Plan, t.Indicator)], t.ScopeKind, t.Scope, UnitId = Unit(t.Unit),
                    GroupId = t.Group is null ? (long?)null : groups[t.Group], IndustryId = t.Industry is { } ind ? industries[ind] : (long?)null,
                    Year = (long?)t.Year, t.Comparator, t.Value, t.ValueHigh, Unit = t.MeasureUnit, NormalizedValue = t.Normalized?.Value,
                    NormalizedHigh = t.NormalizedHigh?.Value, NormalizedUnit = t.Normalized?.Unit, t.Printed, BaselineYear = (long?)t.BaselineYear,
                    t.BaselineValue, t.SourceKind, Position = (long)t.Position, t.Quality, t.Note, t.Period, YearFrom = (long?)t.YearFrom,
                }, t.Source));
        }

        foreach (var c in data.Cascades)
        {
            var id = await Insert(
                $"""
                 INSERT INTO cascades (plan_id, code, whole_indicator_id, whole_scope_kind, whole_scope, parts_scope_kind, parts, year, relation, note, {Prov})
                 VALUES (@Plan, @Code, @Whole, @WholeScopeKind, @WholeScope, @PartsScopeKind, @Parts, @Year, @Relation, @Note, {ProvValues})
                 RETURNING id
                 """,
                Row(new { c.Plan, c.Code, Whole = indicatorIds[(c.Plan, c.WholeIndicator)], c.WholeScopeKind, c.WholeScope,
                    c.PartsScopeKind, Parts = c.Parts.Count == 0 ? null : string.Join('|', c.Parts), Year = (long)c.Year, c.Relation, c.Note }, c.Source));
            foreach (var part in c.PartsIndicators.Distinct())
            {
                await Execute("INSERT INTO cascade_parts (cascade_id, indicator_id) VALUES (@id, @IndicatorId)", new { id, IndicatorId = indicatorIds[(c.Plan, part)] });
            }
        }

        foreach (var p in data.Parks)
        {
            var mu = p.Area.Normalized?.Unit == MeasureUnits.Mu ? p.Area.Normalized.Value : (decimal?)null;
            await Execute(
                $"""
                 INSERT INTO parks (document_id, name, unit_id, level, kind, planned_area, area_unit, area_mu, area_km2, focus_industries, position, quality, note, {Prov}, src_public,
                     carrier_kind, level_printed, focus_catalog, area_basis, level_src_public)
                 VALUES (@DocumentId, @Name, @UnitId, @Level, @Kind, @PlannedArea, @AreaUnit, @AreaMu, @AreaKm2, @Focus, @Position, @Quality, @Note, {ProvValues}, @SrcPublic,
                     @CarrierKind, @LevelPrinted, @FocusCatalog, @AreaBasis, @LevelSrcPublic)
                 """,
                RowWithPublic(new { p.DocumentId, p.Name, UnitId = Unit(p.Unit), p.Level, p.Kind, PlannedArea = p.Area.Value, AreaUnit = p.Area.Unit, AreaMu = mu,
                    AreaKm2 = mu is null ? (decimal?)null : MeasureUnits.MuToSquareKilometres(mu.Value), Focus = Join(p.FocusIndustries), Position = (long)p.Position,
                    p.Quality, p.Note, p.CarrierKind, p.LevelPrinted, FocusCatalog = FocusPair.JoinList(p.FocusCatalog), p.AreaBasis,
                    LevelSrcPublic = p.LevelSource?.Id }, p.Source));
        }

        foreach (var e in data.Enterprises)
        {
            await Execute(
                $"""
                 INSERT INTO enterprises (document_id, name, unit_id, category, tiers, labels, industry, position, quality, note, entity, {Prov}, src_public)
                 VALUES (@DocumentId, @Name, @UnitId, @Category, @Tiers, @Labels, @Industry, @Position, @Quality, @Note, @Entity, {ProvValues}, @SrcPublic)
                 """,
                RowWithPublic(new { e.DocumentId, e.Name, UnitId = Unit(e.Unit), e.Category, Tiers = Join(e.Tiers), Labels = Join(e.Labels), e.Industry,
                    Position = (long)e.Position, e.Quality, e.Note, e.Entity }, e.Source));
        }

        foreach (var p in data.Projects)
        {
            await Execute(
                $"""
                 INSERT INTO projects (document_id, library, serial, name, section, unit_id, park, industry, stage_printed, stage,
                     investment, investment_unit, investment_yi, output, output_unit, output_yi, tax, tax_unit, tax_yi, land, land_unit, land_mu,
                     period, owner, position, quality, note, entity, subsection, floor_area, floor_area_unit, {Prov})
                 VALUES (@DocumentId, @Library, @Serial, @Name, @Section, @UnitId, @Park, @Industry, @StagePrinted, @Stage,
                     @Investment, @InvestmentUnit, @InvestmentYi, @Output, @OutputUnit, @OutputYi, @Tax, @TaxUnit, @TaxYi, @Land, @LandUnit, @LandMu,
                     @Period, @Owner, @Position, @Quality, @Note, @Entity, @Subsection, @FloorArea, @FloorAreaUnit, {ProvValues})
                 """,
                Row(new
                {
                    p.DocumentId, p.Library, p.Serial, p.Name, p.Section, UnitId = Unit(p.Unit), p.Park, p.Industry, p.StagePrinted, p.Stage,
                    Investment = p.Investment.Value, InvestmentUnit = p.Investment.Unit, InvestmentYi = Yi(p.Investment),
                    Output = p.Output.Value, OutputUnit = p.Output.Unit, OutputYi = Yi(p.Output),
                    Tax = p.Tax.Value, TaxUnit = p.Tax.Unit, TaxYi = Yi(p.Tax),
                    Land = p.Land.Value, LandUnit = p.Land.Unit, LandMu = Mu(p.Land),
                    p.Period, p.Owner, Position = (long)p.Position, p.Quality, p.Note, p.Entity, p.Subsection,
                    FloorArea = p.FloorArea.Value, FloorAreaUnit = p.FloorArea.Unit,
                }, p.Source));
        }

        foreach (var t in data.ProjectTotals)
        {
            await Execute(
                $"""
                 INSERT INTO project_totals (document_id, library, label, section, investment, investment_unit, investment_yi, output, output_unit, output_yi,
                     tax, tax_unit, tax_yi, land, land_unit, land_mu, quality, note, damaged, {Prov})
                 VALUES (@DocumentId, @Library, @Label, @Section, @Investment, @InvestmentUnit, @InvestmentYi, @Output, @OutputUnit, @OutputYi,
                     @Tax, @TaxUnit, @TaxYi, @Land, @LandUnit, @LandMu, @Quality, @Note, @Damaged, {ProvValues})
                 """,
                Row(new
                {
                    t.DocumentId, t.Library, t.Label, t.Section,
                    Investment = t.Investment.Value, InvestmentUnit = t.Investment.Unit, InvestmentYi = Yi(t.Investment),
                    Output = t.Output.Value, OutputUnit = t.Output.Unit, OutputYi = Yi(t.Output),
                    Tax = t.Tax.Value, TaxUnit = t.Tax.Unit, TaxYi = Yi(t.Tax),
                    Land = t.Land.Value, LandUnit = t.Land.Unit, LandMu = Mu(t.Land), t.Quality, t.Note, Damaged = Join(t.Damaged),
                }, t.Source));
        }

        foreach (var e in data.Equivalences)
        {
            await Execute($"INSERT INTO equivalences (kind, term, equivalent, reason, {Prov}) VALUES (@Kind, @Term, @Equivalent, @Reason, {ProvValues})",
                Row(new { e.Kind, e.Term, e.Equivalent, e.Reason }, e.Source));
        }

        foreach (var c in data.Counts)
        {
            await Execute(
                $"""
                 INSERT INTO count_checks (plan_id, code, indicator_id, scope_kind, scope, year, registry, rows_document, rows_from, rows_to, tier, note, {Prov})
                 VALUES (@Plan, @Code, @IndicatorId, @ScopeKind, @Scope, @Year, @Registry, @RowsDocument, @RowsFrom, @RowsTo, @Tier, @Note, {ProvValues})
                 """,
                Row(new { c.Plan, c.Code, IndicatorId = indicatorIds[(c.Plan, c.Indicator)], c.ScopeKind, c.Scope, Year = (long?)c.Year, c.Registry, c.RowsDocument,
                    RowsFrom = (long)c.Rows.From, RowsTo = (long)c.Rows.To, c.Tier, c.Note }, c.Source));
        }

        foreach (var c in data.Shares)
        {
            await Execute(
                $"""
                 INSERT INTO share_checks (plan_id, code, share_indicator_id, share_scope_kind, share_scope, part_indicator_id, part_scope_kind, part_scope,
                     whole_indicator_id, whole_scope_kind, whole_scope, year, note, {Prov})
                 VALUES (@Plan, @Code, @ShareId, @ShareKind, @ShareScope, @PartId, @PartKind, @PartScope, @WholeId, @WholeKind, @WholeScope, @Year, @Note, {ProvValues})
                 """,
                Row(new
                {
                    c.Plan, c.Code, ShareId = indicatorIds[(c.Plan, c.Share.Indicator)], ShareKind = c.Share.Kind, ShareScope = c.Share.Scope,
                    PartId = indicatorIds[(c.Plan, c.Part.Indicator)], PartKind = c.Part.Kind, PartScope = c.Part.Scope,
                    WholeId = indicatorIds[(c.Plan, c.Whole.Indicator)], WholeKind = c.Whole.Kind, WholeScope = c.Whole.Scope, Year = (long)c.Year, c.Note,
                }, c.Source));
        }

        foreach (var c in data.ParkAreas)
        {
            await Execute(
                $"""
                 INSERT INTO park_area_checks (plan_id, code, indicator_id, scope_kind, scope, year, rows_document, rows_from, rows_to, relation, note, {Prov})
                 VALUES (@Plan, @Code, @IndicatorId, @ScopeKind, @Scope, @Year, @RowsDocument, @RowsFrom, @RowsTo, @Relation, @Note, {ProvValues})
                 """,
                Row(new { c.Plan, c.Code, IndicatorId = indicatorIds[(c.Plan, c.Indicator)], c.ScopeKind, c.Scope, Year = (long)c.Year, c.RowsDocument,
                    RowsFrom = (long)c.Rows.From, RowsTo = (long)c.Rows.To, c.Relation, c.Note }, c.Source));
        }

        foreach (var t in data.Tasks)
        {
            var id = await Insert(
                $"""
                 INSERT INTO tasks (plan_id, code, section, title, target_text, position, note, {Prov})
                 VALUES (@Plan, @Code, @Section, @Title, @TargetText, @Position, @Note, {ProvValues})
                 RETURNING id
                 """, Row(new { t.Plan, t.Code, t.Section, t.Title, t.TargetText, Position = (long)t.Position, t.Note }, t.Source));
            var position = 0L;
            foreach (var (role, organisations) in new[] { ("lead", t.Leads), ("participating", t.Participants) })
            {
                foreach (var organisation in organisations.Distinct())
                {
                    // "江津区政府" is the planning unit 江津区 acting through its government.
                    var unit = units.Keys.FirstOrDefault(u => organisation == u || organisation == u + "政府" || organisation == u + "人民政府");
                    await Execute(
                        "INSERT INTO task_parties (task_id, role, organisation, unit_id, position) VALUES (@id, @role, @organisation, @UnitId, @position)",
                        new { id, role, organisation, UnitId = unit is null ? (long?)null : units[unit], position = ++position });
                }
            }
        }
    }

    private static string? Join(IReadOnlyList<string> items) => items.Count == 0 ? null : string.Join('|', items);

    private static decimal? Yi(Amount a) => a.Normalized?.Unit == MeasureUnits.Yi ? a.Normalized.Value : null;

    private static decimal? Mu(Amount a) => a.Normalized?.Unit == MeasureUnits.Mu ? a.Normalized.Value : null;
}
