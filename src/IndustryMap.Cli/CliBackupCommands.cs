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
        var command = new Command("backup",
            "Write every table of the configured store, with provenance, accounts (password hashes) and the audit log, to one file " +
            "(readable by the owner only: it holds password hashes). Restorable on either engine.") { file };
        command.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            if (await CliStore.MigratedAsync(cancellationToken) is not { } database) return ExitCodes.Storage;
            var path = parse.GetValue(file)!.FullName;
            var temporary = path + ".partial";
            BackupSummary summary;
            await using (var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                summary = await DatabaseBackup.WriteAsync(database, output, cancellationToken);
            }
            // Renamed only when complete: a backup file that exists is a whole backup.
            File.Move(temporary, path, overwrite: true);
            Console.WriteLine($"备份完成 (backed up) {database.Dialect.Describe()} → {path}: {summary.Rows.Count} tables, {summary.Rows.Values.Sum()} rows, sha256 {summary.Sha256}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Restore()
    {
        var file = new Argument<FileInfo>("file") { Description = "A file written by `industrymap backup` (on either engine)." };
        var command = new Command("restore",
            "Load a backup into the configured store, which must be empty (a new SQLite file or an empty PostgreSQL schema): " +
            "the backup's schema is rebuilt, every row loaded in one transaction and checked (counts, checksum), newer migrations applied.") { file };
        command.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            var database = Database.For(IndustryMapOptions.FromEnvironment());
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"找不到备份文件 (no such file): {path.FullName}");
                return ExitCodes.Usage;
            }
            var summary = await DatabaseBackup.RestoreAsync(database, path.OpenRead, cancellationToken);
            Console.WriteLine($"恢复完成 (restored) {path.FullName} → {database.Dialect.Describe()}: from {summary.Engine}, {summary.Rows.Count} tables, {summary.Rows.Values.Sum()} rows");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
