using System.Text.Json.Serialization;

namespace SessionStore.Serialization;

/// <summary>
/// The source-generated JSON metadata for <see cref="StoredSession"/> in the reference's format:
/// snake_case names, two-space indentation, required and non-null fields.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    IndentSize = 2,
    NewLine = "\n",
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(StoredSession))]
[JsonSerializable(typeof(JournalEntry))]
internal sealed partial class SessionJsonContext : JsonSerializerContext;
