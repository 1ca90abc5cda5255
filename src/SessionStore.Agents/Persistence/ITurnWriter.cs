using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Persistence;

/// <summary>
/// The one seam through which this library persists a turn: "append these messages (and this usage) to
/// conversation X". Every writer here (<see cref="SessionStoreChatHistoryProvider"/>, <see cref="SessionStoreChatClient"/>)
/// goes through it, and <see cref="TurnWriter.For"/> picks the implementation.
/// </summary>
internal interface ITurnWriter
{
    /// <summary>
    /// Appends <paramref name="messages"/> to the conversation (created when absent) and adds <paramref name="usage"/> to its totals;
    /// atomically, under the store's lock. <paramref name="conversationId"/> is the application's id, free-form: it is stored
    /// under <see cref="ConversationIds.ToSessionId"/> of it, and kept in <see cref="ChatConversation.ConversationId"/> when that differs.
    /// </summary>
    ValueTask AppendAsync(string conversationId, IReadOnlyList<ChatMessage> messages, UsageDetails? usage, CancellationToken cancellationToken);
}
