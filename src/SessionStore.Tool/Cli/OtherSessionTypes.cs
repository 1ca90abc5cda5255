using System.Text.Json;

namespace SessionStore.Tool.Cli;

/// <summary>
/// Sessions the reference format cannot read because another session type wrote them (an agent's conversation
/// of Microsoft.Extensions.AI messages, a generated store's own type), read through the library's store of any
/// session type (<see cref="AnySessionStore"/>: links never followed, the same limits). It, not the tool, decides
/// what is a session of another type and what is damaged, as <c>verify</c> does: a file that claims the reference
/// format and breaks it is corrupt, never presented as another type. A PostgreSQL table holds reference sessions
/// only: there a session that does not load is damaged, and reading it again says why.
/// </summary>
internal sealed class OtherSessionTypes
{
    private readonly AnySessionStore? _store;
    private readonly string _directory = "";
    private readonly IStoredSessionStore? _table;

    internal OtherSessionTypes(string directory)
    {
        _store = new AnySessionStore(directory);
        _directory = directory;
    }

    /// <summary>The view of a store that holds reference sessions only (a PostgreSQL table).</summary>
    internal OtherSessionTypes(IStoredSessionStore table) => _table = table;

    /// <summary>The session as JSON and what <c>list</c> shows of it, or null when it is gone.</summary>
    /// <exception cref="SessionCorruptException">The library calls the file damaged, for the reason it gives.</exception>
    /// <exception cref="SessionStorageException">The file could not be read.</exception>
    internal (JsonElement Session, SessionSummary Summary)? Read(string id)
    {
        if (_store is null)
        {
            // Read again: a damaged row throws, for the library's reason; one written whole meanwhile is what it is now.
            return _table!.TryLoad(id, out StoredSession? row)
                ? (JsonSerializer.SerializeToElement(row, SessionJson.StoredSession), _table.Summarize(id))
                : null;
        }

        if (!_store.TryLoad(id, out AnySession? stored))
        {
            return null;
        }

        // A reference session here was written whole since the reference store read it: shown as what it is now.
        JsonElement session = stored.Reference is { } reference ? JsonSerializer.SerializeToElement(reference, SessionJson.StoredSession) : stored.Json;
        var file = new FileInfo(Path.Join(_directory, id + ".json"));
        JsonElement usage = session.ValueKind == JsonValueKind.Object && session.TryGetProperty("usage", out JsonElement u) && u.ValueKind == JsonValueKind.Object ? u : default;
        var summary = new SessionSummary(
            id,
            Rendering.Conversation.Messages(session).Count(),
            Count(usage, "inputTokenCount") + Count(session, "input_tokens"),
            Count(usage, "outputTokenCount") + Count(session, "output_tokens"),
            file.Exists ? file.Length : 0,
            file.Exists ? new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero) : default);
        return (session, summary);
    }

    /// <summary>Whether the file is a healthy session of another type (not the reference format); false also when it is damaged or gone.</summary>
    internal bool IsOtherType(string id)
    {
        try
        {
            return _store is not null && _store.TryLoad(id, out AnySession? stored) && stored.Reference is null;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static long Count(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out JsonElement value) && value.TryGetInt64(out long count) ? count : 0;
}
