using System.Data.Common;
using System.Text.Json;
using SessionStore.Serialization;

namespace SessionStore;

/// <summary>
/// The one place where a failure of the storage (an OS error, a database error, bytes that are not a
/// session) and the operation that met it become the store's typed exceptions, for both backends.
/// Stores catch with <c>when (SessionErrors.IsRaw(ex))</c>, so what is typed already passes untouched.
/// </summary>
internal static class SessionErrors
{
    /// <summary>PostgreSQL's <c>lock_not_available</c>: <c>lock_timeout</c> expired.</summary>
    private const string LockNotAvailable = "55P03";

    /// <summary>Whether <paramref name="error"/> is a failure of the storage that no store has translated yet.</summary>
    internal static bool IsRaw(Exception error) =>
        error is IOException or UnauthorizedAccessException or DbException or JsonException or SessionFormatException or TimeoutException &&
        error is not ISessionError;

    /// <summary>The typed exception for <paramref name="error"/>, met while doing <paramref name="operation"/> on <paramref name="sessionId"/> at <paramref name="location"/>.</summary>
    /// <param name="error">What went wrong; see <see cref="IsRaw"/>.</param>
    /// <param name="operation">What the store was doing.</param>
    /// <param name="sessionId">The session, or <see langword="null"/> for the whole store.</param>
    /// <param name="location">Where: a file, a directory or a table.</param>
    /// <param name="lockTimeout">How long the store waits for a lock, for a lock that stayed taken.</param>
    internal static Exception Translate(Exception error, SessionOperation operation, string? sessionId, SessionLocation location, TimeSpan lockTimeout = default) => error switch
    {
        ISessionError or OperationCanceledException => error,
        SessionFormatException format when sessionId is not null => new SessionCorruptException(sessionId, location, format.Reason, format.InnerException),
        JsonException json when sessionId is not null => new SessionCorruptException(sessionId, location, json.Message, json),
        DbException { SqlState: LockNotAvailable } when sessionId is not null =>
            new SessionLockTimeoutException(sessionId, location, "advisory lock of " + location.PathOf(sessionId), operation, lockTimeout),
        _ when operation is SessionOperation.Delete or SessionOperation.EmptyTrash && sessionId is not null => new SessionDeleteException(sessionId, location, error),
        _ => new SessionStorageException(sessionId, location, operation, error),
    };

    /// <summary>The message of a <see cref="SessionStorageException"/>.</summary>
    internal static string Describe(string? sessionId, SessionLocation? location, SessionOperation operation, Exception? error)
    {
        string subject = sessionId is null ? "The store" : $"Session '{sessionId}'";
        return $"{subject} could not be {Verb(operation)} {location?.Phrase}: {error?.Message}";
    }

    private static string Verb(SessionOperation operation) => operation switch
    {
        SessionOperation.Read => "read",
        SessionOperation.List => "listed",
        SessionOperation.Save => "saved",
        SessionOperation.Update => "updated",
        SessionOperation.Append => "appended to",
        SessionOperation.Delete => "deleted",
        SessionOperation.MoveToTrash => "moved to the trash",
        SessionOperation.Restore => "restored from the trash",
        SessionOperation.EmptyTrash => "removed from the trash",
        SessionOperation.Pin => "pinned",
        SessionOperation.Unpin => "unpinned",
        SessionOperation.Prune => "pruned",
        SessionOperation.Repair => "repaired",
        SessionOperation.Create => "created",
        SessionOperation.Import => "imported",
        SessionOperation.Fork => "forked",
        SessionOperation.Exists => "looked up",
        SessionOperation.Catalog => "cataloged",
        _ => "used",
    };
}
