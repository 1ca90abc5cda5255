using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SessionStore.Tests.Generated;

public sealed record ChatTurn(string Role, string Text);

public sealed record ChatSession([property: SessionId] string Id, IReadOnlyList<ChatTurn> Turns, DateTimeOffset UpdatedAt)
{
    public bool Equals(ChatSession? other) =>
        other is not null && Id == other.Id && UpdatedAt == other.UpdatedAt && Turns.SequenceEqual(other.Turns);

    public override int GetHashCode() => HashCode.Combine(Id, UpdatedAt, Turns.Count);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ChatSession))]
internal sealed partial class ChatJsonContext : JsonSerializerContext;

/// <summary>
/// Version 1 files held plain strings in "messages"; version 2 turned them into turns with roles;
/// version 3 added "updated_at".
/// </summary>
[SessionStore(typeof(ChatSession), typeof(ChatJsonContext), SchemaVersion = 3)]
public partial class ChatStore
{
    [SessionMigration(1)]
    private static void From1(JsonObject session)
    {
        JsonArray messages = session["messages"]?.AsArray() ?? throw new InvalidOperationException("a version 1 session has \"messages\"");
        var turns = new JsonArray();
        for (int i = 0; i < messages.Count; i++)
        {
            turns.Add(new JsonObject { ["role"] = i % 2 == 0 ? "user" : "assistant", ["text"] = messages[i]!.GetValue<string>() });
        }

        session.Remove("messages");
        session["turns"] = turns;
    }

    [SessionMigration(2)]
    private static void From2(JsonObject session) => session["updated_at"] ??= "1970-01-01T00:00:00+00:00";
}

internal static partial class Containers
{
    /// <summary>Nested, internal, version 1: the generator completes it like any other.</summary>
    [SessionStore(typeof(ChatSession), typeof(ChatJsonContext))]
    internal sealed partial class InternalChatStore;
}
