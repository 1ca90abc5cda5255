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
