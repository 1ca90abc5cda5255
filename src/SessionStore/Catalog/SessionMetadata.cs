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

    /// <summary>Whether two metadata are the same: every member equal, tags in order and fields by name (not the collections' identity).</summary>
    /// <param name="other">The other metadata.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(SessionMetadata? other) =>
        other is not null &&
        SessionId == other.SessionId && Title == other.Title && HasCustomTitle == other.HasCustomTitle &&
        CreatedAt == other.CreatedAt && UpdatedAt == other.UpdatedAt && ItemCount == other.ItemCount &&
        InputTokens == other.InputTokens && OutputTokens == other.OutputTokens && SizeBytes == other.SizeBytes &&
        Owner == other.Owner && Agent == other.Agent &&
        Tags.SequenceEqual(other.Tags, StringComparer.Ordinal) &&
        Fields.Count == other.Fields.Count && Fields.All(f => other.Fields.TryGetValue(f.Key, out string? v) && v == f.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(SessionId, Title, UpdatedAt, ItemCount, Tags.Count, Fields.Count);

    internal static readonly IReadOnlyDictionary<string, string> EmptyFields = new Dictionary<string, string>(StringComparer.Ordinal);
}
