namespace SessionStore;

/// <summary>
/// What a store knows about its sessions without reading their transcripts: each session's <see cref="SessionMetadata"/>
/// (a title, times, counts, tags, owner, agent and a few caller-defined fields), queries over it in pages, and full-text
/// search across transcripts. The directory store gets it from an index it owns (the SessionStore.Index package); the
/// PostgreSQL store from columns and indexes of its table.
/// </summary>
/// <remarks>
/// <para>
/// Queries and searches cost O(page), not O(store): a page is read from an index, never by opening every session.
/// Page tokens are keyset tokens, so no session is skipped or repeated by a walk while others are written (a session
/// written during a walk may move to a later page or appear once at its new place).
/// </para>
/// <para>
/// The sessions stay the truth. An index is a cache of them that the catalog keeps current for every write made
/// through this library and repairs itself from the sessions when it finds it stale; the backend's documentation says
/// exactly what it detects (docs/scaling.md).
/// </para>
/// <para>
/// Search text is words: every word must occur in one message or item of the session, or in its title (a word
/// matches words it begins, so <c>invoi</c> finds <c>invoice</c>), and a <c>"quoted phrase"</c> must occur as it is.
/// No other syntax is interpreted; punctuation separates words. Words are compared ignoring case.
/// </para>
/// </remarks>
public interface ISessionCatalog
{
    /// <summary>The metadata of one session.</summary>
    /// <param name="id">The session's id.</param>
    /// <returns>The metadata, or <see langword="null"/> when no such session is stored.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not a valid session id.</exception>
    /// <exception cref="SessionStorageException">The catalog could not be read.</exception>
    SessionMetadata? GetMetadata(string id);

    /// <inheritdoc cref="GetMetadata"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<SessionMetadata?> GetMetadataAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes what the caller owns of a session's metadata (title, tags, owner, agent, fields) in O(1): the
    /// transcript is not rewritten, and its ETag does not change.
    /// </summary>
    /// <param name="id">The session's id.</param>
    /// <param name="change">What to change; what it leaves unset stays as it is.</param>
    /// <returns>The session's metadata after the change.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not a valid session id.</exception>
    /// <exception cref="ArgumentException"><paramref name="change"/> breaks a rule of <see cref="SessionMetadataChange.Validate"/>.</exception>
    /// <exception cref="SessionNotFoundException">No such session is stored.</exception>
    /// <exception cref="SessionStorageException">The change could not be stored.</exception>
    SessionMetadata UpdateMetadata(string id, SessionMetadataChange change);

    /// <inheritdoc cref="UpdateMetadata"/>
    /// <param name="id">The session's id.</param>
    /// <param name="change">What to change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<SessionMetadata> UpdateMetadataAsync(string id, SessionMetadataChange change, CancellationToken cancellationToken = default);

    /// <summary>One page of the sessions that match <paramref name="query"/>'s filters, in its order.</summary>
    /// <param name="query">Filters, order, page size and the previous page's token.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException"><paramref name="query"/> breaks a rule of <see cref="SessionQuery.Validate"/>, or its token is not one of this order.</exception>
    /// <exception cref="SessionStorageException">The catalog could not be read.</exception>
    SessionQueryPage Query(SessionQuery query);

    /// <inheritdoc cref="Query"/>
    /// <param name="query">Filters, order, page size and token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<SessionQueryPage> QueryAsync(SessionQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The sessions with a message, item or title that contains <paramref name="text"/>, best match first, each with a
    /// snippet around its best hit and the index of the item it is in.
    /// </summary>
    /// <param name="text">Words and <c>"quoted phrases"</c>, every one of which must occur.</param>
    /// <param name="query">Filters, page size and token (its <see cref="SessionQuery.Order"/> is not used: hits come by rank); <see langword="null"/> for none.</param>
    /// <returns>The page of hits.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> has no word, or <paramref name="query"/> is not valid.</exception>
    /// <exception cref="SessionStorageException">The catalog could not be read.</exception>
    SessionSearchPage Search(string text, SessionQuery? query = null);

    /// <inheritdoc cref="Search"/>
    /// <param name="text">Words and quoted phrases.</param>
    /// <param name="query">Filters, page size and token, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<SessionSearchPage> SearchAsync(string text, SessionQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Builds the catalog again from the stored sessions, as if it had never existed (caller-set metadata is kept).</summary>
    /// <param name="progress">Told the number of sessions done so far, or <see langword="null"/>.</param>
    /// <returns>The number of sessions in the catalog afterwards.</returns>
    /// <exception cref="SessionStorageException">The sessions could not be read or the catalog written.</exception>
    int Rebuild(IProgress<int>? progress = null);

    /// <inheritdoc cref="Rebuild"/>
    /// <param name="progress">Told the number of sessions done so far.</param>
    /// <param name="cancellationToken">Cancels the rebuild (what was done stays valid).</param>
    ValueTask<int> RebuildAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default);
}
