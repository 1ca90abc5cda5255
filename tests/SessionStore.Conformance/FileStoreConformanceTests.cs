namespace SessionStore.Conformance;

/// <summary>The contract against the directory store.</summary>
public class FileStoreConformanceTests : StoreConformanceTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sessionstore-conformance-").FullName;

    /// <summary>The operating system calls under test: <see cref="FileSystemPlatform.Auto"/> (hardened on Linux, or what SESSIONSTORE_PLATFORM says) here, forced in <see cref="PortableFileStoreConformanceTests"/>.</summary>
    protected virtual FileSystemPlatform Platform => FileSystemPlatform.Auto;

    /// <summary>The store's index (<see cref="FileSessionStoreOptions.Index"/>): none here, so the catalog cases skip; <see cref="IndexedFileStoreConformanceTests"/> sets one.</summary>
    protected virtual FileSessionIndexProvider? Index => null;

    protected override ISessionStore<StoredSession> CreateStore() =>
        new FileSessionStore(Path.Join(_directory, "store"), new FileSessionStoreOptions { Durable = false, FileSystemPlatform = Platform, Index = Index });

    protected override ISessionStore<StoredSession> CreateStore(TimeSpan lockTimeout, long maxSessionBytes) =>
        new FileSessionStore(Path.Join(_directory, "store"), new FileSessionStoreOptions { Durable = false, LockTimeout = lockTimeout, MaxSessionBytes = maxSessionBytes, FileSystemPlatform = Platform, Index = Index });

    protected override void PlantCorrupt(string id, string json)
    {
        Directory.CreateDirectory(Path.Join(_directory, "store"));
        File.WriteAllText(Path.Join(_directory, "store", id + ".json"), json);
    }

    /// <summary>
    /// Locks every lock file of the store with <c>FileShare.None</c>, which .NET takes with <c>flock</c> (and
    /// which is how the portable platform locks), as another process holding them would: the store then polls,
    /// never the in-process queue.
    /// </summary>
    protected override IDisposable HoldLocks(params string[] ids)
    {
        var held = Directory.GetFiles(Path.Join(_directory, "store", ".locks"), "*.lock")
            .Select(path => new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            .ToList();
        Assert.NotEmpty(held);
        return new Held(held);
    }

    public override void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        base.Dispose();
    }

    private sealed class Held(List<FileStream> files) : IDisposable
    {
        public void Dispose() => files.ForEach(file => file.Dispose());
    }
}
