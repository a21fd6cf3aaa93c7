namespace IndustryMap.Storage;

/// <summary>
/// The data folder holds the SQLite database (password and token hashes), the Data Protection keys, the backup key
/// and uploads: it is the owner's alone (0700) and its database files are 0600, however the process's umask is set
/// (issue 10 §10). Applied whenever the store is opened, so a restore or an old install is tightened too.
/// </summary>
public static class DataFolder
{
    public const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder (or tightens an existing one) with mode 0700; returns its full path.</summary>
    public static string Secure(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return full;
        }
        if (!Directory.Exists(full)) Directory.CreateDirectory(full, OwnerOnlyFolder);
        if (File.GetUnixFileMode(full) != OwnerOnlyFolder) File.SetUnixFileMode(full, OwnerOnlyFolder);
        return full;
    }

    /// <summary>The folder of keys inside the data folder (Data Protection, backups), 0700.</summary>
    public static string Keys(string dataDirectory) => Secure(Path.Combine(Secure(dataDirectory), "keys"));

    /// <summary>
    /// Creates an SQLite database file as an empty 0600 file before SQLite opens it (SQLite gives its -wal and -shm
    /// files the database file's mode), or tightens an existing one and its companions.
    /// </summary>
    public static void SecureDatabaseFile(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        if (!File.Exists(path))
        {
            using var _ = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile });
        }
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            if (File.Exists(file) && File.GetUnixFileMode(file) != OwnerOnlyFile) File.SetUnixFileMode(file, OwnerOnlyFile);
        }
    }
}

/// <summary>Failures of the storage itself that a person can act on, recognised across both engines and the file system.</summary>
public static class StorageFailures
{
    /// <summary>
    /// The disk (or the database's quota) is full: SQLite's SQLITE_FULL (13), PostgreSQL's disk_full (53100), or the
    /// operating system's ENOSPC on a file the app writes.
    /// </summary>
    public static bool IsDiskFull(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 13 }:
                case Npgsql.PostgresException { SqlState: "53100" }:
                    return true;
                case IOException io when (io.HResult & 0xFFFF) == 28 || io.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase):
                    return true;
            }
        }
        return false;
    }
}
