using Microsoft.Extensions.AI;
using SessionStore.Agents.Worker;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Agents.Tests.ChatClient;

public sealed class SessionStoreChatClientTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore<ChatConversation> _store;
    private readonly ScriptedChatClient _model = new();

    public SessionStoreChatClientTests()
    {
        _store = AgentStores.Conversations(_temp.Combine("chats"), new FileSessionStoreOptions { Durable = false });
    }

    [Fact]
    public async Task History_is_loaded_sent_and_appended_with_usage_totals()
    {
        using IChatClient client = new ChatClientBuilder(_model).UseSessionStore(_store).Build();
        var options = new ChatOptions { ConversationId = "plain-1" };

        ChatResponse first = await client.GetResponseAsync("hi", options);
        await client.GetResponseAsync("again", options);

        Assert.Equal("plain-1", first.ConversationId);
        Assert.Equal(["hi", "echo: hi", "again"], _model.Received[1].Select(m => m.Text));
        Assert.All(_model.Received, _ => Assert.Equal("plain-1", options.ConversationId));
        ChatConversation stored = _store.Load("plain-1");
        Assert.Equal(["hi", "echo: hi", "again", "echo: again"], stored.Messages.Select(m => m.Text));
        Assert.Equal((20L, 10L, 30L), (stored.Usage!.InputTokenCount, stored.Usage.OutputTokenCount, stored.Usage.TotalTokenCount));
    }

    [Fact]
    public async Task The_inner_client_never_sees_the_conversation_id()
    {
        var inner = new OptionsRecorder(_model);
        using IChatClient client = new ChatClientBuilder(inner).UseSessionStore(_store).Build();

        await client.GetResponseAsync("hi", new ChatOptions { ConversationId = "plain-2" });

        Assert.Null(Assert.Single(inner.Seen)?.ConversationId);
    }

    [Fact]
    public async Task Without_a_conversation_id_nothing_is_stored()
    {
        using IChatClient client = new ChatClientBuilder(_model).UseSessionStore(_store).Build();

        ChatResponse response = await client.GetResponseAsync("hi");

        Assert.Equal("echo: hi", response.Text);
        Assert.Empty(_store.List());
    }

    [Fact]
    public async Task A_completed_stream_is_appended_as_one_turn()
    {
        using IChatClient client = new ChatClientBuilder(_model).UseSessionStore(_store).Build();
        var options = new ChatOptions { ConversationId = "stream-1" };

        var updates = new List<ChatResponseUpdate>();
        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("hi", options))
        {
            updates.Add(update);
        }

        Assert.All(updates, u => Assert.Equal("stream-1", u.ConversationId));
        ChatConversation stored = _store.Load("stream-1");
        Assert.Equal(["hi", "echo: hi"], stored.Messages.Select(m => m.Text));
        Assert.Equal(15L, stored.Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task An_abandoned_cancelled_or_failed_call_stores_nothing()
    {
        using IChatClient client = new ChatClientBuilder(_model).UseSessionStore(_store).Build();
        await client.GetResponseAsync("kept", new ChatOptions { ConversationId = "partial" });

        await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("abandoned", new ChatOptions { ConversationId = "partial" }))
        {
            break;
        }

        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (ChatResponseUpdate update in client.GetStreamingResponseAsync("cancelled", new ChatOptions { ConversationId = "partial" }, cancel.Token))
            {
                await cancel.CancelAsync();
            }
        });

        _model.FailOnCall = 4;
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync("failed", new ChatOptions { ConversationId = "partial" }));

        Assert.Equal(["kept", "echo: kept"], _store.Load("partial").Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Function_invocation_in_front_stores_every_round_trip_of_a_tool_call()
    {
        using IChatClient client = new ChatClientBuilder(_model).UseFunctionInvocation().UseSessionStore(_store).Build();
        var options = new ChatOptions { ConversationId = "tools", Tools = [new LookupFunction()] };

        ChatResponse response = await client.GetResponseAsync("turn 1", options);
        ChatResponse next = await client.GetResponseAsync("turn 2", options);

        Assert.Equal("answer 1 after 3 messages", response.Text);
        Assert.Equal("answer 2 after 7 messages", next.Text);
        Assert.Equal(["user", "assistant", "tool", "assistant", "user", "assistant", "tool", "assistant"], _store.Load("tools").Messages.Select(m => m.Role.Value));
    }

    [Fact]
    public async Task A_reducer_trims_what_is_sent_and_never_what_is_stored()
    {
        using IChatClient client = new ChatClientBuilder(_model).UseSessionStore(_store, c => c.ChatReducer = new MessageCountingChatReducer(3)).Build();
        var options = new ChatOptions { ConversationId = "reduced" };

        for (int i = 0; i < 5; i++)
        {
            await client.GetResponseAsync($"m{i}", options);
        }

        Assert.Equal(["echo: m3", "m4"], _model.Received[^1].Select(m => m.Text).TakeLast(2));
        Assert.Equal(3, _model.Received[^1].Count);
        Assert.Equal(10, _store.Load("reduced").Messages.Count);
    }

    [Fact]
    public async Task A_hostile_conversation_id_is_hashed_into_the_store_and_never_names_a_path()
    {
        using IChatClient client = new ChatClientBuilder(_model).UseSessionStore(_store).Build();

        ChatResponse response = await client.GetResponseAsync("hi", new ChatOptions { ConversationId = "../escape" });

        Assert.Equal("../escape", response.ConversationId);
        string id = Assert.Single(_store.List());
        Assert.StartsWith("k", id, StringComparison.Ordinal);
        Assert.Equal("../escape", _store.Load(id).ConversationId);
        Assert.Equal([Path.Combine(_store.DirectoryPath, id + ".json")], Directory.GetFiles(_store.DirectoryPath));
        Assert.False(File.Exists(Path.Combine(_temp.Combine("chats"), "..", "escape.json")));
    }

    public void Dispose() => _temp.Dispose();

    private sealed class OptionsRecorder(IChatClient inner) : DelegatingChatClient(inner)
    {
        public List<ChatOptions?> Seen { get; } = [];

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Seen.Add(options);
            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }
}
