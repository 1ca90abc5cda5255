namespace SessionStore;

/// <summary>What a store was doing when it failed (<see cref="SessionStorageException.Operation"/>, <see cref="SessionLockTimeoutException.Operation"/>).</summary>
public enum SessionOperation
{
    /// <summary>Not said (an exception made with an obsolete constructor).</summary>
    Unspecified = 0,

    /// <summary>Reading a session (load, exists, revisions, summaries).</summary>
    Read,

    /// <summary>Listing the sessions, the trash or the pins.</summary>
    List,

    /// <summary>Saving a session, conditionally or not (fork included).</summary>
    Save,

    /// <summary>Reading, changing and saving a session under its lock.</summary>
    Update,

    /// <summary>Appending messages to a session.</summary>
    Append,

    /// <summary>Deleting a session.</summary>
    Delete,

    /// <summary>Moving a session into the trash.</summary>
    MoveToTrash,

    /// <summary>Restoring a session from the trash.</summary>
    Restore,

    /// <summary>Deleting trash entries for good.</summary>
    EmptyTrash,

    /// <summary>Pinning a session.</summary>
    Pin,

    /// <summary>Unpinning a session.</summary>
    Unpin,

    /// <summary>Pruning old sessions.</summary>
    Prune,

    /// <summary>Checking or repairing the store (quarantine, completing an interrupted append).</summary>
    Repair,

    /// <summary>Creating the store (its table).</summary>
    Create,

    /// <summary>Importing a batch of sessions.</summary>
    Import,

    /// <summary>Copying a session to a new id.</summary>
    Fork,

    /// <summary>Asking whether a session exists.</summary>
    Exists,

    /// <summary>Reading or writing a store's catalog (<see cref="ISessionCatalog"/>): metadata, queries, searches, its index.</summary>
    Catalog,
}
