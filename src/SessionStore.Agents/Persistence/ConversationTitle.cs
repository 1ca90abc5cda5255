using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Persistence;

/// <summary>The title a conversation gets from its first user message when nobody gave it one.</summary>
internal static class ConversationTitle
{
    /// <summary>The first line of the first user message with text, at most <see cref="SessionText.MaxTitleLength"/> characters (the one rule of every catalog); null when there is none.</summary>
    internal static string? From(IEnumerable<ChatMessage> messages)
    {
        foreach (ChatMessage message in messages)
        {
            if (message.Role == ChatRole.User && SessionText.TitleFrom(message.Text) is { Length: > 0 } title)
            {
                return title;
            }
        }

        return null;
    }
}
