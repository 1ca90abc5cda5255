using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SessionStore.Buffers;

namespace SessionStore.Serialization;

/// <summary>Turns sessions into the bytes of their file and back, through source-generated metadata only.</summary>
/// <typeparam name="TSession">The session type.</typeparam>
internal sealed class SessionSerializer<TSession>(JsonTypeInfo<TSession> typeInfo)
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
    /// <exception cref="ArgumentException">The session cannot be represented as JSON.</exception>
    internal PooledBytes Serialize(TSession session)
    {
        var buffer = new PooledBytes(4096);
        try
        {
            using var writer = new Utf8JsonWriter(buffer, WriterOptions);
            JsonSerializer.Serialize(writer, session, typeInfo);
            return buffer;
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
            session = JsonSerializer.Deserialize(utf8, typeInfo);
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
}
