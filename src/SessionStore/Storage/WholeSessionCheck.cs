namespace SessionStore.Storage;

/// <summary>Whether <paramref name="content"/> is a whole, valid session <paramref name="id"/> as the store's session type reads it.</summary>
internal delegate bool WholeSessionCheck(string id, ReadOnlySpan<byte> content);
