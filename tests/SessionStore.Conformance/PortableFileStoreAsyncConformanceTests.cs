namespace SessionStore.Conformance;

/// <summary>The contract against the directory store on the portable platform, every case through the asynchronous members.</summary>
public sealed class PortableFileStoreAsyncConformanceTests : PortableFileStoreConformanceTests
{
    protected override bool ThroughAsync => true;
}
