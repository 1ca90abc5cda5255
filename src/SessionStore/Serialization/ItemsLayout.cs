using System.Text.Encodings.Web;
using System.Text.Json;
using SessionStore.Buffers;

namespace SessionStore.Serialization;

/// <summary>
/// The file layout of a session type that declares a growing list (<see cref="SessionItems{TSession}"/>),
/// which lets an append rewrite only the file's tail. The same JSON object, its members reordered (JSON
/// readers do not care about order): metadata (<c>"schema_version"</c>, <c>"$type"</c>...) first, then the
/// other members whose values are arrays, then the list, one item per line, then every other member; the
/// whole file is otherwise compact:
/// <code>
/// {"schema_version":3,"id":"a","turns":[
/// {"role":"user","text":"hi"},
/// {"role":"assistant","text":"hello"}
/// ],"updated_at":"...","usage":{...}}
/// </code>
/// So the list's closing bracket is the first <c>]</c> outside strings and at the object's own depth that
/// a reverse scan from the end meets, and an append rewrites <c>,\n&lt;new items&gt;\n],&lt;members&gt;}</c>.
/// </summary>
internal static class ItemsLayout
{
    private static readonly JsonWriterOptions Compact = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Where a laid-out file's list starts (its <c>[</c>) and ends (its <c>]</c>), in bytes.</summary>
    internal readonly record struct Bounds(long Start, long End)
    {
        /// <summary>Whether the list has items.</summary>
        internal bool HasItems => End > Start + 1;

        /// <summary>Where an append starts writing: after the last item, or after <c>[</c>.</summary>
        internal long AppendOffset => HasItems ? End - 1 : Start + 1;
    }

    /// <summary>The writer options of everything in the layout, items included.</summary>
    internal static JsonWriterOptions WriterOptions => Compact;

    /// <summary>
    /// Writes <paramref name="json"/> (a serialized session) in the layout. Returns null when it is not an
    /// object with the list as an array (a null list): the caller writes it as it is, and appends rewrite it.
    /// </summary>
    /// <exception cref="JsonException"><paramref name="json"/> is not JSON.</exception>
    internal static PooledBytes? Write(ReadOnlyMemory<byte> json, string itemsName, out Bounds bounds)
    {
        bounds = default;
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(itemsName, out JsonElement items) || items.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var output = new PooledBytes(json.Length + 64);
        try
        {
            using var writer = new Utf8JsonWriter(output, Compact);
            Raw(output, "{"u8);
            bool first = true;
            for (int pass = 0; pass < 4; pass++)
            {
                foreach (JsonProperty member in root.EnumerateObject())
                {
                    bool metadata = member.Name.StartsWith('$') || member.Name == SessionSchema.VersionPropertyName;
                    bool isItems = member.NameEquals(itemsName);
                    bool array = member.Value.ValueKind == JsonValueKind.Array;
                    int memberPass = metadata ? 0 : isItems ? 2 : array ? 1 : 3;
                    if (memberPass != pass)
                    {
                        continue;
                    }

                    Member(output, writer, member.Name, ref first);
                    if (pass == 2)
                    {
                        bounds = WriteItems(output, writer, member.Value);
                    }
                    else
                    {
                        Value(writer, member.Value);
                    }
                }
            }

            Raw(output, "}"u8);
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Where the list is, when <paramref name="file"/> is a JSON object in exactly this layout (the list an
    /// array, no array member after it, items each after a line break); null otherwise. Reads the whole file.
    /// </summary>
    internal static Bounds? Locate(ReadOnlySpan<byte> file, string itemsName)
    {
        try
        {
            var reader = new Utf8JsonReader(file);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || reader.TokenStartIndex != 0)
            {
                return null;
            }

            Bounds? found = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isItems = reader.ValueTextEquals(itemsName);
                _ = reader.Read();
                if (isItems)
                {
                    if (found is not null || reader.TokenType != JsonTokenType.StartArray)
                    {
                        return null;
                    }

                    long start = reader.TokenStartIndex;
                    reader.Skip();
                    found = new Bounds(start, reader.TokenStartIndex);
                }
                else if (reader.TokenType == JsonTokenType.StartArray && found is not null)
                {
                    return null;
                }
                else
                {
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.BytesConsumed != file.Length || found is not { } bounds)
            {
                return null;
            }

            return !bounds.HasItems || file[(int)bounds.End - 1] == (byte)'\n' ? bounds : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Scans back from the end of a file for the first <c>]</c> outside strings at the root object's own depth
    /// (a quote ends a string unless an odd number of backslashes precede it). Returns its index in
    /// <paramref name="end"/>, or -1 when <paramref name="end"/> does not reach it or the file does not end the
    /// root object there.
    /// </summary>
    internal static int FindItemsEnd(ReadOnlySpan<byte> end)
    {
        int i = end.Length - 1;
        if (i < 0 || end[i] != (byte)'}')
        {
            return -1;
        }

        int depth = 1;
        for (i--; i >= 0; i--)
        {
            switch (end[i])
            {
                case (byte)'"':
                    // The closing quote of a string: find its opening one.
                    do
                    {
                        i--;
                        if (i < 0)
                        {
                            return -1;
                        }
                    }
                    while (end[i] != (byte)'"' || IsEscaped(end, i) is not false);

                    break;
                case (byte)']' when depth == 1:
                    return i;
                case (byte)']' or (byte)'}':
                    depth++;
                    break;
                case (byte)'[' or (byte)'{':
                    if (--depth == 0)
                    {
                        return -1;
                    }

                    break;
            }
        }

        return -1;
    }

    /// <summary>The bytes an append writes from <see cref="Bounds.AppendOffset"/>: the new items, then the list's end and the members after it.</summary>
    /// <param name="hadItems">Whether the list had items before.</param>
    /// <param name="items">Each new item's JSON, as <see cref="WriterOptions"/> writes it.</param>
    /// <param name="after">The new file's bytes from the list's <c>]</c> to the end.</param>
    internal static byte[] Tail(bool hadItems, IReadOnlyList<byte[]> items, ReadOnlySpan<byte> after)
    {
        int length = after.Length + 1;
        foreach (byte[] item in items)
        {
            length += item.Length + 2;
        }

        byte[] tail = new byte[length];
        int at = 0;
        bool any = hadItems;
        foreach (byte[] item in items)
        {
            if (any)
            {
                tail[at++] = (byte)',';
            }

            tail[at++] = (byte)'\n';
            item.CopyTo(tail, at);
            at += item.Length;
            any = true;
        }

        if (any)
        {
            tail[at++] = (byte)'\n';
        }

        after.CopyTo(tail.AsSpan(at));
        return tail.AsSpan(0, at + after.Length).ToArray();
    }

    /// <summary>Whether the quote at <paramref name="index"/> is escaped; null when the backslashes before it reach the start of <paramref name="bytes"/> (unknown).</summary>
    private static bool? IsEscaped(ReadOnlySpan<byte> bytes, int index)
    {
        int backslashes = 0;
        for (int j = index - 1; j >= 0 && bytes[j] == (byte)'\\'; j--)
        {
            backslashes++;
        }

        return index - backslashes == 0 ? null : backslashes % 2 == 1;
    }

    private static Bounds WriteItems(PooledBytes output, Utf8JsonWriter writer, JsonElement items)
    {
        long start = output.Length;
        Raw(output, "["u8);
        bool any = false;
        foreach (JsonElement item in items.EnumerateArray())
        {
            Raw(output, any ? ",\n"u8 : "\n"u8);
            Value(writer, item);
            any = true;
        }

        if (any)
        {
            Raw(output, "\n"u8);
        }

        long end = output.Length;
        Raw(output, "]"u8);
        return new Bounds(start, end);
    }

    private static void Member(PooledBytes output, Utf8JsonWriter writer, string name, ref bool first)
    {
        if (!first)
        {
            Raw(output, ","u8);
        }

        first = false;
        writer.WriteStringValue(name);
        writer.Flush();
        writer.Reset();
        Raw(output, ":"u8);
    }

    private static void Value(Utf8JsonWriter writer, JsonElement value)
    {
        value.WriteTo(writer);
        writer.Flush();
        writer.Reset();
    }

    private static void Raw(PooledBytes output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
