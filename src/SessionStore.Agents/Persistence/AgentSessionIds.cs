using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Agents.AI;

namespace SessionStore.Agents.Persistence;

/// <summary>
/// Maps an agent session's identity (agent name, <see cref="AgentSessionStoreKey.SessionId"/>, partitions) to one
/// valid store id. A bare, valid session id with no agent name and no partitions is used as it is; anything else
/// becomes <c>k</c> + 32 hex digits of the SHA-256 of the whole identity, then <c>.</c> and a readable remnant of the
/// session id. A verbatim id that looks like a hashed one is hashed too, so the two forms never meet.
/// </summary>
internal static class AgentSessionIds
{
    private const int ReadableLength = 80;
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    internal static string For(string? agentName, AgentSessionStoreKey key) =>
        agentName is null && key.Partitions is null ? ForFreeForm(key.SessionId) : Hashed(Canonical(agentName, key), key.SessionId);

    /// <summary>
    /// A free-form id (a MEAI conversation id, an e-mail address, a path-like user id) as a valid store id: itself
    /// when it is one (and not in the hashed form), otherwise hashed, exactly as a bare <see cref="AgentSessionStoreKey"/> is.
    /// </summary>
    internal static string ForFreeForm(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return SessionIdRules.IsValid(id) && !LooksHashed(id) ? id : Hashed(Canonical(null, id, null), id);
    }

    private static string Hashed(string canonical, string sessionId)
    {
        string id = "k" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)).AsSpan(0, 16));
        string readable = Readable(sessionId);
        return readable.Length == 0 ? id : id + "." + readable;
    }

    internal static bool Matches(StoredAgentSession stored, string? agentName, AgentSessionStoreKey key) =>
        string.Equals(stored.AgentName, agentName, StringComparison.Ordinal) && stored.ToKey().Equals(key);

    private static bool LooksHashed(string id) =>
        id.Length >= 33 && id[0] == 'k' && !id.AsSpan(1, 32).ContainsAnyExcept(LowerHex) && (id.Length == 33 || id[33] == '.');

    // Length-prefixed fields: no two identities share a string, whatever characters they hold.
    private static string Canonical(string? agentName, AgentSessionStoreKey key) => Canonical(agentName, key.SessionId, key.Partitions);

    private static string Canonical(string? agentName, string sessionId, IReadOnlyDictionary<string, string>? partitions)
    {
        var text = new StringBuilder();
        Field(text, agentName is null ? "-" : "a" + agentName);
        Field(text, sessionId);
        foreach (KeyValuePair<string, string> partition in (partitions ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Field(text, partition.Key);
            Field(text, partition.Value);
        }

        return text.ToString();

        static void Field(StringBuilder text, string value) =>
            text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
    }

    private static string Readable(string sessionId)
    {
        var text = new StringBuilder(Math.Min(sessionId.Length, ReadableLength));
        foreach (char c in sessionId)
        {
            if (text.Length == ReadableLength)
            {
                break;
            }

            text.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return text.ToString().Trim('.');
    }
}
