// For docs/generator.md: the store of its first example, for the blocks that use it without declaring it
// (a block's own declarations win: these are in a namespace of their own).
global using DocsPrelude.Generator;

namespace DocsPrelude.Generator
{
    public sealed record ChatTurn(string Role, string Text);

    public sealed record ChatSession([property: SessionId] string Id, IReadOnlyList<ChatTurn> Turns, DateTimeOffset UpdatedAt);

    [JsonSerializable(typeof(ChatSession))]
    internal partial class GeneratorPageJsonContext : JsonSerializerContext;

    [SessionStore(typeof(ChatSession), typeof(GeneratorPageJsonContext))]
    public partial class ChatStore;
}
