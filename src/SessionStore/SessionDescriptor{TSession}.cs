using System.Text.Json.Serialization.Metadata;

namespace SessionStore;

/// <summary>
/// What a session type is to every backend, in one object: its source-generated JSON metadata, how to read
/// a session's id, its schema (the version written and the migrations of older ones) and its validation.
/// Both stores and their DI registrations take it, and the generator emits one for each <c>[SessionStore]</c>
/// (<c>ChatStore.Descriptor</c>), so a schema or a validation rule reaches the directory and PostgreSQL alike.
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
}
