using System.Text.Json.Serialization;

namespace SessionStore.Tests.Generated;

public sealed record TurnChat(
    [property: SessionId] string Id,
    [property: SessionItems(Totals = "AddTokens")] IReadOnlyList<ChatTurn> Turns,
    long Tokens);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TurnChat))]
[JsonSerializable(typeof(ChatTurn))]
internal sealed partial class TurnChatJsonContext : JsonSerializerContext;

/// <summary>A generated store whose session type declares its growing list and how tokens add up.</summary>
[SessionStore(typeof(TurnChat), typeof(TurnChatJsonContext), SchemaVersion = 2)]
public partial class TurnChatStore
{
    [SessionMigration(1)]
    private static void From1(System.Text.Json.Nodes.JsonObject session) => session["tokens"] ??= 0;

    private static TurnChat AddTokens(TurnChat chat, IReadOnlyList<ChatTurn> turns) =>
        chat with { Tokens = checked(chat.Tokens + turns.Sum(t => t.Text.Length)) };
}
