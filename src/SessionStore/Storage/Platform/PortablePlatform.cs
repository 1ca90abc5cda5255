using System.Collections.Concurrent;
using SessionStore.Interop;

namespace SessionStore.Storage.Platform;

/// <summary>
/// The portable platform: the base class library's file APIs only (<see cref="FileStream"/>,
/// <see cref="System.IO.RandomAccess"/>, <see cref="File.Move(string, string, bool)"/>, <see cref="FileShare"/>,
/// <see cref="FileStream.Flush(bool)"/>, <see cref="FileSystemInfo.LinkTarget"/>, <see cref="File.GetUnixFileMode(string)"/>
/// where there are Unix modes), which .NET tests on every system it runs on. What it cannot do as the hardened
/// platform does, it does the safer way (docs/reliability.md has the table):
/// <list type="bullet">
/// <item>Links: the entry is checked before and after each open and a link is refused (<see cref="Errno.ELOOP"/>);
/// a link swapped in and out again between the two checks is not seen (only <c>O_NOFOLLOW</c> closes that).</item>
/// <item>FIFOs and devices: an empty entry is first opened read-write (which never blocks) and refused when it cannot seek.</item>
/// <item>Identity: no device or inode, so no <see cref="FileVersion"/> names a file (<see cref="FileVersion.IsKnown"/>) and
/// appends never write in place (<see cref="WritesInPlace"/>): every append rewrites the file whole, atomically.</item>
/// <item>Locks: a lock file is locked by opening it with <see cref="FileShare.None"/> (a share-mode lock on Windows, an
/// exclusive <c>flock</c> on Unix, where .NET takes one); the first lock of each file checks that a second open is
/// refused, and a store where locks are not enforced (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>) refuses to write
/// (<see cref="Errno.ENOLCK"/>).</item>
/// <item>Sharing violations (another process, an anti-virus scanner holding a file for a moment): retried for
/// <see cref="TransientRetryMilliseconds"/>, then an error that names the file (<see cref="Errno.EAGAIN"/>).</item>
/// <item>Durability: files are flushed with <c>Flush(true)</c> (<c>FlushFileBuffers</c>, <c>F_FULLFSYNC</c>, <c>fsync</c>); a
/// directory cannot be flushed, so a rename is as durable as the file system's journal makes it.</item>
/// </list>
/// </summary>
internal sealed class PortablePlatform : StorePlatform
{
    /// <summary>The type <see cref="Stat"/> reports for an open file that cannot seek: a FIFO, socket or device (which of them the base class library does not say).</summary>
    internal const ushort SpecialFile = 0xF000;

    /// <summary>How long an open or rename that meets a sharing violation is retried before it fails.</summary>
    internal const int TransientRetryMilliseconds = 500;

    private const FileShare Shared = FileShare.ReadWrite | FileShare.Delete;

    /// <summary>The lock files whose first lock checked that a second open is refused.</summary>
    private static readonly ConcurrentDictionary<string, bool> CheckedLocks = new(StringComparer.Ordinal);

    internal override FileSystemPlatform Kind => FileSystemPlatform.Portable;

    internal override bool WritesInPlace => false;

    internal override uint? EffectiveUserId => null;

    internal override FileDescriptor? TryOpen(string path, int flags, out int errno, uint mode = PrivateFile)
    {
        bool directory = (flags & OpenFlags.Directory) != 0;
        bool create = (flags & OpenFlags.Create) != 0;
        bool exclusive = create && (flags & OpenFlags.Exclusive) != 0;
        int access = flags & (OpenFlags.WriteOnly | OpenFlags.ReadWrite);
        if (!TryEntry(path, out FileSystemInfo? entry, out errno))
        {
            if (errno != Errno.ENOENT || !create || directory)
            {
                return null;
            }
        }
        else if (exclusive)
        {
            errno = Errno.EEXIST;
            return null;
        }
        else if (IsLink(entry!))
        {
            errno = Errno.ELOOP;
            return null;
        }
        else if (directory)
        {
            errno = entry is DirectoryInfo ? 0 : Errno.ENOTDIR;
            return errno == 0 ? PortableFileDescriptor.ForDirectory(path) : null;
        }
        else if (entry is DirectoryInfo)
        {
            errno = access == OpenFlags.ReadOnly ? 0 : Errno.EISDIR;
            return errno == 0 ? PortableFileDescriptor.ForDirectory(path) : null;
        }

        if (access == OpenFlags.ReadWrite && create && !exclusive)
        {
            // A lock file: made when missing, opened FileShare.None when it is locked.
            errno = CreateIfMissing(path, mode);
            return errno == 0 ? PortableFileDescriptor.ForLockFile(path) : null;
        }

        bool special = false;
        if (entry is FileInfo { Length: 0 } && access != OpenFlags.ReadWrite && !OperatingSystem.IsWindows())
        {
            // It may be a FIFO, which a read-only (or write-only) open would block on: a read-write open never does.
            errno = Probe(path, out special);
            if (errno != 0)
            {
                return null;
            }
        }

        FileMode fileMode = exclusive ? FileMode.CreateNew : create ? FileMode.OpenOrCreate : FileMode.Open;
        FileAccess fileAccess = access switch
        {
            OpenFlags.WriteOnly => FileAccess.Write,
            OpenFlags.ReadWrite => FileAccess.ReadWrite,
            _ => FileAccess.Read,
        };
        if (special)
        {
            // Never opened for what the caller asked: it is described, and refused.
            fileAccess = FileAccess.ReadWrite;
            fileMode = FileMode.Open;
        }

        FileStream? stream = OpenStream(path, fileMode, fileAccess, Shared, mode, out errno);
        if (stream is null)
        {
            return null;
        }

        if (TryEntry(path, out FileSystemInfo? after, out _) && IsLink(after!))
        {
            // A link was swapped in between the check and the open: what was opened is not the store's.
            stream.Dispose();
            errno = Errno.ELOOP;
            return null;
        }

        return PortableFileDescriptor.ForFile(path, stream, special || !stream.CanSeek, fileAccess != FileAccess.Read);
    }

    internal override FileDescriptor? TryOpenAt(FileDescriptor directory, string name, int flags, out int errno, uint mode = PrivateFile) =>
        TryOpen(Path.Join(Of(directory).Path, name), flags, out errno, mode);

    internal override StatxBuffer Stat(FileDescriptor fd, string path)
    {
        PortableFileDescriptor file = Of(fd);
        try
        {
            if (file.IsDirectory)
            {
                return TryStat(file.Path, out StatxBuffer status, out int errno) ? status : throw ErrnoException.FromErrno(errno, $"reading the status of '{path}'");
            }

            if (file.IsSpecial || (file.HasStream && !file.Stream.CanSeek))
            {
                return new StatxBuffer { Mode = SpecialFile, NLink = 1 };
            }

            if (!file.HasStream)
            {
                // A lock file not locked yet (never asked for: the stripe lock reads its status once it holds it).
                return TryStatEntry(file.Path, out StatxBuffer entry, out int errno) ? entry : throw ErrnoException.FromErrno(errno, $"reading the status of '{path}'");
            }

            Microsoft.Win32.SafeHandles.SafeFileHandle handle = file.Stream.SafeFileHandle;
            var result = new StatxBuffer
            {
                Mode = (ushort)(StatxBuffer.RegularFile | (OperatingSystem.IsWindows() ? PrivateFile : (uint)File.GetUnixFileMode(handle))),
                NLink = 1,
                Size = (ulong)RandomAccess.GetLength(handle),
            };
            SetTimes(ref result, File.GetLastWriteTimeUtc(handle), File.GetCreationTimeUtc(handle));
            return result;
        }
        catch (Exception ex) when (IsRaw(ex))
        {
            throw Wrap(ex, $"reading the status of '{path}'");
        }
    }

    internal override bool TryStatEntry(string path, out StatxBuffer status, out int errno)
    {
        status = default;
        if (!TryEntry(path, out FileSystemInfo? entry, out errno))
        {
            return false;
        }

        ushort type = IsLink(entry!) ? StatxBuffer.SymbolicLink : entry is DirectoryInfo ? StatxBuffer.Directory : StatxBuffer.RegularFile;
        if (type == StatxBuffer.RegularFile && entry is FileInfo { Length: 0 } && !OperatingSystem.IsWindows() &&
            Probe(path, out bool special, retry: false) == 0 && special)
        {
            // The BCL tells a FIFO, socket or device from an empty file only once it is open (read-write never blocks).
            type = SpecialFile;
        }

        status = StatusOf(entry!, type);
        return true;
    }

    internal override bool TryStat(string path, out StatxBuffer status, out int errno)
    {
        status = default;
        if (!TryEntry(path, out FileSystemInfo? entry, out errno))
        {
            return false;
        }

        try
        {
            if (IsLink(entry!))
            {
                entry = entry!.ResolveLinkTarget(returnFinalTarget: true);
                if (entry is null || !entry.Exists)
                {
                    errno = Errno.ENOENT;
                    return false;
                }
            }

            status = StatusOf(entry!, entry is DirectoryInfo ? StatxBuffer.Directory : StatxBuffer.RegularFile);
            return true;
        }
        catch (Exception ex) when (IsRaw(ex))
        {
            errno = ErrnoOf(ex);
            return false;
        }
    }

    internal override int ReadAt(FileDescriptor fd, Span<byte> buffer, long offset, string path)
    {
        int total = 0;
        int read;
        while (total < buffer.Length && (read = ReadOnce(fd, buffer[total..], offset + total, path)) > 0)
        {
            total += read;
        }

        return total;
    }

    internal override int ReadOnce(FileDescriptor fd, Span<byte> buffer, long offset, string path)
    {
        try
        {
            return RandomAccess.Read(Of(fd).Stream.SafeFileHandle, buffer, offset);
        }
        catch (Exception ex) when (IsRaw(ex))
        {
            throw Wrap(ex, $"reading '{path}'");
        }
    }

    internal override void WriteAt(FileDescriptor fd, ReadOnlySpan<byte> content, long offset, string path)
    {
        try
        {
            RandomAccess.Write(Of(fd).Stream.SafeFileHandle, content, offset);
        }
        catch (Exception ex) when (IsRaw(ex))
        {
            throw Wrap(ex, $"writing '{path}'");
        }
    }

    internal override void Sync(FileDescriptor fd, string path)
    {
        PortableFileDescriptor file = Of(fd);
        if (file.IsDirectory || !file.Writable)
        {
            return; // The base class library flushes no directory (see SyncDirectory) and no read-only handle.
        }

        try
        {
            file.Stream.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (IsRaw(ex))
        {
            throw Wrap(ex, $"flushing '{path}' to disk");
        }
    }

    internal override void Truncate(FileDescriptor fd, long length, string path)
    {
        try
        {
            RandomAccess.SetLength(Of(fd).Stream.SafeFileHandle, length);
        }
        catch (Exception ex) when (IsRaw(ex))
        {
            throw Wrap(ex, $"setting the length of '{path}'");
        }
    }

    internal override void ChangeMode(FileDescriptor fd, uint mode, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // No mode bits: the directory's access list decides (docs/reliability.md).
        }

        PortableFileDescriptor file = Of(fd);
        try
        {
            if (file.HasStream)
            {
                File.SetUnixFileMode(file.Stream.SafeFileHandle, (UnixFileMode)(mode & 0xFFF));
            }
            else
            {
                File.SetUnixFileMode(file.Path, (UnixFileMode)(mode & 0xFFF));
            }
        }
        catch (Exception ex) when (IsRaw(ex))
        {
            throw Wrap(ex, $"changing the mode of '{path}'");
        }
    }

    internal override bool Flock(FileDescriptor fd, int operation, string path)
    {
        PortableFileDescriptor file = Of(fd);
        if (!file.IsLockFile)
        {
            // A session's file: no lock in place can be taken or upgraded here. A shared lock is what every open of
            // ours holds on Unix (.NET takes one unless FileShare.None), and nothing of ours writes in place, so no
            // exclusive lock is ever needed: false makes the caller rewrite the file whole.
            return (operation & LockOperation.Exclusive) == 0;
        }

        if ((operation & LockOperation.Unlock) != 0)
        {
            file.Exchange(null);
            return true;
        }

        FileStream? locked = OpenStream(file.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, PrivateFile, out int errno, retry: false);
        if (locked is null)
        {
            return errno == Errno.EAGAIN ? false : throw ErrnoException.FromErrno(errno, $"locking '{path}'");
        }

        if (TryEntry(file.Path, out FileSystemInfo? entry, out _) && IsLink(entry!))
        {
            locked.Dispose();
            throw new IOException($"'{path}' is a symbolic link, not the store's lock file; it is never followed", Errno.ELOOP);
        }

        if (!CheckedLocks.ContainsKey(file.Path))
        {
            CheckLockIsEnforced(file.Path, locked);
        }

        file.Exchange(locked);
        return true;
    }

    internal override void TouchDirectory(string directory)
    {
        try
        {
            Directory.SetLastWriteTimeUtc(directory, DateTime.UtcNow);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort, as utimensat's result is on Linux: an index then finds the change by its sweep.
        }
    }

    internal override void SyncDirectory(string directory)
    {
        // The base class library cannot open a directory to flush it: a rename is as durable as the file system's
        // journal makes it (docs/reliability.md). The renamed file itself was flushed before the rename.
    }

    internal override int Mkdir(string path, uint mode)
    {
        if (TryEntry(path, out _, out int errno))
        {
            return Errno.EEXIST;
        }

        if (errno != Errno.ENOENT)
        {
            return errno;
        }

        try
        {
            string? parent = Path.GetDirectoryName(path);
            if (parent is { Length: > 0 } && !Directory.Exists(parent))
            {
                return Errno.ENOENT;
            }

            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, (UnixFileMode)mode);
            }

            return 0;
        }
        catch (Exception ex) when (IsRaw(ex))
        {
            return ErrnoOf(ex);
        }
    }

    internal override int MkdirAt(FileDescriptor directory, string name, uint mode) => Mkdir(Path.Join(Of(directory).Path, name), mode);

    internal override int Unlink(string path)
    {
        if (!TryEntry(path, out FileSystemInfo? entry, out int errno))
        {
            return errno;
        }

        if (entry is DirectoryInfo && !IsLink(entry))
        {
            return Errno.EISDIR;
        }

        // File.Delete does not say whether it removed anything, and of concurrent removers exactly one must win:
        // the one whose rename to a name of its own succeeds. That name is a temp file's, which Check removes.
        string directory = Path.GetDirectoryName(path) ?? ".";
        string name = Path.GetFileName(path);
        string stem = name.EndsWith(SessionFileLayout.SessionExtension, StringComparison.Ordinal) ? name[..^SessionFileLayout.SessionExtension.Length] : name.TrimStart('.');
        string doomed = Path.Join(directory, SessionFileLayout.TempName(stem));
        errno = Retried(() => File.Move(path, doomed, overwrite: false));
        if (errno != 0)
        {
            return errno;
        }

        return Retried(() => File.Delete(doomed));
    }

    internal override int UnlinkAt(FileDescriptor directory, string name) => Unlink(Path.Join(Of(directory).Path, name));

    internal override int Rename(string from, string to) => Retried(() => File.Move(from, to, overwrite: true));

    internal override int RenameAt(FileDescriptor directory, string from, string to) =>
        Rename(Path.Join(Of(directory).Path, from), Path.Join(Of(directory).Path, to));

    internal override int RenameNoReplace(FileDescriptor fromDirectory, string from, FileDescriptor toDirectory, string to)
    {
        string source = Path.Join(Of(fromDirectory).Path, from);
        string target = Path.Join(Of(toDirectory).Path, to);
        if (!TryEntry(source, out _, out int errno))
        {
            return errno;
        }

        if (TryEntry(target, out _, out errno))
        {
            return Errno.EEXIST;
        }

        return errno != Errno.ENOENT ? errno : Retried(() => File.Move(source, target, overwrite: false));
    }

    internal override bool IsWritable(string directory)
    {
        // No access(2) in the BCL, and a probe write would change the directory (Check and the tool's reads change
        // nothing): the directory's permissions for this user, as .NET reads them. A read-only mount is not seen
        // here; its first write fails with a typed error instead (docs/reliability.md#platforms).
        try
        {
            var info = new DirectoryInfo(directory);
            return info.Exists && (info.Attributes & FileAttributes.ReadOnly) == 0;
        }
        catch (Exception ex) when (IsRaw(ex))
        {
            return false;
        }
    }

    /// <summary>The errno of a failure of the base class library: the raw one on Unix (mapped from the BSD numbering on macOS), the Win32 error's on Windows.</summary>
    internal static int ErrnoOf(Exception exception)
    {
        switch (exception)
        {
            case FileNotFoundException or DirectoryNotFoundException:
                return Errno.ENOENT;
            case PathTooLongException:
                return Errno.ENAMETOOLONG;
            case UnauthorizedAccessException:
                return Errno.EACCES;
            case NotSupportedException:
                return Errno.EINVAL;
        }

        int result = exception.HResult;
        if (OperatingSystem.IsWindows() || (result & 0xFFFF0000) == 0x80070000)
        {
            return (result & 0xFFFF) switch
            {
                2 or 3 => Errno.ENOENT,
                5 => Errno.EACCES,
                19 => Errno.EROFS,
                32 or 33 => Errno.EAGAIN,      // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
                80 or 183 => Errno.EEXIST,
                112 => Errno.ENOSPC,
                145 => Errno.ENOTEMPTY,
                206 => Errno.ENAMETOOLONG,
                267 => Errno.ENOTDIR,
                _ => Errno.EIO,
            };
        }

        if (OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsFreeBSD())
        {
            return result switch
            {
                35 => Errno.EAGAIN,
                45 or 102 => Errno.EOPNOTSUPP,
                62 => Errno.ELOOP,
                63 => Errno.ENAMETOOLONG,
                66 => Errno.ENOTEMPTY,
                69 => Errno.EDQUOT,
                77 => Errno.ENOLCK,
                > 0 and < 35 => result,
                _ => Errno.EIO,
            };
        }

        return result is > 0 and < 4096 ? result : Errno.EIO;
    }

    private static bool IsRaw(Exception exception) => exception is IOException or UnauthorizedAccessException or NotSupportedException;

    private static IOException Wrap(Exception exception, string doing)
    {
        int errno = ErrnoOf(exception);
        return new IOException($"{exception.Message} (errno {errno}) while {doing}", errno);
    }

    private static PortableFileDescriptor Of(FileDescriptor fd) =>
        fd as PortableFileDescriptor ?? throw new InvalidOperationException("A file descriptor of another platform was passed to the portable platform.");

    private static bool IsLink(FileSystemInfo entry) =>
        (entry.Attributes & FileAttributes.ReparsePoint) != 0 && entry.LinkTarget is not null;

    /// <summary>The entry at <paramref name="path"/> itself (a link is not followed); false with the errno when there is none.</summary>
    private static bool TryEntry(string path, out FileSystemInfo? entry, out int errno)
    {
        entry = null;
        try
        {
            var file = new FileInfo(path);
            FileAttributes attributes = file.Attributes;
            if ((int)attributes == -1)
            {
                errno = Errno.ENOENT;
                return false;
            }

            entry = (attributes & FileAttributes.Directory) != 0 ? new DirectoryInfo(path) : file;
            errno = 0;
            return true;
        }
        catch (Exception ex) when (IsRaw(ex))
        {
            errno = ErrnoOf(ex);
            return false;
        }
    }

    private static StatxBuffer StatusOf(FileSystemInfo entry, ushort type)
    {
        uint permissions = OperatingSystem.IsWindows()
            ? (type == StatxBuffer.Directory ? 0x1C0u : (entry.Attributes & FileAttributes.ReadOnly) != 0 ? 0x100u : PrivateFile)
            : (uint)entry.UnixFileMode;
        var status = new StatxBuffer
        {
            Mode = (ushort)(type | permissions),
            NLink = 1,
            Size = entry is FileInfo file && type == StatxBuffer.RegularFile ? (ulong)file.Length : 0,
        };
        SetTimes(ref status, entry.LastWriteTimeUtc, entry.CreationTimeUtc);
        return status;
    }

    /// <summary>
    /// The times the base class library gives: the last write time (as the change time too: there is no other) and the
    /// creation time, which is not taken as a birth time (it is not one on every system), so no version names a file.
    /// </summary>
    private static void SetTimes(ref StatxBuffer status, DateTime lastWriteUtc, DateTime createdUtc)
    {
        long ticks = lastWriteUtc.Ticks - DateTime.UnixEpoch.Ticks;
        status.MTimeSeconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long rest);
        status.MTimeNanoseconds = (uint)(rest * 100);
        status.CTimeSeconds = status.MTimeSeconds;
        status.CTimeNanoseconds = status.MTimeNanoseconds;
        _ = createdUtc;
    }

    /// <summary>Opens an empty entry read-write, which never blocks: 0 with whether it is special (cannot seek), or the errno.</summary>
    private static int Probe(string path, out bool special, bool retry = true)
    {
        special = false;
        FileStream? probe = OpenStream(path, FileMode.Open, FileAccess.ReadWrite, Shared, PrivateFile, out int errno, retry);
        if (probe is null)
        {
            // Read-only: a regular file on a read-only mount (a FIFO opens there), or one this user may not write.
            return errno is Errno.EROFS ? 0 : errno == Errno.EACCES
                ? Errno.EACCES
                : errno;
        }

        special = !probe.CanSeek;
        probe.Dispose();
        return 0;
    }

    private static int CreateIfMissing(string path, uint mode)
    {
        FileStream? created = OpenStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, Shared, mode, out int errno, retry: false);
        if (created is not null)
        {
            created.Dispose();
            return 0;
        }

        // On Unix, .NET's open takes a shared flock, which a holder's exclusive one refuses: the file is there, and locked.
        return errno == Errno.EAGAIN ? 0 : errno;
    }

    private static FileStream? OpenStream(string path, FileMode mode, FileAccess access, FileShare share, uint createMode, out int errno, bool retry = true)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = 0 };
        if (!OperatingSystem.IsWindows() && mode is FileMode.CreateNew or FileMode.OpenOrCreate or FileMode.Create)
        {
            options.UnixCreateMode = (UnixFileMode)createMode;
        }

        long deadline = Environment.TickCount64 + TransientRetryMilliseconds;
        for (int pause = 1; ; pause = Math.Min(pause * 2, 32))
        {
            try
            {
                errno = 0;
                return new FileStream(path, options);
            }
            catch (Exception ex) when (IsRaw(ex))
            {
                errno = ErrnoOf(ex);
                if (!retry || errno != Errno.EAGAIN || Environment.TickCount64 >= deadline)
                {
                    return null;
                }
            }

            Thread.Sleep(pause);
        }
    }

    /// <summary>Runs a rename or removal, retrying a sharing violation for a moment; 0, or the errno.</summary>
    private static int Retried(Action action)
    {
        long deadline = Environment.TickCount64 + TransientRetryMilliseconds;
        for (int pause = 1; ; pause = Math.Min(pause * 2, 32))
        {
            try
            {
                action();
                return 0;
            }
            catch (Exception ex) when (IsRaw(ex))
            {
                int errno = ErrnoOf(ex);
                bool transient = errno == Errno.EAGAIN || (OperatingSystem.IsWindows() && errno == Errno.EACCES);
                if (!transient || Environment.TickCount64 >= deadline)
                {
                    return errno;
                }
            }

            Thread.Sleep(pause);
        }
    }

    /// <summary>
    /// Checks, once per lock file and process, that the lock just taken keeps a second open out, as it must for the
    /// lock to hold across processes; throws when it does not (.NET's file locking disabled, a file system without locks).
    /// </summary>
    private static void CheckLockIsEnforced(string path, FileStream locked)
    {
        FileStream? second = OpenStream(path, FileMode.Open, FileAccess.Read, Shared, PrivateFile, out int errno, retry: false);
        if (second is null)
        {
            CheckedLocks[path] = errno == Errno.EAGAIN;
            if (errno == Errno.EAGAIN)
            {
                return;
            }
        }
        else
        {
            second.Dispose();
        }

        locked.Dispose();
        throw new IOException(
            $"The lock on '{path}' does not keep other processes out here (is DOTNET_SYSTEM_IO_DISABLEFILELOCKING set, or does this file system have no locks?): the portable platform locks by opening with FileShare.None, so the store refuses to write rather than write unlocked",
            Errno.ENOLCK);
    }
}
