using System.Runtime.CompilerServices;
using Npgsql;
using SessionStore.Storage;

namespace SessionStore.Postgres.Data;

/// <summary>
/// Npgsql's calls written once for both kinds of caller (the Npgsql pattern): with <c>async: true</c>
/// they await Npgsql's asynchronous methods, with <c>async: false</c> they call the synchronous ones and
/// return a completed <see cref="ValueTask"/>, which <see cref="Completed"/> reads without blocking.
/// Commands passed in are disposed here.
/// </summary>
internal static class Db
{
    internal static async ValueTask<NpgsqlConnection> OpenCore(NpgsqlDataSource dataSource, bool async, CancellationToken cancellationToken) =>
        async ? await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false) : dataSource.OpenConnection();

    internal static async ValueTask<NpgsqlTransaction> BeginCore(NpgsqlConnection connection, bool async, CancellationToken cancellationToken) =>
        async ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : connection.BeginTransaction();

    internal static ValueTask CommitCore(NpgsqlTransaction transaction, bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            return new ValueTask(transaction.CommitAsync(cancellationToken));
        }

        transaction.Commit();
        return default;
    }

    /// <summary>Runs a statement; the number of rows it changed.</summary>
    internal static async ValueTask<int> ExecuteCore(NpgsqlCommand command, bool async, CancellationToken cancellationToken)
    {
        using (command)
        {
            return async ? await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteNonQuery();
        }
    }

    /// <summary>The first column of the first row as a <see cref="long"/>, or null when there is no row.</summary>
    internal static async ValueTask<long?> ScalarCore(NpgsqlCommand command, bool async, CancellationToken cancellationToken)
    {
        using (command)
        {
            object? value = async ? await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteScalar();
            return value is long number ? number : null;
        }
    }

    /// <summary>Every row, each read by <paramref name="read"/>.</summary>
    internal static async ValueTask<List<TRow>> ReadCore<TRow>(NpgsqlCommand command, Func<NpgsqlDataReader, TRow> read, bool async, CancellationToken cancellationToken)
    {
        using (command)
        {
            NpgsqlDataReader reader = async ? await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteReader();
            await using (Own(reader, async))
            {
                var rows = new List<TRow>();
                while (async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read())
                {
                    rows.Add(read(reader));
                }

                return rows;
            }
        }
    }

    /// <summary>Copies rows of (text, integer, text) in with <c>COPY ... FROM STDIN (FORMAT BINARY)</c> (<paramref name="copy"/>) on the transaction's connection: one round trip for any number of rows.</summary>
    internal static async ValueTask CopyCore(NpgsqlConnection connection, string copy, IEnumerable<(string First, int Second, string Third)> rows, bool async, CancellationToken cancellationToken)
    {
        NpgsqlBinaryImporter importer = async ? await connection.BeginBinaryImportAsync(copy, cancellationToken).ConfigureAwait(false) : connection.BeginBinaryImport(copy);
        await using (Own(importer, async))
        {
            foreach ((string first, int second, string third) in rows)
            {
                if (async)
                {
                    await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(first, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(second, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await importer.WriteAsync(third, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    importer.StartRow();
                    importer.Write(first, NpgsqlTypes.NpgsqlDbType.Text);
                    importer.Write(second, NpgsqlTypes.NpgsqlDbType.Integer);
                    importer.Write(third, NpgsqlTypes.NpgsqlDbType.Text);
                }
            }

            _ = async ? await importer.CompleteAsync(cancellationToken).ConfigureAwait(false) : importer.Complete();
        }
    }

    /// <summary>Disposes <paramref name="resource"/> the way the caller runs: a connection's or a transaction's disposal may talk to the server.</summary>
    internal static ConfiguredAsyncDisposable Own<T>(T resource, bool async)
        where T : IDisposable, IAsyncDisposable =>
        new Owned<T>(resource, async).ConfigureAwait(false);

    private sealed class Owned<T>(T resource, bool async) : IAsyncDisposable
        where T : IDisposable, IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            if (async)
            {
                return resource.DisposeAsync();
            }

            resource.Dispose();
            return default;
        }
    }
}
