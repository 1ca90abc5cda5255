namespace SessionStore.Conformance.Appends;

/// <summary>A session whose turns grow one at a time, with a total kept next to them.</summary>
public sealed record TurnLog(
    [property: SessionId] string Id,
    [property: SessionItems(Totals = "AddTokens")] IReadOnlyList<LogTurn> Turns,
    long Tokens)
{
    public bool Equals(TurnLog? other) =>
        other is not null && Id == other.Id && Tokens == other.Tokens && Turns.SequenceEqual(other.Turns);

    public override int GetHashCode() => HashCode.Combine(Id, Tokens, Turns.Count);
}
