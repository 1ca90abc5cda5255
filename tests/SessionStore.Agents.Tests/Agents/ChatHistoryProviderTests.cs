using System.Text.Json;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using SessionStore.Agents.Worker;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Agents.Tests.Agents;

public sealed class ChatHistoryProviderTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore<ChatConversation> _store;

    public ChatHistoryProviderTests()
    {
        _store = AgentStores.Conversations(_temp.Combine("chats"), new FileSessionStoreOptions { Durable = false });
    }

    [Fact]
    public async Task Turns_with_tool_calls_are_stored_and_sent_back_as_history()
    {
        var model = new ScriptedChatClient();
        ChatClientAgent agent = AgentTurns.Create(_store, model);
        AgentSession session = await agent.CreateSessionAsync();

        AgentResponse first = await agent.RunAsync("turn 1", session);
        AgentResponse second = await agent.RunAsync("turn 2", session);

        Assert.Equal("answer 1 after 3 messages", first.Text);
        Assert.Equal("answer 2 after 7 messages", second.Text);
        var provider = (SessionStoreChatHistoryProvider)agent.ChatHistoryProvider!;
        ChatConversation stored = _store.Load(provider.GetConversationId(session));
        Assert.Equal(
            ["user", "assistant", "tool", "assistant", "user", "assistant", "tool", "assistant"],
            stored.Messages.Select(m => m.Role.Value));
        Assert.Equal("call-2", Assert.IsType<FunctionCallContent>(stored.Messages[5].Contents[0]).CallId);
        Assert.Equal("looked up 2", Assert.IsType<FunctionResultContent>(stored.Messages[6].Contents[0]).Result?.ToString());
    }

    [Fact]
    public async Task A_serialized_session_resumes_in_a_new_agent_with_the_whole_history()
    {
        ChatClientAgent agent = AgentTurns.Create(_store, new ScriptedChatClient());
        AgentSession session = await agent.CreateSessionAsync();
        await agent.RunAsync("turn 1", session);
        JsonElement serialized = await agent.SerializeSessionAsync(session);

        var model = new ScriptedChatClient();
        ChatClientAgent restarted = AgentTurns.Create(AgentStores.Conversations(_store.DirectoryPath), model);
        AgentSession resumed = await restarted.DeserializeSessionAsync(serialized);
        AgentResponse response = await restarted.RunAsync("turn 2", resumed);

        Assert.Equal("answer 2 after 7 messages", response.Text);
        Assert.Equal(["turn 1", "answer 1 after 3 messages", "turn 2"], model.Received[0].Where(m => m.Text.Length > 0).Select(m => m.Text));
        Assert.Contains("SessionStoreChatHistoryProvider", serialized.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("turn 1", serialized.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_run_stores_nothing_exactly_as_MAFs_in_memory_provider()
    {
        var inMemory = new InMemoryChatHistoryProvider();
        var theirs = new ChatClientAgent(new ScriptedChatClient { FailOnCall = 3 }, new ChatClientAgentOptions { ChatOptions = new ChatOptions { Tools = [new LookupFunction()] }, ChatHistoryProvider = inMemory });
        var model = new ScriptedChatClient { FailOnCall = 3 };
        ChatClientAgent ours = AgentTurns.Create(_store, model);
        AgentSession theirSession = await theirs.CreateSessionAsync();
        AgentSession ourSession = await ours.CreateSessionAsync();

        await theirs.RunAsync("turn 1", theirSession);
        await ours.RunAsync("turn 1", ourSession);
        await Assert.ThrowsAsync<InvalidOperationException>(() => theirs.RunAsync("turn 2", theirSession));
        await Assert.ThrowsAsync<InvalidOperationException>(() => ours.RunAsync("turn 2", ourSession));

        IReadOnlyList<ChatMessage> stored = await ((SessionStoreChatHistoryProvider)ours.ChatHistoryProvider!).GetMessagesAsync(ourSession);
        Assert.Equal(4, inMemory.GetMessages(theirSession).Count);
        Assert.Equal(inMemory.GetMessages(theirSession).Select(m => m.Text), stored.Select(m => m.Text));
    }

    [Fact]
    public async Task A_reducer_shapes_what_is_sent_and_the_full_transcript_stays_on_disk()
    {
        var model = new ScriptedChatClient();
        var provider = _store.AsChatHistoryProvider(new SessionStoreChatHistoryProviderOptions { ChatReducer = new MessageCountingChatReducer(2) });
        var agent = new ChatClientAgent(model, new ChatClientAgentOptions { ChatOptions = new ChatOptions { Tools = [new LookupFunction()] }, ChatHistoryProvider = provider });
        AgentSession session = await agent.CreateSessionAsync();

        for (int turn = 1; turn <= 5; turn++)
        {
            await agent.RunAsync($"turn {turn}", session);
        }

        Assert.Equal(20, (await provider.GetMessagesAsync(session)).Count);
        List<ChatMessage> lastCall = model.Received[^2];
        // MessageCountingChatReducer(2) keeps the last two messages that are not tool calls or results.
        Assert.Equal(["turn 4", "answer 4 after 5 messages", "turn 5"], lastCall.Where(m => m.Text.Length > 0).Select(m => m.Text));
    }

    [Fact]
    public async Task The_conversation_id_factory_and_state_key_are_used()
    {
        var provider = _store.AsChatHistoryProvider(new SessionStoreChatHistoryProviderOptions { ConversationIdFactory = _ => "chat-from-factory", StateKey = "history" });
        var agent = new ChatClientAgent(new ScriptedChatClient(), new ChatClientAgentOptions { ChatHistoryProvider = provider });
        AgentSession session = await agent.CreateSessionAsync();

        await agent.RunAsync("hello", session);

        Assert.Equal(["history"], provider.StateKeys);
        Assert.Equal("chat-from-factory", provider.GetConversationId(session));
        Assert.Equal(["hello", "echo: hello"], _store.Load("chat-from-factory").Messages.Select(m => m.Text));
    }

    public void Dispose() => _temp.Dispose();
}
