using System.CommandLine;
using Npgsql;
using SessionStore.Postgres;

namespace SessionStore.Tool.Cli;

/// <summary>
/// A PostgreSQL table the tool works on: where to connect (an Npgsql connection string) and which table. Every way
/// the server can fail before the store's own typed errors take over (a bad connection string, a server that is not
/// there, a refused login, a missing table) is one plain <see cref="ToolException"/>, never Npgsql's exception.
/// </summary>
/// <param name="ConnectionString">The Npgsql connection string.</param>
/// <param name="Table">The table of the sessions.</param>
internal sealed record PostgresTarget(string ConnectionString, string Table)
{
    /// <summary>The environment variable that names the server when <c>--postgres</c> does not.</summary>
    internal const string Variable = "SESSIONSTORE_POSTGRES";

    internal const string DefaultTable = "sessions";

    /// <summary>The prefix of a PostgreSQL location in <c>copy --from/--to</c> (as the library prints a table's location).</summary>
    internal const string Scheme = "postgres:";

    /// <summary>How a location is written, for help texts and errors.</summary>
    internal const string LocationHelp =
        "a directory, 'postgres:TABLE' (on the server of --postgres or $" + Variable + "), or 'postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE?table=TABLE'";

    private static readonly string[] UrlSchemes = ["postgres://", "postgresql://"];

    /// <summary>Where the store is, as the library writes a table's location: <c>postgres:TABLE</c>.</summary>
    internal string Location => PostgresSessionStores.LocationOf(Table).ToString();

    /// <summary>The table named by <c>--postgres</c>/<c>--table</c>, or <see langword="null"/> for a directory store.</summary>
    internal static PostgresTarget? From(GlobalOptions globals, ParseResult result)
    {
        string? connection = result.GetValue(globals.Postgres);
        string? table = result.GetValue(globals.Table);
        if (connection is null && table is null)
        {
            return null;
        }

        if (globals.DirectoryGiven(result))
        {
            throw new ToolException(ExitCodes.Usage, "--dir names a directory store and --postgres/--table a PostgreSQL table: give one of them");
        }

        return new PostgresTarget(ServerOf(connection, "--table"), table ?? DefaultTable);
    }

    /// <summary>The table <paramref name="location"/> names (<c>postgres:TABLE</c> or a <c>postgres://</c> URL), or <see langword="null"/> for a directory.</summary>
    internal static PostgresTarget? Parse(string location, string? connection, string option)
    {
        if (UrlSchemes.FirstOrDefault(s => location.StartsWith(s, StringComparison.OrdinalIgnoreCase)) is not null)
        {
            return FromUrl(location, option);
        }

        if (!location.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string table = location[Scheme.Length..];
        if (table.Length == 0)
        {
            throw new ToolException(ExitCodes.Usage, $"{option} '{location}' names no table: write 'postgres:TABLE'");
        }

        return new PostgresTarget(ServerOf(connection, $"{option} {location}"), table);
    }

    /// <summary>
    /// The store over the table. <paramref name="use"/> says what the command does with it: reads and writes need the
    /// table (a missing one is "not found", exit 3, never an empty store, and is never created); a writer brings its
    /// trash and pins tables up to date; with <see cref="TableUse.Create"/> (import) the caller creates it with
    /// <c>EnsureCreated</c>, once it knows it will write.
    /// </summary>
    internal PostgresStoredSessionStore Open(TableUse use)
    {
        (NpgsqlDataSource dataSource, PostgresStoredSessionStore store) = Build(clock: null);
        if (use == TableUse.Create)
        {
            return store;
        }

        if (!Exists(dataSource))
        {
            throw new ToolException(ExitCodes.NotFound,
                $"there is no session table '{Table}' on the PostgreSQL server {Server} (check --table; 'sessions import' and 'sessions copy' create one)");
        }

        if (use == TableUse.Write)
        {
            store.EnsureCreated();
        }

        return store;
    }

    /// <summary>
    /// The table a copy writes into, created (with its trash and pins tables) if it is missing; with <paramref name="dryRun"/>
    /// nothing is created, and a missing table is <see langword="null"/> (an empty destination). Rows are written at
    /// <paramref name="clock"/>'s time, so a copied session keeps the last write time its source had.
    /// </summary>
    internal PostgresStoredSessionStore? OpenDestination(bool dryRun, TimeProvider clock)
    {
        (NpgsqlDataSource dataSource, PostgresStoredSessionStore store) = Build(clock);
        bool exists = Exists(dataSource);
        if (dryRun)
        {
            return exists ? store : null;
        }

        store.EnsureCreated();
        return store;
    }

    private (NpgsqlDataSource DataSource, PostgresStoredSessionStore Store) Build(TimeProvider? clock)
    {
        NpgsqlDataSource dataSource;
        try
        {
            dataSource = new NpgsqlSlimDataSourceBuilder(ConnectionString).Build();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ToolException(ExitCodes.Failure, "the PostgreSQL connection string is not valid: " + Errors.Plain(ex.Message));
        }

        var options = new PostgresSessionStoreOptions { CreateTableOnFirstUse = false };
        if (clock is not null)
        {
            options.TimeProvider = clock;
        }

        try
        {
            return (dataSource, PostgresSessionStores.ForStoredSessions(dataSource, Table, options));
        }
        catch (ArgumentException ex)
        {
            throw new ToolException(ExitCodes.Usage, Errors.Plain(ex.Message).TrimEnd('.') + " (check --table)");
        }
    }

    /// <summary>Whether the table exists: the first contact with the server, so its failure is said here in plain words.</summary>
    private bool Exists(NpgsqlDataSource dataSource)
    {
        try
        {
            using NpgsqlCommand command = dataSource.CreateCommand("SELECT to_regclass($1) IS NOT NULL");
            command.Parameters.Add(new NpgsqlParameter { Value = "\"" + Table + "\"" });
            return command.ExecuteScalar() is true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            throw Unreachable(ex);
        }
    }

    /// <summary>The one error line for a server that could not be used.</summary>
    private ToolException Unreachable(Exception ex)
    {
        string reason = Errors.Plain(ex.Message);
        if (ex.InnerException is { } inner && !reason.Contains(inner.Message, StringComparison.Ordinal))
        {
            reason += " (" + Errors.Plain(inner.Message) + ")";
        }

        return new ToolException(ExitCodes.Failure, $"cannot use the PostgreSQL server {Server}: {reason}");
    }

    /// <summary>host:port/database, never the password.</summary>
    internal string Server
    {
        get
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
                return $"{builder.Host}:{builder.Port}" + (string.IsNullOrEmpty(builder.Database) ? "" : "/" + builder.Database);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
            {
                return "(an invalid connection string)";
            }
        }
    }

    private static string ServerOf(string? connection, string what)
    {
        connection ??= Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new ToolException(ExitCodes.Usage, $"{what} needs a PostgreSQL server: --postgres CONNSTRING, or ${Variable}");
        }

        return connection;
    }

    /// <summary><c>postgres://user[:password]@host[:port]/database?table=NAME</c> (other query parameters are connection string keys, e.g. sslmode=require).</summary>
    private static PostgresTarget FromUrl(string url, string option)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ToolException(ExitCodes.Usage, $"{option} '{Redacted(url)}' is not a PostgreSQL URL: write {LocationHelp}");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            string[] user = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(user[0]);
            if (user.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(user[1]);
            }
        }

        string database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        string table = DefaultTable;
        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = pair.Split('=', 2);
            string key = Uri.UnescapeDataString(parts[0]), value = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
            if (key == "table")
            {
                table = value;
                continue;
            }

            try
            {
                builder[key] = value;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
            {
                throw new ToolException(ExitCodes.Usage, $"{option}: '{key}' is not a PostgreSQL connection setting ({Errors.Plain(ex.Message)})");
            }
        }

        return new PostgresTarget(builder.ConnectionString, table);
    }

    private static string Redacted(string url) => url.Contains('@', StringComparison.Ordinal) ? Scheme + "//...@" + url[(url.LastIndexOf('@') + 1)..] : url;
}

/// <summary>What a command does with a table: see <see cref="PostgresTarget.Open"/>. A table is never created on first use: only import and copy create one, on purpose.</summary>
internal enum TableUse
{
    Read,
    Write,
    Create,
}
