using Microsoft.Playwright;
using SessionStore.Tests.TestSupport;
using SessionStore.Viewer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SessionStore.Viewer.Tests;

/// <summary>
/// `sessions serve --table` over a real PostgreSQL table (SESSIONSTORE_POSTGRES; skipped without it, a failure with
/// CI=true): the list, a conversation, and a session rewritten by another process (the library's store in this
/// one, as an agent's process would) showing up live; the page names the table, never the server.
/// </summary>
public sealed class ViewerPostgresTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const float Patience = 60_000;

    [SkippableFact]
    public async Task On_a_table_the_list_a_conversation_and_a_live_change_work_as_on_a_directory()
    {
        using PostgresTable table = PostgresTable.New();
        table.Store.Save(new StoredSession("pg-first", ["user: hello from a table", "assistant: hi"], 1, 1));
        table.Store.Save(new StoredSession("pg-second", ["user: the second one", "assistant: ok"], 1, 1));
        SetDefaultExpectTimeout(Patience);
        await using ViewerProcess viewer = await ViewerProcess.StartAsync("--postgres", table.ConnectionString, "--table", table.Name);
        IPage page = await browser.NewPageAsync();

        await page.GotoAsync(viewer.Url);
        await page.WaitForSelectorAsync("body[data-list=ready]", new() { Timeout = Patience });
        await Expect(page.Locator("#sessions tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#backend")).ToHaveTextAsync("PostgreSQL table " + table.Name);
        Assert.DoesNotContain("127.0.0.1", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync(viewer.Url + "#/s/pg-first");
        await page.WaitForSelectorAsync("body[data-messages='2'] .follow.live", new() { Timeout = Patience });
        await Expect(page.Locator("article.msg").First).ToContainTextAsync("hello from a table");

        table.Store.Save(new StoredSession("pg-first", ["user: hello from a table", "assistant: hi", "user: and a third turn"], 3, 3));
        await page.WaitForSelectorAsync("body[data-messages='3']", new() { Timeout = Patience });
        await Expect(page.Locator("article.msg").Nth(2)).ToContainTextAsync("and a third turn");
    }
}
