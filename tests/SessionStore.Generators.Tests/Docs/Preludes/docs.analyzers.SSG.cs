// For every generator page (docs/analyzers/SSG*.md): the session type and JSON context a block names
// without declaring. A block that declares its own session type declares its own context (ChatJsonContext).
global using DocsPrelude.Sessions;

namespace DocsPrelude.Sessions
{
    public sealed record ChatTurn(string Role, string Text, long Tokens);

    public sealed record Turn(string Text);

    public sealed record Note(string Text);

    public sealed record ChatSession([property: SessionId] string Id, IReadOnlyList<ChatTurn> Turns, long Tokens);

    [JsonSerializable(typeof(ChatSession))]
    [JsonSerializable(typeof(ChatTurn))]
    internal sealed partial class AppJsonContext : JsonSerializerContext;
}
