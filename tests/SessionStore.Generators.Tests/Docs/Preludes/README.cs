// For README.md: the store its conformance-kit example tests.
global using DocsPrelude.Readme;

namespace DocsPrelude.Readme
{
    public sealed class MyStore() : FileSessionStore<StoredSession>(Path.Combine(Path.GetTempPath(), Path.GetRandomFileName()), SessionJson.StoredSession, s => s.SessionId);
}
