// For docs/agents.md: the agent stack's namespaces, and the client, agent and content types its blocks assume.
global using Microsoft.Agents.AI;
global using Microsoft.Extensions.AI;
global using SessionStore.Agents;
global using DocsPrelude.Agents;
global using static DocsPrelude.Agents.InScope;

namespace DocsPrelude.Agents
{
    public static class InScope
    {
        public static readonly IChatClient chatClient = null!;
        public static readonly IChatClient innerClient = null!;
        public static readonly AIAgent agent = null!;
        public static readonly SessionStoreAgentSessionStore sessions = AgentStores.AgentSessions("agent-sessions").AsAgentSessionStore();
    }

    public sealed class WeatherContent : AIContent
    {
        public string City { get; set; } = "";
    }

    [JsonSerializable(typeof(WeatherContent))]
    internal sealed partial class MyJsonContext : JsonSerializerContext;
}
