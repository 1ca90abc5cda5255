namespace SessionStore.Storage.Platform;

/// <summary>
/// What <see cref="PortablePlatform"/> opened: a file (an unbuffered <see cref="FileStream"/>, read and written
/// through <see cref="System.IO.RandomAccess"/> on its handle), a directory (its path, checked to be a directory
/// and not a link when it was opened: the base class library opens no directory handle), or a lock file that
/// waits for its lock (opened <see cref="FileShare.None"/> when <see cref="StorePlatform.Flock"/> takes it).
/// </summary>
internal sealed class PortableFileDescriptor : FileDescriptor
{
    private FileStream? _stream;

    private PortableFileDescriptor(string path, FileStream? stream, bool isDirectory, bool isSpecial, bool writable)
        : base(0)
    {
        SetHandle(1);
        Path = path;
        _stream = stream;
        IsDirectory = isDirectory;
        IsSpecial = isSpecial;
        Writable = writable;
    }

    internal string Path { get; }

    internal bool IsDirectory { get; }

    /// <summary>A FIFO, socket or device: the open handle cannot seek, so it is never read or written.</summary>
    internal bool IsSpecial { get; }

    internal bool Writable { get; }

    /// <summary>A lock file (opened read-write, created when missing) whose handle is opened by the lock, with <see cref="FileShare.None"/>.</summary>
    internal bool IsLockFile { get; private init; }

    /// <summary>The open file; <see cref="IOException"/> when a lock file is not locked.</summary>
    internal FileStream Stream => _stream ?? throw new IOException($"'{Path}' is not open: its lock is not held", Errno.ENOLCK);

    internal bool HasStream => _stream is not null;

    public override bool IsInvalid => handle == 0;

    internal static PortableFileDescriptor ForFile(string path, FileStream stream, bool isSpecial, bool writable) => new(path, stream, false, isSpecial, writable);

    internal static PortableFileDescriptor ForDirectory(string path) => new(path, null, true, false, false);

    internal static PortableFileDescriptor ForLockFile(string path) => new(path, null, false, false, true) { IsLockFile = true };

    /// <summary>Puts the lock file's locked handle in (<paramref name="stream"/>) or takes it out (null), closing the old one.</summary>
    internal void Exchange(FileStream? stream) => Interlocked.Exchange(ref _stream, stream)?.Dispose();

    protected override bool ReleaseHandle()
    {
        Interlocked.Exchange(ref _stream, null)?.Dispose();
        return true;
    }
}
