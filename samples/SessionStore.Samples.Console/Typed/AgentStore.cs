using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SessionStore.Samples.Console.Typed;

/// <summary>An agent's session in the application's own shape.</summary>
public sealed record AgentSession([property: SessionId] string Id, string Model, IReadOnlyList<AgentStep> Steps)
{
    /// <inheritdoc />
    public bool Equals(AgentSession? other) =>
        other is not null && Id == other.Id && Model == other.Model && Steps.SequenceEqual(other.Steps);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Model, Steps.Count);
}

/// <summary>One step of an agent: a tool it called and what came back.</summary>
public sealed record AgentStep(string Tool, string Result);

/// <summary>The sample's JSON metadata, source-generated: no reflection, trimming- and AOT-safe.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AgentSession))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;

/// <summary>A typed store written by the generator; version 1 files had no "model", version 2 adds it.</summary>
[SessionStore(typeof(AgentSession), typeof(AgentJsonContext), SchemaVersion = 2)]
public sealed partial class AgentStore
{
    [SessionMigration(1)]
    private static void AddModel(JsonObject session) => session["model"] ??= "unknown";
}
