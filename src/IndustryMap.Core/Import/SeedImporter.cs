using System.Data.Common;
using System.Text.Json;
using Dapper;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Provenance;
using IndustryMap.Storage;

namespace IndustryMap.Import;

public sealed record ImportResult(long RunId, string Fingerprint, IReadOnlyDictionary<string, int> Counts);

/// <summary>
/// Writes a checked <see cref="SeedDataset"/> in one transaction. Re-importing replaces what the documents say
/// (lines, designations, mentions) and keeps identities stable: units, groups and industries are upserted by
/// name, so anything people entered that points at them survives. Rows entered by people are never deleted.
/// </summary>
public static class SeedImporter
{
    public static async Task<ImportResult> ImportAsync(Database database, string folder, string importedBy, CancellationToken cancellationToken = default,
        Action<string>? progress = null, Actor? actor = null)
    {
        var dataset = SeedReader.Read(folder);
        return await WriteAsync(database, dataset, importedBy, cancellationToken, progress, actor);
    }

    /// <param name="progress">Told what is being written, from inside the transaction (the CLI's --progress).</param>
    /// <param name="actor">Who imports, for the audit log; default: <paramref name="importedBy"/> as a system actor.</param>
    public static Task<ImportResult> WriteAsync(Database database, SeedDataset dataset, string importedBy, CancellationToken cancellationToken = default,
        Action<string>? progress = null, Actor? actor = null) =>
        database.InTransactionAsync(async (connection, transaction) =>
        {
            var writer = new Writer(connection, transaction, progress ?? (_ => { }));
            await writer.DocumentsAsync(dataset.Documents);
            var units = await writer.UnitsAsync(dataset.Units);
            await writer.GroupsAsync(dataset.Groups, dataset.GroupMembers, units, dataset.Curation);
            var industries = await writer.IndustriesAsync(dataset.Taxonomies, dataset.Industries, dataset.Curation);
            await writer.CrosswalkAsync(dataset.Crosswalk, industries, dataset.Curation);
            await writer.PublicSourcesAsync(dataset.PublicSources);
            await writer.VocabularyAsync(dataset.Vocabulary);
            await writer.LayoutAsync(dataset.Designations, units, industries);
            await new PlanWriter(connection, transaction).WriteAsync(dataset.PlanData, units, industries, dataset.Curation);
            await new PlacementReferenceWriter(connection, transaction).WriteAsync(dataset.Placement, industries, dataset.Curation);
            await new Chains.ChainWriter(connection, transaction).WriteAsync(dataset.Chains, units, dataset.Curation);
            var previous = await connection.QueryFirstOrDefaultAsync<ImportRun>(
                "SELECT id, folder, fingerprint, imported_by, imported_at, summary FROM import_runs ORDER BY id DESC LIMIT 1", transaction: transaction);
            var counts = dataset.Counts();
            var runId = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO import_runs (folder, fingerprint, imported_by, imported_at, summary)
                VALUES (@Folder, @Fingerprint, @ImportedBy, @ImportedAt, @Summary) RETURNING id
                """,
                new { dataset.Folder, dataset.Fingerprint, ImportedBy = importedBy, ImportedAt = database.UtcStamp(), Summary = JsonSerializer.Serialize(counts) },
                transaction);
            // One audit entry per import: what was loaded and what it replaced (the rows themselves are in the folder named).
            await AuditLog.AppendAsync(connection, transaction, database, actor ?? new Actor(null, importedBy, Role.Admin, null),
                "import.run", "import_runs", runId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                previous is null ? null : new { previous.Id, previous.Folder, previous.Fingerprint, previous.ImportedAt },
                new { dataset.Folder, dataset.Fingerprint, Counts = counts });
            progress?.Invoke("committing");
            return new ImportResult(runId, dataset.Fingerprint, counts);
        }, cancellationToken);

    private sealed class Writer(DbConnection connection, DbTransaction transaction, Action<string> progress)
    {
        private static object Prov(Source s) => new
        {
            SrcDocument = s.Document, SrcFrom = s.FromLine, SrcTo = s.ToLine, SrcUrl = s.Url, EnteredBy = s.EnteredBy, EnteredAt = s.EnteredAt,
        };

        private Task<int> Execute(string sql, object? parameters = null) => connection.ExecuteAsync(sql, parameters, transaction);

        public async Task DocumentsAsync(IReadOnlyList<DocumentSeed> documents)
        {
            var done = 0;
            foreach (var d in documents)
            {
                progress($"document {d.Id} ({++done}/{documents.Count}, {d.Lines.Count} lines)");
                await Execute(
                    """
                    INSERT INTO documents (id, folder, title, issuer, number, issued_on, period, kind, title_from, title_to, note, line_count, sha256)
                    VALUES (@Id, @Folder, @Title, @Issuer, @Number, @IssuedOn, @Period, @Kind, @TitleFrom, @TitleTo, @Note, @LineCount, @Sha256)
                    ON CONFLICT (id) DO UPDATE SET folder = excluded.folder, title = excluded.title, issuer = excluded.issuer,
                        number = excluded.number, issued_on = excluded.issued_on, period = excluded.period, kind = excluded.kind,
                        title_from = excluded.title_from, title_to = excluded.title_to, note = excluded.note,
                        line_count = excluded.line_count, sha256 = excluded.sha256
                    """,
                    new { d.Id, d.Folder, d.Title, d.Issuer, d.Number, d.IssuedOn, d.Period, d.Kind, TitleFrom = d.TitleLines?.From,
                        TitleTo = d.TitleLines?.To, d.Note, LineCount = d.Lines.Count, d.Sha256 });
                await Execute("DELETE FROM document_lines WHERE document_id = @Id", new { d.Id });
                await BulkInsert.RowsAsync(connection, transaction, "document_lines", ["document_id", "line_no", "text"],
                    d.Lines.Select((text, i) => new object?[] { d.Id, (long)(i + 1), text }));
            }
        }

        public async Task<Dictionary<string, long>> UnitsAsync(IReadOnlyList<UnitSeed> units)
        {
            var ids = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var u in units)
            {
                var id = await connection.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO units (name, full_name, code, kind, position, note, src_document, src_from, src_to, src_url, entered_by, entered_at)
                    VALUES (@Name, @FullName, @Code, @Kind, @Position, @Note, @SrcDocument, @SrcFrom, @SrcTo, @SrcUrl, @EnteredBy, @EnteredAt)
                    ON CONFLICT (name) DO UPDATE SET full_name = excluded.full_name, code = excluded.code, kind = excluded.kind,
                        position = excluded.position, note = excluded.note, src_document = excluded.src_document, src_from = excluded.src_from,
                        src_to = excluded.src_to, src_url = excluded.src_url, entered_by = excluded.entered_by, entered_at = excluded.entered_at
                    RETURNING id
                    """,
                    Merge(new { u.Name, u.FullName, u.Code, u.Kind, Position = (long)u.Position, u.Note }, Prov(u.Source)), transaction);
                ids[u.Name] = id;
                await Execute("DELETE FROM unit_aliases WHERE unit_id = @id", new { id });
                foreach (var alias in u.Aliases)
                {
                    await Execute("INSERT INTO unit_aliases (unit_id, alias) VALUES (@id, @alias)", new { id, alias });
                }
            }
            return ids;
        }

        public async Task GroupsAsync(IReadOnlyList<GroupSeed> groups, IReadOnlyList<GroupMemberSeed> members, Dictionary<string, long> units, Source curation)
        {
            var ids = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var g in groups)
            {
                ids[g.Name] = await connection.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO unit_groups (name, kind, position, note, src_document, src_from, src_to, src_url, entered_by, entered_at)
                    VALUES (@Name, @Kind, @Position, @Note, @SrcDocument, @SrcFrom, @SrcTo, @SrcUrl, @EnteredBy, @EnteredAt)
                    ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, position = excluded.position, note = excluded.note,
                        src_document = excluded.src_document, src_from = excluded.src_from, src_to = excluded.src_to, src_url = excluded.src_url,
                        entered_by = excluded.entered_by, entered_at = excluded.entered_at
                    RETURNING id
                    """, Merge(new { g.Name, g.Kind, Position = (long)g.Position, g.Note }, Prov(g.Source)), transaction);
            }
            foreach (var g in groups)
            {
                await Execute("UPDATE unit_groups SET parent_id = @ParentId WHERE id = @Id",
                    new { Id = ids[g.Name], ParentId = g.Parent is null ? (long?)null : ids[g.Parent] });
            }
            await Execute("DELETE FROM unit_group_members WHERE entered_by IS NULL OR entered_by = @EnteredBy", new { curation.EnteredBy });
            foreach (var m in members)
            {
                await Execute(
                    """
                    INSERT INTO unit_group_members (group_id, unit_id, src_document, src_from, src_to, src_url, entered_by, entered_at)
                    VALUES (@GroupId, @UnitId, @SrcDocument, @SrcFrom, @SrcTo, @SrcUrl, @EnteredBy, @EnteredAt)
                    ON CONFLICT (group_id, unit_id) DO NOTHING
                    """, Merge(new { GroupId = ids[m.Group], UnitId = units[m.Unit] }, Prov(m.Source)));
            }
        }

        public async Task<Dictionary<(string, string), long>> IndustriesAsync(IReadOnlyList<TaxonomySeed> taxonomies, IReadOnlyList<IndustrySeed> industries, Source curation)
        {
            foreach (var t in taxonomies)
            {
                await Execute(
                    """
                    INSERT INTO taxonomies (id, name, document_id, note) VALUES (@Id, @Name, @DocumentId, @Note)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, document_id = excluded.document_id, note = excluded.note
                    """, t);
            }
            var ids = new Dictionary<(string, string), long>();
            foreach (var i in industries)
            {
                ids[(i.Taxonomy, i.Name)] = await connection.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO industries (taxonomy_id, level, name, parent_basis, tier, tier_rank, position, note)
                    VALUES (@Taxonomy, @Level, @Name, @ParentBasis, @Tier, @TierRank, @Position, @Note)
                    ON CONFLICT (taxonomy_id, name) DO UPDATE SET level = excluded.level, parent_basis = excluded.parent_basis,
                        tier = excluded.tier, tier_rank = excluded.tier_rank, position = excluded.position, note = excluded.note
                    RETURNING id
                    """, new { i.Taxonomy, i.Level, i.Name, i.ParentBasis, i.Tier, TierRank = (long?)i.TierRank, Position = (long)i.Position, i.Note },
                    transaction);
            }
            var mentions = new List<object?[]>();
            foreach (var i in industries)
            {
                var id = ids[(i.Taxonomy, i.Name)];
                await Execute("UPDATE industries SET parent_id = @ParentId WHERE id = @Id",
                    new { Id = id, ParentId = i.Parent is null ? (long?)null : ids[(i.Taxonomy, i.Parent)] });
                await Execute("DELETE FROM industry_aliases WHERE industry_id = @id", new { id });
                foreach (var alias in i.Aliases) await Execute("INSERT INTO industry_aliases (industry_id, alias) VALUES (@id, @alias)", new { id, alias });
                await Execute("DELETE FROM industry_mentions WHERE industry_id = @id AND (entered_by IS NULL OR entered_by = @EnteredBy)",
                    new { id, curation.EnteredBy });
                mentions.AddRange(i.Sources.Select(m => new object?[]
                {
                    id, m.Source.Document, (long?)m.Source.FromLine, (long?)m.Source.ToLine, m.Source.Url, m.Source.EnteredBy, m.Source.EnteredAt, m.Note,
                }));
            }
            await BulkInsert.RowsAsync(connection, transaction, "industry_mentions",
                ["industry_id", "src_document", "src_from", "src_to", "src_url", "entered_by", "entered_at", "note"], mentions);
            return ids;
        }

        public async Task CrosswalkAsync(IReadOnlyList<CrosswalkSeed> crosswalk, Dictionary<(string, string), long> industries, Source curation)
        {
            await Execute("DELETE FROM industry_crosswalk WHERE entered_by = @EnteredBy", new { curation.EnteredBy });
            foreach (var c in crosswalk)
            {
                await Execute(
                    """
                    INSERT INTO industry_crosswalk (from_industry_id, to_industry_id, relation, note, entered_by, entered_at)
                    VALUES (@From, @To, @Relation, @Note, @EnteredBy, @EnteredAt)
                    ON CONFLICT (from_industry_id, to_industry_id) DO UPDATE SET relation = excluded.relation, note = excluded.note
                    """,
                    new { From = industries[(c.FromTaxonomy, c.FromName)], To = industries[(c.ToTaxonomy, c.ToName)], c.Relation, c.Note,
                        c.Source.EnteredBy, c.Source.EnteredAt });
            }
        }

        /// <summary>Upserts the published pages by id; a page no longer listed stays while rows (e.g. entered ones) may cite it.</summary>
        public async Task PublicSourcesAsync(IReadOnlyList<PublicSource> sources)
        {
            foreach (var p in sources)
            {
                await Execute(
                    """
                    INSERT INTO public_sources (id, url, title, publisher, published, retrieved, note)
                    VALUES (@Id, @Url, @Title, @Publisher, @Published, @Retrieved, @Note)
                    ON CONFLICT (id) DO UPDATE SET url = excluded.url, title = excluded.title, publisher = excluded.publisher,
                        published = excluded.published, retrieved = excluded.retrieved, note = excluded.note
                    """, p);
            }
        }

        /// <summary>The vocabulary is curated reference data: replaced as a whole.</summary>
        public async Task VocabularyAsync(IReadOnlyList<IndustryMap.Catalog.VocabularyEntry> entries)
        {
            await Execute("DELETE FROM industry_vocabulary");
            foreach (var e in entries)
            {
                await Execute(
                    """
                    INSERT INTO industry_vocabulary (term, kind, target, note, src_document, src_from, src_to, src_url, entered_by, entered_at)
                    VALUES (@Term, @Kind, @Target, @Note, @SrcDocument, @SrcFrom, @SrcTo, @SrcUrl, @EnteredBy, @EnteredAt)
                    """, Merge(new { e.Term, e.Kind, e.Target, e.Note }, Prov(e.Source)));
            }
        }

        public async Task LayoutAsync(IReadOnlyList<DesignationSeed> designations, Dictionary<string, long> units, Dictionary<(string, string), long> industries)
        {
            foreach (var year in designations.Select(d => d.Edition).Distinct())
            {
                var editionId = await connection.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO layout_editions (year, title, status) VALUES (@Year, @Title, 'published')
                    ON CONFLICT (year) DO UPDATE SET title = excluded.title
                    RETURNING id
                    """, new { Year = (long)year, Title = $"{year}年产业地图区县布局" }, transaction);
                await Execute("DELETE FROM layout_designations WHERE edition_id = @editionId AND entered_by IS NULL", new { editionId });
                foreach (var d in designations.Where(d => d.Edition == year))
                {
                    await Execute(
                        """
                        INSERT INTO layout_designations (edition_id, unit_id, role, position, industry_id, printed, detail, flag, note,
                            src_document, src_from, src_to, src_url, entered_by, entered_at, src_public)
                        VALUES (@EditionId, @UnitId, @Role, @Position, @IndustryId, @Printed, @Detail, @Flag, @Note,
                            @SrcDocument, @SrcFrom, @SrcTo, @SrcUrl, @EnteredBy, @EnteredAt, @SrcPublic)
                        """,
                        Merge(new { EditionId = editionId, UnitId = units[d.Unit], d.Role, Position = (long)d.Position,
                            IndustryId = industries[(SeedReader.CatalogTaxonomy, d.Industry)], d.Printed, d.Detail, d.Flag, d.Note,
                            SrcPublic = d.Source.Public?.Id }, Prov(d.Source)));
                }
            }
        }

        private static DynamicParameters Merge(object a, object b)
        {
            var parameters = new DynamicParameters(a);
            parameters.AddDynamicParams(b);
            return parameters;
        }
    }
}
