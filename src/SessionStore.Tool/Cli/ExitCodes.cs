namespace SessionStore.Tool.Cli;

/// <summary>
/// The exit codes of every command: the one table <c>sessions --help</c> prints, and README's tool section repeats
/// word for word (a test compares them).
/// </summary>
internal static class ExitCodes
{
    internal const int Success = 0;

    /// <summary>Something is wrong with the store or the input: a corrupt session, a problem verify found, invalid JSON on stdin, an I/O error, a read-only store, a question answered no.</summary>
    internal const int Failure = 1;

    /// <summary>The command line is wrong: an unknown command or option, a missing or invalid argument, an invalid id.</summary>
    internal const int Usage = 2;

    /// <summary>A session, a trash or quarantine entry, or the store's directory or table does not exist.</summary>
    internal const int NotFound = 3;

    /// <summary>The target exists already and the command never overwrites (fork, trash restore, import without --overwrite).</summary>
    internal const int Conflict = 4;

    /// <summary>Interrupted (Ctrl+C, SIGTERM): a long command stops between sessions and says what it already did.</summary>
    internal const int Interrupted = 130;

    /// <summary>Each code and what it means, in the words of the help.</summary>
    internal static readonly (int Code, string Meaning)[] Table =
    [
        (Success, "ok"),
        (Failure, "a problem in the store or the input (corrupt session, verify found something, invalid JSON, an I/O error, a read-only store, a question answered no)"),
        (Usage, "usage error (unknown command or option, missing or invalid argument, invalid id)"),
        (NotFound, "not found (session, trash or quarantine entry, store directory or table)"),
        (Conflict, "the target exists and is never overwritten"),
        (Interrupted, "interrupted (it says what it already did)"),
    ];

    internal static string Help => "Exit codes: " + string.Join("; ", Table.Select(e => $"{e.Code} {e.Meaning}")) + ".";
}
