using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Concurrency;

/// <summary>Several real processes, and threads beside them, delete the same ids: exactly one caller wins each id.</summary>
public sealed class MultiProcessDeleteRaceTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ProcessesAndThreadsDeletingTheSameIds_HaveExactlyOneWinnerPerId()
    {
        const int Ids = 3000;
        const int Processes = 3;
        const int Threads = 4;
        var store = Sessions.FastStore(_temp.Combine("race"));
        for (int i = 0; i < Ids; i++)
        {
            store.Save(Sessions.Make("id" + i));
        }

        // Every racer spins until the same instant, well after the child runtimes have started.
        long start = DateTimeOffset.UtcNow.AddSeconds(3).ToUnixTimeMilliseconds();
        var children = Enumerable.Range(0, Processes)
            .Select(_ => ProcessRunner.StartDotNetApp("SessionStore.TestWorker", ["delete-race", store.DirectoryPath, "id", Ids.ToString(), start.ToString()]))
            .ToList();

        var wins = new int[Ids];
        var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            while (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() < start)
            {
                Thread.SpinWait(100);
            }

            for (int i = 0; i < Ids; i++)
            {
                if (store.Delete("id" + i))
                {
                    Interlocked.Increment(ref wins[i]);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());

        foreach (var child in children)
        {
            ProcessRunner.Result result = await ProcessRunner.WaitAsync(child, TimeSpan.FromMinutes(1));
            Assert.True(result.ExitCode == 0, result.StandardError);
            Assert.Equal("", result.StandardError);
            string[] lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(Ids, lines.Length);
            foreach (string line in lines)
            {
                string[] parts = line.Split(' ');
                if (parts[1] == "true")
                {
                    Interlocked.Increment(ref wins[int.Parse(parts[0][2..])]);
                }
            }
        }

        threads.ForEach(t => t.Join());
        Assert.All(wins, w => Assert.Equal(1, w));
        Assert.Empty(store.List());
        Assert.Equal([".locks"], Directory.GetFileSystemEntries(store.DirectoryPath).Select(Path.GetFileName));
    }
}
