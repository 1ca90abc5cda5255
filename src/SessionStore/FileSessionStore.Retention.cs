namespace SessionStore;

/// <summary>Retention of reference-format sessions: appends are folded into the file before it moves into the trash.</summary>
public sealed partial class FileSessionStore
{
    private protected override void BeforeTrash(string id) => _ = Compact(id);
}
