using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Persistence;

/// <summary>
/// Reads what a turn sends as history: a conversation's messages up to a branch point, at most the last N of them. From a
/// store that reads windows (<see cref="ISessionItemReader{TSession}"/>) that costs O(N), not O(conversation); any other
/// store is read whole.
/// </summary>
internal static class HistoryReader
{
    /// <summary>
    /// The messages before <paramref name="branchPoint"/> (all when null, or when the conversation holds fewer), the last
    /// <paramref name="window"/> of them (all when null), and how many messages the conversation holds.
    /// </summary>
    internal static async ValueTask<(List<ChatMessage> Messages, int Count)> ReadAsync(
        ISessionStore<ChatConversation> store, string storeId, int? branchPoint, int? window, CancellationToken cancellationToken)
    {
        if (window is { } last && store is ISessionItemReader<ChatConversation> reader && store is ISessionAppender<ChatConversation> appender && appender.CanAppend<ChatMessage>())
        {
            SessionItemsWindow<ChatConversation, ChatMessage>? tail = await reader.TryReadLastItemsAsync<ChatMessage>(storeId, last, cancellationToken).ConfigureAwait(false);
            if (tail is null)
            {
                return ([], 0);
            }

            if ((tail.IsComplete ? tail.Items.Count : tail.Session.MessageCount) is { } count)
            {
                int after = branchPoint is { } point && point <= count ? count - point : 0;
                if (after > 0)
                {
                    tail = await reader.TryReadLastItemsAsync<ChatMessage>(storeId, last + after, cancellationToken).ConfigureAwait(false);
                    if (tail is null)
                    {
                        return ([], 0);
                    }
                }

                List<ChatMessage> mine = [.. tail.Items.Take(Math.Max(0, tail.Items.Count - after))];
                return (Cut(mine, last, fromStart: tail.IsComplete), count);
            }
        }

        ChatConversation? conversation = await store.TryLoadAsync(storeId, cancellationToken).ConfigureAwait(false);
        List<ChatMessage> messages = conversation?.Messages ?? [];
        int total = messages.Count;
        if (branchPoint is { } seen && seen < total)
        {
            messages = messages.GetRange(0, seen);
        }

        return (window is { } n ? Cut(messages, n, fromStart: true) : messages, total);
    }

    /// <summary>
    /// The last <paramref name="count"/> messages, without tool results at the front whose calls were cut off (unless the
    /// messages start the conversation, <paramref name="fromStart"/>, and all of them are kept).
    /// </summary>
    private static List<ChatMessage> Cut(List<ChatMessage> messages, int count, bool fromStart)
    {
        int start = Math.Max(0, messages.Count - count);
        if (start == 0 && fromStart)
        {
            return messages;
        }

        while (start < messages.Count && messages[start].Role == ChatRole.Tool)
        {
            start++;
        }

        return start == 0 ? messages : messages.GetRange(start, messages.Count - start);
    }

    /// <summary>
    /// The conversation's members (title, count, times) without reading its messages from a store that reads windows; its
    /// <see cref="ChatConversation.Messages"/> may then be empty. Null when there is no conversation.
    /// </summary>
    internal static async ValueTask<ChatConversation?> ReadMembersAsync(ISessionStore<ChatConversation> store, string storeId, CancellationToken cancellationToken)
    {
        if (store is ISessionItemReader<ChatConversation> reader && store is ISessionAppender<ChatConversation> appender && appender.CanAppend<ChatMessage>())
        {
            return (await reader.TryReadLastItemsAsync<ChatMessage>(storeId, 0, cancellationToken).ConfigureAwait(false))?.Session;
        }

        ChatConversation? whole = await store.TryLoadAsync(storeId, cancellationToken).ConfigureAwait(false);
        if (whole is not null)
        {
            whole.MessageCount ??= whole.Messages.Count;
        }

        return whole;
    }
}
