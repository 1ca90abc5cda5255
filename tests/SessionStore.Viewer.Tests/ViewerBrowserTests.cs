using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using SessionStore.Viewer.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace SessionStore.Viewer.Tests;

/// <summary>
/// `sessions serve` in headless chromium: the built tool as a real process over a real store, one browser for the
/// class. Waits are on the page's own signals (<c>data-list</c>, <c>data-session</c>, <c>data-messages</c> on the
/// body), never on delays; Playwright's waits have a generous upper bound for a loaded machine. Screenshots go to
/// TestResults/viewer.
/// </summary>
public sealed class ViewerBrowserTests : IClassFixture<BrowserFixture>, IDisposable
{
    private const float Patience = 60_000; // ms: an upper bound for a loaded machine, not a timing
    private readonly BrowserFixture _browser;
    private readonly ITestOutputHelper _output;
    private readonly Stores _stores = new();

    public ViewerBrowserTests(BrowserFixture browser, ITestOutputHelper output)
    {
        _browser = browser;
        _output = output;
        SetDefaultExpectTimeout(Patience);
    }

    public void Dispose() => _stores.Dispose();

    [SkippableFact]
    public async Task The_list_shows_sessions_most_recent_first_with_titles_and_says_why_search_is_off_without_a_catalog()
    {
        var now = DateTimeOffset.UtcNow;
        _stores.SaveReference("oldest", ["user: the first question", "assistant: an answer"], now.AddHours(-3));
        _stores.SaveReference("middle", ["user: compare two hotels in Bergen", "assistant: ..."], now.AddHours(-2), input: 1234, output: 567);
        _stores.SaveReference("newest", ["user: what is the capital of Norway?", "assistant: Oslo"], now.AddHours(-1));
        await using ViewerProcess viewer = await ViewerProcess.StartAsync("--dir", _stores.Directory);
        IPage page = await _browser.NewPageAsync();

        await page.GotoAsync(viewer.Url);
        await page.WaitForSelectorAsync("body[data-list=ready]", new() { Timeout = Patience });

        IReadOnlyList<string> ids = await page.Locator("#sessions tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");
        Assert.Equal(["newest", "middle", "oldest"], ids);
        await Expect(page.Locator("tr[data-id=middle] td.title a")).ToHaveTextAsync("user: compare two hotels in Bergen");
        await Expect(page.Locator("tr[data-id=middle]")).ToContainTextAsync("1,234 / 567");
        await Expect(page.Locator("#mode")).ToHaveTextAsync("read-only");

        var info = await page.EvaluateAsync<JsonElement>("() => fetch('/api/info').then(r => r.json())");
        if (info.GetProperty("catalog").GetBoolean())
        {
            // A store with a catalog (an index): the search finds the session and marks the words in its snippet.
            await page.FillAsync("input[name=q]", "hotels Bergen");
            await page.PressAsync("input[name=q]", "Enter");
            await page.WaitForSelectorAsync("body[data-list=ready] tr[data-id=middle] mark", new() { Timeout = Patience });
            Assert.Equal(1, await page.Locator("#sessions tbody tr").CountAsync());
        }
        else
        {
            // No catalog: search and filters are off, and the page says why; the API refuses them in the same words.
            await Expect(page.Locator("#search-disabled")).ToContainTextAsync("catalog");
            await Expect(page.Locator("input[name=q]")).ToBeDisabledAsync();
            int status = await page.EvaluateAsync<int>("() => fetch('/api/sessions?q=hotels').then(r => r.status)");
            Assert.Equal(400, status);
        }

        await page.ScreenshotAsync(new() { Path = Artifacts.Of("list.png"), FullPage = true });
    }

    [SkippableFact]
    public async Task A_conversation_shows_tool_calls_beside_their_results_with_reasoning_usage_errors_images_and_the_raw_json()
    {
        _stores.SaveToolConversation("trip-oslo");
        await using ViewerProcess viewer = await ViewerProcess.StartAsync("--dir", _stores.Directory);
        IPage page = await _browser.NewPageAsync();

        await page.GotoAsync(viewer.Url + "#/s/trip-oslo");
        await page.WaitForSelectorAsync("body[data-session=ready]", new() { Timeout = Patience });

        ILocator weather = page.Locator(".call[data-call-id=call-weather]");
        await Expect(weather).ToContainTextAsync("get_weather");
        await Expect(weather.Locator("pre").First).ToContainTextAsync("\"city\": \"Oslo\"");   // pretty-printed arguments
        await Expect(weather.Locator(".result")).ToContainTextAsync("\"forecast\": \"light rain\""); // the result beside its call
        await Expect(page.Locator(".call[data-call-id=call-book] .result")).ToContainTextAsync("timed out");
        await Expect(page.Locator("article.tool").First).ToContainTextAsync("result of get_weather");

        ILocator reasoning = page.Locator("details.reasoning").First;
        Assert.False(await reasoning.EvaluateAsync<bool>("d => d.open"), "reasoning is collapsed");
        await Expect(page.Locator("article.msg").Nth(2).Locator(".author")).ToHaveTextAsync("planner");
        await Expect(page.Locator("article.msg").Nth(2)).ToContainTextAsync("usage: 412 in + 38 out");
        await Expect(page.Locator("#usage-total")).ToContainTextAsync("1,473 in + 125 out over 3 turn(s)");
        await Expect(page.Locator("article.has-error .error-part")).ToContainTextAsync("tool_timeout");
        await Expect(page.Locator("img.content")).ToHaveCountAsync(1);
        Assert.StartsWith("data:image/png;base64,", await page.Locator("img.content").GetAttributeAsync("src"));

        await page.ScreenshotAsync(new() { Path = Artifacts.Of("conversation.png"), FullPage = true });
        if (Environment.GetEnvironmentVariable("SESSIONSTORE_UPDATE_SCREENSHOTS") == "1")
        {
            // The README's picture: made here, checked in under docs/.
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts.RepositoryRoot, "docs", "images", "viewer-conversation.png"), FullPage = true });
        }

        await page.ClickAsync("#show-raw");
        await Expect(page.Locator("#raw pre")).ToContainTextAsync("\"$type\": \"functionCall\"");
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));
    }

    [SkippableFact]
    public async Task A_turn_another_process_appends_appears_without_a_reload()
    {
        _stores.SaveReference("live", ["user: start a long job", "assistant: working on it"], DateTimeOffset.UtcNow);
        await using ViewerProcess viewer = await ViewerProcess.StartAsync("--dir", _stores.Directory);
        IPage page = await _browser.NewPageAsync();
        await page.GotoAsync(viewer.Url + "#/s/live");
        await page.WaitForSelectorAsync("body[data-messages='2'] .follow.live", new() { Timeout = Patience });
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        // Another process (the test worker, through the library's own append) adds a turn.
        var clock = Stopwatch.StartNew();
        using (var worker = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "SessionStore.TestWorker.dll"), "append", _stores.Directory, "live", "assistant: the job is done"]) { UseShellExecute = false })!)
        {
            await worker.WaitForExitAsync();
            Assert.Equal(0, worker.ExitCode);
        }

        TimeSpan appended = clock.Elapsed;
        await page.WaitForSelectorAsync("body[data-messages='3']", new() { Timeout = Patience });
        _output.WriteLine($"the appended turn showed {(clock.Elapsed - appended).TotalMilliseconds:F0} ms after the worker exited");
        await Expect(page.Locator("article.msg").Nth(2)).ToContainTextAsync("the job is done");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was not reloaded");
    }

    /// <summary>Hostile messages of every kind: each is shown as text, no script runs, no element is injected.</summary>
    [SkippableFact]
    public async Task Hostile_content_is_rendered_as_text_no_script_runs_and_no_element_is_injected()
    {
        string[] corpus =
        [
            "user: <script>window.__pwned = 'script'</script>",
            "<img src=x onerror=\"window.__pwned = 'img'\">",
            "assistant: \"><svg onload=\"window.__pwned = 'svg'\"></svg><iframe src=\"javascript:window.__pwned='iframe'\"></iframe>",
            "[click me](javascript:window.__pwned='markdown') <a href=\"javascript:window.__pwned='a'\">link</a>",
            "terminal: \u001b[31mred\u001b[0m \u001b]0;new title\u0007 \u001b[2J bell\u0007 and a bidi override \u202Egnp.exe",
            new string('A', 1_000_000),
            "{\"role\":\"user\",\"content\":[" + new string('[', 3000) + "\"deep\"" + new string(']', 3000) + "]}",
            "{\"role\":\"assistant\",\"content\":\"<b>bold?</b>\",\"tool_calls\":[{\"id\":\"x\",\"function\":{\"name\":\"<img src=x onerror=window.__pwned='tool'>\",\"arguments\":\"{\\\"q\\\":\\\"<script>window.__pwned='args'</script>\\\"}\"}}]}",
            "{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"javascript:window.__pwned='uri'\"}},{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/svg+xml,<svg onload=window.__pwned='svgdata'>\"}}]}",
        ];
        _stores.SaveReference("xss", corpus, DateTimeOffset.UtcNow);
        await using ViewerProcess viewer = await ViewerProcess.StartAsync("--dir", _stores.Directory);
        IPage page = await _browser.NewPageAsync();

        await page.GotoAsync(viewer.Url);
        await page.WaitForSelectorAsync("body[data-list=ready]", new() { Timeout = Patience });
        await Expect(page.Locator("tr[data-id=xss] td.title a")).ToHaveTextAsync("user: <script>window.__pwned = 'script'</script>");

        await page.GotoAsync(viewer.Url + "#/s/xss");
        await page.WaitForSelectorAsync("body[data-session=ready]", new() { Timeout = Patience });
        await Expect(page.Locator("article.msg")).ToHaveCountAsync(corpus.Length);

        Assert.Null(await page.EvaluateAsync<string?>("() => window.__pwned ?? null"));
        Assert.Equal(1, await page.Locator("script").CountAsync()); // the viewer's own app.js, nothing else
        Assert.Equal(0, await page.Locator("#messages svg, #messages iframe, #messages b, #messages img, #messages [onerror], #messages [onload]").CountAsync());
        Assert.Equal(0, await page.Locator("a[href^='javascript' i], a[href^='data' i]").CountAsync());
        await Expect(page.Locator("article.msg").Nth(0)).ToContainTextAsync("<script>window.__pwned = 'script'</script>");
        await Expect(page.Locator("article.msg").Nth(1)).ToContainTextAsync("<img src=x onerror=");
        await Expect(page.Locator("article.msg").Nth(4)).ToContainTextAsync("\u241b[31mred");     // ESC shown as a symbol
        await Expect(page.Locator("article.msg").Nth(4)).ToContainTextAsync("\u27e8U+202E\u27e9");  // the bidi override, visible
        await Expect(page.Locator("article.msg").Nth(5).Locator(".clip-more")).ToContainTextAsync("1,000,000 characters");
        await Expect(page.Locator("article.msg").Nth(6)).ToContainTextAsync("deep");
        await Expect(page.Locator("article.msg").Nth(7)).ToContainTextAsync("<img src=x onerror=window.__pwned='tool'>");
        Assert.Null(await page.EvaluateAsync<string?>("() => window.__pwned ?? null"));
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations")); // nothing even tried to load against the policy
        await page.ScreenshotAsync(new() { Path = Artifacts.Of("hostile.png") });
    }

    /// <summary>
    /// The rule is "--host means the token": 127.0.0.2 is a loopback address, but giving --host at all takes the same
    /// path as 0.0.0.0 or a LAN address (the token, and Host checked against the address bound), which this proves
    /// without a second network. Without --host the viewer binds 127.0.0.1 only: 127.0.0.2 is refused outright.
    /// </summary>
    [SkippableFact]
    public async Task Given_host_the_viewer_requires_the_token_it_printed_and_without_it_binds_loopback_only()
    {
        _stores.SaveReference("one", ["user: hi"], DateTimeOffset.UtcNow);
        await using (ViewerProcess plain = await ViewerProcess.StartAsync("--dir", _stores.Directory))
        {
            Assert.DoesNotContain("token", plain.Url, StringComparison.Ordinal);
            var port = new Uri(plain.BaseUrl).Port;
            using var client = new HttpClient();
            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://127.0.0.2:{port}/api/info"));
            using var rebound = new HttpRequestMessage(HttpMethod.Get, plain.BaseUrl + "api/info");
            rebound.Headers.Host = "attacker.example:" + port; // DNS rebinding: another name resolved to 127.0.0.1
            Assert.Equal(HttpStatusCode.MisdirectedRequest, (await client.SendAsync(rebound)).StatusCode);
        }

        await using ViewerProcess viewer = await ViewerProcess.StartAsync("--dir", _stores.Directory, "--host", "127.0.0.2");
        Assert.StartsWith("http://127.0.0.2:", viewer.Url, StringComparison.Ordinal);
        Assert.Contains("?token=", viewer.Url, StringComparison.Ordinal);
        IPage page = await _browser.NewPageAsync();

        IResponse? refused = await page.GotoAsync(viewer.BaseUrl);
        Assert.Equal(401, refused!.Status);
        Assert.Contains("access token", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(401, (await page.GotoAsync(viewer.BaseUrl + "api/sessions"))!.Status);
        Assert.Equal(401, (await page.GotoAsync(viewer.BaseUrl + "?token=not-the-token"))!.Status);

        // The printed address: the token becomes a cookie and leaves the address bar.
        await page.GotoAsync(viewer.Url);
        await page.WaitForSelectorAsync("body[data-list=ready]", new() { Timeout = Patience });
        Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("tr[data-id=one]")).ToHaveCountAsync(1);
        Assert.Equal(200, await page.EvaluateAsync<int>("() => fetch('/api/sessions').then(r => r.status)"));

        // Another client with the token in a header, and one with a wrong token.
        using var http = new HttpClient();
        string token = viewer.Url[(viewer.Url.IndexOf("?token=", StringComparison.Ordinal) + 7)..];
        using (var withToken = new HttpRequestMessage(HttpMethod.Get, viewer.BaseUrl + "api/info"))
        {
            withToken.Headers.Add("X-Viewer-Token", token);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(withToken)).StatusCode);
        }

        using (var wrong = new HttpRequestMessage(HttpMethod.Get, viewer.BaseUrl + "api/info"))
        {
            wrong.Headers.Add("X-Viewer-Token", token[..^1] + (token[^1] == 'A' ? 'B' : 'A'));
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
        }
    }

    [SkippableFact]
    public async Task A_read_only_viewer_refuses_every_write_and_changes_nothing()
    {
        _stores.SaveReference("keep", ["user: do not touch"], DateTimeOffset.UtcNow);
        string[] before = Fingerprint(_stores.Directory);
        await using ViewerProcess viewer = await ViewerProcess.StartAsync("--dir", _stores.Directory);
        IPage page = await _browser.NewPageAsync();
        await page.GotoAsync(viewer.Url + "#/s/keep");
        await page.WaitForSelectorAsync("body[data-session=ready]", new() { Timeout = Patience });
        Assert.Equal(0, await page.Locator("#pin, #trash, #edit").CountAsync());

        // Even with the page's own anti-CSRF token, every write is refused, in words.
        var answers = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const info = await (await fetch('/api/info')).json();
              const out = [];
              for (const path of ['/api/sessions/keep/pin', '/api/sessions/keep/trash', '/api/sessions/keep/metadata', '/api/trash/keep/restore']) {
                const r = await fetch(path, { method: 'POST', headers: { 'X-Viewer-Csrf': info.csrfToken, 'Content-Type': 'application/json' }, body: '{"title":"x"}' });
                out.push({ status: r.status, error: (await r.json()).error });
              }
              return out;
            }
            """);
        foreach (JsonElement answer in answers.EnumerateArray())
        {
            Assert.Equal(403, answer.GetProperty("status").GetInt32());
            Assert.Contains("read-only", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before, Fingerprint(_stores.Directory));
    }

    [SkippableFact]
    public async Task With_allow_write_pin_trash_and_restore_are_confirmed_and_a_write_without_the_csrf_token_or_from_another_origin_is_refused()
    {
        _stores.SaveReference("work", ["user: keep this one"], DateTimeOffset.UtcNow);
        await using ViewerProcess viewer = await ViewerProcess.StartAsync("--dir", _stores.Directory, "--allow-write");
        IPage page = await _browser.NewPageAsync();
        var questions = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            questions.Add(dialog.Message);
            await dialog.AcceptAsync();
        };

        await page.GotoAsync(viewer.Url + "#/s/work");
        await page.WaitForSelectorAsync("body[data-session=ready]", new() { Timeout = Patience });
        await page.ClickAsync("#pin");
        await Expect(page.Locator("#pin")).ToHaveTextAsync("unpin");
        Assert.Contains("work", _stores.Reference.ListPinned());

        await page.ClickAsync("#trash");
        await page.WaitForSelectorAsync("#trash tr[data-id=work]", new() { Timeout = Patience });
        Assert.False(_stores.Reference.Exists("work"));
        await page.ClickAsync("#trash tr[data-id=work] button.restore");
        await page.WaitForSelectorAsync("body[data-session=ready]", new() { Timeout = Patience });
        Assert.True(_stores.Reference.Exists("work"));
        Assert.Equal(["Pin session 'work'?", "Move to the trash session 'work'?", "Restore session 'work' from the trash?"], questions);

        // Outside the page: no anti-CSRF header, a wrong one, or another site's Origin: refused, nothing changed.
        using var http = new HttpClient();
        string csrf = (await page.EvaluateAsync<JsonElement>("() => fetch('/api/info').then(r => r.json())")).GetProperty("csrfToken").GetString()!;
        foreach ((string? header, string? origin) in new (string?, string?)[] { (null, null), ("wrong", null), (csrf, "http://attacker.example") })
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, viewer.BaseUrl + "api/sessions/work/trash");
            if (header is not null)
            {
                post.Headers.Add("X-Viewer-Csrf", header);
            }

            if (origin is not null)
            {
                post.Headers.Add("Origin", origin);
            }

            Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(post)).StatusCode);
        }

        Assert.True(_stores.Reference.Exists("work"));
    }

    /// <summary>The browser's own timings of a 10,000-message conversation (reported, not asserted: docs/performance.md).</summary>
    [SkippableFact]
    public async Task A_conversation_of_10000_messages_loads_and_its_timing_is_reported()
    {
        string[] messages = [.. Enumerable.Range(0, 10_000).Select(i => i % 2 == 0 ? $"user: question {i} about the itinerary" : $"assistant: answer {i}, with a few more words to read")];
        _stores.SaveReference("long", messages, DateTimeOffset.UtcNow);
        await using ViewerProcess viewer = await ViewerProcess.StartAsync("--dir", _stores.Directory);
        IPage page = await _browser.NewPageAsync();

        await page.GotoAsync(viewer.Url + "#/s/long");
        await page.WaitForSelectorAsync("body[data-session=ready]", new() { Timeout = Patience });
        await Expect(page.Locator("article.msg")).ToHaveCountAsync(10_000);
        var marks = await page.EvaluateAsync<JsonElement>("() => ({ ...window.__viewer.marks, navigationStart: 0 })");
        string line = $"10,000 messages: fetched {marks.GetProperty("sessionFetched").GetDouble():F0} ms, all rendered {marks.GetProperty("sessionComplete").GetDouble():F0} ms after the request, first chunk at {marks.GetProperty("sessionFirstChunk").GetDouble():F0} ms since navigation (reading the messages {marks.GetProperty("normalize").GetDouble():F0} ms, building their elements {marks.GetProperty("build").GetDouble():F0} ms)";
        _output.WriteLine(line);
        await File.AppendAllTextAsync(Artifacts.Of("timings.txt"), line + "\n");
    }

    /// <summary>
    /// The list of a 100,000-session store, first page and a later page (keyset). Writing 100,000 sessions takes a
    /// while, so this runs when SESSIONSTORE_VIEWER_LARGE=1 (as for docs/performance.md), and skips otherwise.
    /// </summary>
    [SkippableFact]
    public async Task The_list_of_a_100000_session_store_pages_by_keyset_and_its_timing_is_reported()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("SESSIONSTORE_VIEWER_LARGE") == "1", "set SESSIONSTORE_VIEWER_LARGE=1 to write a 100,000-session store");
        FileSessionStore store = _stores.Reference;
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        for (int i = 0; i < 100_000; i++)
        {
            string id = $"s{i:D6}";
            store.Save(new StoredSession(id, [$"user: question number {i}", "assistant: an answer"], i, i));
            File.SetLastWriteTimeUtc(Path.Combine(_stores.Directory, id + ".json"), start.AddSeconds(i).UtcDateTime);
        }

        await using ViewerProcess viewer = await ViewerProcess.StartAsync("--dir", _stores.Directory);
        IPage page = await _browser.NewPageAsync();
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(viewer.Url);
        await page.WaitForSelectorAsync("body[data-list=ready]", new() { Timeout = Patience });
        double first = clock.Elapsed.TotalMilliseconds;
        double firstPage = (await page.EvaluateAsync<JsonElement>("() => window.__viewer.marks")).GetProperty("listPage").GetDouble();
        Assert.Equal("s099999", await page.Locator("#sessions tbody tr").First.GetAttributeAsync("data-id"));
        var pages = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            int rows = await page.Locator("#sessions tbody tr").CountAsync();
            await page.ClickAsync("#more");
            await Expect(page.Locator("#sessions tbody tr")).ToHaveCountAsync(rows + 50);
            pages.Add((await page.EvaluateAsync<JsonElement>("() => window.__viewer.marks")).GetProperty("listPage").GetDouble());
        }

        Assert.Equal("s099700", await page.Locator("#sessions tbody tr").Last.GetAttributeAsync("data-id"));
        string line = $"100,000 sessions: page shown {first:F0} ms after navigation (first page's request {firstPage:F0} ms); next pages {string.Join(", ", pages.Select(p => p.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} ms";
        _output.WriteLine(line);
        await File.AppendAllTextAsync(Artifacts.Of("timings.txt"), line + "\n");
    }

    private static string[] Fingerprint(string root) =>
        [.. Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(p => $"{Path.GetRelativePath(root, p)} {(File.Exists(p) ? new FileInfo(p).Length : -1)} {File.GetLastWriteTimeUtc(p).Ticks}")
            .Order(StringComparer.Ordinal)];
}
