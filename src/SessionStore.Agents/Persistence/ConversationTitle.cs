using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Persistence;

/// <summary>The title a conversation gets from its first user message when nobody gave it one.</summary>
internal static class ConversationTitle
{
    internal const int MaxLength = 100;

    /// <summary>The first line of the first user message with text, at most <see cref="MaxLength"/> characters; null when there is none.</summary>
    internal static string? From(IEnumerable<ChatMessage> messages)
    {
        foreach (ChatMessage message in messages)
        {
            if (message.Role == ChatRole.User && message.Text is { Length: > 0 } text)
            {
                ReadOnlySpan<char> line = text.AsSpan().Trim();
                int end = line.IndexOfAny('\r', '\n');
                line = (end < 0 ? line : line[..end]).TrimEnd();
                if (line.Length > MaxLength)
                {
                    // Never split a surrogate pair: the title must be valid UTF-16 to be stored.
                    int cut = char.IsLowSurrogate(line[MaxLength]) ? MaxLength - 1 : MaxLength;
                    return string.Concat(line[..cut], "…");
                }

                if (line.Length > 0)
                {
                    return line.ToString();
                }
            }
        }

        return null;
    }
}
