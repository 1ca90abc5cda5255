namespace SessionStore.Tests.TestSupport;

/// <summary>
/// Tests that build or pack the repository's projects (with their own Version or RuntimeIdentifier) write the
/// same obj/ folders: they run one after the other, beside the other tests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RepositoryBuildsCollection
{
    public const string Name = "Repository builds";
}
