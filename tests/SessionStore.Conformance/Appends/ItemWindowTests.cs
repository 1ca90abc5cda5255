using Npgsql;
using SessionStore.Postgres;

namespace SessionStore.Conformance.Appends;

/// <summary>
/// <see cref="ISessionItemReader{TSession}"/>: the last items of a session and its other members, the same on the
/// directory store and on PostgreSQL as a whole load says, whichever instance wrote the version; corrupt files stay typed.
/// </summary>
public sealed class ItemWindowTests : IDisposable
{
    private static readonly string? Postgres = Environment.GetEnvironmentVariable(PostgresStoreConformanceTests.Variable);
    private readonly string _directory = Directory.CreateTempSubdirectory("sessionstore-window-").FullName;
    private readonly string _table = "windows_" + Guid.NewGuid().ToString("N")[..10];
    private NpgsqlDataSource? _dataSource;

    public static TheoryData<string> Backends => ["directory", "postgres"];

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public async Task A_window_is_the_end_of_what_a_load_reads_whoever_wrote_it(string backend)
    {
        ISessionStore<TurnLog> writer = Open(backend);
        var reader = (ISessionItemReader<TurnLog>)Open(backend);
        var appender = (ISessionAppender<TurnLog>)writer;
        Assert.Null(reader.TryReadLastItems<LogTurn>("w", 3));
        writer.Save(new TurnLog("w", [new LogTurn("system", "be brief")], 8));
        for (int i = 0; i < 30; i++)
        {
            appender.Append("w", [new LogTurn("user", "question, with \"quotes\"\nand a line break " + i), new LogTurn("assistant", "answer " + i)]);

            // The first reads of a version the reader did not write read it whole; its own appends are read by window.
            foreach (ISessionItemReader<TurnLog> windows in new[] { reader, (ISessionItemReader<TurnLog>)writer })
            {
                TurnLog whole = writer.Load("w");
                foreach (int count in new[] { 0, 1, 3, whole.Turns.Count, whole.Turns.Count + 5 })
                {
                    SessionItemsWindow<TurnLog, LogTurn> window = (i % 2 == 0 ? windows.TryReadLastItems<LogTurn>("w", count) : await windows.TryReadLastItemsAsync<LogTurn>("w", count))!;
                    Assert.Equal(whole.Turns.TakeLast(count), window.Items);
                    Assert.Equal(count >= whole.Turns.Count, window.IsComplete);
                    Assert.Equal(whole.Tokens, window.Session.Tokens);
                }
            }

            ((ISessionAppender<TurnLog>)reader).Append("w", [new LogTurn("tool", "from the other instance " + i)]);
        }

        Assert.Throws<InvalidOperationException>(() => reader.TryReadLastItems<string>("w", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.TryReadLastItems<LogTurn>("w", -1));
        Assert.Throws<InvalidSessionIdException>(() => reader.TryReadLastItems<LogTurn>("../w", 1));
    }

    [Fact]
    public void A_damaged_file_is_corrupt_for_a_window_as_for_a_load_even_after_a_window_of_it_was_read()
    {
        var store = (FileSessionStore<TurnLog>)Open("directory");
        store.Save(new TurnLog("d", [new LogTurn("user", "hi"), new LogTurn("assistant", "hello")], 7));
        Assert.Equal(2, store.TryReadLastItems<LogTurn>("d", 5)!.Items.Count);
        string path = Path.Combine(_directory, "d.json");
        string text = File.ReadAllText(path);
        File.WriteAllText(path, text.Replace("\"hello\"", "\"hello\"}}}", StringComparison.Ordinal));

        Assert.Throws<SessionCorruptException>(() => store.Load("d"));
        Assert.Throws<SessionCorruptException>(() => store.TryReadLastItems<LogTurn>("d", 1));
    }

    /// <summary>
    /// The hardened platform remembers where the list is in a version of the file it wrote and reads only the end. The
    /// portable one cannot name a version of a file (no inode: docs/reliability.md#platforms), so it remembers nothing
    /// and a window reads the whole file: the same window, at the cost of a load.
    /// </summary>
    [Theory]
    [InlineData(FileSystemPlatform.Hardened)]
    [InlineData(FileSystemPlatform.Portable)]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")] // the hardened platform is Linux's (CA1416)
    public void A_window_of_a_long_session_reads_its_end_not_the_whole_file(FileSystemPlatform platform)
    {
        var store = new FileSessionStore<TurnLog>(_directory, TurnLogStore.Descriptor, new FileSessionStoreOptions { Durable = false, MaxSessionBytes = 64L << 20, FileSystemPlatform = platform });
        store.Save(new TurnLog("long", [.. Enumerable.Range(0, 20_000).Select(i => new LogTurn("user", "message " + i + new string('x', 400)))], 0));
        long fileSize = new FileInfo(Path.Combine(_directory, "long.json")).Length;
        store.Append("long", [new LogTurn("user", "the last one")]);   // the store now knows this version: it wrote it

        long before = BytesReadByThisProcess();
        SessionItemsWindow<TurnLog, LogTurn> window = store.TryReadLastItems<LogTurn>("long", 10)!;
        long read = BytesReadByThisProcess() - before;

        Assert.Equal("the last one", window.Items[^1].Text);
        Assert.Equal("message 19999" + new string('x', 400), window.Items[^2].Text);
        if (platform == FileSystemPlatform.Portable)
        {
            Assert.True(read >= fileSize, $"read {read} of {fileSize} bytes");
        }
        else
        {
            Assert.InRange(read, 1, fileSize / 50);
        }
    }

    [Fact]
    public async Task Windows_read_during_appends_are_whole_and_in_order()
    {
        var store = new FileSessionStore<TurnLog>(_directory, TurnLogStore.Descriptor, new FileSessionStoreOptions { Durable = false, MaxSessionBytes = 16L << 20 });
        var other = new FileSessionStore<TurnLog>(_directory, TurnLogStore.Descriptor, new FileSessionStoreOptions { Durable = false, MaxSessionBytes = 16L << 20 });
        store.Save(new TurnLog("race", [], 0));
        const int Appends = 400;
        using var done = new CancellationTokenSource();
        Task appending = Task.Run(() =>
        {
            try
            {
                for (int i = 0; i < Appends; i++)
                {
                    (i % 3 == 0 ? other : store).Append("race", [new LogTurn("user", i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
                }
            }
            finally
            {
                done.Cancel();
            }
        });

        int windows = 0;
        while (!done.IsCancellationRequested || windows == 0)
        {
            SessionItemsWindow<TurnLog, LogTurn> window = store.TryReadLastItems<LogTurn>("race", 5)!;
            int[] numbers = [.. window.Items.Select(t => int.Parse(t.Text, System.Globalization.CultureInfo.InvariantCulture))];
            Assert.Equal(Enumerable.Range(numbers.FirstOrDefault(), numbers.Length), numbers);
            // The totals are those of the same version as the items: every turn's length up to the last one read.
            long expectedTokens = numbers.Length == 0 ? 0 : Enumerable.Range(0, numbers[^1] + 1).Sum(k => (long)k.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
            Assert.Equal(expectedTokens, window.Session.Tokens);
            windows++;
        }

        await appending;
        Assert.Equal(Enumerable.Range(Appends - 5, 5).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), store.TryReadLastItems<LogTurn>("race", 5)!.Items.Select(t => t.Text));
    }

    public void Dispose()
    {
        if (_dataSource is not null)
        {
            foreach (string suffix in new[] { "_items", "_text", "", "_trash", "_pins" })
            {
                using NpgsqlCommand drop = _dataSource.CreateCommand($"DROP TABLE IF EXISTS \"{_table}{suffix}\" CASCADE");
                drop.ExecuteNonQuery();
            }

            _dataSource.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>What this process has read through read(2) and pread(2) so far (<c>rchar</c> in <c>/proc/self/io</c>).</summary>
    private static long BytesReadByThisProcess() =>
        long.Parse(File.ReadLines("/proc/self/io").First(l => l.StartsWith("rchar:", StringComparison.Ordinal))["rchar:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private ISessionStore<TurnLog> Open(string backend)
    {
        if (backend == "directory")
        {
            return new FileSessionStore<TurnLog>(_directory, TurnLogStore.Descriptor, new FileSessionStoreOptions { Durable = false });
        }

        if (string.IsNullOrEmpty(Postgres))
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), "CI=true needs SESSIONSTORE_POSTGRES");
            Skip.If(true, $"Set {PostgresStoreConformanceTests.Variable} to run against PostgreSQL.");
        }

        _dataSource ??= new NpgsqlSlimDataSourceBuilder(Postgres).Build();
        return new PostgresSessionStore<TurnLog>(_dataSource, _table, TurnLogStore.Descriptor);
    }
}
