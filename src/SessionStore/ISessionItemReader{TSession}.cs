namespace SessionStore;

/// <summary>
/// Reads the end of a session's growing list (<see cref="SessionDescriptor{TSession}.Items"/>) and the session's other
/// members without reading the rest of the list: what an agent needs to send the last turns of a long conversation.
/// A companion of <see cref="ISessionAppender{TSession}"/>, implemented by the backends that append.
/// </summary>
/// <remarks>
/// The cost depends on the window, not on the session's length, for a version of the session this store instance has
/// already read whole or written itself (it checked that version once, as <see cref="ISessionStore{TSession}.Load"/>
/// checks every read). A version another process wrote is read and checked whole once, and then read by window.
/// </remarks>
/// <typeparam name="TSession">The session type.</typeparam>
public interface ISessionItemReader<TSession>
    where TSession : class
{
    /// <summary>The session's last <paramref name="count"/> items (fewer when it has fewer), oldest first, and its other members.</summary>
    /// <typeparam name="TItem">The item type the descriptor declares.</typeparam>
    /// <param name="id">The session's id.</param>
    /// <param name="count">How many items at most; 0 reads the other members only.</param>
    /// <returns>The window, or <see langword="null"/> when there is no session with this id.</returns>
    /// <exception cref="InvalidOperationException">The session type declares no growing list of <typeparamref name="TItem"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="SessionCorruptException">The session cannot be read.</exception>
    /// <exception cref="SessionStorageException">The store could not be read.</exception>
    SessionItemsWindow<TSession, TItem>? TryReadLastItems<TItem>(string id, int count);

    /// <inheritdoc cref="TryReadLastItems{TItem}(string, int)"/>
    /// <typeparam name="TItem">The item type the descriptor declares.</typeparam>
    /// <param name="id">The session's id.</param>
    /// <param name="count">How many items at most; 0 reads the other members only.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<SessionItemsWindow<TSession, TItem>?> TryReadLastItemsAsync<TItem>(string id, int count, CancellationToken cancellationToken = default);
}
