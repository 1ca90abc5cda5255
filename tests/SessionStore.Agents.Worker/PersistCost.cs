using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Worker;

/// <summary>
/// The cost of persisting one more turn (4 messages, a tool call included) after N turns: our provider
/// (<see cref="ChatHistoryProvider.InvokedAsync"/>, i.e. the store's update) against MAF's in-memory provider
/// persisted the MAF way (<see cref="AIAgent.SerializeSessionAsync"/> of the whole session, written to a temp file and
/// renamed over the old one, as MAF's file-system session store does). Prints the median of the runs in milliseconds.
/// </summary>
public static class PersistCost
{
    public static async Task RunAsync(string directory, int turns, int runs, TextWriter output)
    {
        foreach (bool durable in new[] { true, false })
        {
            var store = AgentStores.Conversations(Path.Combine(directory, $"ours-{turns}-{durable}"), new FileSessionStoreOptions { Durable = durable });
            ChatClientAgent agent = AgentTurns.Create(store, new ScriptedChatClient());
            AgentSession session = await agent.CreateSessionAsync();
            await Prefill(agent.ChatHistoryProvider!, agent, session, turns);
            double ours = await Median(runs, () => agent.ChatHistoryProvider!.InvokedAsync(Turn(agent, session, turns)).AsTask());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sessionstore-provider durable={durable} turns={turns} median_ms={ours:F3} file_bytes={new FileInfo(Path.Combine(store.DirectoryPath, ((SessionStoreChatHistoryProvider)agent.ChatHistoryProvider!).GetConversationId(session) + ".json")).Length}"));
        }

        var inMemory = new InMemoryChatHistoryProvider();
        var theirs = new ChatClientAgent(new ScriptedChatClient(), new ChatClientAgentOptions { Name = "measure", ChatHistoryProvider = inMemory });
        AgentSession theirSession = await theirs.CreateSessionAsync();
        await Prefill(inMemory, theirs, theirSession, turns);
        string path = Path.Combine(directory, $"maf-{turns}.json");
        _ = await theirs.SerializeSessionAsync(theirSession);   // warm-up, as the prefill warms ours
        double maf = await Median(runs, async () =>
        {
            await inMemory.InvokedAsync(Turn(theirs, theirSession, turns));
            JsonElement serialized = await theirs.SerializeSessionAsync(theirSession);
            string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            await using (var writer = new Utf8JsonWriter(stream))
            {
                serialized.WriteTo(writer);
            }

            File.Move(temp, path, overwrite: true);
        });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"maf-inmemory+serialize+file turns={turns} median_ms={maf:F3} file_bytes={new FileInfo(path).Length}"));
    }

    private static async Task Prefill(ChatHistoryProvider provider, AIAgent agent, AgentSession session, int turns)
    {
        for (int turn = 1; turn <= turns; turn++)
        {
            await provider.InvokedAsync(Turn(agent, session, turn));
        }
    }

    private static ChatHistoryProvider.InvokedContext Turn(AIAgent agent, AgentSession session, int turn)
    {
        string n = turn.ToString(CultureInfo.InvariantCulture);
        return new ChatHistoryProvider.InvokedContext(agent, session,
            [new ChatMessage(ChatRole.User, "turn " + n + ": what is the weather in Oslo tomorrow, and should I take an umbrella?")],
            [
                new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-" + n, "lookup", new Dictionary<string, object?> { ["turn"] = n, ["city"] = "Oslo" })]),
                new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call-" + n, "rain, 4 to 7 °C, wind 8 m/s from the south-west")]),
                new ChatMessage(ChatRole.Assistant, "Tomorrow in Oslo: rain with 4 to 7 °C and a south-westerly wind. Take an umbrella and a warm coat."),
            ]);
    }

    private static async Task<double> Median(int runs, Func<Task> action)
    {
        var times = new List<double>(runs);
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        return times[runs / 2];
    }
}
