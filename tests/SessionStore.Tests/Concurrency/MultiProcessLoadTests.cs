using SessionStore.TestWorker;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Concurrency;

/// <summary>P processes x N mixed operations on overlapping ids: only documented outcomes, exact counters, one winner per delete.</summary>
public sealed class MultiProcessLoadTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task FourProcesses_MixedOperations_AddUpExactly()
    {
        const int Processes = 4;
        const int Operations = 600;
        var store = Sessions.FastStore(_temp.Combine("load"));
        for (int i = 0; i < MixedLoad.DeleteOnceIds; i++)
        {
            store.Save(Sessions.Make("d" + i));
        }

        var children = Enumerable.Range(1, Processes)
            .Select(seed => ProcessRunner.StartDotNetApp("SessionStore.TestWorker", ["mixed", store.DirectoryPath, seed.ToString(), Operations.ToString()]))
            .ToList();
        var increments = new Dictionary<string, int>();
        var winners = new Dictionary<string, int>();
        foreach (var child in children)
        {
            ProcessRunner.Result result = await ProcessRunner.WaitAsync(child, TimeSpan.FromMinutes(2));
            Assert.True(result.ExitCode == 0, result.StandardError);
            Assert.Equal("", result.StandardError);
            foreach (string line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] parts = line.Split(' ');
                Dictionary<string, int> tally = parts[0] == "inc" ? increments : winners;
                tally[parts[1]] = tally.GetValueOrDefault(parts[1]) + 1;
            }
        }

        foreach ((string counter, int count) in increments)
        {
            Assert.Equal(count, store.Load(counter).InputTokens);
        }

        Assert.True(increments.Values.Sum() > Processes * Operations / 8, "too few updates ran to mean anything");
        Assert.Equal(MixedLoad.DeleteOnceIds, winners.Count);
        Assert.All(winners.Values, w => Assert.Equal(1, w));
        Assert.DoesNotContain(store.List(), id => id.StartsWith('d'));
        Assert.All(store.List(), id => Assert.Equal(id, store.Load(id).SessionId));
    }
}
