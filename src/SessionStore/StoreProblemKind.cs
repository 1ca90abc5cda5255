namespace SessionStore;

/// <summary>The kinds of <see cref="StoreProblem"/>.</summary>
public enum StoreProblemKind
{
    /// <summary>A session's file does not hold a valid session (including an id that differs from the file name). Repair moves it to the quarantine folder.</summary>
    CorruptSession,

    /// <summary>A session's file has a newer schema version than the store knows. Never repaired: a newer release can read it.</summary>
    NewerSchema,

    /// <summary>A temp or tombstone file left by a process that died mid-operation and no longer in use. Repair removes it.</summary>
    LeftoverFile,

    /// <summary>A <c>.json</c> file whose name is not a valid session id: never listed, never touched.</summary>
    ForeignFile,
}
