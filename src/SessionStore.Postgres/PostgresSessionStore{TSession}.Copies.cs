using Npgsql;
using SessionStore.Postgres.Data;

namespace SessionStore.Postgres;

/// <summary>Copies and summaries, for stores whose session type knows how to take a new id (<see cref="PostgresStoredSessionStore"/>).</summary>
public partial class PostgresSessionStore<TSession>
{
    /// <summary>
    /// Copies session <paramref name="sourceId"/> to <paramref name="newId"/> as a conditional save of the copy
    /// (expected absent): one transaction under the new id's lock, so the copy appears whole or not at all and
    /// never replaces a session.
    /// </summary>
    private protected async ValueTask<string> ForkCore(string sourceId, string newId, Func<TSession, string, TSession> withId, bool async, CancellationToken cancellationToken)
    {
        ValidId(sourceId, nameof(sourceId));
        ValidId(newId, nameof(newId));
        TSession source = await LoadCore(sourceId, async, cancellationToken).ConfigureAwait(false);
        _ = await SaveIfMatchCore(withId(source, newId), expectedETag: null, async, cancellationToken).ConfigureAwait(false);
        return _location.PathOf(newId);
    }

    /// <summary>The session, the size of its stored JSON in bytes, and when it was last written.</summary>
    private protected async ValueTask<(TSession Session, long SizeBytes, DateTimeOffset LastModified)> SummaryRowCore(string id, bool async, CancellationToken cancellationToken)
    {
        ValidId(id);
        static (string Body, long Size, DateTime UpdatedAt) Read(NpgsqlDataReader reader) => (reader.GetString(0), reader.GetInt64(1), reader.GetDateTime(2));
        List<(string Body, long Size, DateTime UpdatedAt)> rows = await QueryCore(
            SessionOperation.Read, id, $"SELECT body::text, octet_length(body::text)::bigint, updated_at FROM {_quotedTable} WHERE id = $1", Read, async, cancellationToken, id).ConfigureAwait(false);
        return rows is [var row]
            ? (Materialize(id, row.Body), row.Size, new DateTimeOffset(DateTime.SpecifyKind(row.UpdatedAt, DateTimeKind.Utc)))
            : throw new SessionNotFoundException(id, _location);
    }
}
