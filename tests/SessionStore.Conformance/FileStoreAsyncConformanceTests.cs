namespace SessionStore.Conformance;

/// <summary>The contract against the directory store, every case through the asynchronous members.</summary>
public sealed class FileStoreAsyncConformanceTests : FileStoreConformanceTests
{
    protected override bool ThroughAsync => true;
}
