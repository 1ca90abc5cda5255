using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using SessionStore.Interop;
using SessionStore.Storage.Platform;

namespace SessionStore.Storage;

/// <summary>
/// Thin, checked wrappers over <see cref="Libc"/>: every failure is an <see cref="IOException"/> carrying
/// the errno (see <see cref="ErrnoException"/>), every call that can be interrupted is retried. The hardened
/// platform (<see cref="LinuxPlatform"/>) is built on them; nothing else calls them.
/// </summary>
[SupportedOSPlatform("linux")]
internal static unsafe class Posix
{
    private const uint PrivateFile = StorePlatform.PrivateFile;

    /// <summary>Opens a file without following a link; null with <paramref name="errno"/> set when it cannot.</summary>
    internal static FileDescriptor? TryOpen(string path, int flags, out int errno, uint mode = PrivateFile)
    {
        int fd;
        do
        {
            fd = Libc.Open(path, flags | OpenFlags.Safe, mode);
            errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        }
        while (fd < 0 && errno == Errno.EINTR);
        return fd < 0 ? null : new LinuxFileDescriptor(fd);
    }

    /// <inheritdoc cref="TryOpen(string, int, out int, uint)"/>
    internal static FileDescriptor? TryOpenAt(FileDescriptor directory, string name, int flags, out int errno, uint mode = PrivateFile)
    {
        int fd;
        do
        {
            fd = Libc.OpenAt(directory, name, flags | OpenFlags.Safe, mode);
            errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        }
        while (fd < 0 && errno == Errno.EINTR);
        return fd < 0 ? null : new LinuxFileDescriptor(fd);
    }

    internal static StatxBuffer Stat(FileDescriptor fd, string path)
    {
        if (Libc.Statx(fd, "", Libc.AT_EMPTY_PATH, Libc.STATX_BASIC_STATS | Libc.STATX_BTIME, out StatxBuffer status) != 0)
        {
            throw ErrnoException.FromLastError($"reading the status of '{path}'");
        }

        return status;
    }

    /// <summary>The status of the entry at <paramref name="path"/> itself (a link is not followed); false when there is none.</summary>
    internal static bool TryStatEntry(string path, out StatxBuffer status, out int errno)
    {
        bool found = Libc.Statx(Libc.AT_FDCWD, path, Libc.AT_SYMLINK_NOFOLLOW, Libc.STATX_BASIC_STATS, out status) == 0;
        errno = found ? 0 : Marshal.GetLastPInvokeError();
        return found;
    }

    /// <summary>The status of <paramref name="path"/>, following links; false when there is none.</summary>
    internal static bool TryStat(string path, out StatxBuffer status, out int errno)
    {
        bool found = Libc.Statx(Libc.AT_FDCWD, path, 0, Libc.STATX_BASIC_STATS, out status) == 0;
        errno = found ? 0 : Marshal.GetLastPInvokeError();
        return found;
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the file ends; returns the bytes read.</summary>
    internal static int ReadAt(FileDescriptor fd, Span<byte> buffer, long offset, string path)
    {
        int total = 0;
        int read;
        while (total < buffer.Length && (read = ReadOnce(fd, buffer[total..], offset + total, path)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>One <c>pread</c> (retried when interrupted): fewer bytes than asked only at the file's end.</summary>
    internal static int ReadOnce(FileDescriptor fd, Span<byte> buffer, long offset, string path)
    {
        fixed (byte* start = buffer)
        {
            while (true)
            {
                nint read = Libc.PRead(fd, start, (nuint)buffer.Length, offset);
                if (read >= 0)
                {
                    return (int)read;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                {
                    throw ErrnoException.FromErrno(errno, $"reading '{path}'");
                }
            }
        }
    }

    internal static void WriteAt(FileDescriptor fd, ReadOnlySpan<byte> content, long offset, string path)
    {
        fixed (byte* start = content)
        {
            int written = 0;
            while (written < content.Length)
            {
                nint count = Libc.PWrite(fd, start + written, (nuint)(content.Length - written), offset + written);
                if (count < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == Errno.EINTR)
                    {
                        continue;
                    }

                    throw ErrnoException.FromErrno(errno, $"writing '{path}'");
                }

                written += (int)count;
            }
        }
    }

    internal static void Sync(FileDescriptor fd, string path)
    {
        if (Libc.FSync(fd) != 0)
        {
            throw ErrnoException.FromLastError($"flushing '{path}' to disk");
        }
    }

    internal static void Truncate(FileDescriptor fd, long length, string path)
    {
        if (Libc.FTruncate(fd, length) != 0)
        {
            throw ErrnoException.FromLastError($"setting the length of '{path}'");
        }
    }

    internal static void ChangeMode(FileDescriptor fd, uint mode, string path)
    {
        if (Libc.FChmod(fd, mode) != 0)
        {
            throw ErrnoException.FromLastError($"changing the mode of '{path}'");
        }
    }

    /// <summary>Takes or drops an advisory lock; false when <c>LOCK_NB</c> was given and another holder has it.</summary>
    internal static bool Flock(FileDescriptor fd, int operation, string path)
    {
        while (Libc.Flock(fd, operation) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Errno.EAGAIN)
            {
                return false;
            }

            if (errno != Errno.EINTR)
            {
                throw ErrnoException.FromErrno(errno, $"locking '{path}'");
            }
        }

        return true;
    }

    /// <summary>Makes a directory's entries (a rename, a new or removed file) durable.</summary>
    /// <summary>
    /// Sets a directory's last write time to now, so that whoever compares its stamp (an index) sees that a file in it
    /// changed in place, which changes no entry of the directory. Best effort: a directory this process may not touch is left.
    /// </summary>
    internal static void TouchDirectory(string directory) => _ = Libc.UtimensAt(Libc.AT_FDCWD, directory, 0, 0);

    internal static void SyncDirectory(string directory)
    {
        using FileDescriptor fd = TryOpen(directory, OpenFlags.ReadOnly | OpenFlags.Directory, out int errno)
            ?? throw ErrnoException.FromErrno(errno, $"opening directory '{directory}' to flush it");
        Sync(fd, directory);
    }
}
