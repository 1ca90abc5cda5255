using SessionStore.Index;

namespace SessionStore.Conformance;

/// <summary>The contract against the directory store with its SQLite index: every case, and the catalog's.</summary>
public class IndexedFileStoreConformanceTests : FileStoreConformanceTests
{
    protected override FileSessionIndexProvider? Index => new SqliteSessionIndexProvider();
}
