using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Concurrency;

/// <summary>K real processes update one session N times each, with threads of this process beside them: the sum is exact.</summary>
public sealed class MultiProcessUpdateTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task UpdatesFromSeveralProcesses_SumExactly()
    {
        const int Processes = 3;
        const int PerProcess = 150;
        const int LocalThreads = 2;
        var store = new FileSessionStore(_temp.Combine("store"), new FileSessionStoreOptions { Durable = false, LockTimeout = TimeSpan.FromMinutes(1) });
        long start = DateTimeOffset.UtcNow.AddSeconds(2).ToUnixTimeMilliseconds();
        var children = Enumerable.Range(0, Processes)
            .Select(_ => ProcessRunner.StartDotNetApp("SessionStore.TestWorker", ["increment", store.DirectoryPath, "shared", PerProcess.ToString(), start.ToString()]))
            .ToList();

        var local = Enumerable.Range(0, LocalThreads).Select(_ => Task.Run(() =>
        {
            while (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() < start)
            {
                Thread.SpinWait(100);
            }

            for (int i = 0; i < PerProcess; i++)
            {
                store.Update("shared", s => s is null ? new StoredSession("shared", ["local"], 1, 0) : s with { InputTokens = s.InputTokens + 1, Messages = [.. s.Messages, "local"] });
            }
        })).ToList();

        foreach (var child in children)
        {
            ProcessRunner.Result result = await ProcessRunner.WaitAsync(child, TimeSpan.FromMinutes(2));
            Assert.True(result.ExitCode == 0, result.StandardError);
        }

        await Task.WhenAll(local);
        StoredSession final = store.Load("shared");
        Assert.Equal((Processes + LocalThreads) * PerProcess, final.InputTokens);
        Assert.Equal((Processes + LocalThreads) * PerProcess, final.Messages.Count);
        Assert.Equal(LocalThreads * PerProcess, final.Messages.Count(m => m == "local"));
        Assert.Equal(Processes + 1, final.Messages.Distinct().Count());
    }
}
