namespace SessionStore.Tool.Serve.Api;

/// <summary>A write of a session's title and tags (through the store's catalog): null leaves a part as it is, an empty title goes back to the derived one.</summary>
internal sealed record ViewerMetadataChange(string? Title, IReadOnlyList<string>? AddTags, IReadOnlyList<string>? RemoveTags);
