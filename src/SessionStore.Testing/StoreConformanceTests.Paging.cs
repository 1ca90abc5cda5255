namespace SessionStore.Testing;

/// <summary>The paged listing (<see cref="ISessionPaging"/>): the same assertions on every backend.</summary>
public abstract partial class StoreConformanceTests
{
    private ISessionPaging Paging => Capability<ISessionPaging>();

    /// <summary>Paging by id walks every id once, in the order of List, page by page.</summary>
    [SkippableFact]
    public async Task PagesById_WalkEveryIdOnce_InListOrder()
    {
        SkipIfUnavailable();
        Assert.Empty(Paging.ListPage().Ids);
        Assert.Null(Paging.ListPage().NextPageToken);
        for (int i = 0; i < 23; i++)
        {
            Store.Save(Make("p" + (i * 7 % 23).ToString("00", System.Globalization.CultureInfo.InvariantCulture)));
        }

        _ = PlantIfPossible("foreign id", "{}");
        var walked = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            SessionPage page = Paging.ListPage(SessionOrder.Id, 5, token);
            Assert.InRange(page.Ids.Count, 0, 5);
            walked.AddRange(page.Ids);
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(Store.List(), walked);
        Assert.Equal(23, walked.Count);
        Assert.InRange(pages, 5, 6);
        Assert.Equal(walked, Paging.ListAll(SessionOrder.Id, 4));
        Assert.Equal(walked, await Paging.ListAllAsync(SessionOrder.Id, 100).ToListAsync());
        SessionPage first = Paging.ListPage(SessionOrder.Id, 5);
        SessionPage second = Paging.ListPage(SessionOrder.Id, 5, first.NextPageToken);
        Assert.Equal(walked.Skip(first.Ids.Count).Take(second.Ids.Count), second.Ids);
        Assert.Equal(5, second.Ids.Count);
    }

    /// <summary>Paging by recency walks every id once, newest first as the summaries' write times say.</summary>
    [SkippableFact]
    public async Task PagesByRecency_NewestFirst_EveryIdOnce()
    {
        SkipIfUnavailable();
        for (int i = 0; i < 12; i++)
        {
            Store.Save(Make("r" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture)));
        }

        Store.Update("r03", s => s! with { OutputTokens = 1 });
        List<string> walked = await Paging.ListAllAsync(SessionOrder.Recent, 5).ToListAsync();
        Assert.Equal(Store.List(), walked.Order(StringComparer.Ordinal));

        // The order the store reports is the one its summaries' write times give (ties by id, descending).
        SessionSummary[] summaries = walked.Select(Capability<IStoredSessionStore>().Summarize).ToArray();
        for (int i = 1; i < summaries.Length; i++)
        {
            (SessionSummary newer, SessionSummary older) = (summaries[i - 1], summaries[i]);
            Assert.True(
                newer.LastModified > older.LastModified || (newer.LastModified == older.LastModified && string.CompareOrdinal(newer.SessionId, older.SessionId) > 0),
                $"{newer.SessionId} ({newer.LastModified:O}) listed before {older.SessionId} ({older.LastModified:O})");
        }
    }

    /// <summary>Page sizes out of range and tokens of another order or none at all are refused; the page after the last is empty.</summary>
    [SkippableFact]
    public void PageRequests_AreChecked()
    {
        SkipIfUnavailable();
        Store.Save(Make("only"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Paging.ListPage(pageSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Paging.ListPage(pageSize: SessionPaging.MaxPageSize + 1));
        string token = Paging.ListPage(SessionOrder.Id, 1).NextPageToken!;
        Assert.Equal("pageToken", Assert.Throws<ArgumentException>(() => Paging.ListPage(SessionOrder.Recent, 1, token)).ParamName);
        Assert.Throws<ArgumentException>(() => Paging.ListPage(SessionOrder.Id, 1, "garbage"));
        SessionPage last = Paging.ListPage(SessionOrder.Id, 1, token);
        Assert.Empty(last.Ids);
        Assert.Null(last.NextPageToken);
    }
}
