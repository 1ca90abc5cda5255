namespace SessionStore.Conformance;

/// <summary>The contract against PostgreSQL, every case through the asynchronous members.</summary>
public sealed class PostgresStoreAsyncConformanceTests : PostgresStoreConformanceTests
{
    protected override bool ThroughAsync => true;
}
