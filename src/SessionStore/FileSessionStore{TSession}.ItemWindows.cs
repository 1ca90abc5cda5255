using System.Text.Json;
using SessionStore.Interop;
using SessionStore.Serialization;
using SessionStore.Storage;

namespace SessionStore;

/// <summary>
/// Window reads of a type that declares a growing list: the list's last items and the members after it, read from the
/// end of the file (<see cref="ItemsLayout"/>: one item per line) without the lock. A file is read that way only in a
/// version this instance has checked whole (<c>_laidOut</c>, which loads and this instance's own appends fill), and only
/// when no in-place write overlapped the read (the same before-and-after check as <see cref="SessionFiles.Read"/>);
/// anything else is read whole, recovered and checked as <see cref="TryLoad"/> reads it, once.
/// </summary>
public partial class FileSessionStore<TSession> : ISessionItemReader<TSession>
{
    /// <summary>The first read of a window's end; quadrupled while it holds too few items.</summary>
    private const int WindowChunkLength = 16 * 1024;

    /// <inheritdoc />
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    public SessionItemsWindow<TSession, TItem>? TryReadLastItems<TItem>(string id, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        SessionItems<TSession, TItem> declared = ItemsOf<TItem>();
        _ = SessionPathOf(id);
        return Traced(SessionOperation.Read, (id, count, declared), static (store, s) => store.ReadLastItemsUntraced(s.id, s.count, s.declared));
    }

    /// <inheritdoc />
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <remarks>Completes synchronously: reading a local file has no asynchronous system call worth a thread switch.</remarks>
    public ValueTask<SessionItemsWindow<TSession, TItem>?> TryReadLastItemsAsync<TItem>(string id, int count, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(TryReadLastItems<TItem>(id, count));
    }

    private SessionItemsWindow<TSession, TItem>? ReadLastItemsUntraced<TItem>(string id, int count, SessionItems<TSession, TItem> declared)
    {
        string path = Files.PathOf(id);
        try
        {
            if (TryReadWindowInPlace(id, path, count, declared) is { } window)
            {
                return window;
            }
        }
        catch (Exception ex) when (SessionErrors.IsRaw(ex))
        {
            throw SessionErrors.Translate(ex, SessionOperation.Read, id, SessionLocation.File(path));
        }

        TSession? whole = ReadUntraced(id, (id, content, status) => MaterializeAndRemember(id, path, content, status, declared.JsonName));
        if (whole is null)
        {
            return null;
        }

        IReadOnlyList<TItem> all = declared.ItemsOf(whole) ?? [];
        return new SessionItemsWindow<TSession, TItem>(whole, [.. all.Skip(Math.Max(0, all.Count - count))], count >= all.Count);
    }

    /// <summary>The session a whole read holds; when those bytes are the file's current version, unmarked and in the layout, their bounds are remembered for the next window.</summary>
    private TSession MaterializeAndRemember(string id, string path, ReadOnlySpan<byte> content, StatxBuffer status, string itemsName)
    {
        TSession session = Materialize(id, content);
        if (content.Length == (long)status.Size && (status.Mode & SessionFiles.AppendMarker) == 0 && ItemsLayout.Locate(content, itemsName) is { } bounds)
        {
            Remember(path, FileVersion.Of(status), bounds);
        }

        return session;
    }

    /// <returns>Null when the file must be read whole instead (absent, not a regular file, marked, a version not checked yet, changed during the read, or of another schema version than this store writes).</returns>
    private SessionItemsWindow<TSession, TItem>? TryReadWindowInPlace<TItem>(string id, string path, int count, SessionItems<TSession, TItem> declared)
    {
        using FileDescriptor? file = Platform.TryOpen(path, OpenFlags.ReadOnly, out _);
        if (file is null)
        {
            return null;
        }

        StatxBuffer before = Platform.Stat(file, path);
        var version = FileVersion.Of(before);
        if (before.Type != StatxBuffer.RegularFile || (before.Mode & SessionFiles.AppendMarker) != 0 ||
            !_laidOut.TryGetValue(path, out var known) || known.Version != version)
        {
            return null;
        }

        ItemsLayout.Bounds bounds = known.Bounds;
        byte[] head = Files.ReadRange(file, id, 0, (int)bounds.Start + 1);
        if (_serializer.Schema is { } schema && SchemaVersionReader.Peek(head) != schema.CurrentVersion)
        {
            // A file of another schema version is migrated whole on load; a window of it could not be.
            return null;
        }

        byte[] after = Files.ReadRange(file, id, bounds.End, (int)((long)before.Size - bounds.End));
        List<byte[]> lines = LastItemLines(file, id, bounds, count, out bool reachedStart);
        StatxBuffer afterRead = Platform.Stat(file, path);
        if ((afterRead.Mode & SessionFiles.AppendMarker) != 0 || FileVersion.Of(afterRead) != version)
        {
            return null;
        }

        try
        {
            TSession shell = Deserialize([.. head, .. after]);
            var items = new List<TItem>(lines.Count);
            foreach (byte[] line in lines)
            {
                items.Add(JsonSerializer.Deserialize(line, declared.ItemTypeInfo) ?? throw new JsonException("a null item"));
            }

            return new SessionItemsWindow<TSession, TItem>(shell, items, reachedStart);
        }
        catch (Exception ex) when (ex is JsonException or SessionFormatException or NotSupportedException)
        {
            // Let the whole read say what is wrong.
            return null;
        }
    }

    /// <summary>
    /// The JSON of the list's last <paramref name="count"/> items, oldest first: the list holds <c>\n</c>, then each item on
    /// its own line (followed by <c>,</c> but the last), so lines are found by scanning back from the list's end.
    /// </summary>
    private List<byte[]> LastItemLines(FileDescriptor file, string id, ItemsLayout.Bounds bounds, int count, out bool reachedStart)
    {
        long first = bounds.Start + 1;   // the '\n' after '['
        long end = bounds.End;           // the ']' (the byte before it is the last item's '\n')
        var lines = new List<byte[]>();
        if (!bounds.HasItems)
        {
            reachedStart = true;
            return lines;
        }

        for (long length = WindowChunkLength; ; length *= 4)
        {
            long from = Math.Max(first, end - length);
            byte[] chunk = Files.ReadRange(file, id, from, (int)(end - from));
            lines.Clear();
            int lineEnd = chunk.Length - 1;   // the '\n' ending the last item
            for (int i = lineEnd - 1; i >= 0 && lines.Count < count; i--)
            {
                if (chunk[i] == (byte)'\n')
                {
                    ReadOnlySpan<byte> line = chunk.AsSpan(i + 1, lineEnd - i - 1);
                    lines.Add(line.EndsWith(","u8) ? line[..^1].ToArray() : line.ToArray());
                    lineEnd = i;
                }
            }

            // Every item is found once the scan has reached the list's first '\n' (the chunk's first byte when it starts there).
            reachedStart = from == first && lineEnd == 0;
            if (lines.Count == count || from == first)
            {
                lines.Reverse();
                return lines;
            }
        }
    }
}
