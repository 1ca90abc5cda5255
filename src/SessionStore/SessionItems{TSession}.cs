namespace SessionStore;

/// <summary>
/// The list of a session type that grows per turn, as a <see cref="SessionDescriptor{TSession}"/> declares it
/// (see <see cref="SessionItems{TSession, TItem}"/>): its JSON name, and how a session without its items is
/// created and its totals updated.
/// </summary>
/// <typeparam name="TSession">The session type.</typeparam>
public abstract class SessionItems<TSession>
    where TSession : class
{
    private protected SessionItems(string jsonName, Func<string, TSession>? create)
    {
        ArgumentException.ThrowIfNullOrEmpty(jsonName);
        JsonName = jsonName;
        Create = create;
    }

    /// <summary>The JSON name of the list property, as the session's JSON metadata writes it.</summary>
    public string JsonName { get; }

    /// <summary>Creates an empty session with the given id, for an append to a session that does not exist; <see langword="null"/> when such an append fails.</summary>
    public Func<string, TSession>? Create { get; }

    /// <summary>The type of the items.</summary>
    public abstract Type ItemType { get; }
}
