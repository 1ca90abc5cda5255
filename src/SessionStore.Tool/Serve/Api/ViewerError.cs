namespace SessionStore.Tool.Serve.Api;

/// <summary>Why a request was refused or failed, in plain words (never a path of the machine).</summary>
internal sealed record ViewerError(string Error);
