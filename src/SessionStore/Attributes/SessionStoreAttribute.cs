namespace SessionStore;

/// <summary>
/// Makes a <c>partial</c> class a typed store for your own session type: the generator derives it from
/// <see cref="FileSessionStore{TSession}"/>, gives it the constructors of <see cref="FileSessionStore"/>,
/// and wires it to the JSON context's metadata, the <see cref="SessionIdAttribute"/> property and the
/// <see cref="SessionMigrationAttribute"/> methods. No reflection at run time.
/// </summary>
/// <example>
/// <code>
/// [SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 3)]
/// public partial class ChatStore
/// {
///     [SessionMigration(1)] static void From1(JsonObject session) { /* v1 -> v2 */ }
///     [SessionMigration(2)] static void From2(JsonObject session) { /* v2 -> v3 */ }
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SessionStoreAttribute : Attribute
{
    /// <summary>Declares the store's session type and the source-generated JSON context that serializes it.</summary>
    /// <param name="sessionType">The session type; one of its <see langword="string"/> properties carries <see cref="SessionIdAttribute"/>.</param>
    /// <param name="jsonContextType">A <see cref="System.Text.Json.Serialization.JsonSerializerContext"/> with <c>[JsonSerializable(typeof(sessionType))]</c>.</param>
    public SessionStoreAttribute(Type sessionType, Type jsonContextType)
    {
        SessionType = sessionType;
        JsonContextType = jsonContextType;
    }

    /// <summary>The session type.</summary>
    public Type SessionType { get; }

    /// <summary>The JSON context type.</summary>
    public Type JsonContextType { get; }

    /// <summary>
    /// The schema version the store writes (default 1). Files of older versions are migrated on load
    /// by the <see cref="SessionMigrationAttribute"/> methods, one step per version.
    /// </summary>
    public int SchemaVersion { get; set; } = 1;
}
