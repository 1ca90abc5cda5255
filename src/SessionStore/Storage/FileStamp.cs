using System.Security.Cryptography;

namespace SessionStore.Storage;

/// <summary>
/// Which version of a session's file something belongs to: its length, last write time and a
/// fingerprint of its first and last 4 KiB. Every save writes a new file; two versions would need the
/// same length, the same write tick and the same head and tail to be taken for one another.
/// Computing it costs at most two 4 KiB reads, whatever the file's size.
/// </summary>
/// <param name="Length">The file's length in bytes.</param>
/// <param name="LastWriteTicks">The file's last write time, in UTC ticks.</param>
/// <param name="Fingerprint">SHA-256 (first 64 bits, hex) of the file's first 4 KiB followed by its last 4 KiB.</param>
internal readonly record struct FileStamp(long Length, long LastWriteTicks, string Fingerprint)
{
    private const int Edge = 4096;

    /// <summary>The stamp of bytes read whole from a file whose length and write time are known.</summary>
    internal static FileStamp Of(long length, long lastWriteTicks, ReadOnlySpan<byte> content) =>
        new(length, lastWriteTicks, FingerprintOf(content[..Math.Min(Edge, content.Length)], content[Math.Max(0, content.Length - Edge)..]));

    /// <summary>The stamp of a file on disk, reading only its edges; null when there is no file.</summary>
    internal static FileStamp? Read(string path)
    {
        try
        {
            using Microsoft.Win32.SafeHandles.SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            long length = RandomAccess.GetLength(handle);
            Span<byte> head = stackalloc byte[(int)Math.Min(Edge, length)];
            Span<byte> tail = stackalloc byte[(int)Math.Min(Edge, length)];
            head = head[..RandomAccess.Read(handle, head, 0)];
            tail = tail[..RandomAccess.Read(handle, tail, length - tail.Length)];
            return new FileStamp(length, File.GetLastWriteTimeUtc(handle).Ticks, FingerprintOf(head, tail));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static string FingerprintOf(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(head);
        hash.AppendData(tail);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest[..8]);
    }
}
