namespace SessionStore;

/// <summary>
/// One write of a directory store, as it tells its index (<see cref="FileSessionIndex.OnChanged"/>) under the session's
/// lock, after the write is in the file. The memory it holds is valid only during that call.
/// </summary>
public sealed class FileSessionChange
{
    internal FileSessionChange(string sessionId, FileSessionChangeKind kind, FileSessionStamp? directoryBefore)
    {
        SessionId = sessionId;
        Kind = kind;
        DirectoryBefore = directoryBefore;
    }

    /// <summary>The session's id.</summary>
    public string SessionId { get; }

    /// <summary>What the write did.</summary>
    public FileSessionChangeKind Kind { get; }

    /// <summary>
    /// The stamp of the store's directory just before the write (<see langword="null"/> when it did not exist): an index
    /// that recorded this stamp saw every change before this write, so it may record the directory's stamp after it.
    /// </summary>
    public FileSessionStamp? DirectoryBefore { get; }

    /// <summary>For <see cref="FileSessionChangeKind.Written"/>: the session's whole file.</summary>
    public ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>For <see cref="FileSessionChangeKind.Appended"/>: the JSON of each appended item, in order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> AppendedItems { get; init; } = [];

    /// <summary>For <see cref="FileSessionChangeKind.Appended"/>: the session's file from the <c>]</c> that ends its list to its end (the members after the list, such as token totals).</summary>
    public ReadOnlyMemory<byte> AfterItems { get; init; }
}
