namespace SessionStore.Conformance;

/// <summary>The contract against the directory store.</summary>
public sealed class FileStoreConformanceTests : StoreConformanceTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sessionstore-conformance-").FullName;

    protected override ISessionStore<StoredSession> CreateStore() =>
        new FileSessionStore(Path.Join(_directory, "store"), new FileSessionStoreOptions { Durable = false });

    protected override void PlantCorrupt(string id, string json)
    {
        Directory.CreateDirectory(Path.Join(_directory, "store"));
        File.WriteAllText(Path.Join(_directory, "store", id + ".json"), json);
    }

    public override void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        base.Dispose();
    }
}
