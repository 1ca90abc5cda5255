using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using SessionStore.Agents.Persistence;
using SessionStore.Agents.Serialization;

namespace SessionStore.Agents;

/// <summary>
/// A <see cref="ChatHistoryProvider"/> that keeps each agent session's messages as a <see cref="ChatConversation"/>
/// in any <see cref="ISessionStore{TSession}"/>: a directory, PostgreSQL, or your own backend.
/// </summary>
/// <remarks>
/// <para>
/// The agent session holds only the conversation's id (in <see cref="AgentSession.StateBag"/> under
/// <see cref="StateKeys"/>), so it survives <see cref="AIAgent.SerializeSessionAsync"/> and
/// <see cref="AIAgent.DeserializeSessionAsync"/>, and a new process resumes the conversation from the store.
/// </para>
/// <para>
/// After a successful run, the run's request messages and response messages are appended to the
/// conversation atomically, under the store's cross-process lock. A failed or cancelled run stores nothing,
/// as MAF's own <see cref="InMemoryChatHistoryProvider"/>. A <see cref="SessionStoreChatHistoryProviderOptions.ChatReducer"/>
/// reduces what is sent, never what is stored. Token totals count the <see cref="UsageContent"/> the messages carry
/// (MAF hands a history provider messages, not the response's usage).
/// </para>
/// <para>
/// A store that appends <see cref="ChatConversation"/> messages (<see cref="ISessionAppender{TSession}"/>: a directory store from
/// <see cref="AgentStores.Conversations"/>, or PostgreSQL built with <see cref="AgentJson.ChatConversationDescriptor"/>) gets each
/// turn appended: O(turn) to write. Any other store gets the read-modify-write update: O(n) in the conversation's size.
/// </para>
/// </remarks>
public sealed class SessionStoreChatHistoryProvider : ChatHistoryProvider
{
    private readonly ProviderSessionState<ChatHistoryState> _sessionState;
    private readonly ITurnWriter _writer;
    private IReadOnlyList<string>? _stateKeys;

    /// <summary>Creates a provider over <paramref name="store"/>.</summary>
    /// <param name="store">Where the conversations live.</param>
    /// <param name="options">State key, conversation ids, reducer and filters; <see langword="null"/> for the defaults.</param>
    public SessionStoreChatHistoryProvider(ISessionStore<ChatConversation> store, SessionStoreChatHistoryProviderOptions? options = null)
        : base(options?.ProvideOutputMessageFilter, options?.StorageInputRequestMessageFilter, options?.StorageInputResponseMessageFilter)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        ChatReducer = options?.ChatReducer;
        Func<AgentSession?, string> newId = options?.ConversationIdFactory ?? (static _ => Guid.NewGuid().ToString("N"));
        _sessionState = new ProviderSessionState<ChatHistoryState>(
            session => new ChatHistoryState { ConversationId = newId(session) },
            options?.StateKey ?? nameof(SessionStoreChatHistoryProvider),
            AgentJson.DefaultOptions);
        _writer = TurnWriter.For(store, options?.TimeProvider ?? TimeProvider.System);
    }

    /// <summary>The store that holds the conversations.</summary>
    public ISessionStore<ChatConversation> Store { get; }

    /// <summary>Reduces the history sent on each run; <see langword="null"/>: the whole history is sent.</summary>
    public IChatReducer? ChatReducer { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> StateKeys => _stateKeys ??= [_sessionState.StateKey];

    /// <summary>The id of the conversation that holds <paramref name="session"/>'s history; assigned (and kept in the session) on first use.</summary>
    /// <param name="session">The agent session.</param>
    /// <returns>The conversation's id in <see cref="Store"/>.</returns>
    public string GetConversationId(AgentSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return ConversationId(session);
    }

    /// <summary>The whole stored transcript of <paramref name="session"/>, without running the agent; empty before the first run.</summary>
    /// <param name="session">The agent session.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The messages, oldest first.</returns>
    /// <exception cref="SessionCorruptException">The stored conversation cannot be read.</exception>
    /// <exception cref="SessionStorageException">The store could not be read.</exception>
    public async ValueTask<IReadOnlyList<ChatMessage>> GetMessagesAsync(AgentSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ChatConversation? conversation = await Store.TryLoadAsync(ConversationId(session), cancellationToken).ConfigureAwait(false);
        return conversation?.Messages ?? [];
    }

    /// <inheritdoc />
    protected override async ValueTask<IEnumerable<ChatMessage>> ProvideChatHistoryAsync(InvokingContext context, CancellationToken cancellationToken = default)
    {
        ChatConversation? conversation = await Store.TryLoadAsync(ConversationId(context.Session), cancellationToken).ConfigureAwait(false);
        IEnumerable<ChatMessage> history = conversation?.Messages ?? [];
        return ChatReducer is null ? history : await ChatReducer.ReduceAsync(history, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async ValueTask StoreChatHistoryAsync(InvokedContext context, CancellationToken cancellationToken = default)
    {
        List<ChatMessage> turn = [.. context.RequestMessages, .. context.ResponseMessages ?? []];
        await _writer.AppendAsync(ApplicationConversationId(context.Session), turn, ReportedUsage.In(context.ResponseMessages), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The conversation's id in <see cref="Store"/>.</summary>
    private string ConversationId(AgentSession? session) => ConversationIds.ToSessionId(ApplicationConversationId(session));

    /// <summary>The conversation's id as the session's state holds it (from <see cref="SessionStoreChatHistoryProviderOptions.ConversationIdFactory"/>: free-form).</summary>
    private string ApplicationConversationId(AgentSession? session) =>
        _sessionState.GetOrInitializeState(session).ConversationId
            ?? throw new InvalidOperationException($"The agent session's '{_sessionState.StateKey}' state has no conversation id.");
}
