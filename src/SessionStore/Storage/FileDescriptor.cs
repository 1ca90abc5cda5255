using System.Runtime.InteropServices;
using SessionStore.Interop;

namespace SessionStore.Storage;

/// <summary>An open file descriptor, closed exactly once (also by the finalizer if a caller forgets).</summary>
internal sealed class FileDescriptor : SafeHandle
{
    internal FileDescriptor(int fd)
        : base(-1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle < 0;

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
