using System.Text.Json.Serialization.Metadata;
using SessionStore.Serialization;

namespace SessionStore;

/// <summary>The library's source-generated JSON metadata, for other backends and tools that store <see cref="StoredSession"/>s.</summary>
public static class SessionJson
{
    /// <summary>The reference format of <see cref="StoredSession"/>: snake_case, strict, AOT-safe.</summary>
    public static JsonTypeInfo<StoredSession> StoredSession => SessionJsonContext.Default.StoredSession;
}
