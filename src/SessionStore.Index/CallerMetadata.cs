using System.Buffers;
using System.Text.Json;

namespace SessionStore.Index;

/// <summary>What a caller set of a session (its <c>.meta</c> file): the one encoding of it, read and written here only.</summary>
internal sealed record CallerMetadata(string? Title, IReadOnlyList<string> Tags, string? Owner, string? Agent, IReadOnlyDictionary<string, string> Fields)
{
    internal static readonly CallerMetadata None = new(null, [], null, null, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Whether two are the same metadata (tags in order, fields by name).</summary>
    public bool Equals(CallerMetadata? other) =>
        other is not null && Title == other.Title && Owner == other.Owner && Agent == other.Agent &&
        Tags.SequenceEqual(other.Tags, StringComparer.Ordinal) &&
        Fields.Count == other.Fields.Count && Fields.All(f => other.Fields.TryGetValue(f.Key, out string? v) && v == f.Value);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Title, Owner, Agent, Tags.Count, Fields.Count);

    internal bool IsEmpty => Title is null && Tags.Count == 0 && Owner is null && Agent is null && Fields.Count == 0;

    internal static CallerMetadata Of(SessionMetadata metadata) =>
        new(metadata.HasCustomTitle ? metadata.Title : null, metadata.Tags, metadata.Owner, metadata.Agent, metadata.Fields);

    /// <summary>The file's metadata; <see cref="None"/> for no file or one that is not this shape (a caller's metadata is then lost, never misread).</summary>
    internal static CallerMetadata Parse(byte[]? content)
    {
        if (content is null || content.Length == 0)
        {
            return None;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(content);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return None;
            }

            var tags = new List<string>();
            if (root.TryGetProperty("tags", out JsonElement t) && t.ValueKind == JsonValueKind.Array)
            {
                tags.AddRange(t.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("fields", out JsonElement f) && f.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty field in f.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    fields[field.Name] = field.Value.GetString()!;
                }
            }

            tags.Sort(StringComparer.Ordinal);
            return new CallerMetadata(StringOf(root, "title"), tags.Distinct().ToList(), StringOf(root, "owner"), StringOf(root, "agent"), fields);
        }
        catch (JsonException)
        {
            return None;
        }
    }

    internal byte[] Encode()
    {
        if (IsEmpty)
        {
            return [];
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteIfSet(writer, "title", Title);
            writer.WriteStartArray("tags");
            foreach (string tag in Tags)
            {
                writer.WriteStringValue(tag);
            }

            writer.WriteEndArray();
            WriteIfSet(writer, "owner", Owner);
            WriteIfSet(writer, "agent", Agent);
            writer.WriteStartObject("fields");
            foreach ((string name, string value) in Fields.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string? StringOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
