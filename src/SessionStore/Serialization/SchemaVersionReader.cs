using System.Text;
using System.Text.Json;

namespace SessionStore.Serialization;

/// <summary>Finds the top-level <c>"schema_version"</c> of a session's JSON without deserializing it.</summary>
internal static class SchemaVersionReader
{
    private static readonly byte[] PropertyName = Encoding.UTF8.GetBytes(SessionSchema.VersionPropertyName);

    /// <summary>The file's version: 1 when the property is absent.</summary>
    /// <exception cref="SessionFormatException">The JSON is malformed, not an object, or the version is not a positive integer.</exception>
    internal static int Read(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new SessionFormatException("the file does not hold a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(PropertyName))
                {
                    reader.Read();
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int version) && version >= 1
                        ? version
                        : throw new SessionFormatException($"\"{SessionSchema.VersionPropertyName}\" is not a positive integer");
                }

                reader.Read();
                reader.Skip();
            }

            return 1;
        }
        catch (JsonException ex)
        {
            throw new SessionFormatException(ex.Message, ex);
        }
    }

    /// <summary>
    /// The version in the first bytes of a file, which is where this library writes it; null when the
    /// prefix does not start with it (an older file, or one another tool wrote).
    /// </summary>
    internal static int? Peek(ReadOnlySpan<byte> prefix)
    {
        var reader = new Utf8JsonReader(prefix, isFinalBlock: false, state: default);
        try
        {
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject &&
                reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(PropertyName) &&
                reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int version))
            {
                return version;
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
