// For docs/dependency-injection.md: a session type, its JSON context and a generated store.
global using DocsPrelude.DependencyInjection;

namespace DocsPrelude.DependencyInjection
{
    public sealed record ChatTurn(string Role, string Text);

    public sealed record ChatSession([property: SessionId] string Id, IReadOnlyList<ChatTurn> Turns, DateTimeOffset UpdatedAt);

    [JsonSerializable(typeof(ChatSession))]
    internal partial class AppJsonContext : JsonSerializerContext;

    [SessionStore(typeof(ChatSession), typeof(AppJsonContext))]
    public partial class ChatStore;
}
