using System.Text.Json.Nodes;

namespace SessionStore;

/// <summary>
/// A store's schema: the version it writes and the steps that bring older files up to it. A file
/// carries its version in a top-level <c>"schema_version"</c> property (absent means 1); on load an
/// older file is migrated step by step on a <see cref="JsonObject"/> before typed deserialization.
/// </summary>
public sealed class SessionSchema
{
    /// <summary>The name of the top-level property that carries a file's schema version.</summary>
    public const string VersionPropertyName = "schema_version";

    private readonly Action<JsonObject>[] _migrations;

    /// <summary>Creates a schema.</summary>
    /// <param name="currentVersion">The version the store writes; at least 1.</param>
    /// <param name="migrations">Exactly <paramref name="currentVersion"/> - 1 steps: element <c>i</c> migrates version <c>i + 1</c> to <c>i + 2</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="currentVersion"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The steps do not match the version, or one is null.</exception>
    public SessionSchema(int currentVersion, IReadOnlyList<Action<JsonObject>> migrations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(currentVersion, 1);
        ArgumentNullException.ThrowIfNull(migrations);
        if (migrations.Count != currentVersion - 1)
        {
            throw new ArgumentException($"Schema version {currentVersion} needs {currentVersion - 1} migration steps, not {migrations.Count}.", nameof(migrations));
        }

        _migrations = [.. migrations];
        if (Array.IndexOf(_migrations, null) is int missing and >= 0)
        {
            throw new ArgumentException($"The migration from version {missing + 1} is null.", nameof(migrations));
        }

        CurrentVersion = currentVersion;
    }

    /// <summary>The version the store writes.</summary>
    public int CurrentVersion { get; }

    /// <summary>Migrates <paramref name="session"/> from <paramref name="fromVersion"/> to <see cref="CurrentVersion"/>, in place.</summary>
    internal void Migrate(JsonObject session, int fromVersion)
    {
        for (int version = fromVersion; version < CurrentVersion; version++)
        {
            _migrations[version - 1](session);
        }

        session[VersionPropertyName] = CurrentVersion;
    }
}
