using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace SessionStore.Serialization;

/// <summary>
/// Finds the lone surrogates a JSON writer silently replaces with U+FFFD (written as <c>\uFFFD</c>), so that typed sessions and items
/// are refused as the reference type refuses them. Only output that holds U+FFFD can have lost one, so the
/// common case costs one scan of the written bytes; then the value is walked through its source-generated
/// metadata (objects' properties, collections, dictionaries, <see cref="JsonNode"/> values, and the runtime type
/// of <see cref="object"/> values the metadata knows) to tell a real U+FFFD from a replaced surrogate.
/// </summary>
internal static class LoneSurrogates
{
    private const int MaxDepth = 64;

    /// <summary>Throws when <paramref name="json"/>, written from <paramref name="value"/>, replaced a lone surrogate.</summary>
    /// <param name="json">The bytes written, with non-ASCII text unescaped.</param>
    /// <param name="value">What was written.</param>
    /// <param name="typeInfo">The metadata it was written with.</param>
    /// <param name="what">What the value is, for the message ("The session", "Item 3").</param>
    /// <exception cref="ArgumentException">A string of <paramref name="value"/> holds a lone surrogate.</exception>
    internal static void ThrowIfReplaced(ReadOnlySpan<byte> json, object? value, JsonTypeInfo typeInfo, string what)
    {
        if (MayHoldReplacement(json) && Find(value, typeInfo, typeInfo.Options, "$", 0) is { } path)
        {
            // JSON writers replace a lone surrogate with U+FFFD: refuse rather than lose the character silently.
            throw new ArgumentException($"{what} is not valid UTF-16: the string at {path} holds a lone surrogate, which JSON cannot carry; nothing was written.");
        }
    }

    /// <summary>Whether the bytes hold U+FFFD, raw or escaped (writers escape the one they put in place of a lone surrogate).</summary>
    private static bool MayHoldReplacement(ReadOnlySpan<byte> json) =>
        json.IndexOf("\uFFFD"u8) >= 0 || json.IndexOf("\\uFFFD"u8) >= 0 || json.IndexOf("\\ufffd"u8) >= 0;

    private static string? Find(object? value, JsonTypeInfo? declared, JsonSerializerOptions options, string path, int depth)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                return StoredSession.HasLoneSurrogate(text) ? path : null;
            case JsonNode node:
                return FindInNode(node, path, depth);
        }

        JsonTypeInfo? info = (declared?.Type == value.GetType() ? declared : TypeInfoOf(options, value.GetType())) ?? declared;
        if (depth >= MaxDepth || info is null)
        {
            return null;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (JsonPropertyInfo property in info.Properties)
                {
                    if (property.Get is { } get && Find(get(value), TypeInfoOf(options, property.PropertyType), options, $"{path}.{property.Name}", depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonTypeInfoKind.Dictionary:
                return FindInDictionary(value, TypeInfoOf(options, info.ElementType), options, path, depth);
            case JsonTypeInfoKind.Enumerable when value is IEnumerable items:
                JsonTypeInfo? element = TypeInfoOf(options, info.ElementType);
                int index = 0;
                foreach (object? item in items)
                {
                    if (Find(item, element, options, $"{path}[{index++}]", depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string? FindInDictionary(object value, JsonTypeInfo? element, JsonSerializerOptions options, string path, int depth)
    {
        IEnumerable<(object? Key, object? Value)> entries = value switch
        {
            IDictionary dictionary => dictionary.Cast<DictionaryEntry>().Select(static e => ((object?)e.Key, e.Value)),
            IEnumerable<KeyValuePair<string, object?>> pairs => pairs.Select(static p => ((object?)p.Key, p.Value)),
            IEnumerable<KeyValuePair<string, string>> pairs => pairs.Select(static p => ((object?)p.Key, (object?)p.Value)),
            IEnumerable<KeyValuePair<string, JsonElement>> pairs => pairs.Select(static p => ((object?)p.Key, (object?)null)),
            _ => [],
        };
        foreach ((object? key, object? entry) in entries)
        {
            string at = $"{path}[{key}]";
            if ((key is string name && StoredSession.HasLoneSurrogate(name) ? at : Find(entry, element, options, at, depth + 1)) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static string? FindInNode(JsonNode node, string path, int depth)
    {
        if (depth >= MaxDepth)
        {
            return null;
        }

        switch (node)
        {
            case JsonValue leaf:
                return leaf.TryGetValue(out string? text) && StoredSession.HasLoneSurrogate(text) ? path : null;
            case JsonObject members:
                foreach ((string name, JsonNode? member) in members)
                {
                    string at = $"{path}.{name}";
                    if (StoredSession.HasLoneSurrogate(name))
                    {
                        return at;
                    }

                    if (member is not null && FindInNode(member, at, depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray elements:
                for (int i = 0; i < elements.Count; i++)
                {
                    if (elements[i] is { } element && FindInNode(element, $"{path}[{i}]", depth + 1) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static JsonTypeInfo? TypeInfoOf(JsonSerializerOptions options, Type? type)
    {
        if (type is null || type == typeof(object))
        {
            return null;
        }

        try
        {
            return options.GetTypeInfo(type);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return null; // A type the metadata does not know: it was written by a converter we cannot look into.
        }
    }
}
