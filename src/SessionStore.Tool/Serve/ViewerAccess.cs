using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace SessionStore.Tool.Serve;

/// <summary>
/// Who may talk to the viewer: the Host names that are this server (the DNS-rebinding defence: a page of another
/// site that resolves its own name to 127.0.0.1 sends its own name), the access token when one is required (random
/// per run, compared in constant time), and the per-run anti-CSRF token every write must carry in a header.
/// </summary>
internal sealed class ViewerAccess
{
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly byte[] _token;
    private readonly byte[] _csrf;

    internal ViewerAccess(ViewerOptions options)
    {
        Options = options;
        Token = NewToken();
        CsrfToken = NewToken();
        _token = Encoding.UTF8.GetBytes(Token);
        _csrf = Encoding.UTF8.GetBytes(CsrfToken);
    }

    internal ViewerOptions Options { get; }

    /// <summary>The access token (in the URL printed at start when <see cref="ViewerOptions.TokenRequired"/>).</summary>
    internal string Token { get; }

    /// <summary>The anti-CSRF token: the page reads it from <c>/api/info</c> (same origin only) and sends it with each write.</summary>
    internal string CsrfToken { get; }

    /// <summary>The port bound, once the server has started (the one asked for, or the one picked for port 0).</summary>
    internal int Port { get; private set; }

    /// <summary>The name of the cookie that carries the token after its first use: one per port, as cookies ignore ports.</summary>
    internal string CookieName => "sessions_viewer_" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The address to print and open.</summary>
    internal string BaseUrl
    {
        get
        {
            string host = Options.Wildcard ? "127.0.0.1" : HostName(Options.Address);
            return $"http://{host}:{Port.ToString(CultureInfo.InvariantCulture)}/";
        }
    }

    /// <summary>Records the bound port and the Host values that name this server.</summary>
    internal void Started(int port)
    {
        Port = port;
        string p = ":" + port.ToString(CultureInfo.InvariantCulture);
        _hosts.Add(HostName(Options.Address) + p);
        if (IPAddress.IsLoopback(Options.Address))
        {
            // The one name a page of another site cannot make its own: browsers resolve localhost to loopback themselves.
            _hosts.Add("localhost" + p);
        }
    }

    /// <summary>Whether the request's Host header names this server. On every interface (0.0.0.0) any name may: the token guards it.</summary>
    internal bool IsOwnHost(string? host) => Options.Wildcard || (host is not null && _hosts.Contains(host));

    /// <summary>Constant-time comparison with the access token.</summary>
    internal bool IsToken(string? candidate) => Matches(_token, candidate);

    /// <summary>Constant-time comparison with the anti-CSRF token.</summary>
    internal bool IsCsrfToken(string? candidate) => Matches(_csrf, candidate);

    private static bool Matches(byte[] expected, string? candidate)
    {
        if (candidate is null || candidate.Length > 256)
        {
            return false;
        }

        byte[] given = Encoding.UTF8.GetBytes(candidate);
        return given.Length == expected.Length && CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private static string HostName(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
}
