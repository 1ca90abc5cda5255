using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Persistence;

/// <summary>
/// Appends a turn with the store's typed append (<see cref="ISessionAppender{TSession}"/>): the new messages are added to
/// the conversation's stored list and its usage, message count, title and times updated, without reading or writing the earlier
/// messages, so a turn costs O(delta) however long the conversation is. Atomic and serialised under the store's lock like an update.
/// </summary>
/// <remarks>
/// A branch-checked turn compares the branch point with <see cref="ChatConversation.MessageCount"/>; when a conversation
/// written by an earlier version has none, that one turn goes through <paramref name="update"/>, which counts the messages
/// and records the total.
/// </remarks>
internal sealed class AppendTurnWriter(ISessionAppender<ChatConversation> store, UpdateTurnWriter update, TimeProvider timeProvider) : ITurnWriter
{
    public async ValueTask<bool> AppendAsync(string conversationId, int? branchPoint, IReadOnlyList<ChatMessage> messages, UsageDetails? usage, CancellationToken cancellationToken)
    {
        if (messages.Count == 0 && usage is null)
        {
            return true;
        }

        DateTimeOffset now = timeProvider.GetUtcNow();
        string id = ConversationIds.ToSessionId(conversationId);
        string? external = id == conversationId ? null : conversationId;
        try
        {
            await store.AppendAsync(id, messages, (conversation, added) => Totals(conversation, branchPoint, added, usage, now, external), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConversationMovedException moved) when (moved.StoredCount is null)
        {
            return await update.AppendAsync(conversationId, branchPoint, messages, usage, cancellationToken).ConfigureAwait(false);
        }
        catch (ConversationMovedException)
        {
            return false;
        }
    }

    /// <summary>The conversation (without its messages: the store passes none) with this turn's count, usage and time.</summary>
    private static ChatConversation Totals(ChatConversation conversation, int? branchPoint, IReadOnlyList<ChatMessage> added, UsageDetails? usage, DateTimeOffset now, string? external)
    {
        if (branchPoint is { } expected && conversation.MessageCount != expected)
        {
            throw new ConversationMovedException(conversation.MessageCount);
        }

        conversation.ConversationId ??= external;
        conversation.MessageCount += added.Count;
        conversation.Title ??= ConversationTitle.From(added);
        conversation.Usage = ReportedUsage.Sum(conversation.Usage, usage);
        if (conversation.CreatedAt == default)
        {
            conversation.CreatedAt = now;
        }

        conversation.UpdatedAt = now;
        return conversation;
    }
}
