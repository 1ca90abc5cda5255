namespace SessionStore;

/// <summary>The end of a session's growing list, as <see cref="ISessionItemReader{TSession}"/> reads it.</summary>
/// <typeparam name="TSession">The session type.</typeparam>
/// <typeparam name="TItem">The item type.</typeparam>
public sealed class SessionItemsWindow<TSession, TItem>
    where TSession : class
{
    /// <summary>Creates a window.</summary>
    /// <param name="session">The session's members; its list is not part of the window.</param>
    /// <param name="items">The last items, oldest first.</param>
    /// <param name="isComplete">Whether <paramref name="items"/> is the whole list.</param>
    public SessionItemsWindow(TSession session, IReadOnlyList<TItem> items, bool isComplete)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(items);
        Session = session;
        Items = items;
        IsComplete = isComplete;
    }

    /// <summary>
    /// The session's other members (its totals, times, ids). Its list is not part of the window: it may be empty or
    /// whole depending on how the store read it; read <see cref="Items"/>.
    /// </summary>
    public TSession Session { get; }

    /// <summary>The last items of the list, oldest first.</summary>
    public IReadOnlyList<TItem> Items { get; }

    /// <summary>Whether <see cref="Items"/> holds every item of the list.</summary>
    public bool IsComplete { get; }
}
