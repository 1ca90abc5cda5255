using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace SessionStore.Serialization;

/// <summary>Writes the items of a typed append, for every backend: compact, in <see cref="ItemsLayout.WriterOptions"/>, each checked before anything is written.</summary>
internal static class ItemSerializer
{
    /// <summary>Each item's JSON.</summary>
    /// <exception cref="ArgumentException">An item is null, cannot be written as JSON, or holds a lone surrogate; nothing was written.</exception>
    internal static byte[][] Serialize<TSession, TItem>(SessionItems<TSession, TItem> declared, IReadOnlyList<TItem> items)
        where TSession : class
    {
        byte[][] json = new byte[items.Count][];
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer, ItemsLayout.WriterOptions);
        for (int i = 0; i < items.Count; i++)
        {
            string what = string.Create(CultureInfo.InvariantCulture, $"Item {i}");
            if (items[i] is null)
            {
                throw new ArgumentException($"{what} is null; nothing was written.", nameof(items));
            }

            try
            {
                JsonSerializer.Serialize(writer, items[i], declared.ItemTypeInfo);
            }
            catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or JsonException)
            {
                throw new ArgumentException($"{what} cannot be written as JSON: {ex.Message}", nameof(items), ex);
            }

            writer.Flush();
            LoneSurrogates.ThrowIfReplaced(buffer.WrittenSpan, items[i], declared.ItemTypeInfo, what);
            json[i] = buffer.WrittenSpan.ToArray();
            buffer.ResetWrittenCount();
            writer.Reset();
        }

        return json;
    }
}
