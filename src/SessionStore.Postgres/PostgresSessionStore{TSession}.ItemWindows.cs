using System.Text.Json;
using SessionStore.Postgres.Data;
using SessionStore.Storage;

namespace SessionStore.Postgres;

/// <summary>
/// Window reads of a type that declares a growing list: the row without its items and the last item rows
/// (<c>ORDER BY seq DESC LIMIT n</c>), in one statement. The window is served as read only for a version of the items this
/// instance has checked whole (written it, or read it whole: <see cref="ItemsVersion"/>); any other version is read whole
/// and checked as <see cref="TryLoad"/> reads it, once.
/// </summary>
public partial class PostgresSessionStore<TSession> : ISessionItemReader<TSession>
{
    /// <inheritdoc />
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    public SessionItemsWindow<TSession, TItem>? TryReadLastItems<TItem>(string id, int count) =>
        Completed.Result(ReadLastItemsCore<TItem>(id, count, async: false, CancellationToken.None));

    /// <inheritdoc />
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    public ValueTask<SessionItemsWindow<TSession, TItem>?> TryReadLastItemsAsync<TItem>(string id, int count, CancellationToken cancellationToken = default) =>
        ReadLastItemsCore<TItem>(id, count, async: true, cancellationToken);

    private async ValueTask<SessionItemsWindow<TSession, TItem>?> ReadLastItemsCore<TItem>(string id, int count, bool async, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        SessionItems<TSession, TItem> declared = ItemsOf<TItem>();
        ValidId(id);
        string sql = $"SELECT t.body::text, t.revision, w.seq, w.total, w.item::text FROM {_quotedTable} t " +
            $"LEFT JOIN LATERAL (SELECT seq, total, item FROM {ItemsTable} i WHERE i.id = t.id ORDER BY seq DESC LIMIT $2) w ON true WHERE t.id = $1 ORDER BY w.seq DESC";
        static (string Body, long Revision, long Seq, long Total, string? Item) Read(Npgsql.NpgsqlDataReader reader) =>
            (reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? 0 : reader.GetInt64(2), reader.IsDBNull(3) ? 0 : reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetString(4));
        var rows = await QueryCore(SessionOperation.Read, id, sql, Read, async, cancellationToken, id, count).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return null;
        }

        var version = new ItemsVersion(rows[0].Revision, rows[0].Seq, rows[0].Total);
        bool isShell = IsShell(rows[0].Body, declared.JsonName);
        if (isShell && IsVerified(id, version) && Window(id, rows, count, declared) is { } window)
        {
            return window;
        }

        if (await ReadBodyCore(id, transaction: null, async, cancellationToken).ConfigureAwait(false) is not { } whole)
        {
            return null;
        }

        TSession session = Materialize(id, whole.Body);
        if (isShell && whole.Revision == version.Revision)
        {
            Verified(id, version);
        }

        IReadOnlyList<TItem> all = declared.ItemsOf(session) ?? [];
        return new SessionItemsWindow<TSession, TItem>(session, [.. all.Skip(Math.Max(0, all.Count - count))], count >= all.Count);
    }

    /// <summary>The window the rows hold (newest item first); null when one of them does not read back (the whole read then says why).</summary>
    private SessionItemsWindow<TSession, TItem>? Window<TItem>(string id, List<(string Body, long Revision, long Seq, long Total, string? Item)> rows, int count, SessionItems<TSession, TItem> declared)
    {
        try
        {
            TSession shell = Deserialized(id, rows[0].Body, SessionOperation.Read);
            var items = new List<TItem>(rows.Count);
            for (int i = rows.Count - 1; i >= 0; i--)
            {
                if (rows[i].Item is { } item)
                {
                    items.Add(JsonSerializer.Deserialize(item, declared.ItemTypeInfo) ?? throw new JsonException("a null item"));
                }
            }

            // Item rows are numbered from 1 each time a session is written whole, and appends continue the numbering.
            bool complete = items.Count < count || rows[^1].Seq <= 1;
            return new SessionItemsWindow<TSession, TItem>(shell, items, complete);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or SessionCorruptException)
        {
            return null;
        }
    }
}
