using System.Text.Json;
using System.Text.Unicode;
using SessionStore.Buffers;
using SessionStore.Serialization;

namespace SessionStore;

/// <summary>
/// A store directory of any session type this library writes, read and checked without knowing the type: the
/// <c>sessions</c> tool's view of a directory. Its one judgement of a file (<see cref="Materialize"/>) is what its
/// loads, <see cref="FileSessionStore{TSession}.Check"/> and the repair's second look under the lock all use:
/// <list type="bullet">
/// <item>A valid reference-format session is one, exactly as <see cref="FileSessionStore"/> reads it.</item>
/// <item>A file that claims the reference format (<see cref="ReferenceShape"/>) but breaks its rules is corrupt, for the reference store's reason.</item>
/// <item>
/// Any other file is a session of another type (a typed or generated store's, with or without a schema version,
/// an agent conversation), and is corrupt only when no store of any type could have written it: empty, not UTF-8,
/// not one whole JSON document (torn, truncated, content after it), JSON <c>null</c>, a first property
/// <c>"schema_version"</c> that is not a positive integer (where versioned stores write it), or a top-level
/// <c>"id"</c>, <c>"session_id"</c>, <c>"sessionId"</c>, <c>"conversation_id"</c> or <c>"conversationId"</c>
/// string none of which names the file's session (the file was copied or renamed).
/// Well-formed JSON of an unknown shape is never called corrupt, so a repair never moves it.
/// </item>
/// </list>
/// It only reads and checks: it writes nothing but what <see cref="FileSessionStore{TSession}.Check"/> repairs.
/// </summary>
internal sealed class AnySessionStore : FileSessionStore<AnySession>
{
    private static readonly string[] IdProperties = ["id", "session_id", "sessionId", "conversation_id", "conversationId"];

    private readonly FileSessionStore _reference;

    /// <summary>Creates the view of <paramref name="directory"/>.</summary>
    /// <param name="directory">The store's directory.</param>
    /// <param name="options">Limits and locking; <see langword="null"/> for the defaults.</param>
    internal AnySessionStore(string directory, FileSessionStoreOptions? options = null)
        : base(directory, new SessionDescriptor<AnySession>(SessionJsonContext.Default.AnySession, static s => s.SessionId), options)
    {
        _reference = new FileSessionStore(directory, options ?? new FileSessionStoreOptions());
    }

    /// <inheritdoc />
    internal override AnySession Materialize(string id, ReadOnlySpan<byte> content)
    {
        try
        {
            return new AnySession(id, _reference.Materialize(id, content), default);
        }
        catch (SessionCorruptException) when (!ReferenceShape.Claims(content))
        {
            return new AnySession(id, null, OtherType(id, content));
        }
    }

    /// <summary>Folds a SessionStore 0.1 journal as the reference store does (only reference sessions have them).</summary>
    private protected override void OnLocked(string id, SessionOperation operation) => _reference.OnLockedBy(id, operation);

    /// <summary>Never called: this store writes no session.</summary>
    private protected override PooledBytes Serialize(AnySession session) =>
        throw new InvalidOperationException("A store of any session type only reads and checks; write through the session type's own store.");

    /// <summary>The JSON of a session of another type, or why no store could have written it.</summary>
    private JsonElement OtherType(string id, ReadOnlySpan<byte> content)
    {
        string path = SessionPathOf(id);
        ReadOnlySpan<byte> utf8 = content.StartsWith("\uFEFF"u8) ? content[3..] : content;
        if (utf8.IsEmpty)
        {
            throw new SessionCorruptException(id, path, "the file is empty");
        }

        if (!Utf8.IsValid(utf8))
        {
            throw new SessionCorruptException(id, path, "the file is not valid UTF-8");
        }

        JsonElement root;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4096 });
            root = JsonElement.ParseValue(ref reader);
            if (reader.Read())
            {
                throw new SessionCorruptException(id, path, "the file has content after the session");
            }
        }
        catch (JsonException ex)
        {
            throw new SessionCorruptException(id, path, ex.Message, ex);
        }

        if (root.ValueKind == JsonValueKind.Null)
        {
            throw new SessionCorruptException(id, path, "the file holds JSON null, not a session");
        }

        if (root.ValueKind == JsonValueKind.Object)
        {
            CheckObject(id, path, root);
        }

        return root;
    }

    private static void CheckObject(string id, string path, JsonElement root)
    {
        using (JsonElement.ObjectEnumerator properties = root.EnumerateObject())
        {
            if (properties.MoveNext() && properties.Current.NameEquals(SessionSchema.VersionPropertyName) &&
                !(properties.Current.Value.ValueKind == JsonValueKind.Number && properties.Current.Value.TryGetInt32(out int version) && version >= 1))
            {
                throw new SessionCorruptException(id, path, $"\"{SessionSchema.VersionPropertyName}\" is not a positive integer");
            }
        }

        string? named = null;
        foreach (string property in IdProperties)
        {
            if (root.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String)
            {
                if (value.ValueEquals(id))
                {
                    return;
                }

                named ??= value.GetRawText()[1..^1]; // as written: an escape that is not text cannot break the message
            }
        }

        if (named is not null)
        {
            throw new SessionCorruptException(id, path, $"the file holds session '{named}', not '{id}'");
        }
    }
}
