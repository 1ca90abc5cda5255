namespace SessionStore;

/// <summary>Where a session lives, in the terms of its backend: a path for the directory store, a backend's table for the others.</summary>
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

    /// <summary>A table (or a collection, a key space) of a backend other than the directory store.</summary>
    /// <param name="table">The table's name.</param>
    /// <param name="backend">The backend's short name, which prefixes <see cref="ToString"/> and the exceptions' <c>Path</c>: <c>postgres</c>, <c>sqlite</c>, <c>memory</c>.</param>
    /// <param name="backendName">The backend's name in messages: <c>PostgreSQL</c>, <c>SQLite</c>.</param>
    /// <returns>The location.</returns>
    public static SessionLocation Table(string table, string backend, string backendName) =>
        new(SessionLocationKind.Table, table) { Backend = backend, BackendName = backendName };

    /// <summary>For a <see cref="SessionLocationKind.Table"/>: the backend's short name (<c>postgres</c>); empty otherwise.</summary>
    public string Backend { get; init; } = "";

    /// <summary>For a <see cref="SessionLocationKind.Table"/>: the backend's name in messages (<c>PostgreSQL</c>); empty otherwise.</summary>
    public string BackendName { get; init; } = "";

    /// <summary>The path, or <c>&lt;backend&gt;:&lt;table&gt;</c>.</summary>
    /// <returns>The location in one string.</returns>
    public override string ToString() => Kind == SessionLocationKind.Table ? $"{Backend}:{Name}" : Name;

    /// <summary>What the exceptions' <c>Path</c> properties return: the path itself, or <c>&lt;backend&gt;:&lt;table&gt;/&lt;id&gt;</c>.</summary>
    internal string PathOf(string? sessionId) =>
        Kind == SessionLocationKind.Table && sessionId is not null ? $"{Backend}:{Name}/{sessionId}" : ToString();

    /// <summary>"at '/path'", "in '/dir'" or "in PostgreSQL table "t"", for messages.</summary>
    internal string Phrase => Kind switch
    {
        SessionLocationKind.File => $"at '{Name}'",
        SessionLocationKind.Table => $"in {BackendName} table \"{Name}\"",
        _ => $"in '{Name}'",
    };
}
