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
/// Agent sessions are independent branches, as <see cref="AgentSessionStore"/> requires (unless
/// <see cref="SessionStoreChatHistoryProviderOptions.IndependentBranches"/> is off): the state records the
/// branch point (how many of the conversation's messages the session has seen), a run is given only those, and a
/// turn is appended only while the conversation still ends there. When it has moved on (another branch of the same
/// stored session, or another process, appended since), the turn goes into a new conversation that copies the
/// branch's messages (copy-on-write, <see cref="ChatConversation.ForkedFrom"/> naming the original), and the session's state
/// names that one from then on.
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
    private readonly TimeProvider _timeProvider;
    private readonly bool _independentBranches;
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
        _independentBranches = options?.IndependentBranches ?? true;
        MaxHistoryMessages = options?.MaxHistoryMessages;
        Func<AgentSession?, string> newId = options?.ConversationIdFactory ?? (static _ => Guid.NewGuid().ToString("N"));
        _sessionState = new ProviderSessionState<ChatHistoryState>(
            session => new ChatHistoryState { ConversationId = newId(session) },
            options?.StateKey ?? nameof(SessionStoreChatHistoryProvider),
            AgentJson.DefaultOptions);
        _timeProvider = options?.TimeProvider ?? TimeProvider.System;
        _writer = TurnWriter.For(store, _timeProvider);
    }

    /// <summary>The store that holds the conversations.</summary>
    public ISessionStore<ChatConversation> Store { get; }

    /// <summary>Reduces the history sent on each run; <see langword="null"/>: the whole history is sent.</summary>
    public IChatReducer? ChatReducer { get; }

    /// <summary>At most this many of the latest messages are read and sent on each run; <see langword="null"/>: the whole history.</summary>
    public int? MaxHistoryMessages { get; }

    /// <inheritdoc />
    public override IReadOnlyList<string> StateKeys => _stateKeys ??= [_sessionState.StateKey];

    /// <summary>
    /// The id of the conversation that holds <paramref name="session"/>'s history; assigned (and kept in the session) on first
    /// use, and replaced by a copy's when the session's branch is copied (see the remarks).
    /// </summary>
    /// <param name="session">The agent session.</param>
    /// <returns>The conversation's id in <see cref="Store"/>.</returns>
    public string GetConversationId(AgentSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return ConversationIds.ToSessionId(State(session).ConversationId!);
    }

    /// <summary>
    /// The stored transcript of <paramref name="session"/> (its branch: the messages it has seen and stored, see the
    /// remarks), without running the agent; empty before the first run.
    /// </summary>
    /// <param name="session">The agent session.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The messages, oldest first.</returns>
    /// <exception cref="SessionCorruptException">The stored conversation cannot be read.</exception>
    /// <exception cref="SessionStorageException">The store could not be read.</exception>
    public async ValueTask<IReadOnlyList<ChatMessage>> GetMessagesAsync(AgentSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await BranchAsync(State(session), window: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes <paramref name="messages"/> the history of <paramref name="session"/> (an import of an existing conversation,
    /// as <see cref="InMemoryChatHistoryProvider.SetMessages"/>): stored as the session's conversation when it has none yet,
    /// otherwise as a new conversation that replaces it for this session only (<see cref="ChatConversation.ForkedFrom"/>
    /// names the one replaced, so deleting the session deletes both). Other sessions of the old conversation keep it.
    /// </summary>
    /// <param name="session">The agent session.</param>
    /// <param name="messages">The history, oldest first; none is <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the history is stored.</returns>
    /// <exception cref="ArgumentException">A message is <see langword="null"/>; nothing was written.</exception>
    /// <exception cref="SessionStorageException">The store could not be written.</exception>
    public async ValueTask SetMessagesAsync(AgentSession session, IEnumerable<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(messages);
        ChatHistoryState state = State(session);
        List<ChatMessage> history = [.. messages];
        DateTimeOffset now = _timeProvider.GetUtcNow();
        string current = ConversationIds.ToSessionId(state.ConversationId!);
        var imported = new ChatConversation(current)
        {
            ConversationId = current == state.ConversationId ? null : state.ConversationId,
            Messages = history,
            MessageCount = history.Count,
            CreatedAt = now,
            UpdatedAt = now,
        };
        imported.Validate();
        imported.Usage = ReportedUsage.In(history);
        imported.Title = ConversationTitle.From(history);
        try
        {
            _ = await Store.SaveIfMatchAsync(imported, expectedETag: null, cancellationToken).ConfigureAwait(false);
        }
        catch (SessionConflictException)
        {
            var replacement = new ChatConversation(Guid.NewGuid().ToString("N"))
            {
                Messages = history, MessageCount = history.Count, Title = imported.Title, Usage = imported.Usage, CreatedAt = now, UpdatedAt = now, ForkedFrom = current,
            };
            _ = await Store.SaveIfMatchAsync(replacement, expectedETag: null, cancellationToken).ConfigureAwait(false);
            state.ConversationId = replacement.Id;
        }

        state.MessageCount = history.Count;
    }

    /// <summary>Assigns a new session its conversation and branch point (what the conversation holds now) before its first run.</summary>
    internal async ValueTask BeginBranchAsync(AgentSession session, CancellationToken cancellationToken) =>
        _ = await BranchAsync(State(session), window: 0, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override async ValueTask<IEnumerable<ChatMessage>> ProvideChatHistoryAsync(InvokingContext context, CancellationToken cancellationToken = default)
    {
        IEnumerable<ChatMessage> history = await BranchAsync(State(context.Session), MaxHistoryMessages, cancellationToken).ConfigureAwait(false);
        return ChatReducer is null ? history : await ChatReducer.ReduceAsync(history, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async ValueTask StoreChatHistoryAsync(InvokedContext context, CancellationToken cancellationToken = default)
    {
        ChatHistoryState state = State(context.Session);
        string conversationId = state.ConversationId!;
        List<ChatMessage> turn = [.. context.RequestMessages, .. context.ResponseMessages ?? []];
        UsageDetails? usage = ReportedUsage.In(context.ResponseMessages);
        if (!_independentBranches)
        {
            _ = await _writer.AppendAsync(conversationId, branchPoint: null, turn, usage, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (await _writer.AppendAsync(conversationId, state.MessageCount, turn, usage, cancellationToken).ConfigureAwait(false))
        {
            state.MessageCount += turn.Count;
            return;
        }

        state.ConversationId = await ConversationBranch.ForkAsync(Store, conversationId, state.MessageCount!.Value, turn, usage, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        state.MessageCount += turn.Count;
    }

    /// <summary>
    /// The branch's messages: the first <see cref="ChatHistoryState.MessageCount"/> of the conversation. A session that has
    /// not read it yet (or whose conversation was cut shorter than its branch point, by hand) takes all it holds as its own.
    /// </summary>
    private async ValueTask<List<ChatMessage>> BranchAsync(ChatHistoryState state, int? window, CancellationToken cancellationToken)
    {
        int? branchPoint = _independentBranches ? state.MessageCount : null;
        (List<ChatMessage> messages, int count) = await HistoryReader.ReadAsync(Store, ConversationIds.ToSessionId(state.ConversationId!), branchPoint, window, cancellationToken).ConfigureAwait(false);
        if (_independentBranches && (state.MessageCount is not { } seen || seen > count))
        {
            state.MessageCount = count;
        }

        return messages;
    }

    /// <summary>The session's state (conversation id from <see cref="SessionStoreChatHistoryProviderOptions.ConversationIdFactory"/>: free-form).</summary>
    private ChatHistoryState State(AgentSession? session)
    {
        ChatHistoryState state = _sessionState.GetOrInitializeState(session);
        return state.ConversationId is null
            ? throw new InvalidOperationException($"The agent session's '{_sessionState.StateKey}' state has no conversation id.")
            : state;
    }
}
