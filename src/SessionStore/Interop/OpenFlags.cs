using System.Runtime.InteropServices;

namespace SessionStore.Interop;

/// <summary>
/// <c>open(2)</c> flags. Most are the same on every Linux architecture; <c>O_DIRECTORY</c> and
/// <c>O_NOFOLLOW</c> differ on ARM.
/// </summary>
internal static class OpenFlags
{
    internal const int ReadOnly = 0;
    internal const int WriteOnly = 1;
    internal const int ReadWrite = 2;
    internal const int Create = 0x40;
    internal const int Exclusive = 0x80;
    internal const int NoControllingTerminal = 0x100;
    internal const int NonBlocking = 0x800;
    internal const int CloseOnExec = 0x80000;

    private static readonly bool Arm = RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64;

    internal static readonly int Directory = Arm ? 0x4000 : 0x10000;
    internal static readonly int NoFollow = Arm ? 0x8000 : 0x20000;

    /// <summary>What every open of a store file adds: never follow a link, never block on a FIFO or device, never leak to a child.</summary>
    internal static readonly int Safe = NoFollow | NonBlocking | NoControllingTerminal | CloseOnExec;
}
