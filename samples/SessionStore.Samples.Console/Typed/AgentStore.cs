using System.Text.Json.Nodes;

namespace SessionStore.Samples.Console.Typed;

/// <summary>A typed store written by the generator; version 1 files had no "model", version 2 adds it.</summary>
[SessionStore(typeof(AgentSession), typeof(AgentJsonContext), SchemaVersion = 2)]
public sealed partial class AgentStore
{
    [SessionMigration(1)]
    private static void AddModel(JsonObject session) => session["model"] ??= "unknown";
}
