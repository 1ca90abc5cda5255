namespace SessionStore.Serialization;

/// <summary>Bytes of a newer schema version than the store knows; the store turns it into a <see cref="SessionSchemaVersionException"/>.</summary>
internal sealed class NewerSchemaException(int fileVersion) : Exception($"schema version {fileVersion} is newer than this store knows")
{
    internal int FileVersion { get; } = fileVersion;
}
