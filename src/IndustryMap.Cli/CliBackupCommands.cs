using System.CommandLine;
using IndustryMap.Backup;
using IndustryMap.Configuration;
using IndustryMap.Storage;

namespace IndustryMap.Cli;

/// <summary>`backup` and `restore`: the whole database to one file and back, between engines.</summary>
internal static class CliBackupCommands
{
    public static Command Backup()
    {
        var file = new Argument<FileInfo>("file") { Description = "The backup file to write (gzip-compressed JSON Lines)." };
        var key = KeyOption();
        var command = new Command("backup",
            "Write every table of the configured store, with provenance, accounts (password hashes) and the audit log, to one file " +
            "(readable by the owner only: it holds password hashes), authenticated with the backup key (HMAC-SHA256; the data folder's " +
            "keys/backup.key, created on first use — keep a copy apart from the backups). Restorable on either engine.") { file, key };
        command.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            if (await CliStore.MigratedAsync(cancellationToken) is not { } database) return ExitCodes.Storage;
            var keyPath = KeyPath(parse.GetValue(key));
            var backupKey = BackupKey.Load(keyPath, create: true);
            var path = parse.GetValue(file)!.FullName;
            var temporary = path + ".partial";
            BackupSummary summary;
            await using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                summary = await DatabaseBackup.WriteAsync(database, output, backupKey, cancellationToken);
            }
            // Renamed only when complete: a backup file that exists is a whole backup.
            File.Move(temporary, path, overwrite: true);
            Console.WriteLine($"备份完成 (backed up) {database.Dialect.Describe()} → {path}: {summary.Rows.Count} tables, {summary.Rows.Values.Sum()} rows, sha256 {summary.Sha256}, " +
                              $"backup key {backupKey.Id} ({keyPath})");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Restore()
    {
        var file = new Argument<FileInfo>("file") { Description = "A file written by `industrymap backup` (on either engine)." };
        var key = KeyOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the file and name what would be written, then stop." };
        var command = new Command("restore",
            "Load a backup into the configured store, which must be empty (a new SQLite file or an empty PostgreSQL schema): " +
            "the file is checked whole (gzip end, checksum, HMAC under the backup key) and what will be written is named first; then the " +
            "backup's schema is rebuilt, every row loaded in one transaction and checked (counts), newer migrations applied.") { file, key, dryRun };
        command.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            var options = IndustryMapOptions.FromEnvironment();
            var database = CliStore.Open(options);
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"找不到备份文件 (no such file): {path.FullName}");
                return ExitCodes.Usage;
            }
            var backupKey = BackupKey.Load(KeyPath(parse.GetValue(key)), create: false);
            var summary = await DatabaseBackup.RestoreAsync(database, path.OpenRead, backupKey, plan =>
                Console.WriteLine($"将写入 (will write) {plan.Target}: {plan.Rows.Count} 张表 (tables), {plan.Rows.Values.Sum()} 行 (rows) " +
                                  $"[{string.Join(", ", plan.Rows.Where(r => r.Value > 0).Select(r => $"{r.Key} {r.Value}"))}], " +
                                  $"from the {plan.SourceEngine} backup of {plan.CreatedAt}"), parse.GetValue(dryRun), cancellationToken);
            if (parse.GetValue(dryRun))
            {
                Console.WriteLine("试运行，未写入任何数据 (dry run: nothing written)");
                return ExitCodes.Ok;
            }
            // The restored files are the owner's alone, like the data folder (SQLite).
            if (options.Engine == StorageEngine.Sqlite) DataFolder.SecureDatabaseFile(options.SqlitePath);
            Console.WriteLine($"恢复完成 (restored) {path.FullName} → {database.Dialect.Describe()}: from {summary.Engine}, {summary.Rows.Count} tables, {summary.Rows.Values.Sum()} rows");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Option<FileInfo?> KeyOption() =>
        new("--key") { Description = "The backup key file (default: keys/backup.key in the data folder, INDUSTRYMAP_DATA)." };

    private static string KeyPath(FileInfo? given) => given?.FullName ?? BackupKey.DefaultPath(IndustryMapOptions.FromEnvironment().DataDirectory);
}
