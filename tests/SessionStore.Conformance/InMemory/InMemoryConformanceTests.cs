namespace SessionStore.Conformance.InMemory;

/// <summary>The kit against the in-memory backend, adopted as the README's conformance-kit section shows.</summary>
public class InMemoryConformanceTests : StoreConformanceTests
{
    protected override ISessionStore<StoredSession> CreateStore() => new InMemorySessionStore();
}
