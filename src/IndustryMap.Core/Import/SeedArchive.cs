using System.IO.Compression;
using IndustryMap.Writing;

namespace IndustryMap.Import;

/// <summary>
/// A seed-data folder uploaded as a zip. Judged by its content, never its name or declared type: it must start
/// with a zip signature; it is unpacked only inside a fresh folder (no "..", no absolute paths), with limits on
/// the number of entries, the unpacked size and the compression ratio, so a crafted archive cannot write outside
/// the folder or fill the disk.
/// </summary>
public static class SeedArchive
{
    public const int MaxEntries = 5000;
    /// <summary>Ratios above this are zip bombs, not CSV (the seed data compresses about 4:1).</summary>
    public const int MaxRatio = 100;

    private static readonly byte[] LocalFileHeader = [0x50, 0x4B, 0x03, 0x04];

    public static bool LooksLikeZip(ReadOnlySpan<byte> start) => start.Length >= 4 && start[..4].SequenceEqual(LocalFileHeader);

    /// <summary>Unpacks <paramref name="zipPath"/> into <paramref name="target"/> and returns the seed-data root inside it.</summary>
    public static async Task<string> ExtractAsync(string zipPath, string target, long maxUnpackedBytes, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(target) + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(root);
        ZipArchive archive;
        try
        {
            archive = await ZipArchive.CreateAsync(File.OpenRead(zipPath), ZipArchiveMode.Read, leaveOpen: false, entryNameEncoding: null, cancellationToken);
        }
        catch (InvalidDataException)
        {
            throw Refuse("bad_archive", "压缩包已损坏或不是 zip 格式", "the archive is damaged or not a zip file");
        }
        await using (archive)
        {
            if (archive.Entries.Count > MaxEntries)
            {
                throw Refuse("archive_too_many_entries", $"压缩包中的文件超过 {MaxEntries} 个", $"the archive has more than {MaxEntries} entries");
            }
            CheckNames(archive.Entries.Select(e => e.FullName).ToList());
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                var destination = Path.GetFullPath(Path.Combine(root, entry.FullName));
                if (!destination.StartsWith(root, StringComparison.Ordinal) || Path.IsPathRooted(entry.FullName) || entry.FullName.Contains("..", StringComparison.Ordinal))
                {
                    throw Refuse("archive_unsafe_path", $"压缩包中的路径“{entry.FullName}”指向文件夹之外", $"the archive entry '{entry.FullName}' points outside its folder");
                }
                if (entry.FullName.EndsWith('/'))
                {
                    Directory.CreateDirectory(destination);
                    continue;
                }
                if (entry.Length > 1024 * 1024 && entry.Length > entry.CompressedLength * MaxRatio)
                {
                    throw Refuse("archive_suspicious_ratio", $"“{entry.FullName}”的压缩比异常（疑似压缩炸弹）", $"'{entry.FullName}' has a suspicious compression ratio (zip bomb)");
                }
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                await using var input = await entry.OpenAsync(cancellationToken);
                await using var output = File.Create(destination);
                var buffer = new byte[81920];
                int read;
                // Counted as written, not as the header declares: a lying header cannot get past the limit.
                while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > maxUnpackedBytes)
                    {
                        throw Refuse("archive_too_large", $"解压后超过 {maxUnpackedBytes / 1024 / 1024} MB", $"the archive unpacks to more than {maxUnpackedBytes / 1024 / 1024} MB");
                    }
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
        }
        if (Directory.Exists(Path.Combine(root, "reference"))) return root;
        var folders = Directory.GetDirectories(root);
        if (folders.Length == 1 && Directory.Exists(Path.Combine(folders[0], "reference"))) return folders[0];
        throw Refuse("not_seed_data", "压缩包中没有种子数据文件夹（应含 reference/ 和各文件夹）", "the archive holds no seed-data folder (reference/ and one folder per document)");
    }

    /// <summary>A file or folder name's limit on common file systems (ext4, NTFS, APFS: 255 bytes).</summary>
    public const int MaxNameBytes = 255;
    public const int MaxPathChars = 1000;

    /// <summary>
    /// Refuses, before anything is unpacked, names the file system could not hold: a name over 255 bytes, a path over
    /// 1,000 characters, the same path twice, or one path that is a file in one entry and a folder in another
    /// ("data" and "data/x.csv") — each used to surface as a 500 from the middle of unpacking (issue 10 §9).
    /// </summary>
    public static void CheckNames(IReadOnlyList<string> names)
    {
        static string Short(string name) => name.Length <= 80 ? name : name[..40] + "…" + name[^20..];
        var files = new HashSet<string>(StringComparer.Ordinal);
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (name.Length > MaxPathChars)
            {
                throw Refuse("archive_name_too_long", $"压缩包中的路径“{Short(name)}”超过 {MaxPathChars} 个字符", $"the archive path '{Short(name)}' is longer than {MaxPathChars} characters");
            }
            var parts = name.Split('/');
            var isFolder = name.EndsWith('/');
            var segments = isFolder ? parts[..^1] : parts;
            foreach (var segment in segments)
            {
                if (System.Text.Encoding.UTF8.GetByteCount(segment) > MaxNameBytes)
                {
                    throw Refuse("archive_name_too_long", $"压缩包中“{Short(name)}”的名称“{Short(segment)}”超过 {MaxNameBytes} 字节",
                        $"the archive entry '{Short(name)}' has a name longer than {MaxNameBytes} bytes");
                }
            }
            for (var i = 1; i < segments.Length; i++) folders.Add(string.Join('/', segments[..i]));
            var path = string.Join('/', segments);
            if (isFolder) folders.Add(path);
            else if (!files.Add(path))
            {
                throw Refuse("archive_name_clash", $"压缩包中“{Short(path)}”出现了两次", $"the archive holds '{Short(path)}' twice");
            }
        }
        if (files.FirstOrDefault(folders.Contains) is { } clash)
        {
            throw Refuse("archive_name_clash", $"压缩包中“{Short(clash)}”既是文件又是文件夹", $"the archive holds '{Short(clash)}' both as a file and as a folder");
        }
    }

    private static RefusedException Refuse(string code, string message, string messageEn) => RefusedException.Invalid(code, message, messageEn);
}
