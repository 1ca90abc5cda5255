namespace SessionStore;

/// <summary>
/// What a file's status says of its version (<see cref="FileSessionIndexHost"/>): its size, last write and last change
/// times to the nanosecond, and its inode. Two equal stamps of one path mean the file was not replaced and, unless it
/// was rewritten in place within the file system's timestamp granularity, not changed.
/// </summary>
/// <param name="Size">The size in bytes.</param>
/// <param name="ModifiedNanoseconds">The last write time, in nanoseconds since the Unix epoch.</param>
/// <param name="ChangedNanoseconds">The last status change time (ctime), in nanoseconds since the Unix epoch.</param>
/// <param name="Inode">The inode number: a file replaced by a rename has a new one.</param>
public readonly record struct FileSessionStamp(long Size, long ModifiedNanoseconds, long ChangedNanoseconds, ulong Inode)
{
    /// <summary>The last write time.</summary>
    public DateTimeOffset Modified => DateTimeOffset.UnixEpoch.AddTicks(ModifiedNanoseconds / 100);

    internal static FileSessionStamp Of(Interop.StatxBuffer status) => new(
        (long)status.Size,
        (status.MTimeSeconds * 1_000_000_000L) + status.MTimeNanoseconds,
        (status.CTimeSeconds * 1_000_000_000L) + status.CTimeNanoseconds,
        status.Ino);
}
