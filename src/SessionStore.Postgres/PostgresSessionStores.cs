using Npgsql;

namespace SessionStore.Postgres;

/// <summary>Ready-made PostgreSQL stores.</summary>
public static class PostgresSessionStores
{
    /// <summary>A store of reference-format <see cref="StoredSession"/>s in <paramref name="table"/>.</summary>
    /// <param name="dataSource">Where to connect.</param>
    /// <param name="table">The table's name.</param>
    /// <param name="options">Lock timeout and table creation.</param>
    /// <returns>The store.</returns>
    public static PostgresStoredSessionStore ForStoredSessions(NpgsqlDataSource dataSource, string table, PostgresSessionStoreOptions? options = null) =>
        new(dataSource, table, options);
}
