using System.Runtime.InteropServices;

namespace SessionStore.Interop;

/// <summary><c>link(2)</c>: the one way to move a file onto a name only if that name is free, atomically.</summary>
internal static partial class Libc
{
    internal const int EEXIST = 17;

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Link(string existingPath, string newPath);
}
