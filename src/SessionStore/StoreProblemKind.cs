namespace SessionStore;

/// <summary>The kinds of <see cref="StoreProblem"/>.</summary>
public enum StoreProblemKind
{
    /// <summary>A session's file does not hold a valid session (including an id that differs from the file name, or a link, FIFO or device in its place). Repair moves it to the quarantine folder.</summary>
    CorruptSession,

    /// <summary>A session's file has a newer schema version than the store knows. Never repaired: a newer release can read it.</summary>
    NewerSchema,

    /// <summary>A temp file left by a process that died mid-save and no longer in use. Repair removes it.</summary>
    LeftoverFile,

    /// <summary>A <c>.json</c> file whose name is not a valid session id: never listed, never touched.</summary>
    ForeignFile,

    /// <summary>A session's file the store cannot read (permissions, an I/O error). Never repaired.</summary>
    UnreadableSession,

    /// <summary>An entry that is not the store's (a directory, or a file that is neither a session nor the store's own): never listed, never touched.</summary>
    ForeignEntry,

    /// <summary>An append a crash interrupted, not yet completed in its session's file (readers already see it completed). Repair completes it.</summary>
    InterruptedAppend,

    /// <summary>An append journal left by SessionStore 0.1, whose appends are not in the session's file. Never touched: fold it in with 0.1, or remove it.</summary>
    LegacyJournal,

    /// <summary>Other users can write the store's directory (group-writable, or, when allowed, world-writable or owned by another user).</summary>
    SharedDirectory,

    /// <summary>This user cannot write the store's directory (another user's directory, or a read-only mount): every read works, every write fails. Never repaired.</summary>
    ReadOnlyDirectory,
}
