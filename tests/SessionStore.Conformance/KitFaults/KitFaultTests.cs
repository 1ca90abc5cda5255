using SessionStore.Conformance.InMemory;

namespace SessionStore.Conformance.KitFaults;

/// <summary>
/// The kit itself under test: a backend written from the README with one mistake must fail it (at least one case fails,
/// not skips), while the correct in-memory backend passes every case the kit runs for it.
/// </summary>
public sealed class KitFaultTests
{
    public static TheoryData<KitFault> Faults => [.. Enum.GetValues<KitFault>()];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_backend_with_this_fault_fails_the_kit(KitFault fault)
    {
        bool throughAsync = fault == KitFault.AsyncLoadReturnsFirstVersion;
        KitRun run = await KitRun.RunAsync(() => new FaultyStoreConformance(fault, throughAsync));

        Assert.True(run.Failed.Count > 0, $"{fault} passed the kit: {run.Passed.Count} passed, {run.Skipped.Count} skipped");
    }

    [Fact]
    public async Task The_correct_backend_passes_every_case_it_runs()
    {
        foreach (bool throughAsync in new[] { false, true })
        {
            KitRun run = await KitRun.RunAsync(() => throughAsync ? new InMemoryAsyncConformanceTests() : new InMemoryConformanceTests());
            Assert.Empty(run.Failed);
            Assert.True(run.Passed.Count >= 18, $"{run.Passed.Count} passed");
        }
    }
}
