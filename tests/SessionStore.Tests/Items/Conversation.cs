using System.Text.Json.Serialization;

namespace SessionStore.Tests.Items;

public sealed record Turn(string Role, string Text, long Tokens);

/// <summary>A hand-written session type with a growing list, an array member, totals and free text around them.</summary>
public sealed class Conversation(string id)
{
    [JsonPropertyName("id")]
    public string Id { get; } = id;

    [JsonPropertyName("tags")]
    public string[] Tags { get; set; } = [];

    [JsonPropertyName("turns")]
    public List<Turn> Turns { get; set; } = [];

    [JsonPropertyName("tokens")]
    public long Tokens { get; set; }

    [JsonPropertyName("title")]
    public string Title { get; set; } = "";

    [JsonPropertyName("meta")]
    public Dictionary<string, string[]>? Meta { get; set; }

    /// <summary>The descriptor: turns grow, tokens add up (checked), a missing conversation is created.</summary>
    public static SessionDescriptor<Conversation> Descriptor { get; } =
        new SessionDescriptor<Conversation>(ConversationJsonContext.Default.Conversation, static c => c.Id, validate: static c =>
        {
            if (c.Turns.Any(t => t.Role.Length == 0))
            {
                throw new ArgumentException("a turn has no role");
            }
        }).WithItems(new SessionItems<Conversation, Turn>(
            "turns",
            ConversationJsonContext.Default.Turn,
            static c => c.Turns,
            static (c, turns) =>
            {
                c.Tokens = checked(c.Tokens + turns.Sum(t => t.Tokens));
                return c;
            },
            static id => new Conversation(id)));
}

[JsonSerializable(typeof(Conversation))]
[JsonSerializable(typeof(Turn))]
public sealed partial class ConversationJsonContext : JsonSerializerContext;
