using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Serialization;

// Only this library's own types: MEAI's types (ChatMessage, every AIContent, UsageDetails) come from the
// resolver in front of this one in AgentJson.DefaultOptions, so custom AIContent registered there applies.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatConversation))]
[JsonSerializable(typeof(StoredAgentSession))]
[JsonSerializable(typeof(ChatHistoryState))]
[JsonSerializable(typeof(List<ChatMessage>))]
internal sealed partial class AgentsJsonContext : JsonSerializerContext;
