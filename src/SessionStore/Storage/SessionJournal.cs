namespace SessionStore.Storage;

/// <summary>
/// The file a session's appends go to (<c>.&lt;id&gt;.journal</c>, hidden, never listed). An append
/// touches only its end, so its cost does not grow with the session.
/// </summary>
internal static class SessionJournal
{
    /// <summary>The whole journal, or null when there is none.</summary>
    internal static byte[]? TryRead(string path)
    {
        // Most sessions have no journal: a stat is far cheaper than the exception of a failed open.
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Appends one record. A journal whose header is not <paramref name="header"/> belongs to an older
    /// version of the session's file and is started over; a torn last record is cut off first.
    /// </summary>
    /// <returns>The journal's length after the append.</returns>
    internal static long Append(string path, ReadOnlySpan<byte> header, ReadOnlySpan<byte> record, bool durable)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        bool created = !File.Exists(path);
        using var journal = new FileStream(path, options);
        long length = journal.Length;
        Span<byte> start = stackalloc byte[Math.Min(header.Length, (int)Math.Min(length, header.Length))];
        journal.ReadExactly(start);
        if (length < header.Length || !start.SequenceEqual(header))
        {
            journal.SetLength(0);
            journal.Write(header);
            length = header.Length;
        }
        else
        {
            length = WithoutTornTail(journal, length, header.Length);
        }

        journal.Position = length;
        journal.Write(record);
        if (durable)
        {
            journal.Flush(flushToDisk: true);
            if (created)
            {
                DirectorySync.Flush(Path.GetDirectoryName(path)!);
            }
        }

        return length + record.Length;
    }

    internal static void Delete(string path) => File.Delete(path);

    /// <summary>Cuts the journal back to its last complete line (only the end is read).</summary>
    private static long WithoutTornTail(FileStream journal, long length, int headerLength)
    {
        Span<byte> last = stackalloc byte[1];
        journal.Position = length - 1;
        journal.ReadExactly(last);
        if (last[0] == (byte)'\n')
        {
            return length;
        }

        // Walk back in chunks to the last newline: a torn record may be longer than one chunk.
        byte[] chunk = new byte[64 * 1024];
        long end = length;
        long cut = headerLength;
        while (end > headerLength)
        {
            int size = (int)Math.Min(chunk.Length, end - headerLength);
            journal.Position = end - size;
            journal.ReadExactly(chunk, 0, size);
            int newline = Array.LastIndexOf(chunk, (byte)'\n', size - 1, size);
            if (newline >= 0)
            {
                cut = end - size + newline + 1;
                break;
            }

            end -= size;
        }

        journal.SetLength(cut);
        return cut;
    }
}
