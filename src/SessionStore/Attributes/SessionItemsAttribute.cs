namespace SessionStore;

/// <summary>
/// Marks the list property of a session type that grows one turn at a time (at most one per session type):
/// a generated store's <c>Descriptor</c> then declares it, and the store offers
/// <see cref="ISessionAppender{TSession}.Append{TItem}"/> for its items, at a
/// cost that depends on what is appended, not on the session's length.
/// </summary>
/// <remarks>
/// The property must be a readable <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c>,
/// <c>ICollection&lt;T&gt;</c>, <c>IReadOnlyCollection&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c> or <c>T[]</c>,
/// and the JSON context must serialize <c>T</c> (add <c>[JsonSerializable(typeof(T))]</c>); the generator
/// reports anything else at compile time.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class SessionItemsAttribute : Attribute
{
    /// <summary>
    /// The name of a static method of the store, <c>static TSession Name(TSession session, IReadOnlyList&lt;TItem&gt; items)</c>,
    /// that returns the session with its totals (token counts, last-modified time...) updated for
    /// <c>items</c>; <see langword="null"/> when appending changes nothing but the list.
    /// </summary>
    public string? Totals { get; set; }

    /// <summary>
    /// The name of a static method of the store, <c>static TSession Name(string id)</c>, that creates an empty
    /// session with that id for an append to a session that does not exist (<see cref="SessionItems{TSession}.Create"/>);
    /// <see langword="null"/> when such an append fails with <see cref="SessionNotFoundException"/>.
    /// </summary>
    public string? Create { get; set; }
}
