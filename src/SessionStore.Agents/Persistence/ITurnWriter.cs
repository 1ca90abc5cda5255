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
    /// <param name="conversationId">The application's id of the conversation.</param>
    /// <param name="branchPoint">
    /// Append only if the conversation holds exactly this many messages (an absent one holds none); <see langword="null"/>: append
    /// whatever it holds.
    /// </param>
    /// <param name="messages">The turn.</param>
    /// <param name="usage">The turn's usage, if reported.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock, or the write before it starts.</param>
    /// <returns><see langword="false"/> when the conversation does not end at <paramref name="branchPoint"/>: nothing was written.</returns>
    ValueTask<bool> AppendAsync(string conversationId, int? branchPoint, IReadOnlyList<ChatMessage> messages, UsageDetails? usage, CancellationToken cancellationToken);
}
