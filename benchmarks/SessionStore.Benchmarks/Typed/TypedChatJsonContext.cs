using System.Text.Json.Serialization;

namespace SessionStore.Benchmarks.Typed;

[JsonSerializable(typeof(TypedChat))]
[JsonSerializable(typeof(ChatTurn))]
public sealed partial class TypedChatJsonContext : JsonSerializerContext;
