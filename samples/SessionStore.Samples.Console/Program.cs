// A small demo of a typed store written by the source generator: your own session type, a schema
// version and a migration, checked at compile time. It writes into a new temp directory, or into the
// directory given as the first argument (which must be empty or new). The `sessions` command-line
// tool lives in src/SessionStore.Tool.
using SessionStore.Samples.Console.Typed;

string directory = args.Length > 0 ? Path.GetFullPath(args[0]) : Directory.CreateTempSubdirectory("typed-store-demo-").FullName;
if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
{
    Console.Error.WriteLine($"error: '{directory}' is not empty; the demo writes only into an empty or new directory");
    return 2;
}

var agents = new AgentStore(directory);
var agent = new AgentSession("agent-1", "small-model", [new AgentStep("search", "3 results"), new AgentStep("summarize", "done")]);
Console.WriteLine($"saved   agent-1 -> {agents.Save(agent)}");

// A file written by version 1 of the schema (no "model"): the generated migration fills it in on load.
File.WriteAllText(Path.Combine(directory, "agent-0.json"), """{"id": "agent-0", "steps": []}""");
AgentSession migrated = agents.Load("agent-0");
Console.WriteLine($"loaded  agent-0 written by schema v1 -> model '{migrated.Model}' (schema v{AgentStore.Schema.CurrentVersion})");

bool equal = agents.Load("agent-1") == agent;
Console.WriteLine($"loaded  agent-1, equal to saved: {equal}");
Console.WriteLine($"list    {string.Join(", ", agents.List())}");
return equal && migrated.Model == "unknown" ? 0 : 1;
