using SessionStore.Serialization;

namespace SessionStore;

/// <summary>
/// Stores <see cref="StoredSession"/>s in the reference's format (<c>.port_sessions/&lt;id&gt;.json</c>,
/// snake_case, two-space indentation), so the Python module and this store read each other's files.
/// </summary>
public sealed class FileSessionStore : FileSessionStore<StoredSession>
{
    /// <summary>The directory used when none is given, relative to the current directory.</summary>
    public const string DefaultDirectory = ".port_sessions";

    /// <summary>Creates a store over <see cref="DefaultDirectory"/> in the current directory.</summary>
    public FileSessionStore()
        : this(DefaultDirectory)
    {
    }

    /// <summary>Creates a store over <paramref name="directory"/> with default options.</summary>
    /// <param name="directory">The directory that holds the sessions; created on the first save.</param>
    public FileSessionStore(string directory)
        : this(directory, new FileSessionStoreOptions())
    {
    }

    /// <summary>Creates a store over <paramref name="directory"/>.</summary>
    /// <param name="directory">The directory that holds the sessions; created on the first save.</param>
    /// <param name="options">Durability and limits; copied, so later changes do not affect this store.</param>
    public FileSessionStore(string directory, FileSessionStoreOptions options)
        : base(directory, SessionJsonContext.Default.StoredSession, static session => session.SessionId, options)
    {
    }

    /// <summary>
    /// Refuses a session whose message list is missing or holds a null or a string that is not valid
    /// UTF-16, or whose token counts are negative.
    /// </summary>
    /// <param name="session">The session to check.</param>
    /// <exception cref="ArgumentException">The session is not valid.</exception>
    protected override void ValidateSession(StoredSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Messages is null)
        {
            throw new ArgumentException("The session's messages are missing.", nameof(session));
        }

        for (int i = 0; i < session.Messages.Count; i++)
        {
            string message = session.Messages[i];
            if (message is null)
            {
                throw new ArgumentException($"The session's message {i} is null.", nameof(session));
            }

            if (HasLoneSurrogate(message))
            {
                // JSON writers replace a lone surrogate with U+FFFD: refuse rather than lose the character silently.
                throw new ArgumentException($"The session's message {i} is not valid UTF-16 (it holds a lone surrogate).", nameof(session));
            }
        }

        if (session.InputTokens < 0 || session.OutputTokens < 0)
        {
            throw new ArgumentException(
                $"The session's token counts must not be negative (input {session.InputTokens}, output {session.OutputTokens}).", nameof(session));
        }
    }

    private static bool HasLoneSurrogate(string text)
    {
        ReadOnlySpan<char> rest = text;
        int index;
        while ((index = rest.IndexOfAnyInRange('\uD800', '\uDFFF')) >= 0)
        {
            if (!char.IsHighSurrogate(rest[index]) || index + 1 >= rest.Length || !char.IsLowSurrogate(rest[index + 1]))
            {
                return true;
            }

            rest = rest[(index + 2)..];
        }

        return false;
    }
}
