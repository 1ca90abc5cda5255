using System.Text.Json.Serialization;

namespace SessionStore.Tool;

/// <summary>The tool's JSON: source-generated (trimming- and AOT-safe), in the reference's snake_case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(List<Cli.ListedSession>))]
[JsonSerializable(typeof(List<Cli.CatalogRow>))]
[JsonSerializable(typeof(List<Cli.SearchRow>))]
[JsonSerializable(typeof(List<TrashedSession>))]
[JsonSerializable(typeof(List<QuarantinedFile>))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
internal sealed partial class ToolJsonContext : JsonSerializerContext;
