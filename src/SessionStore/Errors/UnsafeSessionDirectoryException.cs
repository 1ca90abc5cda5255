namespace SessionStore;

/// <summary>
/// Thrown when a store would write in a directory that another user can write (it is world-writable,
/// or owned by another user): such a user could plant links or swap files under the store. Nothing was
/// written. Reads work there; set <see cref="FileSessionStoreOptions.AllowSharedDirectory"/> to write anyway.
/// </summary>
public sealed class UnsafeSessionDirectoryException : IOException, ISessionError
{
    /// <summary>Creates the exception for a directory the store refuses to write in.</summary>
    /// <param name="directoryPath">The full path of the store's directory.</param>
    /// <param name="reason">Why it is unsafe, in a sentence.</param>
    public UnsafeSessionDirectoryException(string directoryPath, string reason)
        : base($"The store will not write in '{directoryPath}': {reason}. Fix its owner or mode, or set FileSessionStoreOptions.AllowSharedDirectory.")
    {
        DirectoryPath = directoryPath;
        Reason = reason;
    }

    /// <summary>The full path of the store's directory.</summary>
    public string DirectoryPath { get; }

    /// <summary>Always <see langword="null"/>: the refusal concerns the whole directory.</summary>
    string? ISessionError.SessionId => null;

    /// <summary>The store's directory.</summary>
    SessionLocation? ISessionError.Location => SessionLocation.Directory(DirectoryPath);

    /// <summary>Why the directory is unsafe, without the path.</summary>
    public string Reason { get; }
}
