using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SessionStore.Samples.Aot;

/// <summary>A session of the app's own shape: notes with a revision counter.</summary>
public sealed record NoteSession([property: SessionId] string Name, IReadOnlyList<string> Lines, int Edits)
{
    /// <inheritdoc />
    public bool Equals(NoteSession? other) => other is not null && Name == other.Name && Edits == other.Edits && Lines.SequenceEqual(other.Lines);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Edits, Lines.Count);
}

/// <summary>Source-generated JSON: the only kind that works trimmed and under NativeAOT.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(NoteSession))]
internal sealed partial class NoteJsonContext : JsonSerializerContext;

/// <summary>Version 1 kept the text in one "body" string; version 2 splits it into "lines" and counts "edits".</summary>
[SessionStore(typeof(NoteSession), typeof(NoteJsonContext), SchemaVersion = 2)]
internal sealed partial class NoteStore
{
    [SessionMigration(1)]
    private static void SplitBody(JsonObject session)
    {
        string body = session["body"]?.GetValue<string>() ?? "";
        session.Remove("body");
        session["lines"] = new JsonArray(body.Split('\n').Select(line => (JsonNode?)JsonValue.Create(line)).ToArray());
        session["edits"] ??= 0;
    }
}
