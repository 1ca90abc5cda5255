using System.Runtime.Versioning;
using SessionStore.Interop;

namespace SessionStore.Storage.Platform;

/// <summary>An open Linux file descriptor.</summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxFileDescriptor : FileDescriptor
{
    internal LinuxFileDescriptor(int fd)
        : base(-1) => SetHandle(fd);

    public override bool IsInvalid => handle < 0;

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
