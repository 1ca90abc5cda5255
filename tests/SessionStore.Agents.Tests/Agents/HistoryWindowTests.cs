using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using SessionStore.Agents.Tests.TestSupport;
using SessionStore.Agents.Worker;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Agents.Tests.Agents;

/// <summary><c>MaxHistoryMessages</c>: a turn reads and sends the end of its branch, never a tool result without its call; the transcript stays whole.</summary>
public sealed class HistoryWindowTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public static TheoryData<string, int> Windows => new() { { "dir", 5 }, { "dir", 6 }, { "pg", 5 }, { "pg", 6 } };

    public void Dispose() => _temp.Dispose();

    [SkippableTheory]
    [MemberData(nameof(Windows))]
    public async Task A_run_is_sent_the_last_messages_of_its_branch_only(string backend, int window)
    {
        await BackendRun.RunAsync(backend, _temp, async stores =>
        {
            var model = new ScriptedChatClient();
            ChatClientAgent agent = new(model, new ChatClientAgentOptions
            {
                Name = "windowed",
                ChatOptions = new ChatOptions { Tools = [new LookupFunction()] },
                ChatHistoryProvider = stores.Conversations.AsChatHistoryProvider(new SessionStoreChatHistoryProviderOptions { MaxHistoryMessages = window }),
            });
            var sessions = stores.AgentSessions.AsAgentSessionStore();
            var key = new AgentSessionStoreKey("long");
            AgentSession session = await sessions.GetOrCreateSessionAsync(agent, key);
            for (int turn = 1; turn <= 3; turn++)
            {
                await agent.RunAsync($"turn {turn}", session);
            }

            await sessions.SaveSessionAsync(agent, key, session);
            AgentSession branch = (await sessions.GetSessionAsync(agent, key))!;
            await agent.RunAsync("turn 4", session);   // moves the conversation on: the branch must not see it
            model.Received.Clear();

            AgentResponse response = await agent.RunAsync("turn 5", branch);

            // 12 stored messages in the branch before its run: the last 5 of them, or of the last 6 all but the tool result
            // that starts them (its call is outside the window); never turn 4, which is not the branch's.
            List<ChatMessage> sent = model.Received[0];
            Assert.Equal(["assistant", "user", "assistant", "tool", "assistant", "user"], sent.Select(m => m.Role.Value));
            Assert.Equal(["turn 3", "turn 5"], sent.Where(m => m.Role == ChatRole.User).Select(m => m.Text));
            Assert.StartsWith("answer 2 after", sent[0].Text, StringComparison.Ordinal);
            Assert.Equal("answer 5 after 8 messages", response.Text);
            var provider = (SessionStoreChatHistoryProvider)agent.ChatHistoryProvider!;
            Assert.Equal(16, (await provider.GetMessagesAsync(branch)).Count);
            Assert.Equal(16, (await provider.GetMessagesAsync(session)).Count);
        });
    }

    [Fact]
    public async Task The_chat_client_sends_the_last_messages_and_stores_everything()
    {
        using var stores = new Backend("dir:" + _temp.Combine("client"));
        var model = new ScriptedChatClient();
        using var client = new SessionStoreChatClient(model, stores.Conversations) { MaxHistoryMessages = 2 };
        var options = new ChatOptions { ConversationId = "c" };
        for (int i = 0; i < 4; i++)
        {
            _ = await client.GetResponseAsync("m" + i, options);
        }

        Assert.Equal(["m2", "echo: m2", "m3"], model.Received[^1].Select(m => m.Text));
        Assert.Equal(8, (await stores.Conversations.LoadAsync("c")).Messages.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => client.MaxHistoryMessages = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionStoreChatHistoryProviderOptions { MaxHistoryMessages = -1 });
    }
}
