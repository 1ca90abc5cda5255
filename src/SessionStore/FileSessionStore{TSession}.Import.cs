using SessionStore.Buffers;
using SessionStore.Storage;

namespace SessionStore;

/// <summary>Importing a batch of sessions: checked whole before anything is written, and safe to run again.</summary>
public partial class FileSessionStore<TSession>
{
    /// <summary>
    /// Saves a batch of sessions, all or none as far as the input is concerned: every session is validated,
    /// serialized and checked against <see cref="FileSessionStoreOptions.MaxSessionBytes"/>, no id may occur
    /// twice, without <paramref name="overwrite"/> no id may hold a different session already, and with it no
    /// stored session it would replace may have a newer schema version, before the first file is written. Each session is then saved atomically under its lock. A stored session that is
    /// already exactly the imported one is left untouched, so running the same import again after a crash
    /// part-way (which leaves a prefix of whole sessions, never a torn one) completes it.
    /// </summary>
    /// <param name="sessions">The sessions to save.</param>
    /// <param name="overwrite">Replace sessions that exist with different content (by default that is a conflict and nothing is written).</param>
    /// <returns>Which ids were added, replaced, or already as imported.</returns>
    /// <exception cref="ArgumentException">A session is invalid or an id occurs twice; nothing was written.</exception>
    /// <exception cref="SessionTooLargeException">A session is larger than the limit; nothing was written.</exception>
    /// <exception cref="SessionConflictException">Without <paramref name="overwrite"/>, an id holds different bytes (another session, or a corrupt file): found before writing (nothing written), or appeared while importing (the sessions before it were saved).</exception>
    /// <exception cref="SessionSchemaVersionException">With <paramref name="overwrite"/>, a stored session the batch would replace has a newer schema version than this store writes: found before writing (nothing written).</exception>
    /// <exception cref="SessionStorageException">A file could not be read or written.</exception>
    /// <exception cref="SessionLockTimeoutException">A session's lock stayed taken for longer than <see cref="FileSessionStoreOptions.LockTimeout"/>.</exception>
    public ImportResult Import(IReadOnlyList<TSession> sessions, bool overwrite = false) =>
        Completed.Result(ImportCore(sessions, overwrite, async: false, CancellationToken.None));

    /// <inheritdoc cref="Import(IReadOnlyList{TSession}, bool)"/>
    /// <param name="sessions">The sessions to save.</param>
    /// <param name="overwrite">Replace sessions that exist with different content.</param>
    /// <param name="cancellationToken">Cancels the import between sessions (the ones before were saved).</param>
    public ValueTask<ImportResult> ImportAsync(IReadOnlyList<TSession> sessions, bool overwrite = false, CancellationToken cancellationToken = default) =>
        ImportCore(sessions, overwrite, async: true, cancellationToken);

    private async ValueTask<ImportResult> ImportUntracedCore(IReadOnlyList<TSession> sessions, bool overwrite, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var prepared = new List<(string Id, PooledBytes Content)>(sessions.Count);
        try
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (TSession session in sessions)
            {
                PooledBytes content = PrepareSave(session, out string id);
                prepared.Add((id, content));
                if (!seen.Add(id))
                {
                    throw new ArgumentException($"Session '{id}' occurs more than once in the batch; nothing was written.", nameof(sessions));
                }
            }

            foreach ((string id, PooledBytes content) in prepared)
            {
                if (StoredDifferently(id, content) is { } actual)
                {
                    if (!overwrite)
                    {
                        throw new SessionConflictException(id, Files.PathOf(id), expectedETag: null, actual);
                    }

                    RefuseToOverwriteNewerSchema(id, Files.PathOf(id));
                }
            }

            var added = new List<string>();
            var replaced = new List<string>();
            var unchanged = new List<string>();
            foreach ((string id, PooledBytes content) in prepared)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using StripeLock held = await LockCore(id, SessionOperation.Import, async, cancellationToken).ConfigureAwait(false);
                string? stored = StoredETag(id);
                if (stored is null)
                {
                    WriteLocked(id, content);
                    added.Add(id);
                }
                else if (stored == ContentETag.Of(content.Span))
                {
                    unchanged.Add(id);
                }
                else if (overwrite)
                {
                    WriteLocked(id, content);
                    replaced.Add(id);
                }
                else
                {
                    throw new SessionConflictException(id, Files.PathOf(id), expectedETag: null, stored);
                }
            }

            return new ImportResult(added, replaced, unchanged);
        }
        finally
        {
            foreach ((_, PooledBytes content) in prepared)
            {
                content.Dispose();
            }
        }
    }

    /// <summary>The revision of the stored session when it differs from <paramref name="content"/>; null when there is none or it is the same.</summary>
    private string? StoredDifferently(string id, PooledBytes content) =>
        StoredETag(id) is { } stored && stored != ContentETag.Of(content.Span) ? stored : null;

    private string? StoredETag(string id) => ReadCore(id, static (_, content, _) => ContentETag.Of(content));
}
