using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SessionStore.Agents.Worker;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Agents.Tests.Agents;

public sealed class AgentSessionStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore<ChatConversation> _conversations;
    private readonly FileSessionStore<StoredAgentSession> _sessions;
    private readonly SessionStoreAgentSessionStore _store;
    private readonly ChatClientAgent _agent;

    public AgentSessionStoreTests()
    {
        var fast = new FileSessionStoreOptions { Durable = false };
        _conversations = AgentStores.Conversations(_temp.Combine("chats"), fast);
        _sessions = AgentStores.AgentSessions(_temp.Combine("agent-sessions"), fast);
        _store = _sessions.AsAgentSessionStore();
        _agent = AgentTurns.Create(_conversations, new ScriptedChatClient());
    }

    [Fact]
    public async Task A_saved_session_comes_back_as_an_independent_copy_that_resumes_the_conversation()
    {
        var key = new AgentSessionStoreKey("user-42");
        AgentSession session = await _store.GetOrCreateSessionAsync(_agent, key);
        await _agent.RunAsync("turn 1", session);
        await _store.SaveSessionAsync(_agent, key, session);

        AgentSession first = (await _store.GetSessionAsync(_agent, key))!;
        AgentSession second = (await _store.GetSessionAsync(_agent, key))!;
        AgentResponse response = await _agent.RunAsync("turn 2", first);

        Assert.NotSame(first, second);
        Assert.Equal("answer 2 after 7 messages", response.Text);
        Assert.Null(await _store.GetSessionAsync(_agent, new AgentSessionStoreKey("user-7")));
    }

    [Fact]
    public async Task Saving_a_session_someone_saved_since_it_was_read_is_a_typed_conflict()
    {
        var key = new AgentSessionStoreKey("shared");
        await _store.SaveSessionAsync(_agent, key, await _agent.CreateSessionAsync());
        AgentSession branchA = (await _store.GetSessionAsync(_agent, key))!;
        AgentSession branchB = (await _store.GetSessionAsync(_agent, key))!;

        await _store.SaveSessionAsync(_agent, key, branchA);
        await _store.SaveSessionAsync(_agent, key, branchA);

        await Assert.ThrowsAsync<SessionConflictException>(() => _store.SaveSessionAsync(_agent, key, branchB).AsTask());
        var lastWriterWins = _sessions.AsAgentSessionStore(new SessionStoreAgentSessionStoreOptions { DetectConflicts = false });
        AgentSession branchC = (await lastWriterWins.GetSessionAsync(_agent, key))!;
        await _store.SaveSessionAsync(_agent, key, branchA);
        await lastWriterWins.SaveSessionAsync(_agent, key, branchC);
    }

    [Fact]
    public async Task Two_creators_of_one_new_key_do_not_overwrite_each_other()
    {
        var key = new AgentSessionStoreKey("new-key");
        AgentSession mine = await _store.GetOrCreateSessionAsync(_agent, key);
        AgentSession theirs = await _sessions.AsAgentSessionStore().GetOrCreateSessionAsync(_agent, key);

        await _store.SaveSessionAsync(_agent, key, theirs);

        await Assert.ThrowsAsync<SessionConflictException>(() => _store.SaveSessionAsync(_agent, key, mine).AsTask());
    }

    [Fact]
    public async Task Partitions_and_agent_names_are_part_of_the_identity_and_listing_returns_the_keys()
    {
        var plain = new AgentSessionStoreKey("s1");
        AgentSessionStoreKey tenantA = plain.WithPartition("tenant", "a").WithPartition("user", "../../etc");
        AgentSessionStoreKey tenantB = plain.WithPartition("tenant", "b");
        ChatClientAgent other = new(new ScriptedChatClient(), new ChatClientAgentOptions { Name = "other-agent", ChatHistoryProvider = _conversations.AsChatHistoryProvider() });
        foreach (AgentSessionStoreKey key in new[] { plain, tenantA, tenantB })
        {
            await _store.SaveSessionAsync(_agent, key, await _agent.CreateSessionAsync());
        }

        await _store.SaveSessionAsync(other, plain, await other.CreateSessionAsync());

        Assert.Equal(4, _sessions.List().Count);
        Assert.Null(await _store.GetSessionAsync(_agent, plain.WithPartition("tenant", "c")));
        Assert.Equal(
            new[] { plain, tenantA, tenantB }.Select(Describe).Order(),
            (await _store.ListSessionsAsync(_agent)).Select(Describe).Order());
        Assert.Equal(4, (await _store.ListSessionsAsync()).Count);
        Assert.All(_sessions.List(), id => Assert.True(SessionIdRules.IsValid(id)));
    }

    [Fact]
    public async Task A_bare_valid_key_of_an_unnamed_agent_is_stored_under_its_own_id()
    {
        var unscoped = _sessions.AsAgentSessionStore(new SessionStoreAgentSessionStoreOptions { ScopeByAgentName = false });

        await unscoped.SaveSessionAsync(_agent, new AgentSessionStoreKey("readable-id"), await _agent.CreateSessionAsync());
        await unscoped.SaveSessionAsync(_agent, new AgentSessionStoreKey("k0123456789abcdef0123456789abcdef"), await _agent.CreateSessionAsync());

        Assert.Contains("readable-id", _sessions.List());
        Assert.DoesNotContain("k0123456789abcdef0123456789abcdef", _sessions.List());
        Assert.NotNull(await unscoped.GetSessionAsync(_agent, new AgentSessionStoreKey("k0123456789abcdef0123456789abcdef")));
    }

    [Fact]
    public async Task Deleting_is_idempotent_and_a_corrupt_record_is_a_typed_error()
    {
        var key = new AgentSessionStoreKey("to-delete");
        await _store.SaveSessionAsync(_agent, key, await _agent.CreateSessionAsync());

        await _store.DeleteSessionAsync(_agent, key);
        await _store.DeleteSessionAsync(_agent, key);

        Assert.Null(await _store.GetSessionAsync(_agent, key));
        Directory.CreateDirectory(_sessions.DirectoryPath);
        File.WriteAllText(Path.Combine(_sessions.DirectoryPath, "broken.json"), "{\"id\": \"broken\", \"state\": ");
        await Assert.ThrowsAsync<SessionCorruptException>(() => _store.ListSessionsAsync().AsTask());
    }

    [Fact]
    public async Task Deleting_a_session_deletes_its_transcript_unless_asked_to_keep_it()
    {
        foreach (bool keep in new[] { false, true })
        {
            var store = _sessions.AsAgentSessionStore(new SessionStoreAgentSessionStoreOptions { Transcripts = _conversations, KeepTranscriptsOnDelete = keep });
            var key = new AgentSessionStoreKey("private-" + keep);
            AgentSession session = await store.GetOrCreateSessionAsync(_agent, key);
            await _agent.RunAsync("my secret", session);
            await store.SaveSessionAsync(_agent, key, session);
            string conversation = _agent.GetService<SessionStoreChatHistoryProvider>()!.GetConversationId(session);
            Assert.True(_conversations.Exists(conversation));

            await store.DeleteSessionAsync(_agent, key);

            Assert.Null(await store.GetSessionAsync(_agent, key));
            Assert.Equal(keep, _conversations.Exists(conversation));
            await store.DeleteSessionAsync(_agent, key);
        }
    }

    [Fact]
    public async Task The_registered_session_store_deletes_the_registered_conversations_transcripts()
    {
        var services = new ServiceCollection()
            .AddSessionStoreChatHistory(_temp.Combine("di-chats"), storeOptions: new FileSessionStoreOptions { Durable = false })
            .AddSessionStoreAgentSessions(_temp.Combine("di-sessions"), storeOptions: new FileSessionStoreOptions { Durable = false });
        using ServiceProvider provider = services.BuildServiceProvider();
        var conversations = provider.GetRequiredService<ISessionStore<ChatConversation>>();
        AgentSessionStore store = provider.GetRequiredService<AgentSessionStore>();
        ChatClientAgent agent = new(new ScriptedChatClient(), new ChatClientAgentOptions { ChatHistoryProvider = provider.GetRequiredService<ChatHistoryProvider>() });
        var key = new AgentSessionStoreKey("user-1");
        AgentSession session = await store.GetOrCreateSessionAsync(agent, key);
        await agent.RunAsync("hello", session);
        await store.SaveSessionAsync(agent, key, session);
        Assert.Single(conversations.List());

        await store.DeleteSessionAsync(agent, key);

        Assert.Empty(conversations.List());
    }

    [Fact]
    public void One_line_registrations_resolve_the_MAF_types()
    {
        var services = new ServiceCollection()
            .AddSessionStoreAgentSessions(_temp.Combine("di-sessions"))
            .AddSessionStoreChatHistory(_temp.Combine("di-chats"));
        services.AddChatClient(new ScriptedChatClient()).UseSessionStore();
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.IsType<SessionStoreAgentSessionStore>(provider.GetRequiredService<AgentSessionStore>());
        var history = Assert.IsType<SessionStoreChatHistoryProvider>(provider.GetRequiredService<ChatHistoryProvider>());
        Assert.Same(history.Store, provider.GetRequiredService<IChatClient>().GetService<ISessionStore<ChatConversation>>());
        Assert.Equal(_temp.Combine("di-chats"), ((FileSessionStore<ChatConversation>)history.Store).DirectoryPath);
    }

    [Fact]
    public void Registrations_follow_the_conventions_TryAdd_and_the_containers_telemetry()
    {
        var logs = new CollectingLogger();
        var meters = new RecordingMeterFactory();
        var services = new ServiceCollection()
            .AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(logs)
            .AddSingleton<System.Diagnostics.Metrics.IMeterFactory>(meters)
            .AddSessionStoreChatHistory(_temp.Combine("first-chats"), storeOptions: new FileSessionStoreOptions { Durable = false })
            .AddSessionStoreChatHistory(_temp.Combine("second-chats"))
            .AddSessionStoreAgentSessions(_temp.Combine("first-sessions"))
            .AddSessionStoreAgentSessions(_temp.Combine("second-sessions"));
        using ServiceProvider provider = services.BuildServiceProvider();

        var chats = (FileSessionStore<ChatConversation>)provider.GetRequiredService<ISessionStore<ChatConversation>>();
        Assert.Equal(_temp.Combine("first-chats"), chats.DirectoryPath);
        Assert.Same(chats, provider.GetRequiredService<SessionStoreChatHistoryProvider>().Store);
        Assert.Single(provider.GetServices<ChatHistoryProvider>());
        Assert.Equal(_temp.Combine("first-sessions"), ((FileSessionStore<StoredAgentSession>)provider.GetRequiredService<ISessionStore<StoredAgentSession>>()).DirectoryPath);
        Assert.Single(provider.GetServices<AgentSessionStore>());

        chats.Save(new ChatConversation("c"));
        Directory.CreateDirectory(chats.DirectoryPath);
        File.WriteAllText(Path.Combine(chats.DirectoryPath, "broken.json"), "{\"id\": \"broken\", \"messages\": [");
        Assert.Contains(chats.Check(repair: true).Problems, p => p.SessionId == "broken" && p.Repaired);
        Assert.Contains(logs.Entries, e => e.Event.Name == "SessionQuarantined");
        Assert.Contains(meters.Created, m => m.Name == "SessionStore");
    }

    /// <summary>An <see cref="System.Diagnostics.Metrics.IMeterFactory"/> that records the meters it creates.</summary>
    private sealed class RecordingMeterFactory : System.Diagnostics.Metrics.IMeterFactory
    {
        public List<System.Diagnostics.Metrics.Meter> Created { get; } = [];

        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options)
        {
            var meter = new System.Diagnostics.Metrics.Meter(options);
            lock (Created)
            {
                Created.Add(meter);
            }

            return meter;
        }

        public void Dispose() => Created.ForEach(m => m.Dispose());
    }

    public void Dispose() => _temp.Dispose();

    private static string Describe(AgentSessionStoreKey key) =>
        key.SessionId + "|" + string.Join(",", (key.Partitions ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
}
