using System.Data;
using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Dapper;
using IndustryMap.Configuration;
using IndustryMap.Storage;
using IndustryMap.Writing;

namespace IndustryMap.Backup;

public sealed record BackupSummary(string Engine, IReadOnlyList<int> Migrations, IReadOnlyDictionary<string, long> Rows, string Sha256);

/// <summary>What a restore is about to write, named before anything is written.</summary>
public sealed record RestorePlan(string Target, string SourceEngine, string CreatedAt, IReadOnlyList<int> Migrations, IReadOnlyDictionary<string, long> Rows);

/// <summary>
/// The secret that authenticates backups (issue 10 §8): 32 random bytes in the data folder's keys
/// (<c>keys/backup.key</c>, mode 0600), created by the first backup. A backup carries an HMAC-SHA256 under this key,
/// so a file whose content was changed — even with its checksum recomputed — is refused by a restore. Keep a copy of
/// the key apart from the backups: a restore on another machine needs it (<c>restore --key</c>).
/// </summary>
public sealed class BackupKey
{
    private readonly byte[] _secret;

    private BackupKey(byte[] secret) => _secret = secret;

    /// <summary>A short public name of the key (first 8 hex digits of its SHA-256), written into each backup's header.</summary>
    public string Id => Convert.ToHexStringLower(SHA256.HashData(_secret))[..8];

    public static string DefaultPath(string dataDirectory) => Path.Combine(DataFolder.Keys(dataDirectory), "backup.key");

    public static BackupKey FromBytes(byte[] secret) =>
        secret.Length >= 32 ? new BackupKey(secret) : throw BackupRefusal.Refused("backup_key_short", "备份密钥至少需要 32 字节", "a backup key needs at least 32 bytes");

    /// <summary>The key in <paramref name="path"/>, created (0600) when <paramref name="create"/> and it does not exist yet.</summary>
    public static BackupKey Load(string path, bool create)
    {
        if (!File.Exists(path))
        {
            if (!create) throw BackupRefusal.Refused("backup_key_missing", $"{path} 处没有备份密钥：恢复时请用 --key 指定写出该备份的安装的密钥文件", $"no backup key at {path}: restore with --key <the key file of the installation that wrote the backup>");
            var secret = RandomNumberGenerator.GetBytes(32);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = DataFolder.OwnerOnlyFile;
            using (var stream = new FileStream(path, options))
            using (var writer = new StreamWriter(stream)) writer.Write(Convert.ToBase64String(secret));
            return new BackupKey(secret);
        }
        try
        {
            return FromBytes(Convert.FromBase64String(File.ReadAllText(path).Trim()));
        }
        catch (FormatException)
        {
            throw BackupRefusal.Refused("backup_key_invalid", $"{path} 不是备份密钥（应为 32 个随机字节的 base64）", $"{path} is not a backup key (base64 of 32 random bytes)");
        }
    }

    public IncrementalHash NewHmac() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret);
}

/// <summary>A backup or restore refused before anything was written: a <see cref="RefusedException"/> with a backup code.</summary>
internal static class BackupRefusal
{
    public static RefusedException Refused(string code, string message, string messageEn) => RefusedException.Invalid(code, message, messageEn);
}

/// <summary>
/// The whole database as one engine-neutral file, and back: `industrymap backup` / `restore` (issue 4 §7).
///
/// The table list, columns, keys and foreign keys are read from the live schema, so tables that later migrations
/// add are included without touching this code. The file is gzip-compressed JSON Lines: a header (format, source
/// engine, applied migrations), then per table a line naming it and its columns followed by one JSON array per row,
/// then a trailer with the row count of every table, the SHA-256 of everything before it and an HMAC-SHA256 of it under
/// the installation's <see cref="BackupKey"/> (format 2: authenticated, not only checksummed). Tables are written
/// parents first (foreign-key order) so a restore inserts in file order; values are written so they mean the same on
/// both engines (integers as numbers, exact decimals as strings, blobs as base64).
/// </summary>
public static class DatabaseBackup
{
    public const string Format = "industrymap-backup";
    public const int FormatVersion = 2;

    private static readonly JsonSerializerOptions LineJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>Parents before children; self-references (a tree inside one table) do not count; ties by name.</summary>
    public static IReadOnlyList<TableSchema> DependencyOrder(IReadOnlyList<TableSchema> tables)
    {
        var byName = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var ordered = new List<TableSchema>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        void Visit(TableSchema table, Stack<string> path)
        {
            if (state.GetValueOrDefault(table.Name) == 2) return;
            if (state.GetValueOrDefault(table.Name) == 1)
            {
                throw new InvalidOperationException($"foreign keys form a cycle: {string.Join(" → ", path.Reverse())} → {table.Name}");
            }
            state[table.Name] = 1;
            path.Push(table.Name);
            foreach (var parent in table.ForeignKeys.Select(f => f.ReferencedTable).Where(p => p != table.Name).Distinct().Order(StringComparer.Ordinal))
            {
                if (byName.TryGetValue(parent, out var p)) Visit(p, path);
            }
            path.Pop();
            state[table.Name] = 2;
            ordered.Add(table);
        }
        foreach (var table in tables.OrderBy(t => t.Name, StringComparer.Ordinal)) Visit(table, new Stack<string>());
        return ordered;
    }

    // ---- backup --------------------------------------------------------------------------------------------

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table and column names come from the schema catalog, quoted.")]
    public static async Task<BackupSummary> WriteAsync(Database database, Stream output, BackupKey key, CancellationToken cancellationToken = default)
    {
        var migrations = await new Migrator(database).AppliedAsync(cancellationToken);
        if (migrations.Count == 0) throw BackupRefusal.Refused("backup_no_schema", "数据库尚无表结构，没有可备份的内容", "the database has no schema yet: nothing to back up");
        using var turn = await database.Dialect.WriterTurnAsync(cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        // One snapshot for all tables: a backup taken while people work is still consistent.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var tables = DependencyOrder(await database.Dialect.ReadSchemaAsync(connection, transaction));

        await using var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var hmac = key.NewHmac();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var line = new ArrayBufferWriterStream();

        async Task WriteLine(Action<Utf8JsonWriter> write)
        {
            line.Clear();
            await using (var json = new Utf8JsonWriter(line, new JsonWriterOptions { Encoder = LineJson.Encoder }))
            {
                write(json);
            }
            line.WriteByte((byte)'\n');
            sha.AppendData(line.Written.Span);
            hmac.AppendData(line.Written.Span);
            await gzip.WriteAsync(line.Written, cancellationToken);
        }

        await WriteLine(j =>
        {
            j.WriteStartObject();
            j.WriteString("format", Format);
            j.WriteNumber("version", FormatVersion);
            j.WriteString("createdAt", database.UtcStamp());
            j.WriteString("engine", database.Dialect.Name);
            j.WriteString("keyId", key.Id);
            j.WriteStartArray("migrations");
            foreach (var m in migrations) j.WriteNumberValue(m);
            j.WriteEndArray();
            j.WriteEndObject();
        });
        foreach (var table in tables)
        {
            var columns = table.Columns.Select(c => c.Name).ToList();
            await WriteLine(j =>
            {
                j.WriteStartObject();
                j.WriteString("table", table.Name);
                j.WriteStartArray("columns");
                foreach (var c in columns) j.WriteStringValue(c);
                j.WriteEndArray();
                j.WriteEndObject();
            });
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var order = table.PrimaryKey.Count > 0 ? table.PrimaryKey : columns;
            command.CommandText = $"SELECT {string.Join(", ", columns.Select(TableSchema.Quote))} FROM {TableSchema.Quote(table.Name)} " +
                                  $"ORDER BY {string.Join(", ", order.Select(TableSchema.Quote))}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            long count = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                count++;
                await WriteLine(j =>
                {
                    j.WriteStartArray();
                    for (var i = 0; i < columns.Count; i++) WriteValue(j, reader.GetValue(i), table.Name, columns[i]);
                    j.WriteEndArray();
                });
            }
            counts[table.Name] = count;
        }
        var digest = Convert.ToHexStringLower(sha.GetHashAndReset());
        var trailer = new { end = true, rows = counts, sha256 = digest, hmacSha256 = Convert.ToHexStringLower(hmac.GetHashAndReset()) };
        await gzip.WriteAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(trailer, LineJson) + "\n"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new BackupSummary(database.Dialect.Name, migrations, counts, digest);
    }

    private static void WriteValue(Utf8JsonWriter j, object value, string table, string column)
    {
        switch (value)
        {
            case DBNull: j.WriteNullValue(); break;
            case long v: j.WriteNumberValue(v); break;
            case int v: j.WriteNumberValue(v); break;
            case short v: j.WriteNumberValue(v); break;
            case string v: j.WriteStringValue(v); break;
            case bool v: j.WriteBooleanValue(v); break;
            // Exact decimals travel as text: "332.30" stays "332.30" (TEXT in SQLite, NUMERIC in PostgreSQL; decision 0001).
            case decimal v: j.WriteStringValue(v.ToString(CultureInfo.InvariantCulture)); break;
            case double v: j.WriteNumberValue(v); break;
            case float v: j.WriteNumberValue(v); break;
            case byte[] v:
                j.WriteStartObject();
                j.WriteBase64String("base64", v);
                j.WriteEndObject();
                break;
            case DateTime v: j.WriteStringValue(v.ToString("O", CultureInfo.InvariantCulture)); break;
            case Guid v: j.WriteStringValue(v.ToString()); break;
            default:
                throw new NotSupportedException($"{table}.{column}: values of type {value.GetType().Name} cannot be backed up; store text, integers or decimals");
        }
    }

    // ---- restore -------------------------------------------------------------------------------------------

    private sealed record Header(string Format, int Version, string Engine, IReadOnlyList<int> Migrations, string CreatedAt, string? KeyId);

    /// <summary>
    /// Restores a backup into an empty database (a new SQLite file, an empty PostgreSQL schema, or one that is only
    /// migrated). The file is read twice: first to check it whole (header, checksum, trailer) before anything is
    /// touched, then to load it: the backup's schema is rebuilt with this build's migrations, every row is inserted
    /// in one transaction and the counts checked, then any migrations newer than the backup are applied.
    /// </summary>
    /// <param name="open">Opens the backup file; called once per pass.</param>
    /// <param name="key">The key of the installation that wrote the backup.</param>
    /// <param name="announce">Told what will be written, after the file was checked and before anything is written.</param>
    /// <param name="dryRun">Check and announce only.</param>
    public static async Task<BackupSummary> RestoreAsync(Database database, Func<Stream> open, BackupKey key, Action<RestorePlan>? announce = null,
        bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var (header, expectedRows) = await CheckAsync(open, key, cancellationToken);
        announce?.Invoke(new RestorePlan(database.Dialect.Describe(), header.Engine, header.CreatedAt, header.Migrations, expectedRows));
        if (dryRun) return new BackupSummary(header.Engine, header.Migrations, expectedRows, "");

        var migrator = new Migrator(database);
        var known = migrator.Available().Select(m => m.Version).ToHashSet();
        var unknown = header.Migrations.Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw BackupRefusal.Refused("backup_newer_schema", $"备份的表结构含有本版本不认识的迁移（{string.Join("、", unknown)}）：请用更新版本的 IndustryMap 恢复", $"the backup's schema has migrations this version does not know ({string.Join(", ", unknown)}): restore it with a newer IndustryMap");
        }
        var applied = await migrator.AppliedAsync(cancellationToken);
        var extra = applied.Where(a => !header.Migrations.Contains(a)).ToList();
        if (extra.Count > 0)
        {
            throw BackupRefusal.Refused("backup_older_schema", $"目标数据库含有备份没有的迁移（{string.Join("、", extra)}）：请恢复到空数据库", $"the target database has migrations the backup does not ({string.Join(", ", extra)}): restore into an empty database");
        }
        var wanted = header.Migrations.ToHashSet();
        await migrator.MigrateAsync(cancellationToken, m => wanted.Contains(m.Version));

        var counts = await database.InTransactionAsync(async (connection, transaction) =>
        {
            var schema = (await database.Dialect.ReadSchemaAsync(connection, transaction)).ToDictionary(t => t.Name, StringComparer.Ordinal);
            foreach (var table in schema.Values)
            {
                if (await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {TableSchema.Quote(table.Name)}", transaction: transaction) > 0)
                {
                    throw BackupRefusal.Refused("restore_target_not_empty", $"目标数据库不是空的（表 {table.Name} 有数据）：请恢复到空数据库", $"the target database is not empty (table {table.Name} has rows): restore into an empty database");
                }
            }
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            TableLoader? loader = null;
            await using var input = open();
            await using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var text = new StreamReader(gzip, new UTF8Encoding(false, true));
            await text.ReadLineAsync(cancellationToken); // the header, checked above
            while (await text.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.StartsWith('['))
                {
                    if (loader is null) throw BackupRefusal.Refused("backup_damaged", "备份在任何表之前出现了数据行", "the backup has a row before any table");
                    await loader.AddAsync(line);
                    continue;
                }
                if (loader is not null) counts[loader.Table.Name] = await loader.FinishAsync();
                loader = null;
                using var document = JsonDocument.Parse(line);
                if (!document.RootElement.TryGetProperty("table", out var tableName)) break; // the trailer
                var name = tableName.GetString()!;
                if (!schema.TryGetValue(name, out var target)) throw BackupRefusal.Refused("backup_unknown_table", $"备份含有表 {name}，当前表结构没有该表", $"the backup has table {name}, which this schema does not");
                var columns = document.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
                loader = new TableLoader(connection, transaction, database.Dialect, target, columns);
            }
            foreach (var (table, rows) in expectedRows)
            {
                if (counts.GetValueOrDefault(table) != rows)
                {
                    throw BackupRefusal.Refused("backup_row_count", $"表 {table}：备份结尾记载 {rows} 行，实际读入 {counts.GetValueOrDefault(table)} 行；未恢复任何数据", $"table {table}: the trailer says {rows} rows, {counts.GetValueOrDefault(table)} were loaded; nothing was restored");
                }
            }
            foreach (var table in schema.Values) await database.Dialect.ResyncIdentityAsync(connection, transaction, table);
            return counts;
        }, advancesDataVersion: false, cancellationToken); // the restored store keeps the backup's data version: a restore is a copy

        await migrator.MigrateAsync(cancellationToken);
        return new BackupSummary(header.Engine, header.Migrations, counts, "");
    }

    /// <summary>
    /// The first pass: the file ends with a complete gzip member (its CRC-32 and length match: a file missing its last
    /// bytes is refused), its header is ours, its trailer is there, its checksum matches, and its HMAC proves it was
    /// written with <paramref name="key"/> and not changed since.
    /// </summary>
    private static async Task<(Header Header, Dictionary<string, long> Rows)> CheckAsync(Func<Stream> open, BackupKey key, CancellationToken cancellationToken)
    {
        try
        {
            await CheckGzipEndAsync(open, cancellationToken);
            await using var input = open();
            await using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var text = new StreamReader(gzip, new UTF8Encoding(false, true));
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var hmac = key.NewHmac();
            var headerLine = await text.ReadLineAsync(cancellationToken);
            var header = ParseHeader(headerLine);
            if (header.KeyId is not null && header.KeyId != key.Id)
            {
                throw BackupRefusal.Refused("backup_other_key", $"该备份由另一个备份密钥写出（密钥 {header.KeyId}，本机为 {key.Id}）：请用 --key 指定那个安装的 keys/backup.key；未恢复任何数据",
                    $"the backup was written with another backup key (key {header.KeyId}, this one is {key.Id}): " +
                                                 "restore with --key <that installation's keys/backup.key>; nothing was restored");
            }
            sha.AppendData(Encoding.UTF8.GetBytes(headerLine + "\n"));
            hmac.AppendData(Encoding.UTF8.GetBytes(headerLine + "\n"));
            string? trailer = null;
            while (await text.ReadLineAsync(cancellationToken) is { } line)
            {
                if (trailer is not null) throw BackupRefusal.Refused("backup_damaged", "备份在结尾记录之后还有内容；未恢复任何数据", "the backup has lines after its trailer; nothing was restored");
                if (line.StartsWith("{\"end\"", StringComparison.Ordinal))
                {
                    trailer = line;
                    continue;
                }
                var bytes = Encoding.UTF8.GetBytes(line + "\n");
                sha.AppendData(bytes);
                hmac.AppendData(bytes);
            }
            if (trailer is null) throw BackupRefusal.Refused("backup_truncated", "备份不完整：缺少结尾记录（复制是否完整？）；未恢复任何数据", "the backup is cut short: it has no trailer (was the copy complete?); nothing was restored");
            using var document = JsonDocument.Parse(trailer);
            var digest = Convert.ToHexStringLower(sha.GetHashAndReset());
            if (document.RootElement.GetProperty("sha256").GetString() != digest)
            {
                throw BackupRefusal.Refused("backup_checksum_mismatch", "备份的校验和与内容不符：文件被修改或损坏；未恢复任何数据", "the backup's checksum does not match its content: the file was altered or damaged; nothing was restored");
            }
            var expected = document.RootElement.TryGetProperty("hmacSha256", out var mac) ? mac.GetString() : null;
            if (expected is null || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(expected), hmac.GetHashAndReset()))
            {
                throw BackupRefusal.Refused("backup_hmac_mismatch", "备份的 HMAC 不符：文件在写出后被修改（或由另一个密钥写出）；未恢复任何数据", "the backup's HMAC does not match: the file was altered after it was written (or written with another key); nothing was restored");
            }
            var rows = document.RootElement.GetProperty("rows").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);
            return (header, rows);
        }
        catch (Exception ex) when (ex is InvalidDataException or DecoderFallbackException or EndOfStreamException or JsonException or KeyNotFoundException or FormatException)
        {
            throw BackupRefusal.Refused("backup_damaged", $"备份文件已损坏（{ex.Message}）；未恢复任何数据", $"the backup file is damaged ({ex.Message}); nothing was restored");
        }
    }

    /// <summary>
    /// A gzip file ends with the CRC-32 and length of what it holds (RFC 1952 §2.3.1). .NET's decompressor stops quietly
    /// at the end of the data when these last 8 bytes are missing, so they are checked here.
    /// </summary>
    private static async Task CheckGzipEndAsync(Func<Stream> open, CancellationToken cancellationToken)
    {
        var crc = new Crc32();
        long length = 0;
        await using (var input = open())
        await using (var gzip = new GZipStream(input, CompressionMode.Decompress))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await gzip.ReadAsync(buffer, cancellationToken)) > 0)
            {
                crc.Append(buffer.AsSpan(0, read));
                length += read;
            }
        }
        await using var raw = open();
        if (raw.Length < 18) throw BackupRefusal.Refused("backup_truncated", "文件太短，不是备份；未恢复任何数据", "the backup file is too short to be a backup; nothing was restored");
        raw.Seek(-8, SeekOrigin.End);
        var footer = new byte[8];
        await raw.ReadExactlyAsync(footer, cancellationToken);
        if (System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(footer) != crc.Value || System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(footer.AsSpan(4)) != (uint)length)
        {
            throw BackupRefusal.Refused("backup_truncated", "备份不完整或已损坏：gzip 结尾（CRC-32 与长度）与内容不符（复制是否完整？）；未恢复任何数据", "the backup is cut short or damaged: its gzip end (CRC-32 and length) does not match its content (was the copy complete?); nothing was restored");
        }
    }

    /// <summary>CRC-32 (IEEE 802.3, as in gzip), table-driven.</summary>
    private sealed class Crc32
    {
        private static readonly uint[] Table = Enumerable.Range(0, 256).Select(n =>
        {
            var c = (uint)n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            return c;
        }).ToArray();

        private uint _crc = 0xFFFFFFFFu;

        public uint Value => _crc ^ 0xFFFFFFFFu;

        public void Append(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes) _crc = Table[(_crc ^ b) & 0xFF] ^ (_crc >> 8);
        }
    }

    private static Header ParseHeader(string? line)
    {
        try
        {
            using var document = JsonDocument.Parse(line ?? "");
            var root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format) throw BackupRefusal.Refused("not_a_backup", "不是 IndustryMap 备份", "not an IndustryMap backup");
            var version = root.GetProperty("version").GetInt32();
            if (version != FormatVersion)
            {
                throw BackupRefusal.Refused("backup_version_unsupported", $"不支持备份格式版本 {version}（本版本读取版本 {FormatVersion}；版本 1 的备份只有校验和、没有认证：请重新备份）",
                    $"backup format version {version} is not supported (this version reads {FormatVersion}; " +
                                                 "version 1 backups were checksummed but not authenticated: write a new backup)");
            }
            return new Header(Format, version, root.GetProperty("engine").GetString()!,
                root.GetProperty("migrations").EnumerateArray().Select(m => m.GetInt32()).ToList(),
                root.GetProperty("createdAt").GetString()!, root.TryGetProperty("keyId", out var k) ? k.GetString() : null);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw BackupRefusal.Refused("not_a_backup", "不是 IndustryMap 备份（没有有效的头部）", "not an IndustryMap backup (no valid header)");
        }
    }

    /// <summary>Inserts one table's rows in batches; columns that point into the same table are set in a second pass.</summary>
    private sealed class TableLoader
    {
        private readonly DbConnection _connection;
        private readonly DbTransaction _transaction;
        private readonly ISqlDialect _dialect;
        private readonly IReadOnlyList<string> _columns;
        private readonly IReadOnlyList<ColumnSchema> _targets;
        private readonly int[] _selfReferences;
        private readonly int[] _key;
        private readonly List<object?[]> _batch = [];
        private readonly List<object?[]> _deferred = [];
        private readonly int _batchSize;
        private long _count;

        public TableSchema Table { get; }

        public TableLoader(DbConnection connection, DbTransaction transaction, ISqlDialect dialect, TableSchema table, IReadOnlyList<string> columns)
        {
            _connection = connection;
            _transaction = transaction;
            _dialect = dialect;
            Table = table;
            _columns = columns;
            var byName = table.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
            var missing = columns.Where(c => !byName.ContainsKey(c)).ToList();
            if (missing.Count > 0) throw BackupRefusal.Refused("backup_unknown_column", $"表 {table.Name}：备份含有当前表结构没有的列（{string.Join("、", missing)}）", $"table {table.Name}: the backup has columns this schema does not ({string.Join(", ", missing)})");
            _targets = columns.Select(c => byName[c]).ToList();
            _selfReferences = table.SelfReferences.Select(c => IndexOf(c)).ToArray();
            _key = table.PrimaryKey.Select(c => IndexOf(c)).ToArray();
            if (_selfReferences.Length > 0 && _key.Length == 0)
            {
                throw BackupRefusal.Refused("backup_unrestorable_table", $"表 {table.Name} 引用自身却没有主键，无法按序恢复", $"table {table.Name} refers to itself but has no primary key to restore by");
            }
            // Both engines cap the parameters of one statement (SQLite 32,766; PostgreSQL 65,535).
            _batchSize = Math.Clamp(30_000 / Math.Max(1, columns.Count), 1, 400);
        }

        private int IndexOf(string column)
        {
            var index = _columns.ToList().IndexOf(column);
            return index >= 0 ? index : throw BackupRefusal.Refused("backup_missing_column", $"表 {Table.Name}：备份缺少列 {column}", $"table {Table.Name}: the backup lacks column {column}");
        }

        public async Task AddAsync(string line)
        {
            using var document = JsonDocument.Parse(line);
            var cells = document.RootElement.EnumerateArray().ToList();
            if (cells.Count != _columns.Count) throw BackupRefusal.Refused("backup_damaged", $"表 {Table.Name}：某行有 {cells.Count} 个值，而表有 {_columns.Count} 列", $"table {Table.Name}: a row has {cells.Count} values for {_columns.Count} columns");
            var row = new object?[cells.Count];
            for (var i = 0; i < cells.Count; i++) row[i] = Convert(cells[i], _targets[i]);
            if (_selfReferences.Any(i => row[i] is not null))
            {
                _deferred.Add([.. _key.Select(k => row[k]), .. _selfReferences.Select(s => row[s])]);
                foreach (var i in _selfReferences) row[i] = null;
            }
            _batch.Add(row);
            _count++;
            if (_batch.Count >= _batchSize) await FlushAsync();
        }

        private async Task FlushAsync()
        {
            if (_batch.Count == 0) return;
            await BulkInsert.RowsAsync(_connection, _transaction, TableSchema.Quote(Table.Name), _columns.Select(TableSchema.Quote).ToList(), _batch, _batch.Count);
            _batch.Clear();
        }

        [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Table and column names come from the schema catalog, quoted.")]
        public async Task<long> FinishAsync()
        {
            await FlushAsync();
            if (_deferred.Count > 0)
            {
                var set = string.Join(", ", _selfReferences.Select((s, i) => $"{TableSchema.Quote(_columns[s])} = @s{i}"));
                var where = string.Join(" AND ", _key.Select((k, i) => $"{TableSchema.Quote(_columns[k])} = @k{i}"));
                foreach (var values in _deferred)
                {
                    var parameters = new DynamicParameters();
                    for (var i = 0; i < _key.Length; i++) parameters.Add($"k{i}", values[i]);
                    for (var i = 0; i < _selfReferences.Length; i++) parameters.Add($"s{i}", values[_key.Length + i]);
                    await _connection.ExecuteAsync($"UPDATE {TableSchema.Quote(Table.Name)} SET {set} WHERE {where}", parameters, _transaction);
                }
            }
            return _count;
        }

        /// <summary>A JSON value as the target column's engine wants it.</summary>
        private object? Convert(JsonElement cell, ColumnSchema column)
        {
            if (cell.ValueKind == JsonValueKind.Null) return null;
            var postgres = _dialect.Engine == StorageEngine.Postgres;
            if (cell.ValueKind == JsonValueKind.Object && cell.TryGetProperty("base64", out var b64)) return b64.GetBytesFromBase64();
            return column.Type switch
            {
                "integer" => cell.ValueKind switch
                {
                    JsonValueKind.Number => cell.GetInt64(),
                    JsonValueKind.True => 1L,
                    JsonValueKind.False => 0L,
                    _ => long.Parse(cell.GetString()!, CultureInfo.InvariantCulture),
                },
                "boolean" => cell.ValueKind switch
                {
                    JsonValueKind.True => postgres ? true : 1L,
                    JsonValueKind.False => postgres ? false : 0L,
                    JsonValueKind.Number => postgres ? cell.GetInt64() != 0 : cell.GetInt64(),
                    _ => throw BackupRefusal.Refused("backup_damaged", $"表 {Table.Name}.{column.Name}：“{cell}”不是布尔值", $"table {Table.Name}.{column.Name}: '{cell}' is not a boolean"),
                },
                "numeric" when postgres => decimal.Parse(cell.ValueKind == JsonValueKind.String ? cell.GetString()! : cell.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture),
                "real" => cell.ValueKind == JsonValueKind.Number ? cell.GetDouble() : double.Parse(cell.GetString()!, CultureInfo.InvariantCulture),
                "timestamp" => DateTime.Parse(cell.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                _ => cell.ValueKind switch
                {
                    JsonValueKind.String => cell.GetString(),
                    JsonValueKind.Number => cell.TryGetInt64(out var l) ? l : cell.GetDouble(),
                    JsonValueKind.True => postgres ? true : 1L,
                    JsonValueKind.False => postgres ? false : 0L,
                    _ => cell.GetRawText(),
                },
            };
        }
    }

    /// <summary>A reusable in-memory buffer for one line.</summary>
    private sealed class ArrayBufferWriterStream : MemoryStream
    {
        public ReadOnlyMemory<byte> Written => new(GetBuffer(), 0, (int)Length);

        public void Clear() => SetLength(0);
    }
}
