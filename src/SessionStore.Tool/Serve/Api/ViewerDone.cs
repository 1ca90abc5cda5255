namespace SessionStore.Tool.Serve.Api;

/// <summary>The answer to a write: what it did, in words.</summary>
internal sealed record ViewerDone(string Done);
