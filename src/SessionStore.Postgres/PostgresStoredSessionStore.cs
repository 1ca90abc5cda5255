using Npgsql;
using SessionStore.Storage;

namespace SessionStore.Postgres;

/// <summary>
/// A PostgreSQL store of reference-format <see cref="StoredSession"/>s with what the directory store's
/// <see cref="FileSessionStore"/> offers beyond the contract, through <see cref="IStoredSessionStore"/>:
/// <see cref="Fork"/> and <see cref="Summarize"/>. Made by <see cref="PostgresSessionStores.ForStoredSessions"/>.
/// </summary>
public sealed class PostgresStoredSessionStore : PostgresSessionStore<StoredSession>, IStoredSessionStore
{
    /// <summary>Creates a store over <paramref name="table"/>.</summary>
    /// <param name="dataSource">Where to connect; build it with <c>NpgsqlSlimDataSourceBuilder</c> for trimmed and NativeAOT apps.</param>
    /// <param name="table">The table's name; see <see cref="PostgresSessionStore{TSession}(NpgsqlDataSource, string, SessionDescriptor{TSession}, PostgresSessionStoreOptions?)"/>.</param>
    /// <param name="options">Lock timeout, size limit, table creation and clock; copied.</param>
    public PostgresStoredSessionStore(NpgsqlDataSource dataSource, string table, PostgresSessionStoreOptions? options = null)
        : base(dataSource, table, SessionDescriptor.StoredSession, options)
    {
    }

    /// <inheritdoc />
    /// <exception cref="SessionStorageException">The server refused or could not be reached.</exception>
    public string Fork(string sourceId, string newId) => Completed.Result(ForkCore(sourceId, newId, WithId, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<string> ForkAsync(string sourceId, string newId, CancellationToken cancellationToken = default) =>
        ForkCore(sourceId, newId, WithId, async: true, cancellationToken);

    /// <inheritdoc />
    /// <remarks>The size is that of the stored JSON; the last write time is the row's <c>updated_at</c>.</remarks>
    /// <exception cref="SessionStorageException">The server refused or could not be reached.</exception>
    public SessionSummary Summarize(string id) => Completed.Result(SummarizeCore(id, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<SessionSummary> SummarizeAsync(string id, CancellationToken cancellationToken = default) => SummarizeCore(id, async: true, cancellationToken);

    private static StoredSession WithId(StoredSession session, string newId) => session with { SessionId = newId };

    private async ValueTask<SessionSummary> SummarizeCore(string id, bool async, CancellationToken cancellationToken)
    {
        (StoredSession session, long size, DateTimeOffset lastModified) = await SummaryRowCore(id, async, cancellationToken).ConfigureAwait(false);
        return new SessionSummary(id, session.Messages.Count, session.InputTokens, session.OutputTokens, size, lastModified);
    }
}
