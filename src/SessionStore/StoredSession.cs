using System.Text;

namespace SessionStore;

/// <summary>
/// A session in the reference format: an id, the conversation's messages and its token counts.
/// </summary>
/// <remarks>
/// Equality is by value: two sessions with the same id, the same messages in the same order and the
/// same counts are equal and have the same hash code. The message list is not copied; do not change
/// a list after handing it to a session.
/// </remarks>
/// <param name="SessionId">The session's id; see <see cref="SessionIdRules"/>.</param>
/// <param name="Messages">The messages, oldest first; none is <see langword="null"/>.</param>
/// <param name="InputTokens">The number of input tokens used so far; never negative.</param>
/// <param name="OutputTokens">The number of output tokens produced so far; never negative.</param>
public sealed record StoredSession(string SessionId, IReadOnlyList<string> Messages, long InputTokens, long OutputTokens)
{
    /// <inheritdoc />
    public bool Equals(StoredSession? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null
            && string.Equals(SessionId, other.SessionId, StringComparison.Ordinal)
            && InputTokens == other.InputTokens
            && OutputTokens == other.OutputTokens
            && MessagesEqual(Messages, other.Messages);
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(SessionId, StringComparer.Ordinal);
        hash.Add(InputTokens);
        hash.Add(OutputTokens);
        if (Messages is not null)
        {
            hash.Add(Messages.Count);
            foreach (string message in Messages)
            {
                hash.Add(message, StringComparer.Ordinal);
            }
        }

        return hash.ToHashCode();
    }

    /// <summary>
    /// Checks what every store requires of a session: a valid id, a message list with no
    /// <see langword="null"/> and no string that is not valid UTF-16, and token counts that are not negative.
    /// </summary>
    /// <exception cref="ArgumentException">The session breaks one of these rules (an <see cref="InvalidSessionIdException"/> for the id).</exception>
    public void Validate()
    {
        InvalidSessionIdException.ThrowIfInvalid(SessionId, "session");
        if (Messages is null)
        {
            throw new ArgumentException("The session's messages are missing.", "session");
        }

        for (int i = 0; i < Messages.Count; i++)
        {
            string message = Messages[i];
            if (message is null)
            {
                throw new ArgumentException($"The session's message {i} is null.", "session");
            }

            if (HasLoneSurrogate(message))
            {
                // JSON writers replace a lone surrogate with U+FFFD: refuse rather than lose the character silently.
                throw new ArgumentException($"The session's message {i} is not valid UTF-16 (it holds a lone surrogate).", "session");
            }
        }

        if (InputTokens < 0 || OutputTokens < 0)
        {
            throw new ArgumentException($"The session's token counts must not be negative (input {InputTokens}, output {OutputTokens}).", "session");
        }
    }

    internal static bool HasLoneSurrogate(string text)
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

    private static bool MessagesEqual(IReadOnlyList<string>? left, IReadOnlyList<string>? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null || left.Count != right.Count)
        {
            return false;
        }

        for (int i = 0; i < left.Count; i++)
        {
            if (!string.Equals(left[i], right[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("SessionId = ").Append(SessionId)
            .Append(", Messages = [").Append(Messages?.Count ?? 0).Append(" messages]")
            .Append(", InputTokens = ").Append(InputTokens)
            .Append(", OutputTokens = ").Append(OutputTokens);
        return true;
    }
}
