using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using SessionStore.Agents.Tests.TestSupport;
using SessionStore.Agents.Worker;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Agents.Tests.Agents;

/// <summary>
/// MAF's <see cref="AgentSessionStore"/> contract: sessions fetched from one key are independent branches. Held side by side
/// with MAF's <see cref="InMemoryChatHistoryProvider"/> (which keeps the messages in the session itself) behind the same store.
/// </summary>
public sealed class BranchTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public static TheoryData<string> Backends => ["dir", "pg"];

    public void Dispose() => _temp.Dispose();

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public async Task Branches_of_one_stored_session_never_see_each_others_turns_as_with_MAFs_in_memory_provider(string backend)
    {
        await BackendRun.RunAsync(backend, _temp, async stores =>
        {
            var ourModel = new ScriptedChatClient();
            var theirModel = new ScriptedChatClient();
            ChatClientAgent ours = AgentTurns.Create(stores.Conversations, ourModel);
            ChatClientAgent theirs = new(theirModel, new ChatClientAgentOptions
            {
                Name = ours.Name,
                ChatOptions = new ChatOptions { Tools = [new LookupFunction()] },
                ChatHistoryProvider = new InMemoryChatHistoryProvider(),
            });
            var sessions = new SessionStoreAgentSessionStore(stores.AgentSessions, new SessionStoreAgentSessionStoreOptions { Transcripts = stores.Conversations });
            var branches = new Dictionary<ChatClientAgent, (AgentSession A, AgentSession B)>();
            foreach (ChatClientAgent agent in new[] { ours, theirs })
            {
                var key = new AgentSessionStoreKey(agent == ours ? "ours" : "theirs");
                AgentSession first = await sessions.GetOrCreateSessionAsync(agent, key);
                await agent.RunAsync("turn 1", first);
                await sessions.SaveSessionAsync(agent, key, first);
                AgentSession a = (await sessions.GetSessionAsync(agent, key))!;
                AgentSession b = (await sessions.GetSessionAsync(agent, key))!;

                await agent.RunAsync("turn 2", a);
                AgentResponse onB = await agent.RunAsync("turn 3", b);
                await agent.RunAsync("turn 4", a);
                AgentResponse againOnB = await agent.RunAsync("turn 5", b);

                Assert.Equal("answer 3 after 7 messages", onB.Text);
                Assert.Equal("answer 5 after 11 messages", againOnB.Text);
                branches[agent] = (a, b);
            }

            Assert.Equal(Texts(theirModel.Received), Texts(ourModel.Received));
            var provider = (SessionStoreChatHistoryProvider)ours.ChatHistoryProvider!;
            var inMemory = (InMemoryChatHistoryProvider)theirs.ChatHistoryProvider!;
            foreach (Func<(AgentSession A, AgentSession B), AgentSession> branch in new Func<(AgentSession A, AgentSession B), AgentSession>[] { s => s.A, s => s.B })
            {
                IReadOnlyList<ChatMessage> stored = await provider.GetMessagesAsync(branch(branches[ours]));
                Assert.Equal(inMemory.GetMessages(branch(branches[theirs])).Select(m => m.Text), stored.Select(m => m.Text));
                Assert.Equal(stored.Select(m => m.Text), (await stores.Conversations.LoadAsync(provider.GetConversationId(branch(branches[ours])))).Messages.Select(m => m.Text));
            }

            Assert.NotEqual(provider.GetConversationId(branches[ours].A), provider.GetConversationId(branches[ours].B));
        });
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public async Task A_conflicted_branch_reloaded_and_run_again_stores_its_turn_once(string backend)
    {
        await BackendRun.RunAsync(backend, _temp, async stores =>
        {
            ChatClientAgent agent = AgentTurns.Create(stores.Conversations, new ScriptedChatClient());
            var sessions = new SessionStoreAgentSessionStore(stores.AgentSessions, new SessionStoreAgentSessionStoreOptions { Transcripts = stores.Conversations });
            var key = new AgentSessionStoreKey("two-writers");
            AgentSession session = await sessions.GetOrCreateSessionAsync(agent, key);
            await agent.RunAsync("turn 1", session);
            await sessions.SaveSessionAsync(agent, key, session);
            AgentSession first = (await sessions.GetSessionAsync(agent, key))!;
            AgentSession second = (await sessions.GetSessionAsync(agent, key))!;

            await agent.RunAsync("turn 2", first);
            await sessions.SaveSessionAsync(agent, key, first);
            await agent.RunAsync("turn 3", second);
            await Assert.ThrowsAsync<SessionConflictException>(() => sessions.SaveSessionAsync(agent, key, second).AsTask());
            AgentSession retry = (await sessions.GetSessionAsync(agent, key))!;
            await agent.RunAsync("turn 3", retry);
            await sessions.SaveSessionAsync(agent, key, retry);

            var provider = (SessionStoreChatHistoryProvider)agent.ChatHistoryProvider!;
            IReadOnlyList<ChatMessage> transcript = await provider.GetMessagesAsync((await sessions.GetSessionAsync(agent, key))!);
            Assert.Equal(["turn 1", "turn 2", "turn 3"], transcript.Where(m => m.Role == ChatRole.User).Select(m => m.Text));
            Assert.Equal(3 * AgentTurns.MessagesPerTurn, transcript.Count);
            Assert.Single(await stores.Conversations.ListAsync());
            Assert.Equal(transcript.Count, (await stores.Conversations.LoadAsync(provider.GetConversationId(retry))).MessageCount);
        });
    }

    [Fact]
    public async Task Deleting_a_session_deletes_the_conversations_its_branch_was_copied_from()
    {
        using var stores = new Backend("dir:" + _temp.Combine("lineage"));
        ChatClientAgent agent = AgentTurns.Create(stores.Conversations, new ScriptedChatClient());
        var lastWriterWins = new SessionStoreAgentSessionStore(stores.AgentSessions, new SessionStoreAgentSessionStoreOptions { Transcripts = stores.Conversations, DetectConflicts = false });
        var key = new AgentSessionStoreKey("private");
        AgentSession session = await lastWriterWins.GetOrCreateSessionAsync(agent, key);
        await agent.RunAsync("turn 1", session);
        await lastWriterWins.SaveSessionAsync(agent, key, session);
        AgentSession a = (await lastWriterWins.GetSessionAsync(agent, key))!;
        AgentSession b = (await lastWriterWins.GetSessionAsync(agent, key))!;
        await agent.RunAsync("turn 2", a);
        await agent.RunAsync("turn 3", b);
        await lastWriterWins.SaveSessionAsync(agent, key, b);
        var provider = (SessionStoreChatHistoryProvider)agent.ChatHistoryProvider!;
        ChatConversation copy = await stores.Conversations.LoadAsync(provider.GetConversationId(b));
        Assert.Equal(provider.GetConversationId(a), copy.ForkedFrom);
        Assert.Equal(2, (await stores.Conversations.ListAsync()).Count);

        await lastWriterWins.DeleteSessionAsync(agent, key);

        Assert.Empty(await stores.Conversations.ListAsync());
    }

    [Fact]
    public async Task Without_independent_branches_every_session_of_a_conversation_sees_everything_stored()
    {
        using var stores = new Backend("dir:" + _temp.Combine("shared"));
        var model = new ScriptedChatClient();
        ChatClientAgent agent = new(model, new ChatClientAgentOptions
        {
            ChatOptions = new ChatOptions { Tools = [new LookupFunction()] },
            ChatHistoryProvider = stores.Conversations.AsChatHistoryProvider(new SessionStoreChatHistoryProviderOptions { IndependentBranches = false }),
        });
        var sessions = stores.AgentSessions.AsAgentSessionStore();
        var key = new AgentSessionStoreKey("shared");
        AgentSession session = await sessions.GetOrCreateSessionAsync(agent, key);
        await agent.RunAsync("turn 1", session);
        await sessions.SaveSessionAsync(agent, key, session);
        AgentSession a = (await sessions.GetSessionAsync(agent, key))!;
        AgentSession b = (await sessions.GetSessionAsync(agent, key))!;

        await agent.RunAsync("turn 2", a);
        AgentResponse onB = await agent.RunAsync("turn 3", b);

        Assert.Equal("answer 3 after 11 messages", onB.Text);
        Assert.Single(await stores.Conversations.ListAsync());
    }

    [Fact]
    public async Task A_conversation_written_without_a_message_count_gets_one_from_its_first_branch_checked_turn()
    {
        ISessionStore<ChatConversation> conversations = AgentStores.Conversations(_temp.Combine("legacy"), new FileSessionStoreOptions { Durable = false });
        await conversations.SaveAsync(new ChatConversation("legacy")
        {
            Messages = [new ChatMessage(ChatRole.User, "hello"), new ChatMessage(ChatRole.Assistant, "echo: hello")],
        });
        var model = new ScriptedChatClient();
        ChatClientAgent agent = new(model, new ChatClientAgentOptions
        {
            ChatOptions = new ChatOptions { Tools = [new LookupFunction()] },
            ChatHistoryProvider = conversations.AsChatHistoryProvider(new SessionStoreChatHistoryProviderOptions { ConversationIdFactory = _ => "legacy" }),
        });
        AgentSession session = await agent.CreateSessionAsync();

        AgentResponse first = await agent.RunAsync("turn 1", session);
        AgentResponse second = await agent.RunAsync("turn 2", session);

        Assert.Equal("answer 1 after 5 messages", first.Text);
        Assert.Equal("answer 2 after 9 messages", second.Text);
        ChatConversation stored = await conversations.LoadAsync("legacy");
        Assert.Equal(10, stored.Messages.Count);
        Assert.Equal(10, stored.MessageCount);
    }

    private static List<string> Texts(List<List<ChatMessage>> calls) => [.. calls.Select(call => string.Join(" | ", call.Select(m => m.Text)))];
}
