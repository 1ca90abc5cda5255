using Npgsql;

namespace SessionStore.Postgres;

/// <summary>Ready-made PostgreSQL stores.</summary>
public static class PostgresSessionStores
{
    /// <summary>Where a PostgreSQL table's sessions are, as errors name it: <c>postgres:TABLE</c>, "in PostgreSQL table "TABLE"".</summary>
    /// <param name="table">The table's name.</param>
    /// <returns>The location.</returns>
    public static SessionLocation LocationOf(string table) => SessionLocation.Table(table, "postgres", "PostgreSQL");

    /// <summary>A store of reference-format <see cref="StoredSession"/>s in <paramref name="table"/>.</summary>
    /// <param name="dataSource">Where to connect.</param>
    /// <param name="table">The table's name.</param>
    /// <param name="options">Lock timeout and table creation.</param>
    /// <returns>The store.</returns>
    public static PostgresStoredSessionStore ForStoredSessions(NpgsqlDataSource dataSource, string table, PostgresSessionStoreOptions? options = null) =>
        new(dataSource, table, options);
}
