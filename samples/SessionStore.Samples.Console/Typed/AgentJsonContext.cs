using System.Text.Json.Serialization;

namespace SessionStore.Samples.Console.Typed;

/// <summary>The sample's JSON metadata, source-generated: no reflection, trimming- and AOT-safe.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(AgentSession))]
internal sealed partial class AgentJsonContext : JsonSerializerContext;
