namespace SessionStore.Tool.Serve.Api;

/// <summary>A session in the trash.</summary>
internal sealed record ViewerTrashRow(string Id, DateTimeOffset TrashedAt, DateTimeOffset Updated, long Size);
