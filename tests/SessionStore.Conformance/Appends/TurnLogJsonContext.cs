using System.Text.Json.Serialization;

namespace SessionStore.Conformance.Appends;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TurnLog))]
[JsonSerializable(typeof(LogTurn))]
internal sealed partial class TurnLogJsonContext : JsonSerializerContext;
