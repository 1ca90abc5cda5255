using System.Text.Json;

namespace SessionStore.Serialization;

/// <summary>Whether bytes are one whole JSON document (any shape), the test that tells a file another program wrote from one an append tore.</summary>
internal static class WellFormedJson
{
    internal static bool IsDocument(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4096 });
        try
        {
            if (!reader.Read())
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
