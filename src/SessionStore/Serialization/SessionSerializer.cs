using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using SessionStore.Buffers;

namespace SessionStore.Serialization;

/// <summary>
/// Turns sessions into the bytes of their file and back, through source-generated metadata only. With
/// a schema, files carry <c>"schema_version"</c> as their first property and older files are migrated.
/// </summary>
/// <typeparam name="TSession">The session type.</typeparam>
internal sealed class SessionSerializer<TSession>(JsonTypeInfo<TSession> typeInfo, SessionSchema? schema)
    where TSession : class
{
    // Indentation matches the reference's json.dumps(indent=2); non-ASCII text stays readable UTF-8.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Serializes the session into a pooled buffer that the caller disposes.</summary>
    /// <exception cref="ArgumentException">The session cannot be represented as JSON, or a string of it holds a lone surrogate.</exception>
    internal PooledBytes Serialize(TSession session)
    {
        var buffer = new PooledBytes(4096);
        try
        {
            using var writer = new Utf8JsonWriter(buffer, WriterOptions);
            JsonSerializer.Serialize(writer, session, typeInfo);
            writer.Flush();
            LoneSurrogates.ThrowIfReplaced(buffer.Span, session, typeInfo, "The session");
            return schema is null ? buffer : WithVersion(buffer, schema.CurrentVersion);
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or JsonException or ArgumentException)
        {
            buffer.Dispose();
            throw new ArgumentException($"The session cannot be written as JSON: {ex.Message}", nameof(session), ex);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <exception cref="SessionFormatException">The bytes do not hold a session of this type.</exception>
    internal TSession Deserialize(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith(Utf8Bom))
        {
            utf8 = utf8[Utf8Bom.Length..];
        }

        if (utf8.IsEmpty)
        {
            throw new SessionFormatException("the file is empty");
        }

        TSession? session;
        try
        {
            session = schema is null ? JsonSerializer.Deserialize(utf8, typeInfo) : DeserializeVersioned(utf8, schema);
        }
        catch (JsonException ex)
        {
            throw new SessionFormatException(ex.Message, ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException or FormatException or OverflowException)
        {
            // Invalid UTF-8 in a string, a value the constructor refuses: the file is bad, not the program.
            throw new SessionFormatException(ex.Message, ex);
        }

        return session ?? throw new SessionFormatException("the file holds JSON null, not a session");
    }

    internal SessionSchema? Schema => schema;

    private TSession? DeserializeVersioned(ReadOnlySpan<byte> utf8, SessionSchema currentSchema)
    {
        int version = SchemaVersionReader.Read(utf8);
        if (version > currentSchema.CurrentVersion)
        {
            throw new NewerSchemaException(version);
        }

        if (version == currentSchema.CurrentVersion)
        {
            return JsonSerializer.Deserialize(utf8, typeInfo);
        }

        var session = (JsonObject)JsonNode.Parse(utf8)!;
        try
        {
            currentSchema.Migrate(session, version);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A step that meets a shape it does not expect: the file is what is wrong, and it stays as it is.
            throw new SessionFormatException($"migrating it from schema version {version} failed: {ex.Message}", ex);
        }

        return session.Deserialize(typeInfo);
    }

    /// <summary>Puts <c>"schema_version": N</c> in front of the session's own properties.</summary>
    private static PooledBytes WithVersion(PooledBytes serialized, int version)
    {
        using (serialized)
        {
            ReadOnlySpan<byte> json = serialized.Span;
            if (json.IsEmpty || json[0] != (byte)'{')
            {
                throw new ArgumentException("A session of a versioned store must be written as a JSON object.");
            }

            ReadOnlySpan<byte> properties = json[1..];
            bool noProperties = properties.TrimStart("\n "u8).StartsWith("}"u8);
            var versioned = new PooledBytes(json.Length + 48);
            Append(versioned, string.Create(CultureInfo.InvariantCulture, $"{{\n  \"{SessionSchema.VersionPropertyName}\": {version}"));
            if (noProperties)
            {
                Append(versioned, "\n}"u8);
            }
            else
            {
                Append(versioned, ","u8);
                Append(versioned, properties);
            }

            return versioned;
        }
    }

    private static void Append(PooledBytes target, string text) => Append(target, Encoding.UTF8.GetBytes(text));

    private static void Append(PooledBytes target, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(target.GetSpan(bytes.Length));
        target.Advance(bytes.Length);
    }
}
