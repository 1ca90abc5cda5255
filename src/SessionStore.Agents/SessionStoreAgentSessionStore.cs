using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Agents.AI;
using SessionStore.Agents.Persistence;

namespace SessionStore.Agents;

/// <summary>
/// An <see cref="AgentSessionStore"/> over any <see cref="ISessionStore{TSession}"/> of <see cref="StoredAgentSession"/>
/// (a directory, PostgreSQL): durable, atomic saves under a cross-process lock, conflicts as
/// <see cref="SessionConflictException"/>, typed errors, and a listing of what is stored.
/// </summary>
/// <remarks>
/// <para>
/// Every <see cref="GetSessionAsync"/> restores an independent <see cref="AgentSession"/> from the stored JSON.
/// With <see cref="SessionStoreAgentSessionStoreOptions.DetectConflicts"/> (the default) this store remembers
/// the revision each session it hands out was read at; saving that session fails with
/// <see cref="SessionConflictException"/> if someone saved it since (another process, or another branch of the
/// same key), and a session that <see cref="GetOrCreateSessionAsync"/> created fails if someone created it first.
/// Branches never see each other's turns (<see cref="SessionStoreChatHistoryProvider"/> copies a branch's conversation when
/// another branch appended to it first), and a conflicted branch's copies are deleted (with
/// <see cref="SessionStoreAgentSessionStoreOptions.Transcripts"/>): after a conflict, reload the session and run the turn again.
/// </para>
/// <para>
/// A session's identity is its <see cref="AgentSessionStoreKey"/> (id and every partition) and, by default, the
/// agent's <see cref="AIAgent.Name"/>; each identity maps to one valid store id (the key's session id itself when it
/// is a valid id and there is nothing else), and the stored record keeps the whole key, which
/// <see cref="ListSessionsAsync"/> returns.
/// </para>
/// </remarks>
[Experimental("MAAI001")]
public sealed class SessionStoreAgentSessionStore : AgentSessionStore
{
    private readonly SessionStoreAgentSessionStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ConditionalWeakTable<AgentSession, Revision> _revisions = [];

    /// <summary>Creates a store over <paramref name="store"/>.</summary>
    /// <param name="store">Where the sessions live.</param>
    /// <param name="options">Conflict detection, scoping and JSON options; <see langword="null"/> for the defaults.</param>
    public SessionStoreAgentSessionStore(ISessionStore<StoredAgentSession> store, SessionStoreAgentSessionStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        _options = options ?? new SessionStoreAgentSessionStoreOptions();
        _timeProvider = _options.TimeProvider ?? TimeProvider.System;
    }

    /// <summary>The store that holds the sessions.</summary>
    public ISessionStore<StoredAgentSession> Store { get; }

    /// <inheritdoc />
    /// <exception cref="SessionConflictException">
    /// The session was saved by someone else since this store handed it out; nothing was written. With
    /// <see cref="SessionStoreAgentSessionStoreOptions.Transcripts"/> set, the conversations this branch started since it was
    /// read (and nothing saved names) are deleted first, so reloading and running the turn again stores it once.
    /// </exception>
    /// <exception cref="SessionStorageException">The store refused the write; the previous version is intact.</exception>
    /// <exception cref="SessionLockTimeoutException">Another writer held the session's lock for too long.</exception>
    public override async ValueTask SaveSessionAsync(AIAgent agent, AgentSessionStoreKey key, AgentSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(session);
        string? agentName = AgentNameOf(agent);
        string id = AgentSessionIds.For(agentName, key);
        string? owner = CatalogEntries.OwnerOf(key, agentName, _options);
        JsonElement state = await agent.SerializeSessionAsync(session, _options.JsonSerializerOptions, cancellationToken).ConfigureAwait(false);
        var stored = new StoredAgentSession(id, key.SessionId, key.Partitions, agentName, state, _timeProvider.GetUtcNow());
        if (_options.DetectConflicts && _revisions.TryGetValue(session, out Revision? revision))
        {
            string etag;
            try
            {
                etag = await Store.SaveIfMatchAsync(stored, revision.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (SessionConflictException) when (_options.Transcripts is { } transcripts)
            {
                await DiscardUnsavedBranchesAsync(transcripts, id, state, revision, cancellationToken).ConfigureAwait(false);
                throw;
            }

            _revisions.AddOrUpdate(session, new Revision(etag, TranscriptIds.In(state, _options.ChatHistoryStateKey)));
        }
        else
        {
            _ = await Store.SaveAsync(stored, cancellationToken).ConfigureAwait(false);
        }

        if (SessionCatalogs.Of(Store) is { } catalog)
        {
            string? conversationId = TranscriptIds.In(state, _options.ChatHistoryStateKey) is [var first, ..] ? first : null;
            await CatalogEntries.KeepAsync(catalog, id, owner, agentName, _options, conversationId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <exception cref="SessionCorruptException">The stored session cannot be read, or the agent cannot restore it.</exception>
    /// <exception cref="SessionStorageException">The store could not be read.</exception>
    public override async ValueTask<AgentSession?> GetSessionAsync(AIAgent agent, AgentSessionStoreKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(key);
        string? agentName = AgentNameOf(agent);
        string id = AgentSessionIds.For(agentName, key);
        SessionRevision<StoredAgentSession> read;
        try
        {
            read = await Store.LoadRevisionAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (SessionNotFoundException)
        {
            return null;
        }

        if (!AgentSessionIds.Matches(read.Session, agentName, key))
        {
            // Another identity under the same id (a 128-bit hash collision, or a record written by hand): never served.
            return null;
        }

        AgentSession session;
        try
        {
            session = await agent.DeserializeSessionAsync(read.Session.State, _options.JsonSerializerOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new SessionCorruptException(id, Location(id), $"the agent could not restore the stored session: {ex.Message}", ex);
        }

        _revisions.AddOrUpdate(session, new Revision(read.ETag, TranscriptIds.In(read.Session.State, _options.ChatHistoryStateKey)));
        return session;
    }

    /// <inheritdoc />
    /// <remarks>
    /// A session this creates has its conversation id and branch point assigned at once (when the agent's history provider is a
    /// <see cref="SessionStoreChatHistoryProvider"/>), so saving it before its first run records where its history goes:
    /// a process killed during the run can be resumed from what the run stored (see docs/agents.md).
    /// </remarks>
    /// <exception cref="SessionCorruptException">The stored session cannot be read, or the agent cannot restore it.</exception>
    /// <exception cref="SessionStorageException">The store could not be read.</exception>
    public override async ValueTask<AgentSession> GetOrCreateSessionAsync(AIAgent agent, AgentSessionStoreKey key, CancellationToken cancellationToken = default)
    {
        if (await GetSessionAsync(agent, key, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            return stored;
        }

        AgentSession created = await agent.CreateSessionAsync(cancellationToken).ConfigureAwait(false);

        // Named (with its branch point) now, not at the first run: a session saved before its run, so that a crash in the
        // run can be resumed, already knows where its history goes and which of it is its own.
        if (agent.GetService<SessionStoreChatHistoryProvider>() is { } history)
        {
            await history.BeginBranchAsync(created, cancellationToken).ConfigureAwait(false);
        }

        _revisions.AddOrUpdate(created, new Revision(null, []));
        return created;
    }

    /// <summary>
    /// Deletes the stored session and, when <see cref="SessionStoreAgentSessionStoreOptions.Transcripts"/> is set (and
    /// <see cref="SessionStoreAgentSessionStoreOptions.KeepTranscriptsOnDelete"/> is not), the conversations its chat
    /// history provider kept (with those they were copied from, <see cref="ChatConversation.ForkedFrom"/>), first: a delete never leaves a transcript without the session that would find it.
    /// Deleting what is not there is not an error.
    /// </summary>
    /// <param name="agent">The agent whose session it is.</param>
    /// <param name="key">The session's key.</param>
    /// <param name="cancellationToken">Cancels the delete between its steps.</param>
    /// <returns>A task that completes once the session (and its transcript) are gone.</returns>
    /// <exception cref="SessionDeleteException">The store could not delete it.</exception>
    /// <exception cref="SessionCorruptException">The stored session cannot be read to find its transcript; nothing was deleted.</exception>
    public override async ValueTask DeleteSessionAsync(AIAgent agent, AgentSessionStoreKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(key);
        string? agentName = AgentNameOf(agent);
        string id = AgentSessionIds.For(agentName, key);
        if (_options.Transcripts is { } transcripts && !_options.KeepTranscriptsOnDelete &&
            await Store.TryLoadAsync(id, cancellationToken).ConfigureAwait(false) is { } stored && AgentSessionIds.Matches(stored, agentName, key))
        {
            foreach (string conversationId in TranscriptIds.In(stored.State, _options.ChatHistoryStateKey))
            {
                await TranscriptLineage.DeleteAsync(transcripts, conversationId, cancellationToken).ConfigureAwait(false);
            }
        }

        _ = await Store.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The keys of the stored sessions (of <paramref name="agent"/> only, when given and the store is scoped by
    /// agent name), in the order of their store ids. Reads every stored session: O(n) in the number of sessions.
    /// </summary>
    /// <param name="agent">Only this agent's sessions; <see langword="null"/>: every session.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The keys.</returns>
    /// <exception cref="SessionCorruptException">A stored session cannot be read.</exception>
    /// <exception cref="SessionStorageException">The store could not be read.</exception>
    public async ValueTask<IReadOnlyList<AgentSessionStoreKey>> ListSessionsAsync(AIAgent? agent = null, CancellationToken cancellationToken = default) =>
        [.. (await StoredSessionsAsync(agent, cancellationToken).ConfigureAwait(false)).Select(static stored => stored.ToKey())];

    /// <summary>
    /// The stored sessions as a host's conversation picker lists them, most recent first: key, agent, the conversation's
    /// title and message count (from <see cref="SessionStoreAgentSessionStoreOptions.Transcripts"/>, read without the
    /// messages), and when it last changed. Filter by owner with <paramref name="filter"/> (for example a partition that
    /// holds the user id).
    /// </summary>
    /// <remarks>
    /// Reads every stored session record, and for each its conversation's members (without the messages, for a store that
    /// reads windows, once it has checked that version; otherwise the conversation whole): O(sessions), not O(page). An
    /// O(page) listing by owner and agent is <see cref="ListConversationPageAsync"/> on a store with a catalog.
    /// </remarks>
    /// <param name="agent">Only this agent's sessions; <see langword="null"/>: every session.</param>
    /// <param name="filter">Only the sessions whose key it accepts; <see langword="null"/>: every session.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The summaries, most recently changed first.</returns>
    /// <exception cref="SessionCorruptException">A stored session or conversation cannot be read.</exception>
    /// <exception cref="SessionStorageException">The store could not be read.</exception>
    public async ValueTask<IReadOnlyList<AgentConversationSummary>> ListConversationsAsync(AIAgent? agent = null, Func<AgentSessionStoreKey, bool>? filter = null, CancellationToken cancellationToken = default)
    {
        var summaries = new List<AgentConversationSummary>();
        foreach (StoredAgentSession stored in await StoredSessionsAsync(agent, cancellationToken).ConfigureAwait(false))
        {
            if (filter is null || filter(stored.ToKey()))
            {
                summaries.Add(await SummaryOfAsync(stored, null, cancellationToken).ConfigureAwait(false));
            }
        }

        summaries.Sort(static (a, b) => b.UpdatedAt.CompareTo(a.UpdatedAt));
        return summaries;
    }

    /// <summary>
    /// One page of a host's "pick up where you left off" screen: the conversations of an owner (a partition of their keys,
    /// <see cref="SessionStoreAgentSessionStoreOptions.OwnerPartition"/>) and of an agent, most recently saved first, with
    /// their titles and message counts.
    /// </summary>
    /// <remarks>
    /// On a store with a catalog (<see cref="ISessionCatalog"/>: PostgreSQL, or a directory with the SessionStore.Index
    /// package) the page is read from it and only the page's sessions and conversations are read: O(page), whatever the
    /// store's size. Without one, every stored session is read (as <see cref="ListConversationsAsync"/> does) and the
    /// page cut from them: O(sessions).
    /// </remarks>
    /// <param name="query">The owner, the agent, the page size and the previous page's token.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException">The query's page size is out of range, or its token is not one of this listing.</exception>
    /// <exception cref="SessionCorruptException">A stored session or conversation cannot be read.</exception>
    /// <exception cref="SessionStorageException">The store could not be read.</exception>
    public async ValueTask<AgentConversationPage> ListConversationPageAsync(AgentConversationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? agentName = query.Agent is null ? null : AgentNameOf(query.Agent);
        if (SessionCatalogs.Of(Store) is not { } catalog)
        {
            return ConversationPages.Cut(await ListConversationsAsync(query.Agent, OwnedBy(query.Owner), cancellationToken).ConfigureAwait(false), query);
        }

        SessionQueryPage page = await catalog.QueryAsync(new SessionQuery
        {
            Owner = query.Owner, Agent = agentName, PageSize = query.PageSize, PageToken = query.PageToken, Order = SessionQueryOrder.Recent,
        }, cancellationToken).ConfigureAwait(false);
        var summaries = new List<AgentConversationSummary>(page.Sessions.Count);
        foreach (SessionMetadata metadata in page.Sessions)
        {
            if (await Store.TryLoadAsync(metadata.SessionId, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                summaries.Add(await SummaryOfAsync(stored, metadata.HasCustomTitle ? metadata.Title : null, cancellationToken).ConfigureAwait(false));
            }
        }

        return new AgentConversationPage(summaries, page.NextPageToken);
    }

    private Func<AgentSessionStoreKey, bool>? OwnedBy(string? owner) => owner is null ? null : key =>
        _options.OwnerPartition is { } partition && key.Partitions?.TryGetValue(partition, out string? value) == true && value == owner;

    /// <summary>A stored session as the picker shows it: its conversation's title and message count (read without the messages where the store can).</summary>
    private async ValueTask<AgentConversationSummary> SummaryOfAsync(StoredAgentSession stored, string? knownTitle, CancellationToken cancellationToken)
    {
        ChatConversation? conversation = null;
        if (_options.Transcripts is { } transcripts && TranscriptIds.In(stored.State, _options.ChatHistoryStateKey) is [var conversationId, ..])
        {
            conversation = await HistoryReader.ReadMembersAsync(transcripts, conversationId, cancellationToken).ConfigureAwait(false);
        }

        DateTimeOffset updatedAt = conversation is null || conversation.UpdatedAt < stored.UpdatedAt ? stored.UpdatedAt : conversation.UpdatedAt;
        return new AgentConversationSummary(stored.ToKey(), stored.AgentName, conversation?.Title ?? knownTitle,
            conversation?.MessageCount ?? (_options.Transcripts is null ? null : 0), updatedAt);
    }

    /// <summary>The stored sessions (of <paramref name="agent"/> only, when given and the store is scoped by agent name), in the order of their ids.</summary>
    private async ValueTask<List<StoredAgentSession>> StoredSessionsAsync(AIAgent? agent, CancellationToken cancellationToken)
    {
        bool filter = agent is not null && _options.ScopeByAgentName;
        string? agentName = agent is null ? null : AgentNameOf(agent);
        var sessions = new List<StoredAgentSession>();
        foreach (string id in await Store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            StoredAgentSession? stored = await Store.TryLoadAsync(id, cancellationToken).ConfigureAwait(false);
            if (stored is not null && (!filter || string.Equals(stored.AgentName, agentName, StringComparison.Ordinal)))
            {
                sessions.Add(stored);
            }
        }

        return sessions;
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(Store) ? Store : base.GetService(serviceType, serviceKey);
    }

    /// <summary>
    /// After a conflicted save: deletes the conversations this branch started since it was read (copies made when its
    /// conversation moved on, a new session's first conversation) that the stored session does not name either. Nothing
    /// saved names them, so the caller's reload-and-retry would otherwise leave the first attempt's turn behind.
    /// </summary>
    private async ValueTask DiscardUnsavedBranchesAsync(ISessionStore<ChatConversation> transcripts, string id, JsonElement state, Revision revision, CancellationToken cancellationToken)
    {
        List<string> started = TranscriptIds.In(state, _options.ChatHistoryStateKey);
        started.RemoveAll(revision.Transcripts.Contains);
        if (started.Count == 0)
        {
            return;
        }

        if (await Store.TryLoadAsync(id, cancellationToken).ConfigureAwait(false) is { } current)
        {
            started.RemoveAll(TranscriptIds.In(current.State, _options.ChatHistoryStateKey).Contains);
        }

        foreach (string conversationId in started)
        {
            _ = await transcripts.DeleteAsync(conversationId, cancellationToken).ConfigureAwait(false);
        }
    }

    private string? AgentNameOf(AIAgent agent) => _options.ScopeByAgentName ? agent.Name : null;

    private string Location(string id) => Store is FileSessionStore<StoredAgentSession> files ? Path.Combine(files.DirectoryPath, id + ".json") : Store.GetType().Name;

    /// <summary>The revision a handed-out session was read (or last saved) at, and the conversations its state named then.</summary>
    private sealed record Revision(string? ETag, List<string> Transcripts);
}
