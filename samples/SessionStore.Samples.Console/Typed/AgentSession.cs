namespace SessionStore.Samples.Console.Typed;

/// <summary>An agent's session in the application's own shape.</summary>
public sealed record AgentSession([property: SessionId] string Id, string Model, IReadOnlyList<AgentStep> Steps)
{
    /// <inheritdoc />
    public bool Equals(AgentSession? other) =>
        other is not null && Id == other.Id && Model == other.Model && Steps.SequenceEqual(other.Steps);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Model, Steps.Count);
}
