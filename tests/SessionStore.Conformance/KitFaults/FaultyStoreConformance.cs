using SessionStore.Conformance.InMemory;

namespace SessionStore.Conformance.KitFaults;

/// <summary>The kit adopted by a backend with one fault. Not public, so xUnit does not run it itself: <see cref="KitRun"/> does.</summary>
internal sealed class FaultyStoreConformance(KitFault fault, bool throughAsync) : StoreConformanceTests
{
    protected override bool ThroughAsync => throughAsync;

    protected override ISessionStore<StoredSession> CreateStore() => new FaultyStore(new InMemorySessionStore(), fault);
}
