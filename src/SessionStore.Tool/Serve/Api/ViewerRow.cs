namespace SessionStore.Tool.Serve.Api;

/// <summary>One session in the list: what the catalog knows of it, or its summary and derived title without one; a search hit's snippet.</summary>
internal sealed record ViewerRow
{
    public required string Id { get; init; }

    public string Title { get; init; } = "";

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? Owner { get; init; }

    public string? Agent { get; init; }

    public int Messages { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public long Size { get; init; }

    public DateTimeOffset Updated { get; init; }

    public bool Pinned { get; init; }

    /// <summary>Set when the session could not be read (damaged, or of a newer schema): it is listed, not hidden.</summary>
    public string? Problem { get; init; }

    public string? Snippet { get; init; }

    public IReadOnlyList<ViewerHighlight>? Highlights { get; init; }

    public int? ItemIndex { get; init; }
}
