using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Worker;

/// <summary>
/// A host that books through <see cref="ToolLoopChatClient"/>'s two tool rounds and saves its agent session before the
/// run (so a resumed process finds the conversation) and after it. Started with nothing stored it sends <c>book</c>;
/// finding a stored history it resumes the run without a new message.
/// </summary>
public static class ToolLoop
{
    public static readonly AgentSessionStoreKey Key = new("tool-loop");

    public static async Task<int> RunAsync(Backend backend, bool perServiceCall, bool independentBranches, string log, bool blockInPay, TextWriter output)
    {
        ChatClientAgent agent = new(new ToolLoopChatClient(), new ChatClientAgentOptions
        {
            Name = "booking-agent",
            ChatOptions = new ChatOptions { Tools = [new BookingFunction(ToolLoopChatClient.Reserve, log, false), new BookingFunction(ToolLoopChatClient.Pay, log, blockInPay)] },
            ChatHistoryProvider = backend.Conversations.AsChatHistoryProvider(new SessionStoreChatHistoryProviderOptions { IndependentBranches = independentBranches }),
            RequirePerServiceCallChatHistoryPersistence = perServiceCall,
        });
        var sessions = backend.AgentSessions.AsAgentSessionStore();
        AgentSession session = await sessions.GetOrCreateSessionAsync(agent, Key);
        await sessions.SaveSessionAsync(agent, Key, session);
        var history = (SessionStoreChatHistoryProvider)agent.ChatHistoryProvider!;
        bool resuming = (await history.GetMessagesAsync(session)).Count > 0;
        AgentResponse response = resuming ? await agent.RunAsync(session) : await agent.RunAsync("book", session);
        await sessions.SaveSessionAsync(agent, Key, session);
        output.WriteLine((resuming ? "resumed " : "ran ") + response.Text);
        return 0;
    }
}
