using System.Text.Json.Serialization;

namespace SessionStore.Conformance;

public sealed record LogLine(string Text);

/// <summary>A session whose growing list is created on the first append: the store names how (<c>Create</c>).</summary>
public sealed record LogSession(
    [property: SessionId] string Id,
    [property: SessionItems(Create = nameof(LogStore.NewLog))] IReadOnlyList<LogLine> Lines);

[JsonSerializable(typeof(LogSession))]
[JsonSerializable(typeof(LogLine))]
internal sealed partial class LogJsonContext : JsonSerializerContext;

/// <summary>A generated store that DI resolves as its own type and as the appender of its sessions.</summary>
[SessionStore(typeof(LogSession), typeof(LogJsonContext))]
public partial class LogStore
{
    internal static LogSession NewLog(string id) => new(id, []);
}
