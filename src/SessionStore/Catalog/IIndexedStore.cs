namespace SessionStore;

/// <summary>What a directory store gives its index (<see cref="FileSessionIndexHost"/>), implemented by <see cref="FileSessionStore{TSession}"/>.</summary>
internal interface IIndexedStore
{
    string DirectoryPath { get; }

    bool Durable { get; }

    string ItemsProperty { get; }

    TimeProvider TimeProvider { get; }

    FileSessionStamp? StatDirectory();

    IReadOnlyList<FileSessionEntry> ScanSessions();

    FileSessionStamp? StatSession(string id);

    byte[]? ReadSessionForIndex(string id, out FileSessionStamp stamp);

    string EnsurePrivateDirectory(string name);

    FileSessionStamp? StatPrivateFile(string name, string fileName);

    byte[]? ReadMetadataFile(string id);

    void WriteMetadataFile(string id, ReadOnlySpan<byte> content);

    IReadOnlyList<string> ListMetadataFiles();

    ValueTask<IDisposable> LockForIndexCore(string id, bool async, CancellationToken cancellationToken);
}
