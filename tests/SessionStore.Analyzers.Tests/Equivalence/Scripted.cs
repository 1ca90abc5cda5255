namespace SessionStore.Analyzers.Tests.Equivalence;

/// <summary>
/// The store every equivalence program runs against, compiled into the program itself: an
/// <c>ISessionStore&lt;StoredSession&gt;</c> whose deletes answer from a script (true, false, or one of the
/// exceptions a store throws) and log each call. The exceptions are the real types of SessionStore.dll.
/// <c>DeleteAsync</c> is an async method, so a failure goes into its task: a dropped task loses it, an
/// awaited one throws it, and a fix that changed one into the other would show.
/// </summary>
internal static class Scripted
{
    /// <summary>The inputs every program runs with: each delete outcome alone, two mixed scripts, each with the flag off and on.</summary>
    internal static readonly (string Script, bool Flag)[] Inputs =
        [.. new[] { "true", "false", "delete-failure", "invalid-id", "lock-timeout", "canceled", "other", "false,true", "true,delete-failure" }
            .SelectMany(script => new[] { (script, false), (script, true) })];

    internal const string Source = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;
        using SessionStore;

        public sealed class Scripted : ISessionStore<StoredSession>
        {
            private readonly Queue<string> _script;
            private readonly string _last;

            public Scripted(string script)
            {
                _script = new Queue<string>(script.Split(','));
                _last = _script.Last();
            }

            public List<string> Log { get; } = new();

            public bool Delete(string id) => Next("Delete", id);

            public async ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
            {
                await Task.CompletedTask;
                return Next("DeleteAsync", id);
            }

            private bool Next(string call, string id)
            {
                string outcome = _script.Count > 0 ? _script.Dequeue() : _last;
                Log.Add(call + "(" + id + ")=" + outcome);
                return outcome switch
                {
                    "true" => true,
                    "false" => false,
                    "delete-failure" => throw Make<SessionDeleteException>(),
                    "invalid-id" => throw Make<InvalidSessionIdException>(),
                    "lock-timeout" => throw Make<SessionLockTimeoutException>(),
                    "canceled" => throw new OperationCanceledException(),
                    _ => throw new InvalidOperationException(outcome),
                };
            }

            // Built without a constructor, so the harness does not depend on the exceptions' constructors.
            private static T Make<T>() where T : Exception => (T)RuntimeHelpers.GetUninitializedObject(typeof(T));

            public string Save(StoredSession session) => throw new NotSupportedException();
            public ValueTask<string> SaveAsync(StoredSession session, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public StoredSession Load(string id) => throw new NotSupportedException();
            public ValueTask<StoredSession> LoadAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public bool TryLoad(string id, out StoredSession? session) => throw new NotSupportedException();
            public ValueTask<StoredSession?> TryLoadAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public IReadOnlyList<string> List() => throw new NotSupportedException();
            public ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public bool Exists(string id) => throw new NotSupportedException();
            public ValueTask<bool> ExistsAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public StoredSession Update(string id, Func<StoredSession?, StoredSession> change) => throw new NotSupportedException();
            public ValueTask<StoredSession> UpdateAsync(string id, Func<StoredSession?, StoredSession> change, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public SessionRevision<StoredSession> LoadRevision(string id) => throw new NotSupportedException();
            public ValueTask<SessionRevision<StoredSession>> LoadRevisionAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public string SaveIfMatch(StoredSession session, string? expectedETag) => throw new NotSupportedException();
            public ValueTask<string> SaveIfMatchAsync(StoredSession session, string? expectedETag, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        }

        """;
}
