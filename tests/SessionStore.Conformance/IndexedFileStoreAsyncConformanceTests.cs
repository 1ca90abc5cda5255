namespace SessionStore.Conformance;

/// <summary>The contract against the directory store with its SQLite index, every case through the asynchronous members.</summary>
public sealed class IndexedFileStoreAsyncConformanceTests : IndexedFileStoreConformanceTests
{
    protected override bool ThroughAsync => true;
}
