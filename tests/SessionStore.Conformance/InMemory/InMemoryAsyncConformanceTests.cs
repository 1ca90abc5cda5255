namespace SessionStore.Conformance.InMemory;

/// <summary>The kit against the in-memory backend, every case through the asynchronous members.</summary>
public sealed class InMemoryAsyncConformanceTests : InMemoryConformanceTests
{
    protected override bool ThroughAsync => true;
}
