using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace SessionStore.Index;

/// <summary>
/// The SQLite index of one directory store (<see cref="SqliteSessionIndexProvider"/>): one connection, used under one
/// lock; every public member makes the index current first (<see cref="EnsureCurrent"/>) and checks the rows it returns
/// against their files (<see cref="Verified"/>).
/// </summary>
internal sealed partial class SqliteSessionIndex : FileSessionIndex
{
    internal const string DirectoryName = ".index";
    internal const string FileName = "catalog.db";
    internal const int SchemaVersion = 2;
    private const int BatchSize = 256;
    private const int MaxAttempts = 3;

    private readonly FileSessionIndexHost _host;
    private readonly bool _sweepOnFirstQuery;
    private readonly TimeSpan? _sweepInterval;
    private readonly Lock _gate = new();
    private SqliteConnection? _db;
    private string? _path;
    private ulong _inode;
    private bool _swept;
    private long _sweptAt;
    private long _racyNanoseconds = -1;

    internal SqliteSessionIndex(FileSessionIndexHost host, bool sweepOnFirstQuery, TimeSpan? sweepInterval)
    {
        _host = host;
        _sweepOnFirstQuery = sweepOnFirstQuery;
        _sweepInterval = sweepInterval;
    }

    /// <inheritdoc/>
    public override void OnChanged(FileSessionChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Guarded(db =>
        {
            using Statements.Scope transaction = Begin(db);
            bool current = IsRecorded(db, change.DirectoryBefore);
            switch (change.Kind)
            {
                case FileSessionChangeKind.Written:
                    Index(db, change.SessionId, change.Content.ToArray(), _host.StatSession(change.SessionId), caller: null, created: null);
                    break;
                case FileSessionChangeKind.Appended when current:
                    Appended(db, change);
                    break;
                case FileSessionChangeKind.Removed:
                    Remove(db, change.SessionId);
                    break;
                default:
                    Reindex(db, change.SessionId);
                    break;
            }

            if (current)
            {
                Record(db, _host.StatDirectory());
            }

            transaction.Commit();
            return 0;
        });
    }

    /// <inheritdoc/>
    public override SessionMetadata? GetMetadata(string id)
    {
        CheckId(id);
        return Guarded(db =>
        {
            EnsureCurrent(db);
            return Verified(db, id);
        });
    }

    /// <inheritdoc/>
    public override ValueTask<SessionMetadata?> GetMetadataAsync(string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(GetMetadata(id));
    }

    /// <inheritdoc/>
    public override SessionMetadata UpdateMetadata(string id, SessionMetadataChange change) =>
        Completed(UpdateMetadataCore(id, change, async: false, CancellationToken.None));

    /// <inheritdoc/>
    public override ValueTask<SessionMetadata> UpdateMetadataAsync(string id, SessionMetadataChange change, CancellationToken cancellationToken = default) =>
        UpdateMetadataCore(id, change, async: true, cancellationToken);

    /// <inheritdoc/>
    public override SessionQueryPage Query(SessionQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        char order = PageToken.OrderCode(query.Order);
        PageToken? after = query.PageToken is null ? null : PageToken.Decode(query.PageToken, order);
        return Guarded(db =>
        {
            EnsureCurrent(db);
            for (int attempt = 0; ; attempt++)
            {
                List<Row> rows = Select(db, query, after);
                if (Reverify(db, rows) && attempt < MaxAttempts)
                {
                    continue;
                }

                bool more = rows.Count > query.PageSize;
                List<Row> page = more ? rows[..query.PageSize] : rows;
                string? next = more ? new PageToken(order, SortKey(page[^1], query.Order), page[^1].Id).Encode() : null;
                return new SessionQueryPage([.. page.Select(r => r.Metadata)], next);
            }
        });
    }

    /// <inheritdoc/>
    public override ValueTask<SessionQueryPage> QueryAsync(SessionQuery query, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Query(query));
    }

    /// <inheritdoc/>
    public override SessionSearchPage Search(string text, SessionQuery? query = null)
    {
        IReadOnlyList<IReadOnlyList<string>> terms = SessionSearchTerms.Parse(text);
        query ??= new SessionQuery();
        query.Validate();
        PageToken? after = query.PageToken is null ? null : PageToken.Decode(query.PageToken, PageToken.SearchOrder);
        return Guarded(db =>
        {
            EnsureCurrent(db);
            for (int attempt = 0; ; attempt++)
            {
                List<(Row Row, double Score)> rows = SelectMatches(db, terms, query, after);
                if (Reverify(db, [.. rows.Select(r => r.Row)]) && attempt < MaxAttempts)
                {
                    continue;
                }

                bool more = rows.Count > query.PageSize;
                var page = more ? rows[..query.PageSize] : rows;
                List<SessionSearchHit>? hits = Hits(db, page, terms);
                if (hits is null && attempt < MaxAttempts)
                {
                    continue;
                }

                string? next = more ? new PageToken(PageToken.SearchOrder, page[^1].Score.ToString("R", CultureInfo.InvariantCulture), page[^1].Row.Id).Encode() : null;
                return new SessionSearchPage(hits ?? [], next);
            }
        });
    }

    /// <inheritdoc/>
    public override ValueTask<SessionSearchPage> SearchAsync(string text, SessionQuery? query = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Search(text, query));
    }

    /// <inheritdoc/>
    public override int Rebuild(IProgress<int>? progress = null) => RebuildCore(progress, CancellationToken.None);

    /// <inheritdoc/>
    public override ValueTask<int> RebuildAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(RebuildCore(progress, cancellationToken));

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        lock (_gate)
        {
            DisposeConnection();
        }

        base.Dispose(disposing);
    }

    private static T Completed<T>(ValueTask<T> task) => task.IsCompleted ? task.Result : task.AsTask().GetAwaiter().GetResult();

    private static void CheckId(string id)
    {
        if (!SessionIdRules.IsValid(id))
        {
            throw new InvalidSessionIdException(id, nameof(id));
        }
    }

    private async ValueTask<SessionMetadata> UpdateMetadataCore(string id, SessionMetadataChange change, bool async, CancellationToken cancellationToken)
    {
        CheckId(id);
        ArgumentNullException.ThrowIfNull(change);
        change.Validate();
        using IDisposable held = async
            ? await _host.LockSessionAsync(id, cancellationToken).ConfigureAwait(false)
            : _host.LockSession(id);
        return Guarded(db =>
        {
            EnsureCurrent(db);
            Row current = VerifiedRow(db, id) ?? throw new SessionNotFoundException(id, _host.DirectoryPath);
            SessionMetadata next = change.ApplyTo(current.Metadata, current.DerivedTitle);
            // The file first: it is the truth, the index only its cache.
            _host.WriteMetadataFile(id, CallerMetadata.Of(next).Encode());
            using Statements.Scope transaction = Begin(db);
            SetCaller(db, current.Rid, CallerMetadata.Of(next), current.DerivedTitle);
            transaction.Commit();
            return Read(db, id)!.Metadata;
        });
    }

    private int RebuildCore(IProgress<int>? progress, CancellationToken cancellationToken) => Guarded(db =>
    {
        var created = new Dictionary<string, long>(StringComparer.Ordinal);
        using (SqliteCommand command = Command(db, "SELECT id, created FROM sessions"))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                created[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        using (Statements.Scope transaction = Begin(db))
        {
            foreach (string sql in (string[])["DELETE FROM sessions", "DELETE FROM tags", "DELETE FROM chunks", "DELETE FROM text", "DELETE FROM info WHERE key = 'dir'"])
            {
                using SqliteCommand command = Command(db, sql);
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }

        return Sweep(db, progress, created, cancellationToken);
    });

    /// <summary>Runs <paramref name="work"/> on the open index under the lock; a corrupt index is built again once, other database errors are typed.</summary>
    private T Guarded<T>(Func<SqliteConnection, T> work)
    {
        lock (_gate)
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    return work(Connection());
                }
                catch (SqliteException ex) when (attempt == 0 && ex.SqliteErrorCode is 11 or 26)
                {
                    Reset(); // SQLITE_CORRUPT, SQLITE_NOTADB: a cache, so start it again from the files.
                }
                catch (SqliteException ex)
                {
                    throw new SessionStorageException(null, SessionLocation.Directory(Path.Join(_host.DirectoryPath, DirectoryName)), SessionOperation.Catalog, ex);
                }
            }
        }
    }
}
