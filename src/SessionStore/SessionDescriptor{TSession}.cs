using System.Text.Json.Serialization.Metadata;

namespace SessionStore;

/// <summary>
/// What a session type is to every backend, in one object: its source-generated JSON metadata, how to read
/// a session's id, its schema (the version written and the migrations of older ones) and its validation.
/// Both stores and their DI registrations take it, and the generator emits one for each <c>[SessionStore]</c>
/// (<c>ChatStore.Descriptor</c>), so a schema or a validation rule reaches the directory and PostgreSQL alike.
/// A session type whose list grows per turn also declares it (<see cref="Items"/>, <see cref="WithItems{TItem}"/>,
/// or <see cref="SessionItemsAttribute"/> for generated stores), and stores then append to it in O(delta).
/// </summary>
/// <typeparam name="TSession">The session type.</typeparam>
public sealed class SessionDescriptor<TSession>
    where TSession : class
{
    /// <summary>Describes a session type.</summary>
    /// <param name="typeInfo">The source-generated JSON metadata for <typeparamref name="TSession"/>.</param>
    /// <param name="sessionIdOf">Reads a session's id.</param>
    /// <param name="schema">The version written and the steps that migrate older sessions on load; <see langword="null"/> for unversioned sessions.</param>
    /// <param name="validate">Checks a session beyond its JSON shape, before a save and after a load; throws <see cref="ArgumentException"/> when it is not valid.</param>
    public SessionDescriptor(JsonTypeInfo<TSession> typeInfo, Func<TSession, string> sessionIdOf, SessionSchema? schema = null, Action<TSession>? validate = null)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(sessionIdOf);
        TypeInfo = typeInfo;
        SessionIdOf = sessionIdOf;
        Schema = schema;
        Validate = validate;
    }

    /// <summary>The source-generated JSON metadata.</summary>
    public JsonTypeInfo<TSession> TypeInfo { get; }

    /// <summary>Reads a session's id.</summary>
    public Func<TSession, string> SessionIdOf { get; }

    /// <summary>The version written and the migrations of older sessions; <see langword="null"/> for unversioned sessions.</summary>
    public SessionSchema? Schema { get; }

    /// <summary>Checks a session beyond its JSON shape; <see langword="null"/> when the shape is all there is to check.</summary>
    public Action<TSession>? Validate { get; }

    /// <summary>The list that grows per turn, which stores append to; <see langword="null"/> when the session type declares none.</summary>
    public SessionItems<TSession>? Items { get; private init; }

    /// <summary>This descriptor with the list that grows per turn declared.</summary>
    /// <typeparam name="TItem">The type of the list's items.</typeparam>
    /// <param name="items">The list: its JSON name and metadata, and how totals change with it.</param>
    /// <returns>A new descriptor; this one is unchanged.</returns>
    public SessionDescriptor<TSession> WithItems<TItem>(SessionItems<TSession, TItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (!TypeInfo.Properties.Any(p => string.Equals(p.Name, items.JsonName, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"{typeof(TSession).Name} has no JSON property '{items.JsonName}'.", nameof(items));
        }

        return new SessionDescriptor<TSession>(TypeInfo, SessionIdOf, Schema, Validate) { Items = items };
    }
}
