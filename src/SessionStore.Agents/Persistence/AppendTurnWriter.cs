using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Persistence;

/// <summary>
/// Appends a turn with the store's typed append (<see cref="ISessionAppender{TSession}"/>): the new messages are added to
/// the conversation's stored list and its usage and times updated, without reading or writing the earlier messages, so a
/// turn costs O(delta) however long the conversation is. Atomic and serialised under the store's lock like an update.
/// </summary>
internal sealed class AppendTurnWriter(ISessionAppender<ChatConversation> store, TimeProvider timeProvider) : ITurnWriter
{
    public ValueTask AppendAsync(string conversationId, IReadOnlyList<ChatMessage> messages, UsageDetails? usage, CancellationToken cancellationToken)
    {
        if (messages.Count == 0 && usage is null)
        {
            return ValueTask.CompletedTask;
        }

        DateTimeOffset now = timeProvider.GetUtcNow();
        string id = ConversationIds.ToSessionId(conversationId);
        string? external = id == conversationId ? null : conversationId;
        return store.AppendAsync(id, messages, (conversation, _) => Totals(conversation, usage, now, external), cancellationToken);
    }

    /// <summary>The conversation (without its messages: the store passes none) with this turn's usage and time.</summary>
    private static ChatConversation Totals(ChatConversation conversation, UsageDetails? usage, DateTimeOffset now, string? external)
    {
        conversation.ConversationId ??= external;
        conversation.Usage = ReportedUsage.Sum(conversation.Usage, usage);
        if (conversation.CreatedAt == default)
        {
            conversation.CreatedAt = now;
        }

        conversation.UpdatedAt = now;
        return conversation;
    }
}
