namespace SessionStore.Benchmarks.Typed;

/// <summary>A user's session type with a growing list of turns and a token total, as typed appends see it.</summary>
public sealed record TypedChat(string Id, IReadOnlyList<ChatTurn> Turns, long Tokens, DateTimeOffset UpdatedAt)
{
    public static readonly ChatTurn Turn = new("assistant", "one more turn: the quick brown fox jumps over the lazy dog", 12);

    public static SessionDescriptor<TypedChat> Descriptor { get; } =
        new SessionDescriptor<TypedChat>(TypedChatJsonContext.Default.TypedChat, static c => c.Id)
            .WithItems(new SessionItems<TypedChat, ChatTurn>(
                "Turns",
                TypedChatJsonContext.Default.ChatTurn,
                static c => c.Turns,
                static (c, turns) => c with { Tokens = checked(c.Tokens + turns.Sum(t => t.Tokens)), UpdatedAt = DateTimeOffset.UnixEpoch }));

    public static TypedChat Make(string id, int turns) =>
        new(id, [.. Enumerable.Range(0, turns).Select(i => new ChatTurn(i % 2 == 0 ? "user" : "assistant", $"turn {i}: the quick brown fox jumps over the lazy dog", 12))], 12L * turns, DateTimeOffset.UnixEpoch);
}
