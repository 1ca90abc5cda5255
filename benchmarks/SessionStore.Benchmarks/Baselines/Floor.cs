using System.Runtime.InteropServices;

namespace SessionStore.Benchmarks.Baselines;

/// <summary>
/// What the disk costs, in the fewest system calls: the same bytes our store writes, to a temp file in
/// the same directory (open, write, close), renamed over the target, with fsyncs of the file and the
/// directory when durable; a read is open, fstat, one read of the file's size, close. No serialization,
/// no lock, no check. Nothing can be faster and as safe.
/// </summary>
public static unsafe partial class Floor
{
    private const int WriteCreateTruncate = 0x1 | 0x40 | 0x200 | 0x80000; // O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
    private const int ReadOnly = 0x80000;                                  // O_RDONLY | O_CLOEXEC

    public static void Write(string directory, string name, ReadOnlySpan<byte> bytes, bool durable)
    {
        string target = Path.Join(directory, name);
        string temp = Path.Join(directory, "." + name + ".floor.tmp");
        int fd = Check(Open(temp, WriteCreateTruncate, 0x180));
        fixed (byte* start = bytes)
        {
            Check((int)PWrite(fd, start, (nuint)bytes.Length, 0));
        }

        if (durable)
        {
            Check(FSync(fd));
        }

        Check(Close(fd));
        Check(Rename(temp, target));
        if (durable)
        {
            int dir = Check(Open(directory, ReadOnly, 0));
            Check(FSync(dir));
            Check(Close(dir));
        }
    }

    public static byte[] Read(string directory, string name)
    {
        int fd = Check(Open(Path.Join(directory, name), ReadOnly, 0));
        try
        {
            byte[] bytes = new byte[StatSize(fd)];
            fixed (byte* start = bytes)
            {
                Check((int)PRead(fd, start, (nuint)bytes.Length, 0));
            }

            return bytes;
        }
        finally
        {
            Check(Close(fd));
        }
    }

    private static long StatSize(int fd)
    {
        byte* statx = stackalloc byte[256];
        Check(Statx(fd, "", 0x1000 /* AT_EMPTY_PATH */, 0x200 /* STATX_SIZE */, statx));
        return *(long*)(statx + 40);
    }

    private static int Check(int result) => result >= 0 ? result : throw new IOException("errno " + Marshal.GetLastPInvokeError());

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static partial nint PWrite(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static partial nint PRead(int fd, byte* buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int fd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Rename(string from, string to);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
