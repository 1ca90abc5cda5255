using System.Text.Json.Serialization;

namespace SessionStore.Samples.Console;

/// <summary>The tool's JSON (show --json, list --json, import, export): source-generated, in the reference's snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(StoredSession))]
[JsonSerializable(typeof(List<StoredSession>))]
[JsonSerializable(typeof(List<SessionSummary>))]
internal sealed partial class ToolJsonContext : JsonSerializerContext;
