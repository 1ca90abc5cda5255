using System.Text;
using System.Text.Json;

namespace SessionStore.Postgres.Data;

/// <summary>
/// The growing list of a session's JSON, for the items table: a row holds the session with an empty list (its
/// shell) and the items table the list's items, one JSON value per row; these split a serialized session into the
/// two and join them back.
/// </summary>
internal static class ItemsJson
{
    /// <summary>Where the root object's member <paramref name="name"/> holds an array: its <c>[</c> and the index after its <c>]</c>; null otherwise.</summary>
    /// <exception cref="JsonException"><paramref name="json"/> is not JSON.</exception>
    internal static (int Start, int End)? Find(ReadOnlySpan<byte> json, string name)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool found = reader.ValueTextEquals(name);
            _ = reader.Read();
            if (found)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return null;
                }

                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                return (start, (int)reader.BytesConsumed);
            }

            reader.Skip();
        }

        return null;
    }

    /// <summary>Splits a serialized session into its shell (the list emptied) and its items' JSON, in order; null when the list is not an array.</summary>
    internal static (string Shell, List<string> Items)? Split(string body, string name)
    {
        byte[] json = Encoding.UTF8.GetBytes(body);
        if (Find(json, name) is not var (start, end))
        {
            return null;
        }

        var items = new List<string>();
        var reader = new Utf8JsonReader(json.AsSpan(start, end - start));
        _ = reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            int itemStart = (int)reader.TokenStartIndex;
            reader.Skip();
            items.Add(Encoding.UTF8.GetString(json, start + itemStart, (int)reader.BytesConsumed - itemStart));
        }

        string shell = Encoding.UTF8.GetString(json.AsSpan(0, start)) + "[]" + Encoding.UTF8.GetString(json.AsSpan(end));
        return (shell, items);
    }

    /// <summary>
    /// The whole session: <paramref name="shell"/> with <paramref name="items"/> (a JSON array, or null for none) after
    /// the items it holds itself (a row written whole, by an older version or a restore from the trash).
    /// </summary>
    internal static string Join(string shell, string? items, string name)
    {
        if (items is null)
        {
            return shell;
        }

        byte[] json = Encoding.UTF8.GetBytes(shell);
        if (Find(json, name) is not var (start, end))
        {
            // A shell whose list is not an array cannot take the items: let the session's reader say what is wrong.
            return shell;
        }

        string inline = Encoding.UTF8.GetString(json.AsSpan(start + 1, end - start - 2)).Trim();
        string merged = inline.Length == 0 ? items : "[" + inline + "," + items.Trim()[1..];
        return Encoding.UTF8.GetString(json.AsSpan(0, start)) + merged + Encoding.UTF8.GetString(json.AsSpan(end));
    }
}
