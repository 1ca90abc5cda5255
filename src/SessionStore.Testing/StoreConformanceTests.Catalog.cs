namespace SessionStore.Testing;

/// <summary>
/// The catalog (<see cref="ISessionCatalog"/>): metadata kept by every write, caller metadata that never rewrites the
/// transcript, filtered and ordered queries in pages, and full-text search; skipped where the store has no catalog.
/// </summary>
public abstract partial class StoreConformanceTests
{
    /// <summary>The store as a catalog, or a skip when it has none (or implements the interface but has no catalog configured, as a directory store without an index).</summary>
    private ISessionCatalog Catalog
    {
        get
        {
            ISessionCatalog catalog = Capability<ISessionCatalog>();
            try
            {
                _ = ((ISessionCatalog)BackendStore).GetMetadata("catalog-probe");
            }
            catch (SessionCatalogUnavailableException ex)
            {
                Skip.If(true, ex.Message);
            }

            return catalog;
        }
    }

    /// <summary>Every write keeps the metadata: title from the first message, counts, tokens, size and times; a delete removes it.</summary>
    [SkippableFact]
    public void Metadata_IsKeptByEveryWrite()
    {
        SkipIfUnavailable();
        ISessionCatalog catalog = Catalog;
        Assert.Null(catalog.GetMetadata("meta"));
        Store.Save(Make("meta", "\n  Where is my invoice?  \nmore text", "an answer"));
        SessionMetadata first = catalog.GetMetadata("meta")!;
        Assert.Equal("meta", first.SessionId);
        Assert.Equal("Where is my invoice?", first.Title);
        Assert.False(first.HasCustomTitle);
        Assert.Equal(2, first.ItemCount);
        Assert.Equal(12, first.InputTokens);
        Assert.Equal(34, first.OutputTokens);
        Assert.True(first.SizeBytes > 0);
        Assert.True(first.CreatedAt <= first.UpdatedAt);

        Store.Update("meta", s => s! with { Messages = [.. s.Messages, "a third"], OutputTokens = 40 });
        SessionMetadata second = catalog.GetMetadata("meta")!;
        Assert.Equal(3, second.ItemCount);
        Assert.Equal(40, second.OutputTokens);
        Assert.True(second.SizeBytes > first.SizeBytes);
        Assert.True(second.UpdatedAt >= first.UpdatedAt);
        Assert.Equal(first.CreatedAt, second.CreatedAt);

        Store.Save(Make("empty"));
        Assert.Equal("", catalog.GetMetadata("empty")!.Title);
        Assert.True(Store.Delete("meta"));
        Assert.Null(catalog.GetMetadata("meta"));
        Assert.DoesNotContain(catalog.Query(new SessionQuery()).Sessions, m => m.SessionId == "meta");
    }

    /// <summary>Caller metadata: set and cleared in O(1) without rewriting the transcript (its ETag stays), kept across later writes.</summary>
    [SkippableFact]
    public void UpdateMetadata_SetsAndClears_WithoutRewritingTheTranscript()
    {
        SkipIfUnavailable();
        ISessionCatalog catalog = Catalog;
        Store.Save(Make("owned", "hello there"));
        string etag = Store.LoadRevision("owned").ETag;

        SessionMetadata set = catalog.UpdateMetadata("owned", new SessionMetadataChange
        {
            Title = "Invoice bug", AddTags = ["zeta", "billing", "billing"], Owner = "alice@example.com", Agent = "support",
            Fields = new Dictionary<string, string?> { ["ticket"] = "T-1", ["tier"] = "gold" },
        });
        Assert.Equal("Invoice bug", set.Title);
        Assert.True(set.HasCustomTitle);
        Assert.Equal(["billing", "zeta"], set.Tags);
        Assert.Equal("alice@example.com", set.Owner);
        Assert.Equal("support", set.Agent);
        Assert.Equal("T-1", set.Fields["ticket"]);
        Assert.Equal(etag, Store.LoadRevision("owned").ETag);
        Assert.Equal(set, catalog.GetMetadata("owned"));

        Store.Update("owned", s => s! with { Messages = [.. s.Messages, "later"] });
        SessionMetadata kept = catalog.GetMetadata("owned")!;
        Assert.Equal(("Invoice bug", "alice@example.com", 2), (kept.Title, kept.Owner, kept.ItemCount));
        Assert.Equal(["billing", "zeta"], kept.Tags);

        SessionMetadata cleared = catalog.UpdateMetadata("owned", new SessionMetadataChange
        {
            Title = "", RemoveTags = ["zeta", "never-there"], Owner = "", Fields = new Dictionary<string, string?> { ["tier"] = null },
        });
        Assert.Equal("hello there", cleared.Title);
        Assert.False(cleared.HasCustomTitle);
        Assert.Equal(["billing"], cleared.Tags);
        Assert.Null(cleared.Owner);
        Assert.Equal("support", cleared.Agent);
        Assert.Equal(["ticket"], cleared.Fields.Keys);

        Assert.Throws<SessionNotFoundException>(() => catalog.UpdateMetadata("ghost", new SessionMetadataChange { Title = "x" }));
        Assert.Throws<InvalidSessionIdException>(() => catalog.UpdateMetadata("../x", new SessionMetadataChange { Title = "x" }));
        Assert.Throws<InvalidSessionIdException>(() => catalog.GetMetadata("a/b"));
        Assert.Throws<ArgumentException>(() => catalog.UpdateMetadata("owned", new SessionMetadataChange { Title = "bad\u001b[2J" }));
        Assert.Throws<ArgumentException>(() => catalog.UpdateMetadata("owned", new SessionMetadataChange { AddTags = ["two words"] }));
        Assert.Throws<ArgumentException>(() => catalog.UpdateMetadata("owned", new SessionMetadataChange { Owner = "x\uD800" }));
        Assert.Throws<ArgumentException>(() => catalog.UpdateMetadata("owned", new SessionMetadataChange { AddTags = [.. Enumerable.Range(0, 40).Select(i => "t" + i)] }));
        Assert.Equal(cleared, catalog.GetMetadata("owned"));
        Assert.True(Store.Delete("owned"));
        Store.Save(Make("owned", "reborn"));
        Assert.Equal(("reborn", (string?)null), (catalog.GetMetadata("owned")!.Title, catalog.GetMetadata("owned")!.Owner));
    }

    /// <summary>Filters all hold together (tags, owner, agent, title prefix and substring ignoring case, times), in every order.</summary>
    [SkippableFact]
    public void Query_Filters_AndOrders()
    {
        SkipIfUnavailable();
        ISessionCatalog catalog = Catalog;
        for (int i = 0; i < 12; i++)
        {
            string id = "q" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            Store.Save(Make(id, (i % 2 == 0 ? "Refund for order " : "Shipping of parcel ") + i));
            catalog.UpdateMetadata(id, new SessionMetadataChange
            {
                Owner = i % 3 == 0 ? "alice" : "bob", Agent = i < 6 ? "support" : "sales", AddTags = i % 4 == 0 ? ["vip", "billing"] : ["billing"],
            });
        }

        Assert.Equal(["q00", "q06"], Ids(catalog.Query(new SessionQuery { Owner = "alice", Order = SessionQueryOrder.Id, Tags = ["billing"], TitlePrefix = "REFUND" })));
        Assert.Equal(["q00", "q04"], Ids(catalog.Query(new SessionQuery { Tags = ["vip", "billing"], Agent = "support", Order = SessionQueryOrder.Id })));
        Assert.Equal(["q03", "q09"], Ids(catalog.Query(new SessionQuery { Owner = "alice", TitleContains = "PARCEL", Order = SessionQueryOrder.Id })));
        Assert.Empty(catalog.Query(new SessionQuery { Owner = "nobody" }).Sessions);
        Assert.Empty(catalog.Query(new SessionQuery { Tags = ["vip", "missing"] }).Sessions);

        Store.Update("q05", s => s! with { Messages = [.. s.Messages, "touched last"] });
        SessionMetadata touched = catalog.GetMetadata("q05")!;
        IReadOnlyList<SessionMetadata> recent = catalog.Query(new SessionQuery { PageSize = 100 }).Sessions;
        Assert.Equal(12, recent.Count);
        Assert.All(recent, m => Assert.True(m.UpdatedAt <= touched.UpdatedAt));
        AssertOrdered(recent, (a, b) => b.UpdatedAt.CompareTo(a.UpdatedAt) is int c && c != 0 ? c : string.CompareOrdinal(a.SessionId, b.SessionId));
        AssertOrdered(catalog.Query(new SessionQuery { PageSize = 100, Order = SessionQueryOrder.Created }).Sessions,
            (a, b) => b.CreatedAt.CompareTo(a.CreatedAt) is int c && c != 0 ? c : string.CompareOrdinal(a.SessionId, b.SessionId));
        AssertOrdered(catalog.Query(new SessionQuery { PageSize = 100, Order = SessionQueryOrder.Title }).Sessions,
            (a, b) => string.Compare(a.Title, b.Title, StringComparison.OrdinalIgnoreCase) is int c && c != 0 ? c : string.CompareOrdinal(a.SessionId, b.SessionId));
        Assert.Equal(Store.List(), Ids(catalog.Query(new SessionQuery { PageSize = 100, Order = SessionQueryOrder.Id })));

        Assert.Equal(["q05"], Ids(catalog.Query(new SessionQuery { UpdatedSince = touched.UpdatedAt, Order = SessionQueryOrder.Id })).Intersect(["q05"]));
        Assert.DoesNotContain("q05", Ids(catalog.Query(new SessionQuery { UpdatedBefore = touched.UpdatedAt, PageSize = 100 })));
        Assert.Throws<ArgumentOutOfRangeException>(() => catalog.Query(new SessionQuery { PageSize = 0 }));
        Assert.Throws<ArgumentException>(() => catalog.Query(new SessionQuery { PageToken = "not a token" }));
    }

    /// <summary>Pages walk every match once in every order, and a walk while other sessions are written skips and repeats none of the rest.</summary>
    [SkippableFact]
    public void Query_Pages_WalkEveryMatchOnce_WhileOthersAreWritten()
    {
        SkipIfUnavailable();
        ISessionCatalog catalog = Catalog;
        for (int i = 0; i < 23; i++)
        {
            Store.Save(Make("w" + (i * 7 % 23).ToString("00", System.Globalization.CultureInfo.InvariantCulture), "walk " + i));
        }

        foreach (SessionQueryOrder order in Enum.GetValues<SessionQueryOrder>())
        {
            var walked = new List<string>();
            string? token = null;
            int pages = 0;
            do
            {
                SessionQueryPage page = catalog.Query(new SessionQuery { Order = order, PageSize = 4, PageToken = token });
                Assert.InRange(page.Sessions.Count, 0, 4);
                walked.AddRange(Ids(page));
                token = page.NextPageToken;
                Assert.True(pages < 50, $"{order}: the walk did not end: do page tokens move on?");
                if (pages++ == 2)
                {
                    Store.Save(Make("w00", "rewritten during the walk"));
                    Store.Save(Make("zz-new", "created during the walk"));
                    Assert.True(Store.Delete("zz-new"));
                }
            }
            while (token is not null);

            // The session rewritten during the walk may move (and so be met again or not at all); every other is met once.
            List<string> others = [.. walked.Where(id => id != "w00")];
            Assert.Equal(others.Count, others.Distinct().Count());
            Assert.Equal(Store.List().Where(id => id != "w00"), others.Order(StringComparer.Ordinal));
        }
    }

    /// <summary>Search finds words (by prefix) and phrases that occur together in one message or in the title, ranked, with a snippet, highlights and the item's index; filters hold; writes are seen.</summary>
    [SkippableFact]
    public void Search_FindsWordsAndPhrases_WithSnippets_AndSeesEveryWrite()
    {
        SkipIfUnavailable();
        ISessionCatalog catalog = Catalog;
        Store.Save(Make("s-invoice", "hello", "We found the invoice bug in the billing export", "thanks"));
        Store.Save(Make("s-other", "an unrelated chat about the weather"));
        Store.Save(Make("s-both", "bug report: the invoice total is wrong", "invoice invoice bug"));
        catalog.UpdateMetadata("s-both", new SessionMetadataChange { Owner = "carol" });

        SessionSearchPage hits = catalog.Search("invoi bug");
        Assert.Equal(["s-both", "s-invoice"], hits.Hits.Select(h => h.Session.SessionId).Order(StringComparer.Ordinal));
        SessionSearchHit invoice = hits.Hits.Single(h => h.Session.SessionId == "s-invoice");
        Assert.Equal(1, invoice.ItemIndex);
        Assert.Contains("invoice", invoice.Snippet, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(invoice.Highlights);
        Assert.All(invoice.Highlights, h => Assert.True(
            invoice.Snippet.Substring(h.Start, h.Length).StartsWith("invoi", StringComparison.OrdinalIgnoreCase)
            || invoice.Snippet.Substring(h.Start, h.Length).Equals("bug", StringComparison.OrdinalIgnoreCase)));
        Assert.True(hits.Hits.Zip(hits.Hits.Skip(1)).All(p => p.First.Rank >= p.Second.Rank));

        Assert.Equal(["s-both"], catalog.Search("\"bug report\"").Hits.Select(h => h.Session.SessionId));
        Assert.Empty(catalog.Search("\"report bug\"").Hits);
        Assert.Equal(["s-both"], catalog.Search("invoice", new SessionQuery { Owner = "carol" }).Hits.Select(h => h.Session.SessionId));
        foreach (string hostile in (string[])["invoice AND OR NOT", "invoice* (bug) ^x -y: NEAR(a b)", "'; drop table x; --", "invoice\u0000bug"])
        {
            _ = catalog.Search(hostile);
        }

        Assert.Throws<ArgumentException>(() => catalog.Search(" \"\" *** "));

        Store.Update("s-other", s => s! with { Messages = [.. s.Messages, "now about an invoice and a zeppelin"] });
        SessionSearchHit appended = Assert.Single(catalog.Search("zeppelin invoice").Hits);
        Assert.Equal("s-other", appended.Session.SessionId);
        Assert.Equal(1, appended.ItemIndex);
        catalog.UpdateMetadata("s-other", new SessionMetadataChange { Title = "Quarterly forecast" });
        Assert.Equal(-1, Assert.Single(catalog.Search("quarterly").Hits).ItemIndex);
        Assert.True(Store.Delete("s-invoice"));
        Assert.DoesNotContain("s-invoice", catalog.Search("invoice").Hits.Select(h => h.Session.SessionId));

        var paged = new List<string>();
        string? token = null;
        do
        {
            SessionSearchPage page = catalog.Search("invoice", new SessionQuery { PageSize = 1, PageToken = token });
            paged.AddRange(page.Hits.Select(h => h.Session.SessionId));
            token = page.NextPageToken;
            Assert.True(paged.Count < 50, "the search's walk did not end: do page tokens move on?");
        }
        while (token is not null);

        Assert.Equal(["s-both", "s-other"], paged.Order(StringComparer.Ordinal));
    }

    /// <summary>A rebuild from the stored sessions gives the same catalog, caller metadata included, and counts the sessions.</summary>
    [SkippableFact]
    public void Rebuild_GivesTheSameCatalog()
    {
        SkipIfUnavailable();
        ISessionCatalog catalog = Catalog;
        for (int i = 0; i < 5; i++)
        {
            Store.Save(Make("r" + i, "rebuild me " + i));
        }

        catalog.UpdateMetadata("r1", new SessionMetadataChange { Title = "Kept", AddTags = ["kept"] });
        IReadOnlyList<SessionMetadata> before = catalog.Query(new SessionQuery { Order = SessionQueryOrder.Id }).Sessions;
        var reported = new List<int>();
        Assert.Equal(5, catalog.Rebuild(new SynchronousProgress(reported.Add)));
        Assert.Equal(before, catalog.Query(new SessionQuery { Order = SessionQueryOrder.Id }).Sessions);
        Assert.Equal(["r3"], catalog.Search("rebuild 3").Hits.Select(h => h.Session.SessionId));
        Assert.NotEmpty(reported);
        Assert.Equal(5, reported[^1]);
    }

    private static List<string> Ids(SessionQueryPage page) => [.. page.Sessions.Select(m => m.SessionId)];

    private static void AssertOrdered(IReadOnlyList<SessionMetadata> sessions, Comparison<SessionMetadata> order)
    {
        for (int i = 1; i < sessions.Count; i++)
        {
            Assert.True(order(sessions[i - 1], sessions[i]) < 0, $"{sessions[i - 1].SessionId} should come after {sessions[i].SessionId}");
        }
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
