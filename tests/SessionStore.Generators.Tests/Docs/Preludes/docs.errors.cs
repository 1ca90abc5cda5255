// For docs/errors.md.
global using static DocsPrelude.Errors.InScope;

namespace DocsPrelude.Errors
{
    public static class InScope
    {
        public static readonly FileSessionStore store = new();
        public static readonly StoredSession session = new("chat-1", [], 0, 0);
    }
}
