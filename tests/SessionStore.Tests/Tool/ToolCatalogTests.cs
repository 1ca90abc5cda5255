using System.Text.Json;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Tool;

/// <summary>
/// The tool's catalog commands as a real process on a store with a catalog (a real PostgreSQL table): <c>search</c>
/// (ranked hits, a snippet whose words are highlighted at a terminal and plain when piped, offsets in <c>--json</c>,
/// hostile text escaped), <c>title</c>, <c>tag</c>, <c>list</c>'s filters and <c>reindex</c>; and a store without one, a
/// usage error that says how to get one.
/// </summary>
public sealed class ToolCatalogTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly List<PostgresTable> _tables = [];

    public void Dispose()
    {
        _tables.ForEach(t => t.Dispose());
        _temp.Dispose();
    }

    private PostgresTable NewTable()
    {
        PostgresTable table = PostgresTable.New();
        _tables.Add(table);
        table.Store.Save(new("invoice", ["hello", "We found the invoice bug in the \u001b[2Jbilling export", "thanks"], 1, 2));
        table.Store.Save(new("weather", ["a chat about the weather"], 3, 4));
        table.Store.Save(new("refund", ["Refund for order 7", "the invoice was wrong"], 5, 6));
        return table;
    }

    private static Task<ProcessRunner.Result> RunAsync(PostgresTable table, params string[] args) =>
        TestSupport.Tool.RunAsync([.. args, "--postgres", table.ConnectionString, "--table", table.Name]);

    private static async Task<ProcessRunner.Result> Ok(Task<ProcessRunner.Result> running)
    {
        ProcessRunner.Result run = await running;
        Assert.True(run.ExitCode == 0, run.StandardError);
        return run;
    }

    [SkippableFact]
    public async Task Search_PrintsRankedHits_PlainWhenPiped_OffsetsInJson()
    {
        PostgresTable table = NewTable();
        ProcessRunner.Result piped = await Ok(RunAsync(table, "search", "invoi"));
        string[] lines = piped.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal(["invoice", "refund"], lines.Where(l => !l.StartsWith("    ", StringComparison.Ordinal)).Select(l => l.Split("  ")[0]).Order(StringComparer.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("invoice  hello  (message 2, ", StringComparison.Ordinal));
        Assert.DoesNotContain("\u001b", piped.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\\e[2Jbilling", piped.StandardOutput, StringComparison.Ordinal);

        ProcessRunner.Result json = await Ok(RunAsync(table, "search", "invoice", "bug", "--json"));
        using JsonDocument document = JsonDocument.Parse(json.StandardOutput);
        JsonElement hit = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal("invoice", hit.GetProperty("session_id").GetString());
        Assert.Equal(1, hit.GetProperty("item_index").GetInt32());
        string snippet = hit.GetProperty("snippet").GetString()!;
        Assert.All(hit.GetProperty("highlights").EnumerateArray(), h => Assert.Contains(
            snippet.Substring(h.GetProperty("start").GetInt32(), h.GetProperty("length").GetInt32()).ToLowerInvariant(), (string[])["invoice", "bug"]));
        Assert.True(hit.GetProperty("rank").GetDouble() > 0);

        ProcessRunner.Result none = await Ok(RunAsync(table, "search", "zeppelin"));
        Assert.Equal("", none.StandardOutput);
        Assert.Contains("no session matches", none.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync(table, "search", "\"\"", "***")).ExitCode);
    }

    [SkippableFact]
    public async Task TitleTagAndListFilters_DoNotRewriteTheTranscript()
    {
        PostgresTable table = NewTable();
        string etag = table.Store.LoadRevision("weather").ETag;
        await Ok(RunAsync(table, "title", "weather", "Forecast talk"));
        ProcessRunner.Result tagged = await Ok(RunAsync(table, "tag", "weather", "+small-talk", "+vip"));
        Assert.Equal("weather: small-talk vip\n", tagged.StandardOutput);
        await Ok(RunAsync(table, "tag", "refund", "+vip"));
        // After '--' every word is a change, so the store's options come first.
        await Ok(TestSupport.Tool.RunAsync(["tag", "refund", "--postgres", table.ConnectionString, "--table", table.Name, "--", "-vip", "+billing"]));
        Assert.Equal(etag, table.Store.LoadRevision("weather").ETag);

        ProcessRunner.Result vip = await Ok(RunAsync(table, "list", "--tag", "vip", "--json"));
        using (JsonDocument document = JsonDocument.Parse(vip.StandardOutput))
        {
            JsonElement row = Assert.Single(document.RootElement.EnumerateArray());
            Assert.Equal(("weather", "Forecast talk"), (row.GetProperty("session_id").GetString(), row.GetProperty("title").GetString()));
            Assert.Equal(["small-talk", "vip"], row.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        }

        Assert.Equal("refund", (await Ok(RunAsync(table, "list", "--title", "ORDER"))).StandardOutput.Split(' ')[0]);
        Assert.Equal("", (await Ok(RunAsync(table, "list", "--tag", "vip", "--tag", "billing"))).StandardOutput);
        ProcessRunner.Result limited = await Ok(RunAsync(table, "list", "--recent", "--limit", "2"));
        Assert.Equal(2, limited.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("more match beyond --limit", limited.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, (await Ok(RunAsync(table, "search", "forecast"))).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length / 2);

        await Ok(RunAsync(table, "title", "weather", "--clear"));
        Assert.Contains("weather  a chat about the weather", (await Ok(RunAsync(table, "search", "weather"))).StandardOutput, StringComparison.Ordinal);
        Assert.Equal(3, (await RunAsync(table, "title", "ghost", "x")).ExitCode);
        Assert.Equal(2, (await RunAsync(table, "tag", "weather", "+two words")).ExitCode);
        Assert.Equal(2, (await RunAsync(table, "tag", "weather", "vip")).ExitCode);
        Assert.Equal(2, (await RunAsync(table, "title", "weather")).ExitCode);

        ProcessRunner.Result reindexed = await Ok(RunAsync(table, "reindex"));
        Assert.Equal("indexed 3 session(s)\n", reindexed.StandardOutput);
        Assert.Equal("weather: small-talk vip\n", (await Ok(RunAsync(table, "tag", "weather"))).StandardOutput);
    }

    [Fact]
    public async Task AStoreWithoutACatalog_IsAUsageError_ThatSaysHowToGetOne()
    {
        string directory = _temp.Combine("plain");
        Sessions.FastStore(directory).Save(new("s1", ["hello"], 0, 0));
        foreach (string[] args in (string[][])[["search", "hello"], ["title", "s1", "x"], ["tag", "s1", "+a"], ["list", "--owner", "alice"]])
        {
            ProcessRunner.Result run = await TestSupport.Tool.RunAsync([.. args, "--dir", directory]);
            Assert.True(run.ExitCode == 2, args[0] + ": " + run.StandardError);
            Assert.Contains("needs the store's index", run.StandardError, StringComparison.Ordinal);
        }

        Assert.Equal(0, (await TestSupport.Tool.RunAsync(["list", "--dir", directory])).ExitCode);
        Assert.False(Directory.Exists(Path.Join(directory, ".index")), "a read command made an index");
    }

    [Fact]
    public async Task ADirectory_GetsAnIndexFromReindex_ThenSearchTitleTagAndFiltersWork_AndSeeAForeignWriter()
    {
        string directory = _temp.Combine("indexed");
        FileSessionStore plain = Sessions.FastStore(directory);
        plain.Save(new("invoice", ["hello", "We found the invoice bug in the billing export"], 1, 2));
        plain.Save(new("weather", ["a chat about the weather"], 3, 4));
        string before = (await Ok(TestSupport.Tool.RunAsync(["list", "--dir", directory]))).StandardOutput;

        ProcessRunner.Result reindexed = await Ok(TestSupport.Tool.RunAsync(["reindex", "--dir", directory]));
        Assert.Equal("indexed 2 session(s)\n", reindexed.StandardOutput);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Join(directory, ".index")));
        Assert.Equal(before, (await Ok(TestSupport.Tool.RunAsync(["list", "--dir", directory]))).StandardOutput);

        ProcessRunner.Result hits = await Ok(TestSupport.Tool.RunAsync(["search", "invoi", "bug", "--dir", directory]));
        Assert.StartsWith("invoice  hello  (message 2, ", hits.StandardOutput, StringComparison.Ordinal);
        await Ok(TestSupport.Tool.RunAsync(["title", "weather", "Forecast", "--dir", directory]));
        await Ok(TestSupport.Tool.RunAsync(["tag", "weather", "+small-talk", "--dir", directory]));
        Assert.StartsWith("weather ", (await Ok(TestSupport.Tool.RunAsync(["list", "--tag", "small-talk", "--dir", directory]))).StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Join(directory, ".meta", "weather.json")), "caller metadata lives beside the session, not only in the index");

        // A session the Python reference module writes is found by the next search.
        await PythonReference.RunAsync(
            "save_session(StoredSession(session_id='py', messages=('a zeppelin question',), input_tokens=0, output_tokens=0), Path(args['dir']))",
            $"{{\"dir\": \"{directory}\"}}");
        Assert.StartsWith("py  a zeppelin question", (await Ok(TestSupport.Tool.RunAsync(["search", "zeppelin", "--dir", directory]))).StandardOutput, StringComparison.Ordinal);
    }
}
