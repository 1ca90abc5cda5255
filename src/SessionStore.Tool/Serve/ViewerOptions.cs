using System.Net;

namespace SessionStore.Tool.Serve;

/// <summary>
/// How <c>sessions serve</c> runs: the address and port it binds, whether it needs the access token (whenever
/// <c>--host</c> is given: the one path that can expose the store beyond this machine's loopback), and whether it
/// may change the store (<c>--allow-write</c>).
/// </summary>
internal sealed record ViewerOptions(IPAddress Address, int Port, bool TokenRequired, bool AllowWrite)
{
    /// <summary>The loopback address the viewer binds by default.</summary>
    internal static readonly IPAddress DefaultAddress = IPAddress.Loopback;

    /// <summary>The port it binds by default (0 picks any free port).</summary>
    internal const int DefaultPort = 5790;

    /// <summary>Whether the address is every interface (0.0.0.0 or ::), where no one Host header names it.</summary>
    internal bool Wildcard => Address.Equals(IPAddress.Any) || Address.Equals(IPAddress.IPv6Any);
}
