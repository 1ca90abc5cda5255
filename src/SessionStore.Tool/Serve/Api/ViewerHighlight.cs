namespace SessionStore.Tool.Serve.Api;

/// <summary>A matched range of a search snippet, in UTF-16 code units.</summary>
internal sealed record ViewerHighlight(int Start, int Length);
