using System.Globalization;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Worker;

/// <summary>
/// A ChatClientAgent over <see cref="ScriptedChatClient"/> whose history is a <see cref="SessionStoreChatHistoryProvider"/>
/// and whose session is kept by a <see cref="SessionStoreAgentSessionStore"/> under the key <c>kill-test</c>. Each turn
/// runs <c>turn N</c> (the model calls <c>lookup</c>, then answers), saves the session, and prints
/// <c>turn N conversation ID answer TEXT</c>; N continues from the stored transcript (4 messages a turn).
/// </summary>
public static class AgentTurns
{
    public const int MessagesPerTurn = 4;
    public static readonly AgentSessionStoreKey Key = new("kill-test");

    public static async Task<int> RunAsync(Backend backend, int turns, TextWriter output)
    {
        ChatClientAgent agent = Create(backend.Conversations, new ScriptedChatClient());
        var sessions = backend.AgentSessions.AsAgentSessionStore();
        AgentSession session = await sessions.GetOrCreateSessionAsync(agent, Key);
        var history = (SessionStoreChatHistoryProvider)agent.ChatHistoryProvider!;
        int next = (await history.GetMessagesAsync(session)).Count / MessagesPerTurn + 1;
        for (int turn = next; turn < next + turns; turn++)
        {
            AgentResponse response = await agent.RunAsync(string.Create(CultureInfo.InvariantCulture, $"turn {turn}"), session);
            await sessions.SaveSessionAsync(agent, Key, session);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"turn {turn} conversation {history.GetConversationId(session)} answer {response.Text}"));
            output.Flush();
        }

        return 0;
    }

    public static ChatClientAgent Create(ISessionStore<ChatConversation> conversations, IChatClient model) =>
        new(model, new ChatClientAgentOptions
        {
            Name = "kill-test-agent",
            ChatOptions = new ChatOptions { Tools = [new LookupFunction()] },
            ChatHistoryProvider = conversations.AsChatHistoryProvider(),
        });
}
