namespace SessionStore;

/// <summary>
/// Appends to the list of a session type that grows per turn (<see cref="SessionDescriptor{TSession}.Items"/>) at a
/// cost that depends on what is appended, not on the session's length; a companion of <see cref="ISessionStore{TSession}"/>
/// that backends offering typed appends implement, so code written once appends on each of them.
/// </summary>
/// <typeparam name="TSession">The session type.</typeparam>
public interface ISessionAppender<TSession>
    where TSession : class
{
    /// <summary>Whether this store appends <typeparamref name="TItem"/>s: its session type declares a growing list of them.</summary>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <returns><see langword="true"/> when <see cref="Append{TItem}(string, IReadOnlyList{TItem}, Func{TSession, IReadOnlyList{TItem}, TSession}?)"/> accepts them.</returns>
    bool CanAppend<TItem>();

    /// <summary>
    /// Appends items to the session's growing list and updates its totals, atomically: once it returns the append is
    /// stored; a crash during it leaves the session as it was before or after it; concurrent readers see it whole,
    /// before or after; concurrent appends are serialised and none is lost. Creates the session when absent if the
    /// descriptor says how (<see cref="SessionItems{TSession}.Create"/>).
    /// </summary>
    /// <typeparam name="TItem">The item type the descriptor declares.</typeparam>
    /// <param name="id">The session's id.</param>
    /// <param name="items">The items, in order; none is <see langword="null"/>.</param>
    /// <param name="totals">
    /// Updates the totals for this append instead of the descriptor's <see cref="SessionItems{TSession, TItem}.UpdateTotals"/>,
    /// given the session without its items; <see langword="null"/> for the descriptor's.
    /// </param>
    /// <exception cref="InvalidOperationException">The session type declares no growing list of <typeparamref name="TItem"/>.</exception>
    /// <exception cref="ArgumentException">An item is null or cannot be written, or the result is not a valid session; nothing was written.</exception>
    /// <exception cref="SessionNotFoundException">No session has this id and the descriptor cannot create one.</exception>
    /// <exception cref="SessionTooLargeException">The session would grow past the store's size limit; nothing was written.</exception>
    void Append<TItem>(string id, IReadOnlyList<TItem> items, Func<TSession, IReadOnlyList<TItem>, TSession>? totals = null);

    /// <inheritdoc cref="Append{TItem}(string, IReadOnlyList{TItem}, Func{TSession, IReadOnlyList{TItem}, TSession}?)"/>
    /// <typeparam name="TItem">The item type the descriptor declares.</typeparam>
    /// <param name="id">The session's id.</param>
    /// <param name="items">The items, in order; none is <see langword="null"/>.</param>
    /// <param name="totals">Updates the totals for this append instead of the descriptor's; <see langword="null"/> for the descriptor's.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock, or the append before it writes.</param>
    ValueTask AppendAsync<TItem>(string id, IReadOnlyList<TItem> items, Func<TSession, IReadOnlyList<TItem>, TSession>? totals = null, CancellationToken cancellationToken = default);
}
