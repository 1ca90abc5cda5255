namespace SessionStore;

/// <summary>
/// A catalog query (<see cref="ISessionCatalog.Query"/>, <see cref="ISessionCatalog.Search"/>): filters that all must
/// hold, an order, and a page. The default query is the <see cref="DefaultPageSize"/> most recent sessions.
/// </summary>
/// <example>
/// <code>
/// SessionQueryPage page = catalog.Query(new SessionQuery { Owner = "alice", Tags = ["billing"], PageSize = 20 });
/// </code>
/// </example>
public sealed record SessionQuery
{
    /// <summary>The page size when none is given.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The largest page size.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Sessions with every one of these tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Sessions of this owner (ordinal).</summary>
    public string? Owner { get; init; }

    /// <summary>Sessions of this agent (ordinal).</summary>
    public string? Agent { get; init; }

    /// <summary>Sessions written at or after this time.</summary>
    public DateTimeOffset? UpdatedSince { get; init; }

    /// <summary>Sessions written before this time.</summary>
    public DateTimeOffset? UpdatedBefore { get; init; }

    /// <summary>Sessions created at or after this time.</summary>
    public DateTimeOffset? CreatedSince { get; init; }

    /// <summary>Sessions created before this time.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>Sessions whose title begins with this text, ignoring case.</summary>
    public string? TitlePrefix { get; init; }

    /// <summary>Sessions whose title contains this text, ignoring case.</summary>
    public string? TitleContains { get; init; }

    /// <summary>The order of the sessions (not used by a search, whose hits come by rank).</summary>
    public SessionQueryOrder Order { get; init; } = SessionQueryOrder.Recent;

    /// <summary>At most this many sessions: 1 to <see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The previous page's <see cref="SessionQueryPage.NextPageToken"/>, or <see langword="null"/> for the first page.</summary>
    public string? PageToken { get; init; }

    /// <summary>Checks the page size, the order and the filters' text, before anything is read.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="PageSize"/> or <see cref="Order"/> is out of range.</exception>
    /// <exception cref="ArgumentException">A filter holds a control character or a lone surrogate.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1, nameof(PageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PageSize, MaxPageSize, nameof(PageSize));
        if (!Enum.IsDefined(Order))
        {
            throw new ArgumentOutOfRangeException(nameof(Order), Order, "not a SessionQueryOrder");
        }

        new SessionMetadataChange { Title = TitlePrefix, Owner = Owner, Agent = Agent, AddTags = Tags ?? [] }.Validate();
        new SessionMetadataChange { Title = TitleContains }.Validate();
    }
}
