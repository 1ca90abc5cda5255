namespace SessionStore.Storage.Platform;

/// <summary>What <see cref="StorePlatform.Flock"/> does: <c>flock(2)</c>'s operations, which the portable platform emulates (see <see cref="PortablePlatform"/>).</summary>
internal static class LockOperation
{
    internal const int Shared = 1;
    internal const int Exclusive = 2;
    internal const int NonBlocking = 4;
    internal const int Unlock = 8;
}
