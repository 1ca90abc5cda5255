namespace SessionStore;

/// <summary>
/// Thrown by every store member, before any file system access, when an id breaks the rules of
/// <see cref="SessionIdRules"/>.
/// </summary>
public sealed class InvalidSessionIdException : ArgumentException, ISessionError
{
    /// <summary>Creates the exception for an id that breaks the rules.</summary>
    /// <param name="sessionId">The refused id (may be <see langword="null"/>).</param>
    /// <param name="paramName">The name of the parameter that held it.</param>
    public InvalidSessionIdException(string? sessionId, string? paramName)
        : base(BuildMessage(sessionId), paramName)
    {
        SessionId = sessionId;
    }

    /// <summary>The refused id, exactly as it was given.</summary>
    public string? SessionId { get; }

    /// <summary>Always <see langword="null"/>: the id is refused before the store touches anything.</summary>
    SessionLocation? ISessionError.Location => null;

    internal static void ThrowIfInvalid(string? sessionId, string? paramName)
    {
        if (!SessionIdRules.IsValid(sessionId))
        {
            throw new InvalidSessionIdException(sessionId, paramName);
        }
    }

    private static string BuildMessage(string? sessionId)
    {
        string shown = sessionId is null ? "null" : "'" + Truncate(sessionId) + "'";
        return $"Session id {shown} is not valid: {SessionIdRules.GetViolation(sessionId) ?? "unknown rule"}.";
    }

    private static string Truncate(string id) => id.Length <= 160 ? id : string.Concat(id.AsSpan(0, 160), "…");
}
