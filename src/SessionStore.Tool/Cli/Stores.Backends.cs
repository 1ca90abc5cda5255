using System.CommandLine;

namespace SessionStore.Tool.Cli;

/// <summary>The store of a command line: the directory of <c>--dir</c>, or the PostgreSQL table of <c>--postgres</c>/<c>--table</c>.</summary>
internal static partial class Stores
{
    /// <summary>The store to read, which must exist (a missing directory or table is exit 3).</summary>
    internal static ToolStore Open(GlobalOptions globals, ParseResult result) =>
        PostgresTarget.From(globals, result) is { } table ? ToolStore.Of(table.Open(TableUse.Read)) : ToolStore.Of(Open(globals.DirectoryOf(result)));

    /// <summary>The store to change, which must exist and be writable.</summary>
    internal static ToolStore OpenForWriting(GlobalOptions globals, ParseResult result) =>
        PostgresTarget.From(globals, result) is { } table ? ToolStore.Of(table.Open(TableUse.Write)) : ToolStore.Of(OpenForWriting(globals.DirectoryOf(result)));

    /// <summary>The store to import into, created on its first write if it is missing; an existing directory must be writable.</summary>
    internal static ToolStore OpenOrCreate(GlobalOptions globals, ParseResult result)
    {
        if (PostgresTarget.From(globals, result) is { } table)
        {
            return ToolStore.Of(table.Open(TableUse.Create));
        }

        return ToolStore.Of(OpenOrCreateWritable(globals.DirectoryOf(result)));
    }

    /// <summary>The directory store to write into, created on its first write if it is missing; an existing one must be writable.</summary>
    internal static FileSessionStore OpenOrCreateWritable(string directory)
    {
        FileSessionStore store = OpenOrCreate(directory);
        if (Directory.Exists(store.DirectoryPath))
        {
            RefuseReadOnly(store.DirectoryPath);
        }

        return store;
    }

    /// <summary>The directory store of a command that only a directory has (the quarantine); a PostgreSQL table is a usage error.</summary>
    internal static FileSessionStore OpenDirectory(GlobalOptions globals, ParseResult result, string command, bool forWriting = false)
    {
        RefusePostgres(globals, result, command);
        return forWriting ? OpenForWriting(globals.DirectoryOf(result)) : Open(globals.DirectoryOf(result));
    }

    /// <summary>Throws the usage error of a command that has no meaning on a PostgreSQL table.</summary>
    internal static void RefusePostgres(GlobalOptions globals, ParseResult result, string command)
    {
        if (result.GetResult(globals.Postgres) is { Implicit: false } || result.GetResult(globals.Table) is { Implicit: false })
        {
            throw new ToolException(ExitCodes.Usage, $"'sessions {command}' works on a store directory only (--dir), not on a PostgreSQL table: " + command switch
            {
                "demo" => "the demo writes into a new directory of its own",
                _ => "the quarantine is where 'verify --repair' moves damaged files of a directory, and a table has none",
            });
        }
    }
}
