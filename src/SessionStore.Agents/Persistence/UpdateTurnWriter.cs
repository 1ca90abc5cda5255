using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Persistence;

/// <summary>
/// Appends a turn with the store's atomic <see cref="ISessionStore{TSession}.UpdateAsync"/>: read the whole
/// conversation, add the turn, write the whole conversation back, under the store's cross-process lock.
/// </summary>
/// <remarks>
/// O(n) in the size of the conversation per turn (O(n²) over a conversation): the fallback for stores that
/// cannot append typed items (a backend without <see cref="ISessionAppender{TSession}"/>, or one built from a
/// descriptor that does not declare the messages as its growing list; see <see cref="TurnWriter.For"/>), and for the
/// first branch-checked turn of a conversation whose <see cref="ChatConversation.MessageCount"/> is unknown.
/// Nothing is lost and concurrent writers never overwrite each other, but every turn rewrites the whole conversation.
/// </remarks>
internal sealed class UpdateTurnWriter(ISessionStore<ChatConversation> store, TimeProvider timeProvider) : ITurnWriter
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
            _ = await store.UpdateAsync(id, current => Appended(id, external, current, branchPoint, messages, usage, now), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConversationMovedException)
        {
            return false;
        }
    }

    private static ChatConversation Appended(string id, string? external, ChatConversation? current, int? branchPoint, IReadOnlyList<ChatMessage> messages, UsageDetails? usage, DateTimeOffset now)
    {
        int stored = current?.Messages.Count ?? 0;
        if (branchPoint is { } expected && stored != expected)
        {
            throw new ConversationMovedException(stored);
        }

        return new ChatConversation(id)
        {
            ConversationId = current?.ConversationId ?? external,
            Messages = current is null ? [.. messages] : [.. current.Messages, .. messages],
            MessageCount = stored + messages.Count,
            Title = current?.Title ?? ConversationTitle.From(messages),
            Usage = ReportedUsage.Sum(current?.Usage, usage),
            CreatedAt = current?.CreatedAt ?? now,
            UpdatedAt = now,
            ForkedFrom = current?.ForkedFrom,
            AdditionalProperties = current?.AdditionalProperties,
        };
    }
}
