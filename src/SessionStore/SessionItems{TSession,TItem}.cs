using System.Text.Json.Serialization.Metadata;

namespace SessionStore;

/// <summary>
/// Declares the list of <typeparamref name="TSession"/> that grows per turn, so that stores can append
/// <typeparamref name="TItem"/>s at a cost that does not grow with the session: the items' JSON metadata,
/// how to read them, and how an append changes the session's totals without reading its items.
/// </summary>
/// <typeparam name="TSession">The session type.</typeparam>
/// <typeparam name="TItem">The type of the list's items.</typeparam>
public sealed class SessionItems<TSession, TItem> : SessionItems<TSession>
    where TSession : class
{
    /// <summary>Declares the growing list.</summary>
    /// <param name="jsonName">The list property's JSON name (see <see cref="SessionItems.JsonNameOf"/>).</param>
    /// <param name="itemTypeInfo">The source-generated JSON metadata of an item.</param>
    /// <param name="itemsOf">Reads a session's items.</param>
    /// <param name="updateTotals">
    /// Returns the session with its totals updated for the appended items (the same instance, changed, or a new
    /// one). It is given the session <em>without its items</em> (its list is empty), so it must read only the
    /// other properties and the appended items. <see langword="null"/> when an append changes only the list.
    /// An exception from it (an <see cref="OverflowException"/>, an <see cref="ArgumentException"/>) fails the
    /// append before anything is written.
    /// </param>
    /// <param name="create">Creates an empty session with the given id for an append to a session that does not exist; <see langword="null"/> to fail such appends with <see cref="SessionNotFoundException"/>.</param>
    /// <param name="validateAppend">
    /// Checks an append without the session's existing items: it is given the session without its items (totals
    /// updated) and the appended items, and throws <see cref="ArgumentException"/> to refuse the append. Declare it
    /// when the descriptor's <see cref="SessionDescriptor{TSession}.Validate"/> would otherwise make every append read
    /// the whole session; it must refuse every append after which <c>Validate</c> would refuse the session (keep a
    /// count in the totals for a limit on the items). <see langword="null"/>: when the descriptor has a
    /// <c>Validate</c>, each append validates the whole session as it will be, which reads all its items (its cost
    /// grows with the session); without one, an append checks only that the result reads back as a session.
    /// </param>
    public SessionItems(
        string jsonName,
        JsonTypeInfo<TItem> itemTypeInfo,
        Func<TSession, IReadOnlyList<TItem>?> itemsOf,
        Func<TSession, IReadOnlyList<TItem>, TSession>? updateTotals = null,
        Func<string, TSession>? create = null,
        Action<TSession, IReadOnlyList<TItem>>? validateAppend = null)
        : base(jsonName, create)
    {
        ArgumentNullException.ThrowIfNull(itemTypeInfo);
        ArgumentNullException.ThrowIfNull(itemsOf);
        ItemTypeInfo = itemTypeInfo;
        ItemsOf = itemsOf;
        UpdateTotals = updateTotals;
        ValidateAppend = validateAppend;
    }

    /// <summary>The source-generated JSON metadata of an item.</summary>
    public JsonTypeInfo<TItem> ItemTypeInfo { get; }

    /// <summary>Reads a session's items.</summary>
    public Func<TSession, IReadOnlyList<TItem>?> ItemsOf { get; }

    /// <summary>Updates a session's totals for appended items, given the session without its items; <see langword="null"/> when there are none.</summary>
    public Func<TSession, IReadOnlyList<TItem>, TSession>? UpdateTotals { get; }

    /// <summary>Checks an append given the session without its items and the appended items; <see langword="null"/> when appends are validated whole (or not at all, without a <c>Validate</c>).</summary>
    public Action<TSession, IReadOnlyList<TItem>>? ValidateAppend { get; }

    /// <inheritdoc/>
    public override Type ItemType => typeof(TItem);
}
