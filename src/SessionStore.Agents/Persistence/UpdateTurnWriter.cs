using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Persistence;

/// <summary>
/// Appends a turn with the store's atomic <see cref="ISessionStore{TSession}.UpdateAsync"/>: read the whole
/// conversation, add the turn, write the whole conversation back, under the store's cross-process lock.
/// </summary>
/// <remarks>
/// O(n) in the size of the conversation per turn (O(n²) over a conversation), unlike the store's own
/// <c>StoredSession</c> append: only the seed's reference format can append today. Nothing is lost and
/// concurrent writers never overwrite each other, but a 10,000-turn conversation rewrites all of it on
/// every turn. Replaced by typed append once stores offer it (see <see cref="TurnWriter.For"/>).
/// </remarks>
internal sealed class UpdateTurnWriter(ISessionStore<ChatConversation> store, TimeProvider timeProvider) : ITurnWriter
{
    public async ValueTask AppendAsync(string conversationId, IReadOnlyList<ChatMessage> messages, UsageDetails? usage, CancellationToken cancellationToken)
    {
        if (messages.Count == 0 && usage is null)
        {
            return;
        }

        DateTimeOffset now = timeProvider.GetUtcNow();
        _ = await store.UpdateAsync(conversationId, current => Appended(conversationId, current, messages, usage, now), cancellationToken).ConfigureAwait(false);
    }

    private static ChatConversation Appended(string id, ChatConversation? current, IReadOnlyList<ChatMessage> messages, UsageDetails? usage, DateTimeOffset now)
    {
        var next = new ChatConversation(id)
        {
            Messages = current is null ? [.. messages] : [.. current.Messages, .. messages],
            Usage = Sum(current?.Usage, usage),
            CreatedAt = current?.CreatedAt ?? now,
            UpdatedAt = now,
            AdditionalProperties = current?.AdditionalProperties,
        };
        return next;
    }

    private static UsageDetails? Sum(UsageDetails? total, UsageDetails? added)
    {
        if (added is null)
        {
            return total;
        }

        var sum = new UsageDetails();
        if (total is not null)
        {
            sum.Add(total);
        }

        sum.Add(added);
        return sum;
    }
}
