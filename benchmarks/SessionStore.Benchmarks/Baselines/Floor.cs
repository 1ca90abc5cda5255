using System.Runtime.InteropServices;

namespace SessionStore.Benchmarks.Baselines;

/// <summary>
/// What the disk costs: the same bytes our store writes, to a temp file in the same directory, fsynced,
/// renamed over the target, the directory fsynced; no serialization. Nothing can be faster and as safe.
/// </summary>
public static partial class Floor
{
    public static void Write(string directory, string name, ReadOnlySpan<byte> bytes, bool durable)
    {
        string target = Path.Join(directory, name);
        string temp = Path.Join(directory, "." + name + ".floor.tmp");
        using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, BufferSize = 0 }))
        {
            stream.Write(bytes);
            if (durable)
            {
                stream.Flush(flushToDisk: true);
            }
        }

        File.Move(temp, target, overwrite: true);
        if (durable)
        {
            int fd = Open(directory, 0);
            _ = FSync(fd);
            _ = Close(fd);
        }
    }

    public static byte[] Read(string directory, string name) => File.ReadAllBytes(Path.Join(directory, name));

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
