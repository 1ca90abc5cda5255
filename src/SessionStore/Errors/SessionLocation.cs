namespace SessionStore;

/// <summary>Where a session lives, in the terms of its backend: a path for the directory store, a table for PostgreSQL.</summary>
/// <param name="Kind">What <paramref name="Name"/> names.</param>
/// <param name="Name">The full path of the file or directory, or the table's name.</param>
public sealed record SessionLocation(SessionLocationKind Kind, string Name)
{
    /// <summary>A file, by its full path.</summary>
    /// <param name="path">The file's full path.</param>
    /// <returns>The location.</returns>
    public static SessionLocation File(string path) => new(SessionLocationKind.File, path);

    /// <summary>A store's directory, by its full path.</summary>
    /// <param name="path">The directory's full path.</param>
    /// <returns>The location.</returns>
    public static SessionLocation Directory(string path) => new(SessionLocationKind.Directory, path);

    /// <summary>A PostgreSQL table.</summary>
    /// <param name="table">The table's name.</param>
    /// <returns>The location.</returns>
    public static SessionLocation Table(string table) => new(SessionLocationKind.Table, table);

    /// <summary>The path, or <c>postgres:&lt;table&gt;</c>.</summary>
    /// <returns>The location in one string.</returns>
    public override string ToString() => Kind == SessionLocationKind.Table ? "postgres:" + Name : Name;

    /// <summary>What the exceptions' <c>Path</c> properties return: the path itself, or <c>postgres:&lt;table&gt;/&lt;id&gt;</c>.</summary>
    internal string PathOf(string? sessionId) =>
        Kind == SessionLocationKind.Table && sessionId is not null ? $"postgres:{Name}/{sessionId}" : ToString();

    /// <summary>"at '/path'", "in '/dir'" or "in PostgreSQL table "t"", for messages.</summary>
    internal string Phrase => Kind switch
    {
        SessionLocationKind.File => $"at '{Name}'",
        SessionLocationKind.Table => $"in PostgreSQL table \"{Name}\"",
        _ => $"in '{Name}'",
    };
}
