using System.Collections.Concurrent;
using System.Text.Json;
using SessionStore.Buffers;
using SessionStore.Interop;
using SessionStore.Serialization;
using SessionStore.Storage;

namespace SessionStore;

/// <summary>
/// Typed appends: a session type that declares its growing list (<see cref="SessionDescriptor{TSession}.Items"/>)
/// is written in <see cref="ItemsLayout"/>, with the list's end and the members that change with it at the end
/// of the file, so an append overwrites only that tail in place, behind the same intent as the reference
/// format's append (<see cref="SessionFiles.AppendInPlace"/>). A file not in the layout (written by an older
/// version, or by another tool) is rewritten whole, once, in the layout.
/// </summary>
public partial class FileSessionStore<TSession>
{
    /// <summary>How many bytes of the file's end an append reads: the fingerprinted window before the tail and the tail's members.</summary>
    private const int ItemsEndLength = AppendIntent.WindowLength + 64 * 1024;

    /// <summary>Where the list is in the versions of files this store has read whole and found in the layout, by path.</summary>
    private readonly ConcurrentDictionary<string, (FileVersion Version, ItemsLayout.Bounds Bounds)> _laidOut = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public bool CanAppend<TItem>() => _items is SessionItems<TSession, TItem>;

    /// <inheritdoc/>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="OverflowException">A total would overflow (as the totals function says); nothing was written.</exception>
    /// <exception cref="SessionCorruptException">The stored file is corrupt; nothing was written.</exception>
    /// <exception cref="ArgumentException">An item is null, cannot be written as JSON or holds a lone surrogate, or the session the append makes is not valid (see <see cref="SessionItems{TSession, TItem}.ValidateAppend"/>); nothing was written.</exception>
    /// <exception cref="SessionLockTimeoutException">The lock stayed taken for <see cref="FileSessionStoreOptions.LockTimeout"/>.</exception>
    /// <exception cref="SessionStorageException">The file system refused the write; nothing was appended.</exception>
    /// <exception cref="UnsafeSessionDirectoryException">Another user can write the directory; nothing was written.</exception>
    /// <exception cref="SessionSchemaVersionException">The stored file has a newer schema version than this store writes; it is left as it was.</exception>
    /// <remarks>
    /// The file is written in <see cref="ItemsLayout"/> (the list's end and the members after it at the file's end), so an
    /// append overwrites that tail in place behind the same intent as the reference format's append; the first append to a
    /// version of the file this instance has not written reads it whole once to check it. A file in another layout (an older
    /// version's, another tool's) is rewritten whole, once. With <see cref="FileSessionStoreOptions.Durable"/>, the append is
    /// on disk when this returns.
    /// </remarks>
    public void Append<TItem>(string id, IReadOnlyList<TItem> items, Func<TSession, IReadOnlyList<TItem>, TSession>? totals = null) =>
        Completed.Wait(AppendItemsCore(id, items, totals, async: false, CancellationToken.None));

    /// <inheritdoc/>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="OverflowException">A total would overflow (as the totals function says); nothing was written.</exception>
    /// <exception cref="SessionCorruptException">The stored file is corrupt; nothing was written.</exception>
    /// <exception cref="ArgumentException">An item is null, cannot be written as JSON or holds a lone surrogate, or the session the append makes is not valid (see <see cref="SessionItems{TSession, TItem}.ValidateAppend"/>); nothing was written.</exception>
    /// <exception cref="SessionLockTimeoutException">The lock stayed taken for <see cref="FileSessionStoreOptions.LockTimeout"/>.</exception>
    /// <exception cref="SessionStorageException">The file system refused the write; nothing was appended.</exception>
    /// <exception cref="UnsafeSessionDirectoryException">Another user can write the directory; nothing was written.</exception>
    /// <exception cref="SessionSchemaVersionException">The stored file has a newer schema version than this store writes; it is left as it was.</exception>
    public ValueTask AppendAsync<TItem>(string id, IReadOnlyList<TItem> items, Func<TSession, IReadOnlyList<TItem>, TSession>? totals = null, CancellationToken cancellationToken = default) =>
        AppendItemsCore(id, items, totals, async: true, cancellationToken);

    /// <summary>Serializes a session, in <see cref="ItemsLayout"/> when the type declares a growing list.</summary>
    private protected PooledBytes SerializeLaidOut(TSession session, out ItemsLayout.Bounds? bounds)
    {
        bounds = null;
        PooledBytes plain = _serializer.Serialize(session);
        if (_items is null)
        {
            return plain;
        }

        PooledBytes? laidOut;
        try
        {
            laidOut = ItemsLayout.Write(plain.Memory, _items.JsonName, out ItemsLayout.Bounds found);
            bounds = laidOut is null ? null : found;
        }
        catch
        {
            plain.Dispose();
            throw;
        }

        if (laidOut is null)
        {
            return plain;
        }

        plain.Dispose();
        return laidOut;
    }

    private SessionItems<TSession, TItem> ItemsOf<TItem>() =>
        _items as SessionItems<TSession, TItem> ?? throw new InvalidOperationException(_items is null
            ? $"{typeof(TSession).Name} declares no growing list: give its descriptor one (SessionDescriptor.WithItems, or [SessionItems] on a generated store)."
            : $"{typeof(TSession).Name}'s growing list holds {_items.ItemType.Name}, not {typeof(TItem).Name}.");

    private async ValueTask AppendItemsCore<TItem>(string id, IReadOnlyList<TItem> items, Func<TSession, IReadOnlyList<TItem>, TSession>? totals, bool async, CancellationToken cancellationToken) =>
        _ = await TracedCore(
            SessionOperation.Append,
            (id, items, totals),
            static async (store, s, async, ct) =>
            {
                await store.AppendItemsUntracedCore(s.id, s.items, s.totals, async, ct).ConfigureAwait(false);
                return true;
            },
            async,
            cancellationToken).ConfigureAwait(false);

    private async ValueTask AppendItemsUntracedCore<TItem>(string id, IReadOnlyList<TItem> items, Func<TSession, IReadOnlyList<TItem>, TSession>? totals, bool async, CancellationToken cancellationToken)
    {
        string path = SessionPathOf(id);
        ArgumentNullException.ThrowIfNull(items);
        SessionItems<TSession, TItem> declared = ItemsOf<TItem>();
        totals ??= declared.UpdateTotals;
        byte[][] itemJson = ItemSerializer.Serialize(declared, items);
        using StripeLock held = await LockCore(id, SessionOperation.Append, async, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        bool appended;
        try
        {
            appended = TryAppendItemsInPlace(held, id, declared, totals, items, itemJson);
        }
        catch (Exception ex) when (SessionErrors.IsRaw(ex))
        {
            throw SessionErrors.Translate(ex, SessionOperation.Append, id, SessionLocation.File(path));
        }

        if (!appended)
        {
            // No file yet, or one not in the layout: write it whole, in the layout, once.
            using PooledBytes content = AppendedWhole(id, declared, totals, items, itemJson);
            WriteLocked(id, content);
        }
    }

    /// <summary>The session with the items appended, written whole in the layout: the path for files not in it, and for new sessions.</summary>
    private PooledBytes AppendedWhole<TItem>(string id, SessionItems<TSession, TItem> declared, Func<TSession, IReadOnlyList<TItem>, TSession>? totals, IReadOnlyList<TItem> items, byte[][] itemJson)
    {
        TSession current = TryLoad(id, out TSession? loaded)
            ? loaded
            : declared.Create?.Invoke(id) ?? throw new SessionNotFoundException(id, DirectoryPath);
        using PooledBytes laidOut = SerializeLaidOut(current, out ItemsLayout.Bounds? found);
        if (found is not { } bounds)
        {
            throw new InvalidOperationException($"{typeof(TSession).Name}'s '{declared.JsonName}' is not a JSON array (is it null?); nothing was written.");
        }

        PooledBytes whole = Spliced(id, declared, totals, items, itemJson, laidOut.Span, bounds, isWhole: true, out _);
        if (whole.Length > MaxSessionBytes)
        {
            long size = whole.Length;
            whole.Dispose();
            throw new SessionTooLargeException(id, size, MaxSessionBytes);
        }

        return whole;
    }

    /// <returns>False when the append must rewrite the file instead.</returns>
    private bool TryAppendItemsInPlace<TItem>(StripeLock held, string id, SessionItems<TSession, TItem> declared, Func<TSession, IReadOnlyList<TItem>, TSession>? totals, IReadOnlyList<TItem> items, byte[][] itemJson)
    {
        string path = Files.PathOf(id);
        using FileDescriptor? file = Files.OpenForAppend(id, out StatxBuffer status);
        if (file is null || status.NLink != 1 || (long)status.Size > MaxSessionBytes)
        {
            return false;
        }

        long size = (long)status.Size;
        long endStart = Math.Max(0, size - ItemsEndLength);
        byte[] end = Files.ReadRange(file, id, endStart, (int)(size - endStart));
        int found = ItemsLayout.FindItemsEnd(end);
        if (found < 0 || BoundsOf(file, id, status) is not { } bounds || bounds.End != endStart + found ||
            (bounds.AppendOffset - AppendIntent.WindowLength < endStart && endStart > 0))
        {
            return false;
        }

        // The session without its items: the file's bytes up to the list's '[' and from its ']'.
        byte[] head = Files.ReadRange(file, id, 0, (int)bounds.Start + 1);
        byte[] shell = [.. head, .. end.AsSpan(found)];
        using PooledBytes next = Spliced(id, declared, totals, items, itemJson, shell, new ItemsLayout.Bounds(bounds.Start, bounds.Start + 1), isWhole: false, out int afterLength);
        if (!next.Span[..head.Length].SequenceEqual(head))
        {
            // The update changed a member before the list (or the schema version): not an in-place write.
            return false;
        }

        // The new file is the old one up to the append offset, then the new tail.
        ReadOnlySpan<byte> after = next.Span[^afterLength..];
        byte[] newTail = ItemsLayout.Tail(bounds.HasItems, itemJson, after);
        long newSize = bounds.AppendOffset + newTail.Length;
        if (newSize > MaxSessionBytes)
        {
            throw new SessionTooLargeException(id, newSize, MaxSessionBytes);
        }

        if (newSize <= size)
        {
            // Lock-free readers tell an in-place write by the size it adds (see SessionFiles.Read).
            return false;
        }

        if (declared.ValidateAppend is null && _validate is not null)
        {
            // The descriptor's rule may depend on every item: check the session as it will be (this reads all of it).
            CheckAppended(id, [.. Files.ReadRange(file, id, 0, (int)bounds.AppendOffset), .. newTail], validate: true);
        }

        long windowStart = Math.Max(0, bounds.AppendOffset - AppendIntent.WindowLength);
        FileSessionStamp? before = IndexStampBefore();
        if (!Files.AppendInPlace(held, file, status, id, bounds.AppendOffset, end.AsSpan((int)(windowStart - endStart)), newTail))
        {
            return false;
        }

        if (HasIndex)
        {
            NotifyIndex(new FileSessionChange(id, FileSessionChangeKind.Appended, before) { AppendedItems = [.. itemJson.Select(static j => (ReadOnlyMemory<byte>)j)], AfterItems = after.ToArray() });
        }

        Remember(path, FileVersion.Of(Platform.Stat(file, path)), new ItemsLayout.Bounds(bounds.Start, newSize - after.Length));
        return true;
    }

    /// <summary>
    /// <paramref name="laidOut"/> (a session in the layout, its list at <paramref name="bounds"/>) with the items
    /// appended and the totals updated, in the layout, checked by the descriptor's append validator and to read back
    /// as a session, and, when <paramref name="isWhole"/> (<paramref name="laidOut"/> has all the session's items), by
    /// the session validator. The totals function sees only the session without its items, so the cost is that of
    /// the members and the new items, plus copying the existing items when <paramref name="laidOut"/> has any.
    /// <paramref name="afterLength"/> is the length of the result's end from the list's <c>]</c> on.
    /// </summary>
    private PooledBytes Spliced<TItem>(string id, SessionItems<TSession, TItem> declared, Func<TSession, IReadOnlyList<TItem>, TSession>? totals, IReadOnlyList<TItem> items, byte[][] itemJson,
        ReadOnlySpan<byte> laidOut, ItemsLayout.Bounds bounds, bool isWhole, out int afterLength)
    {
        string path = Files.PathOf(id);
        // The session without its items, with its totals updated.
        byte[] shellBytes = [.. laidOut[..((int)bounds.Start + 1)], .. laidOut[(int)bounds.End..]];
        TSession shell;
        try
        {
            shell = Deserialize(shellBytes);
        }
        catch (SessionFormatException ex)
        {
            throw SessionErrors.Translate(ex, SessionOperation.Append, id, SessionLocation.File(path));
        }
        catch (NewerSchemaException ex)
        {
            throw new SessionSchemaVersionException(id, path, ex.FileVersion, _serializer.Schema!.CurrentVersion);
        }

        if (totals is not null)
        {
            shell = totals(shell, items) ?? throw new InvalidOperationException("The totals function returned null.");
        }

        if (!string.Equals(_sessionIdOf(shell), id, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The totals function changed the session's id from '{id}'.");
        }

        declared.ValidateAppend?.Invoke(shell, items);
        using PooledBytes updated = SerializeLaidOut(shell, out ItemsLayout.Bounds? updatedBounds);
        ItemsLayout.Bounds empty = updatedBounds ?? throw new InvalidOperationException($"The totals function left '{declared.JsonName}' null.");
        afterLength = updated.Length - (int)empty.End;

        // The whole result: the updated head, the existing items, the new ones, the updated members after the list.
        ReadOnlySpan<byte> existing = bounds.HasItems ? laidOut[((int)bounds.Start + 2)..((int)bounds.End - 1)] : [];
        var result = new PooledBytes(updated.Length + existing.Length + itemJson.Sum(i => i.Length + 2) + 4);
        try
        {
            Write(result, updated.Span[..((int)empty.Start + 1)]);
            bool any = false;
            if (bounds.HasItems)
            {
                Write(result, "\n"u8);
                Write(result, existing);
                any = true;
            }

            foreach (byte[] item in itemJson)
            {
                Write(result, any ? ",\n"u8 : "\n"u8);
                Write(result, item);
                any = true;
            }

            if (any)
            {
                Write(result, "\n"u8);
            }

            Write(result, updated.Span[(int)empty.End..]);
            CheckAppended(id, result.Span, validate: isWhole);
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>Checks that an appended session (or the session without its old items, with the new ones) reads back as a session, and with <paramref name="validate"/> that it is a valid one.</summary>
    private void CheckAppended(string id, ReadOnlySpan<byte> content, bool validate)
    {
        TSession session;
        try
        {
            session = Deserialize(content);
        }
        catch (SessionFormatException ex)
        {
            throw new ArgumentException($"The session with the appended items cannot be read back: {ex.Message}; nothing was written.", ex);
        }

        if (validate)
        {
            ValidateSession(session);
        }
    }

    /// <summary>
    /// Where the list is in the open file, when the file is a valid session in the layout: read whole and checked
    /// once per version of the file (any write by anyone else changes the version), remembered after that.
    /// </summary>
    private ItemsLayout.Bounds? BoundsOf(FileDescriptor file, string id, StatxBuffer status)
    {
        string path = Files.PathOf(id);
        var version = FileVersion.Of(status);
        if (_laidOut.TryGetValue(path, out var known) && known.Version == version)
        {
            return known.Bounds;
        }

        byte[] whole = Files.ReadRange(file, id, 0, (int)status.Size);
        if (whole.Length != (long)status.Size || ItemsLayout.Locate(whole, _items!.JsonName) is not { } bounds)
        {
            return null;
        }

        _ = Materialize(id, whole);
        Remember(path, version, bounds);
        return bounds;
    }

    private void Remember(string path, FileVersion version, ItemsLayout.Bounds bounds)
    {
        if (_laidOut.Count > 4096)
        {
            _laidOut.Clear();
        }

        _laidOut[path] = (version, bounds);
    }

    private static void Write(PooledBytes target, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(target.GetSpan(bytes.Length));
        target.Advance(bytes.Length);
    }
}
