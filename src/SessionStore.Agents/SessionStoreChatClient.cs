using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using SessionStore.Agents.Persistence;

namespace SessionStore.Agents;

/// <summary>
/// Chat history for plain Microsoft.Extensions.AI: a <see cref="DelegatingChatClient"/> that keeps the conversation
/// named by <see cref="ChatOptions.ConversationId"/> in a <see cref="ISessionStore{TSession}"/>, sends the stored
/// history with the new messages, and appends the request and the response. Add it with
/// <see cref="SessionStoreChatClientBuilderExtensions.UseSessionStore"/>.
/// </summary>
/// <remarks>
/// <para>
/// A call without a <see cref="ChatOptions.ConversationId"/> passes through untouched. With one, the inner client
/// gets the options without it (this client is what manages the history), and the response carries it, so
/// <see cref="FunctionInvokingChatClient"/> in front of this one sends only the new messages of each round trip.
/// </para>
/// <para>
/// What is stored: after a successful call, the request messages and the response's messages, in one atomic
/// append, and the response's <see cref="ChatResponse.Usage"/> added to the conversation's totals. A streamed call
/// is stored once the stream has been enumerated to its end (the appended turn is the completed stream). A call
/// that fails, is cancelled, or whose stream is abandoned stores nothing, not even the request: the same as
/// Agent Framework's chat history providers, which store nothing for a failed run.
/// </para>
/// <para>
/// A store that appends <see cref="ChatConversation"/> messages (<see cref="ISessionAppender{TSession}"/>: a directory store from
/// <see cref="AgentStores.Conversations"/>, or PostgreSQL built with <see cref="AgentJson.ChatConversationDescriptor"/>) gets each
/// turn appended: O(turn) to write. Any other store gets the read-modify-write update: O(n) in the conversation's size.
/// </para>
/// </remarks>
public sealed class SessionStoreChatClient : DelegatingChatClient
{
    private readonly ITurnWriter _writer;
    private int? _maxHistoryMessages;

    /// <summary>Creates the client.</summary>
    /// <param name="innerClient">The client that talks to the model.</param>
    /// <param name="store">Where the conversations live.</param>
    /// <param name="timeProvider">The clock of the conversations' timestamps; default the system's.</param>
    public SessionStoreChatClient(IChatClient innerClient, ISessionStore<ChatConversation> store, TimeProvider? timeProvider = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        _writer = TurnWriter.For(store, timeProvider ?? TimeProvider.System);
    }

    /// <summary>The store that holds the conversations.</summary>
    public ISessionStore<ChatConversation> Store { get; }

    /// <summary>
    /// Reads and sends at most this many of the latest stored messages with each call (tool results whose calls fall
    /// outside are left out too), so a call costs O(window), not O(conversation), on a store that reads windows
    /// (<see cref="ISessionItemReader{TSession}"/>); <see langword="null"/> (the default): the whole history.
    /// </summary>
    public int? MaxHistoryMessages
    {
        get => _maxHistoryMessages;
        set => _maxHistoryMessages = value is < 1 ? throw new ArgumentOutOfRangeException(nameof(value), value, "At least one message.") : value;
    }

    /// <summary>Reduces what is sent (history and new messages); the stored transcript is never reduced. <see langword="null"/>: everything is sent.</summary>
    public IChatReducer? ChatReducer { get; set; }

    /// <inheritdoc />
    /// <exception cref="SessionCorruptException">The stored conversation cannot be read.</exception>
    /// <exception cref="SessionStorageException">The store could not be read or written.</exception>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (options?.ConversationId is not { } conversationId)
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }

        List<ChatMessage> request = [.. messages];
        IEnumerable<ChatMessage> toSend = await WithHistoryAsync(conversationId, request, cancellationToken).ConfigureAwait(false);
        ChatResponse response = await base.GetResponseAsync(toSend, WithoutConversationId(options), cancellationToken).ConfigureAwait(false);
        _ = await _writer.AppendAsync(conversationId, branchPoint: null, [.. request, .. response.Messages], response.Usage, cancellationToken).ConfigureAwait(false);
        response.ConversationId = conversationId;
        return response;
    }

    /// <inheritdoc />
    /// <exception cref="SessionCorruptException">The stored conversation cannot be read.</exception>
    /// <exception cref="SessionStorageException">The store could not be read or written.</exception>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (options?.ConversationId is not { } conversationId)
        {
            await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }

            yield break;
        }

        List<ChatMessage> request = [.. messages];
        IEnumerable<ChatMessage> toSend = await WithHistoryAsync(conversationId, request, cancellationToken).ConfigureAwait(false);
        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in base.GetStreamingResponseAsync(toSend, WithoutConversationId(options), cancellationToken).ConfigureAwait(false))
        {
            update.ConversationId = conversationId;
            updates.Add(update);
            yield return update;
        }

        ChatResponse response = updates.ToChatResponse();
        _ = await _writer.AppendAsync(conversationId, branchPoint: null, [.. request, .. response.Messages], response.Usage, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(Store) ? Store : base.GetService(serviceType, serviceKey);
    }

    private async ValueTask<IEnumerable<ChatMessage>> WithHistoryAsync(string conversationId, List<ChatMessage> request, CancellationToken cancellationToken)
    {
        (List<ChatMessage> history, _) = await HistoryReader.ReadAsync(Store, ConversationIds.ToSessionId(conversationId), branchPoint: null, MaxHistoryMessages, cancellationToken).ConfigureAwait(false);
        IEnumerable<ChatMessage> all = [.. history, .. request];
        return ChatReducer is null ? all : await ChatReducer.ReduceAsync(all, cancellationToken).ConfigureAwait(false);
    }

    private static ChatOptions WithoutConversationId(ChatOptions options)
    {
        ChatOptions copy = options.Clone();
        copy.ConversationId = null;
        return copy;
    }
}
