using SessionStore.Samples.Console.Typed;

namespace SessionStore.Samples.Console.Commands;

/// <summary>The main job: save a few sessions, list them, load one, delete one twice, and say what happened.</summary>
internal static class DemoCommand
{
    internal static int Run(string directory, TextWriter output)
    {
        var store = new FileSessionStore(directory);
        output.WriteLine($"Store: {store.DirectoryPath}");

        StoredSession[] sessions =
        [
            new("demo-greeting", ["hello", "hi! how can I help?"], 12, 34),
            new("demo-weather", ["what's the weather in Zürich?", "sunny, 21 °C"], 20, 41),
            new("demo-scratch", ["this one gets deleted"], 5, 3),
        ];
        foreach (StoredSession session in sessions)
        {
            string path = store.Save(session);
            output.WriteLine($"saved   {session.SessionId} -> {path}");
        }

        output.WriteLine($"list    {string.Join(", ", store.List())}");

        StoredSession loaded = store.Load("demo-weather");
        output.WriteLine($"load    {loaded.SessionId}: {loaded.Messages.Count} messages, {loaded.InputTokens} in / {loaded.OutputTokens} out tokens, equal to saved: {loaded == sessions[1]}");

        bool first = store.Delete("demo-scratch");
        bool second = store.Delete("demo-scratch");
        output.WriteLine($"delete  demo-scratch -> {first.ToString().ToLowerInvariant()} (removed by this call)");
        output.WriteLine($"delete  demo-scratch -> {second.ToString().ToLowerInvariant()} (already gone: not an error)");
        output.WriteLine($"list    {string.Join(", ", store.List())}");

        // The application's own session type, through a store the generator wrote.
        var agents = new AgentStore(Path.Combine(store.DirectoryPath, "agents"));
        var agent = new AgentSession("agent-1", "small-model", [new AgentStep("search", "3 results"), new AgentStep("summarize", "done")]);
        agents.Save(agent);
        bool typedEqual = agents.Load("agent-1") == agent;
        output.WriteLine($"typed   agent-1 saved and loaded by a generated store (schema v{AgentStore.Schema.CurrentVersion}), equal: {typedEqual}");
        return first && !second && typedEqual ? ToolErrors.Success : ToolErrors.Failure;
    }
}
