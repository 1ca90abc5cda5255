namespace SessionStore;

/// <summary>
/// What a catalog (<see cref="ISessionCatalog"/>) knows of one session without reading its transcript.
/// </summary>
/// <remarks>
/// The counts, sizes and times are the store's, kept current by every write. The title, tags, owner, agent and fields
/// are the caller's (<see cref="SessionMetadataChange"/>); a session nobody titled gets a title derived from its first
/// user message (<see cref="SessionText"/>).
/// </remarks>
public sealed record SessionMetadata
{
    /// <summary>The session's id.</summary>
    public required string SessionId { get; init; }

    /// <summary>The caller's title, else one derived from the first user message; empty only for a session with no text.</summary>
    public string Title { get; init; } = "";

    /// <summary>Whether <see cref="Title"/> was set by a caller rather than derived.</summary>
    public bool HasCustomTitle { get; init; }

    /// <summary>When the catalog first saw the session (its creation, for sessions written through this library).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the session was last written.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The number of messages or items in the session's growing list.</summary>
    public int ItemCount { get; init; }

    /// <summary>The session's input token count, when its type has one; else 0.</summary>
    public long InputTokens { get; init; }

    /// <summary>The session's output token count, when its type has one; else 0.</summary>
    public long OutputTokens { get; init; }

    /// <summary>The stored session's size in bytes.</summary>
    public long SizeBytes { get; init; }

    /// <summary>The caller's tags, in ordinal order, each once.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The user or tenant the session belongs to, when a caller said.</summary>
    public string? Owner { get; init; }

    /// <summary>The agent the session belongs to, when a caller said.</summary>
    public string? Agent { get; init; }

    /// <summary>The caller's own string fields, by name.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = EmptyFields;

    /// <summary>Equality by value: the same scalars, the same tags in the same order and the same fields (ordinal).</summary>
    /// <param name="other">The metadata to compare with.</param>
    /// <returns>Whether both describe the session alike.</returns>
    public bool Equals(SessionMetadata? other) =>
        other is not null &&
        (SessionId, Title, HasCustomTitle, CreatedAt, UpdatedAt, ItemCount, InputTokens, OutputTokens, SizeBytes, Owner, Agent) ==
        (other.SessionId, other.Title, other.HasCustomTitle, other.CreatedAt, other.UpdatedAt, other.ItemCount, other.InputTokens, other.OutputTokens, other.SizeBytes, other.Owner, other.Agent) &&
        Tags.SequenceEqual(other.Tags, StringComparer.Ordinal) &&
        Fields.Count == other.Fields.Count &&
        Fields.All(field => other.Fields.TryGetValue(field.Key, out string? value) && string.Equals(value, field.Value, StringComparison.Ordinal));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SessionId, Title, UpdatedAt, ItemCount, SizeBytes, Tags.Count, Fields.Count);

    internal static readonly IReadOnlyDictionary<string, string> EmptyFields = new Dictionary<string, string>(StringComparer.Ordinal);
}
