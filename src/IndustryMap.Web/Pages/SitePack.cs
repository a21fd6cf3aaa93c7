using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace IndustryMap.Web.Pages;

/// <summary>
/// The site's files as they are served, and their Brotli and gzip variants (issue 17 §4: "Brotli and gzip at build
/// time"). The build runs this code (tools/IndustryMap.SitePack, called from IndustryMap.Web.csproj) and writes each
/// variant to the output's <c>site-pack/</c> folder under the SHA-256 of the bytes it encodes; <see cref="StaticSite"/>
/// reads them at start. A variant is found by the hash of what it encodes and checked by decoding it, so a pack from
/// another build can never be served for a changed file: that file is compressed at start instead, and counted.
/// This file depends on nothing of ASP.NET so the build tool compiles it too (decision 0030).
/// </summary>
public static partial class SitePack
{
    /// <summary>The folder beside wwwroot in the build output that holds the variants.</summary>
    public const string FolderName = "site-pack";

    /// <summary>The smallest file worth compressing; below it the headers cost more than the bytes saved.</summary>
    public const int CompressFrom = 256;

    /// <summary>The URL prefix of fingerprinted files: <c>/static/{fingerprint}/…</c>.</summary>
    public const string StaticPrefix = "/static";

    private static readonly HashSet<string> CompressibleExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".html", ".js", ".mjs", ".css", ".json", ".geojson", ".svg", ".ico", ".txt", ".map", ".xml",
    };

    /// <summary>One file as served: its site path, its bytes (a page with its references fingerprinted) and their hash.</summary>
    public sealed record ServedFile(string Path, byte[] Bytes, string Hash)
    {
        public bool Compressible => Bytes.Length >= CompressFrom && CompressibleExtensions.Contains(System.IO.Path.GetExtension(Path));
    }

    /// <summary>The site read from <paramref name="webRoot"/>: its fingerprint and every file as served.</summary>
    public sealed record Site(string Fingerprint, IReadOnlyList<ServedFile> Files);

    /// <summary>
    /// Reads every file under <paramref name="webRoot"/>. The fingerprint is a hash of every path and byte (12 hex
    /// digits); the pages' <c>src</c>/<c>href</c> to /js/, /css/ and /lib/ are rewritten under it.
    /// </summary>
    public static Site Read(string webRoot)
    {
        var files = Directory.Exists(webRoot)
            ? Directory.EnumerateFiles(webRoot, "*", SearchOption.AllDirectories)
                .Select(file => (Path: "/" + System.IO.Path.GetRelativePath(webRoot, file).Replace('\\', '/'), Bytes: File.ReadAllBytes(file)))
                .OrderBy(f => f.Path, StringComparer.Ordinal)
                .ToList()
            : [];
        using var site = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, bytes) in files)
        {
            site.AppendData(Encoding.UTF8.GetBytes(path + "\n" + bytes.Length + "\n"));
            site.AppendData(bytes);
        }
        var fingerprint = Convert.ToHexString(site.GetHashAndReset(), 0, 6).ToLowerInvariant();
        var served = files.Select(file =>
        {
            var bytes = file.Path.EndsWith(".html", StringComparison.Ordinal)
                ? Encoding.UTF8.GetBytes(Fingerprinted(Encoding.UTF8.GetString(file.Bytes), fingerprint))
                : file.Bytes;
            return new ServedFile(file.Path, bytes, Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant());
        }).ToList();
        return new Site(fingerprint, served);
    }

    /// <summary>The pages' references to their scripts, styles and libraries, rewritten under the site fingerprint.</summary>
    public static string Fingerprinted(string html, string fingerprint) =>
        PageReference().Replace(html, match => $"{match.Groups[1].Value}=\"{StaticPrefix}/{fingerprint}/{match.Groups[2].Value}");

    [GeneratedRegex("""\b(src|href)="/(js/|css/|lib/)""")]
    private static partial Regex PageReference();

    /// <summary>
    /// Writes the variants of every compressible file of <paramref name="webRoot"/> into <paramref name="packFolder"/>
    /// (<c>{hash}.br</c>, <c>{hash}.gz</c>) and removes variants of files that no longer exist. Returns how many files.
    /// </summary>
    public static int Write(string webRoot, string packFolder)
    {
        Directory.CreateDirectory(packFolder);
        var site = Read(webRoot);
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var compressible = site.Files.Where(f => f.Compressible).DistinctBy(f => f.Hash).ToList();
        Parallel.ForEach(compressible, file =>
        {
            var (brotli, gzip) = Compress(file.Bytes);
            File.WriteAllBytes(System.IO.Path.Combine(packFolder, file.Hash + ".br"), brotli);
            File.WriteAllBytes(System.IO.Path.Combine(packFolder, file.Hash + ".gz"), gzip);
        });
        foreach (var file in compressible)
        {
            wanted.Add(file.Hash + ".br");
            wanted.Add(file.Hash + ".gz");
        }
        foreach (var stale in Directory.EnumerateFiles(packFolder).Where(f => !wanted.Contains(System.IO.Path.GetFileName(f))))
        {
            File.Delete(stale);
        }
        return compressible.Count;
    }

    /// <summary>
    /// The variants of <paramref name="file"/> from <paramref name="packFolder"/>, or null when either is missing or does
    /// not decode to the file's bytes.
    /// </summary>
    public static (byte[] Brotli, byte[] Gzip)? ReadVariants(string packFolder, ServedFile file)
    {
        var brotliPath = System.IO.Path.Combine(packFolder, file.Hash + ".br");
        var gzipPath = System.IO.Path.Combine(packFolder, file.Hash + ".gz");
        if (!File.Exists(brotliPath) || !File.Exists(gzipPath)) return null;
        var brotli = File.ReadAllBytes(brotliPath);
        var gzip = File.ReadAllBytes(gzipPath);
        return Decodes(new BrotliStream(new MemoryStream(brotli), CompressionMode.Decompress), file.Bytes)
            && Decodes(new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress), file.Bytes)
            ? (brotli, gzip)
            : null;
    }

    /// <summary>Brotli at quality 11, window 22, and gzip at its smallest size: the slowest and smallest, made once.</summary>
    public static (byte[] Brotli, byte[] Gzip) Compress(byte[] plain)
    {
        byte[] brotli;
        var buffer = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(plain.Length));
        try
        {
            if (!BrotliEncoder.TryCompress(plain, buffer, out var written, quality: 11, window: 22)) throw new InvalidOperationException("Brotli failed");
            brotli = buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        using var output = new MemoryStream();
        using (var compressor = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) compressor.Write(plain);
        return (brotli, output.ToArray());
    }

    private static bool Decodes(Stream decoder, byte[] expected)
    {
        using (decoder)
        using (var decoded = new MemoryStream(expected.Length))
        {
            try
            {
                decoder.CopyTo(decoded);
            }
            catch (InvalidDataException)
            {
                return false;
            }
            return decoded.GetBuffer().AsSpan(0, (int)decoded.Length).SequenceEqual(expected);
        }
    }
}
