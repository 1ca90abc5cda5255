namespace SessionStore;

/// <summary>What a write did to a session (<see cref="FileSessionChange.Kind"/>).</summary>
public enum FileSessionChangeKind
{
    /// <summary>The session's file was written whole (a save, an update, an import, a fork, a rewrite of an append); <see cref="FileSessionChange.Content"/> holds it.</summary>
    Written = 0,

    /// <summary>Items were appended in place; <see cref="FileSessionChange.AppendedItems"/> holds them and <see cref="FileSessionChange.AfterItems"/> the session's end after its list.</summary>
    Appended,

    /// <summary>The session's file is gone (deleted, moved to the trash or to quarantine).</summary>
    Removed,

    /// <summary>The session's file came back from the trash or from quarantine: read it again.</summary>
    Restored,
}
