using SessionStore.Storage;

namespace SessionStore;

/// <summary>What in a store's directory is not the store's.</summary>
public partial class FileSessionStore<TSession>
{
    /// <summary>
    /// The entries of the store's directory that are neither sessions nor files and folders the store
    /// itself makes: other files, <c>.json</c> files whose name is not a valid id, directories (one named
    /// like a session is not a session). Only reads, and reads no session; <see cref="Check"/> reports
    /// the same entries among its problems.
    /// </summary>
    /// <returns>The foreign entries (<see cref="StoreProblemKind.ForeignFile"/> or <see cref="StoreProblemKind.ForeignEntry"/>), ordinal by path; empty when the directory does not exist.</returns>
    public IReadOnlyList<StoreProblem> FindForeignEntries()
    {
        var foreign = new List<StoreProblem>();
        foreach ((string path, SessionFileLayout.EntryKind kind) in StoreDirectory.ListOtherEntries(Platform, DirectoryPath))
        {
            if (ForeignProblemOf(path, kind) is { } problem)
            {
                foreign.Add(problem);
            }
        }

        foreign.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return foreign;
    }

    /// <inheritdoc cref="FindForeignEntries"/>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    /// <remarks>Completes synchronously: listing a directory has no asynchronous system call.</remarks>
    public ValueTask<IReadOnlyList<StoreProblem>> FindForeignEntriesAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(FindForeignEntries());
    }

    private static StoreProblem? ForeignProblemOf(string path, SessionFileLayout.EntryKind kind) => kind switch
    {
        SessionFileLayout.EntryKind.ForeignJson => new StoreProblem(StoreProblemKind.ForeignFile, path, null, "a .json file whose name is not a valid session id; not part of the store", Repaired: false),
        SessionFileLayout.EntryKind.ForeignDirectory => new StoreProblem(StoreProblemKind.ForeignEntry, path, null,
            path.EndsWith(SessionFileLayout.SessionExtension, StringComparison.Ordinal) ? "a directory named like a session; not a session" : "a directory; not part of the store", Repaired: false),
        SessionFileLayout.EntryKind.Foreign => new StoreProblem(StoreProblemKind.ForeignEntry, path, null, "neither a session's file nor one of the store's own; not part of the store", Repaired: false),
        _ => null,
    };
}
