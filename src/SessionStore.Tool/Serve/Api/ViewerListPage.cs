namespace SessionStore.Tool.Serve.Api;

/// <summary>A page of the list, and the keyset token of the next one (null at the end).</summary>
internal sealed record ViewerListPage(IReadOnlyList<ViewerRow> Rows, string? Next);
