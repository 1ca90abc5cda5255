// A second (third, ...) process for the agent tests; BACKEND is dir:PATH or pg:PREFIX (see Backend.cs).
//   agent-turns BACKEND TURNS              runs TURNS more turns of the kill-test agent session (AgentTurns.cs)
//   tool-loop BACKEND per-call|end-of-run branches|shared LOG block|run   books in two tool rounds (ToolLoop.cs); "block" hangs in the second tool
//   transcript BACKEND                     prints the kill-test session's stored messages, one "role|text" line each
//   append BACKEND CONVERSATION WRITER COUNT START-UNIX-MS   from a shared instant, COUNT turns "WRITER i" through UseSessionStore
//   measure DIRECTORY TURNS RUNS           the cost of persisting one more turn after TURNS turns (PersistCost.cs)
using System.Globalization;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using SessionStore.Agents;
using SessionStore.Agents.Worker;

static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);

switch (args)
{
    case ["agent-turns", var spec, var turns]:
    {
        using var backend = new Backend(spec);
        return await AgentTurns.RunAsync(backend, Number(turns), Console.Out);
    }

    case ["tool-loop", var spec, var persist, var branches, var log, var block]:
    {
        using var backend = new Backend(spec);
        return await ToolLoop.RunAsync(backend, persist == "per-call", branches == "branches", log, block == "block", Console.Out);
    }

    case ["transcript", var spec]:
    {
        using var backend = new Backend(spec);
        ChatClientAgent agent = AgentTurns.Create(backend.Conversations, new ScriptedChatClient());
        AgentSession? session = await backend.AgentSessions.AsAgentSessionStore().GetSessionAsync(agent, AgentTurns.Key);
        if (session is null)
        {
            Console.Error.WriteLine("no stored session");
            return 3;
        }

        foreach (ChatMessage message in await ((SessionStoreChatHistoryProvider)agent.ChatHistoryProvider!).GetMessagesAsync(session))
        {
            Console.Out.WriteLine(message.Role + "|" + Describe(message));
        }

        return 0;
    }

    case ["append", var spec, var conversation, var writer, var count, var start]:
    {
        using var backend = new Backend(spec);
        using IChatClient client = new ChatClientBuilder(new ScriptedChatClient()).UseSessionStore(backend.Conversations).Build();
        var options = new ChatOptions { ConversationId = conversation };
        while (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() < long.Parse(start, CultureInfo.InvariantCulture))
        {
            Thread.SpinWait(100);
        }

        for (int i = 0; i < Number(count); i++)
        {
            _ = await client.GetResponseAsync(string.Create(CultureInfo.InvariantCulture, $"{writer} {i}"), options);
        }

        return 0;
    }

    case ["measure", var directory, var turns, var runs]:
        await PersistCost.RunAsync(directory, Number(turns), Number(runs), Console.Out);
        return 0;

    default:
        Console.Error.WriteLine("usage: agent-turns BACKEND TURNS | transcript BACKEND | append BACKEND CONVERSATION WRITER COUNT START-UNIX-MS");
        return 2;
}

static string Describe(ChatMessage message) => string.Join(" ", message.Contents.Select(content => content switch
{
    TextContent text => text.Text,
    FunctionCallContent call => $"call {call.CallId} {call.Name}({string.Join(",", (call.Arguments ?? new Dictionary<string, object?>()).Select(a => a.Key + "=" + a.Value))})",
    FunctionResultContent result => $"result {result.CallId} {result.Result}",
    _ => content.GetType().Name,
}));
