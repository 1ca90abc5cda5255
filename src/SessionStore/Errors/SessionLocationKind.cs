namespace SessionStore;

/// <summary>What a <see cref="SessionLocation"/> names.</summary>
public enum SessionLocationKind
{
    /// <summary>A session's file (or a file of the store's own, such as a trash entry): <see cref="SessionLocation.Name"/> is its full path.</summary>
    File = 1,

    /// <summary>A store's directory: <see cref="SessionLocation.Name"/> is its full path.</summary>
    Directory = 2,

    /// <summary>A table of another backend (PostgreSQL's, or a third party's): <see cref="SessionLocation.Name"/> is the table's name, <see cref="SessionLocation.Backend"/> the backend's.</summary>
    Table = 3,
}
