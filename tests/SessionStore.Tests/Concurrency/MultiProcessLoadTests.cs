using SessionStore.TestWorker;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Concurrency;

/// <summary>P processes x N mixed operations on overlapping ids: only documented outcomes, exact counters, one winner per delete.</summary>
public sealed class MultiProcessLoadTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void FourProcesses_MixedOperations_AddUpExactly()
    {
        // The same harness as scripts/load-run.sh, in a short round: it throws on a lost update, a second delete winner or a child's exception.
        var lines = new List<string>();
        Assert.Equal(0, LoadHarness.Run(_temp.Combine("load"), processes: 4, operations: 600, lines.Add));
        Assert.Contains("updates summed exactly", Assert.Single(lines), StringComparison.Ordinal);
    }
}
