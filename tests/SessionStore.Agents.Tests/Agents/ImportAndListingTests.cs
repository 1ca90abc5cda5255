using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SessionStore.Agents.Worker;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Agents.Tests.Agents;

public sealed class ImportAndListingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task An_imported_history_is_what_the_next_run_is_sent_and_replaces_it_for_that_session_only()
    {
        using var stores = new Backend("dir:" + _temp.Combine("import"));
        var model = new ScriptedChatClient();
        ChatClientAgent agent = AgentTurns.Create(stores.Conversations, model);
        var provider = (SessionStoreChatHistoryProvider)agent.ChatHistoryProvider!;
        var sessions = new SessionStoreAgentSessionStore(stores.AgentSessions, new SessionStoreAgentSessionStoreOptions { Transcripts = stores.Conversations });
        var key = new AgentSessionStoreKey("imported");
        AgentSession session = await sessions.GetOrCreateSessionAsync(agent, key);
        ChatMessage[] earlier = [new(ChatRole.User, "from the old app"), new(ChatRole.Assistant, "echo: from the old app")];

        await provider.SetMessagesAsync(session, earlier);
        AgentResponse response = await agent.RunAsync("turn 1", session);
        await sessions.SaveSessionAsync(agent, key, session);

        Assert.Equal("answer 1 after 5 messages", response.Text);
        Assert.Equal(["from the old app", "echo: from the old app", "turn 1"], model.Received[0].Select(m => m.Text));
        string original = provider.GetConversationId(session);
        Assert.Equal(6, (await stores.Conversations.LoadAsync(original)).MessageCount);

        AgentSession other = (await sessions.GetSessionAsync(agent, key))!;
        await provider.SetMessagesAsync(other, [new ChatMessage(ChatRole.User, "replaced")]);
        Assert.Equal(["replaced"], (await provider.GetMessagesAsync(other)).Select(m => m.Text));
        Assert.Equal(6, (await provider.GetMessagesAsync(session)).Count);
        Assert.Equal(original, (await stores.Conversations.LoadAsync(provider.GetConversationId(other))).ForkedFrom);
        await Assert.ThrowsAsync<ArgumentException>(() => provider.SetMessagesAsync(other, [null!]).AsTask());

        await sessions.SaveSessionAsync(agent, key, other);
        await sessions.DeleteSessionAsync(agent, key);
        Assert.Empty(await stores.Conversations.ListAsync());
    }

    [Fact]
    public async Task The_container_s_AgentSessionStore_lists_its_keys_without_a_cast()
    {
        using ServiceProvider services = new ServiceCollection()
            .AddSessionStoreChatHistory(_temp.Combine("chats"), storeOptions: new FileSessionStoreOptions { Durable = false })
            .AddSessionStoreAgentSessions(_temp.Combine("sessions"), storeOptions: new FileSessionStoreOptions { Durable = false })
            .BuildServiceProvider();
        AgentSessionStore store = services.GetRequiredService<AgentSessionStore>();
        ChatClientAgent agent = new(new ScriptedChatClient(), new ChatClientAgentOptions { Name = "lister", ChatHistoryProvider = services.GetRequiredService<ChatHistoryProvider>() });
        foreach (string user in new[] { "user-1", "user-2" })
        {
            var key = new AgentSessionStoreKey(user);
            await store.SaveSessionAsync(agent, key, await store.GetOrCreateSessionAsync(agent, key));
        }

        IReadOnlyList<AgentSessionStoreKey> keys = await store.ListSessionsAsync(agent);

        Assert.Equal(["user-1", "user-2"], keys.Select(k => k.SessionId).Order(StringComparer.Ordinal));
        await Assert.ThrowsAsync<NotSupportedException>(() => new ForeignStore().ListSessionsAsync().AsTask());
    }

    private sealed class ForeignStore : AgentSessionStore
    {
        public override ValueTask SaveSessionAsync(AIAgent agent, AgentSessionStoreKey key, AgentSession session, CancellationToken cancellationToken = default) => default;

        public override ValueTask<AgentSession?> GetSessionAsync(AIAgent agent, AgentSessionStoreKey key, CancellationToken cancellationToken = default) => default;

        public override ValueTask<AgentSession> GetOrCreateSessionAsync(AIAgent agent, AgentSessionStoreKey key, CancellationToken cancellationToken = default) => agent.CreateSessionAsync(cancellationToken);

        public override ValueTask DeleteSessionAsync(AIAgent agent, AgentSessionStoreKey key, CancellationToken cancellationToken = default) => default;
    }
}
