namespace SessionStore.Conformance;

/// <summary>
/// The contract against the directory store on the portable platform (the base class library's file APIs only,
/// what Windows and macOS get), forced here on Linux: the same cases, the same typed errors.
/// </summary>
public class PortableFileStoreConformanceTests : FileStoreConformanceTests
{
    protected override FileSystemPlatform Platform => FileSystemPlatform.Portable;
}
