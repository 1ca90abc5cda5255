using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionStore.Samples.AgentHost;

/// <summary>The host's request and response shapes, source-generated (no reflection, AOT-safe).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TurnRequest))]
[JsonSerializable(typeof(TurnReply))]
[JsonSerializable(typeof(List<ConversationItem>))]
[JsonSerializable(typeof(List<MessageItem>))]
internal sealed partial class HostJsonContext : JsonSerializerContext;
