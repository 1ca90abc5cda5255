namespace SessionStore.Tool.Cli;

/// <summary>The exit codes of every command, as <c>sessions --help</c> documents them.</summary>
internal static class ExitCodes
{
    internal const int Success = 0;

    /// <summary>Something is wrong with the store or the input: a corrupt session, a problem verify found, invalid JSON on stdin, an I/O error.</summary>
    internal const int Failure = 1;

    /// <summary>The command line is wrong: an unknown command or option, a missing or invalid argument, an invalid id.</summary>
    internal const int Usage = 2;

    /// <summary>A session, a trash entry, or the store's directory or table does not exist.</summary>
    internal const int NotFound = 3;

    /// <summary>The target exists already and the command never overwrites (fork, trash restore, import without --overwrite).</summary>
    internal const int Conflict = 4;

    /// <summary>Interrupted (Ctrl+C).</summary>
    internal const int Interrupted = 130;

    internal const string Help =
        "Exit codes: 0 ok; 1 a problem in the store or the input (corrupt session, verify found something, I/O error); " +
        "2 usage error; 3 not found (session, trash entry, store directory or table); 4 the target exists and is never overwritten; 130 interrupted.";
}
