using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using SessionStore.Agents;

namespace SessionStore.Benchmarks.Agents;

/// <summary>
/// An agent turn's history cost as a conversation grows: provide the history (what the model is sent) and persist the
/// turn (4 messages, a tool call among them), for conversations of 10 and of 10,000 messages, side by side in one run:
/// our provider with a window of 20 messages (<see cref="SessionStoreChatHistoryProviderOptions.MaxHistoryMessages"/>),
/// our provider reading the whole history, and MAF's <see cref="InMemoryChatHistoryProvider"/> persisted as a host
/// persists it (the whole serialized session to a temp file, renamed over the old one). Prints the median of the runs in
/// milliseconds and the ratio of the 10,000-message turn to the 10-message one per column.
/// </summary>
public static class AgentTurnCost
{
    private static readonly int[] Sizes = [10, 10_000];

    public static async Task<int> RunAsync(string[] args)
    {
        int runs = args is [var count, ..] ? int.Parse(count, CultureInfo.InvariantCulture) : 51;
        string root = Directory.CreateTempSubdirectory("sessionstore-turn-cost-").FullName;
        try
        {
            var columns = new (string Name, Func<string, int, int, Task<double>> Measure)[]
            {
                ("ours, window 20", (dir, size, n) => OursAsync(dir, size, n, window: 20)),
                ("ours, whole history", (dir, size, n) => OursAsync(dir, size, n, window: null)),
                ("MAF in-memory + file", MafAsync),
            };
            Console.WriteLine($"median of {runs} turns (provide + persist), Durable = false, ms");
            Console.WriteLine($"{"",-24}{"10 messages",14}{"10,000 messages",18}{"ratio",8}");
            foreach ((string name, Func<string, int, int, Task<double>> measure) in columns)
            {
                double[] medians = new double[Sizes.Length];
                for (int i = 0; i < Sizes.Length; i++)
                {
                    medians[i] = await measure(Path.Combine(root, $"{name.GetHashCode():x}-{Sizes[i]}"), Sizes[i], runs);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-24}{medians[0],14:F3}{medians[1],18:F3}{medians[1] / medians[0],8:F2}"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<double> OursAsync(string directory, int size, int runs, int? window)
    {
        FileSessionStore<ChatConversation> store = AgentStores.Conversations(directory, new FileSessionStoreOptions { Durable = false });
        var provider = store.AsChatHistoryProvider(new SessionStoreChatHistoryProviderOptions { MaxHistoryMessages = window });
        var agent = new ChatClientAgent(new EchoClient(), new ChatClientAgentOptions { Name = "measure", ChatHistoryProvider = provider });
        AgentSession session = await agent.CreateSessionAsync();
        await store.AppendAsync(provider.GetConversationId(session), Prefill(size));
        return await MedianAsync(runs, async turn => await TurnAsync(provider, agent, session, turn));
    }

    private static async Task<double> MafAsync(string directory, int size, int runs)
    {
        Directory.CreateDirectory(directory);
        var provider = new InMemoryChatHistoryProvider();
        var agent = new ChatClientAgent(new EchoClient(), new ChatClientAgentOptions { Name = "measure", ChatHistoryProvider = provider });
        AgentSession session = await agent.CreateSessionAsync();
        provider.SetMessages(session, Prefill(size));
        string path = Path.Combine(directory, "session.json");
        return await MedianAsync(runs, async turn =>
        {
            await TurnAsync(provider, agent, session, turn);
            JsonElement serialized = await agent.SerializeSessionAsync(session);
            string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            await using (var writer = new Utf8JsonWriter(stream))
            {
                serialized.WriteTo(writer);
            }

            File.Move(temp, path, overwrite: true);
        });
    }

    private static async Task TurnAsync(ChatHistoryProvider provider, AIAgent agent, AgentSession session, int turn)
    {
        List<ChatMessage> request = [new ChatMessage(ChatRole.User, $"turn {turn}: what is the weather in Oslo tomorrow, and should I take an umbrella?")];
        IEnumerable<ChatMessage> history = await provider.InvokingAsync(new ChatHistoryProvider.InvokingContext(agent, session, request));
        _ = history.Count();
        string n = turn.ToString(CultureInfo.InvariantCulture);
        await provider.InvokedAsync(new ChatHistoryProvider.InvokedContext(agent, session, request,
        [
            new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-" + n, "lookup", new Dictionary<string, object?> { ["city"] = "Oslo" })]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call-" + n, "rain, 4 to 7 °C, wind 8 m/s from the south-west")]),
            new ChatMessage(ChatRole.Assistant, "Tomorrow in Oslo: rain with 4 to 7 °C and a south-westerly wind. Take an umbrella."),
        ]));
    }

    private static List<ChatMessage> Prefill(int size) =>
    [
        .. Enumerable.Range(0, size).Select(i => new ChatMessage(i % 2 == 0 ? ChatRole.User : ChatRole.Assistant,
            $"message {i}: a sentence of ordinary length, as a person or a model writes one in a conversation.")),
    ];

    private static async Task<double> MedianAsync(int runs, Func<int, Task> turn)
    {
        await turn(0);   // warm-up: JIT, and the first read of a version (ours reads it whole once)
        var times = new List<double>(runs);
        for (int i = 1; i <= runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await turn(i);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        return times[runs / 2];
    }

    private sealed class EchoClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
