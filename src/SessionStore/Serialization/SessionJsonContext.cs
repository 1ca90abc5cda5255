using System.Text.Json.Serialization;

namespace SessionStore.Serialization;

/// <summary>
/// The source-generated JSON metadata for <see cref="StoredSession"/> in the reference's format:
/// snake_case names, two-space indentation, required and non-null fields. <see cref="StoredSession"/>
/// goes through <see cref="StoredSessionConverter"/>, a single pass over the bytes.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    IndentSize = 2,
    NewLine = "\n",
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(StoredSessionConverter)])]
[JsonSerializable(typeof(StoredSession))]
[JsonSerializable(typeof(AnySession))] // a store needs metadata; AnySessionStore never serializes through it
internal sealed partial class SessionJsonContext : JsonSerializerContext;
