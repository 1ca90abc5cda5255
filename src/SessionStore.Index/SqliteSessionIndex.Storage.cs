using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SessionStore.Index;

/// <summary>The index's file, its schema, and how it follows the session files.</summary>
internal sealed partial class SqliteSessionIndex
{
    private const string Columns = "rid, id, title, custom_title, derived_title, has_user, created, updated, items, in_tok, out_tok, size, tags, owner, agent, fields, f_size, f_mtime, f_ctime, f_ino, seen, title_key";

    private const string Schema = """
        CREATE TABLE info(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE sessions(
            rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, custom_title INTEGER NOT NULL,
            derived_title TEXT NOT NULL, has_user INTEGER NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL,
            items INTEGER NOT NULL, in_tok INTEGER NOT NULL, out_tok INTEGER NOT NULL, size INTEGER NOT NULL,
            tags TEXT NOT NULL, owner TEXT, agent TEXT, fields TEXT NOT NULL,
            f_size INTEGER NOT NULL, f_mtime INTEGER NOT NULL, f_ctime INTEGER NOT NULL, f_ino INTEGER NOT NULL,
            seen INTEGER NOT NULL, title_key TEXT NOT NULL,
            rk INTEGER GENERATED ALWAYS AS (-updated) VIRTUAL, ck INTEGER GENERATED ALWAYS AS (-created) VIRTUAL);
        CREATE INDEX sessions_recent ON sessions(rk, id);
        CREATE INDEX sessions_created ON sessions(ck, id);
        CREATE INDEX sessions_title ON sessions(title_key, id);
        CREATE INDEX sessions_owner ON sessions(owner, rk, id);
        CREATE INDEX sessions_agent ON sessions(agent, rk, id);
        CREATE TABLE tags(tag TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY(tag, rid)) WITHOUT ROWID;
        CREATE INDEX tags_rid ON tags(rid);
        CREATE TABLE chunks(cid INTEGER PRIMARY KEY, rid INTEGER NOT NULL, first_item INTEGER NOT NULL);
        CREATE INDEX chunks_rid ON chunks(rid);
        CREATE VIRTUAL TABLE text USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
        """;

    private static long Now() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    private static string StampText(FileSessionStamp? stamp) => stamp is { } s
        ? string.Create(CultureInfo.InvariantCulture, $"{s.ModifiedNanoseconds}:{s.ChangedNanoseconds}:{s.Inode}")
        : "none";

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SqliteConnection, Statements> Prepared = [];

    /// <summary>Begins a transaction that the connection's prepared commands join.</summary>
    private static Statements.Scope Begin(SqliteConnection db) => Prepared.GetOrCreateValue(db).Begin(db);

    private static SqliteCommand Command(SqliteConnection db, string sql, params (string Name, object? Value)[] parameters)
    {
        SqliteCommand command = db.CreateCommand();
#pragma warning disable CA2100 // Only the index's own SQL text; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>The connection's prepared command for one of the index's fixed statements (prepared once, bound again each time); not disposed by the caller.</summary>
    private static SqliteCommand Cached(SqliteConnection db, string sql, (string Name, object? Value)[] parameters)
    {
        Statements statements = Prepared.GetOrCreateValue(db);
        if (!statements.Commands.TryGetValue(sql, out SqliteCommand? command))
        {
            command = db.CreateCommand();
#pragma warning disable CA2100 // Only the index's own SQL text; every value is a parameter.
            command.CommandText = sql;
#pragma warning restore CA2100
            statements.Commands[sql] = command;
        }

        command.Transaction = statements.Current;
        command.Parameters.Clear();
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static int Execute(SqliteConnection db, string sql, params (string Name, object? Value)[] parameters) =>
        Cached(db, sql, parameters).ExecuteNonQuery();

    private static object? Scalar(SqliteConnection db, string sql, params (string Name, object? Value)[] parameters) =>
        Cached(db, sql, parameters).ExecuteScalar();

    /// <summary>The open index: opened (or built) on first use, and again when its file was removed or replaced.</summary>
    private SqliteConnection Connection()
    {
        if (_db is not null && _path is not null && CurrentInode(_path) == _inode)
        {
            return _db;
        }

        DisposeConnection();
        string directory = _host.EnsurePrivateDirectory(DirectoryName);
        _path = Path.Join(directory, FileName);
        if (_racyNanoseconds < 0)
        {
            _racyNanoseconds = ProbeTimestampGranularity(directory);
        }

        try
        {
            _db = OpenChecked(_path);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 11 or 26)
        {
            DeleteFiles(_path);
            _db = OpenChecked(_path);
        }

        _inode = CurrentInode(_path);
        _swept = false;
        return _db;
    }

    /// <summary>Opens the file, creating the schema when it is new and starting again when it is of another version.</summary>
    private static SqliteConnection OpenChecked(string path)
    {
        bool created = !File.Exists(path);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
        try
        {
            db.Open();
            if (created && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            using (SqliteCommand pragmas = Command(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"))
            {
                pragmas.ExecuteNonQuery();
            }
            bool hasInfo = Scalar(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'info'") is long n && n > 0;
            string? version = hasInfo ? Scalar(db, "SELECT value FROM info WHERE key = 'schema'") as string : null;
            if (version != SchemaVersion.ToString(CultureInfo.InvariantCulture))
            {
                using Statements.Scope transaction = Begin(db);
                foreach (string table in new[] { "text", "chunks", "tags", "sessions", "info" })
                {
                    Execute(db, $"DROP TABLE IF EXISTS {table}");
                }

                using (SqliteCommand schema = Command(db, Schema))
                {
                    schema.ExecuteNonQuery();
                }
                Execute(db, "INSERT INTO info(key, value) VALUES ('schema', $v)", ("$v", SchemaVersion.ToString(CultureInfo.InvariantCulture)));
                transaction.Commit();
            }

            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    private void Reset()
    {
        DisposeConnection();
        _db = null;
        SqliteConnection.ClearAllPools();
        if (_path is not null)
        {
            DeleteFiles(_path);
        }
    }

    private void DisposeConnection()
    {
        if (_db is null)
        {
            return;
        }

        if (Prepared.TryGetValue(_db, out Statements? statements))
        {
            foreach (SqliteCommand command in statements.Commands.Values)
            {
                command.Dispose();
            }

            Prepared.Remove(_db);
        }

        _db.Dispose();
        _db = null;
    }

    private static void DeleteFiles(string path)
    {
        foreach (string file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>The index file's inode (0 when it is gone): a new one means it was removed or replaced under the open connection.</summary>
    private ulong CurrentInode(string path) => _host.StatPrivateFile(DirectoryName, Path.GetFileName(path))?.Inode ?? 0;

    /// <summary>
    /// How close to a file's last write a reading of it must be to count as racy (git's racily-clean entries): 0 when
    /// the file system stamps every write apart (fine-grained or multigrain timestamps), else 20 ms.
    /// </summary>
    private static long ProbeTimestampGranularity(string directory)
    {
        string probe = Path.Join(directory, "granularity.probe");
        try
        {
            long last = -1;
            for (int i = 0; i < 4; i++)
            {
                File.WriteAllBytes(probe, [(byte)i]);
                long now = File.GetLastWriteTimeUtc(probe).Ticks;
                if (now <= last)
                {
                    return 20_000_000;
                }

                last = now;
            }

            return 0;
        }
        catch (IOException)
        {
            return 20_000_000;
        }
        finally
        {
            File.Delete(probe);
        }
    }

    /// <summary>Makes the index current: reads the directory again when its stamp is not the recorded one (or was recorded racily), on a process's first query, or when the last whole read is too old.</summary>
    private void EnsureCurrent(SqliteConnection db)
    {
        bool sweep = !_swept && _sweepOnFirstQuery;
        sweep |= _sweepInterval is { } interval && Now() - _sweptAt > interval.Ticks * 100;
        if (!sweep)
        {
            FileSessionStamp? stamp = _host.StatDirectory();
            string? recorded = Scalar(db, "SELECT value FROM info WHERE key = 'dir'") as string;
            long recordedAt = Scalar(db, "SELECT value FROM info WHERE key = 'dir_at'") is string at ? long.Parse(at, CultureInfo.InvariantCulture) : 0;
            sweep = recorded != StampText(stamp) || (stamp is { } s && recordedAt - s.ModifiedNanoseconds < _racyNanoseconds);
        }

        if (sweep)
        {
            _ = Sweep(db, progress: null, created: null, CancellationToken.None);
        }
    }

    /// <summary>Reads the directory (one statx per file) and reindexes every session whose file changed; records the directory's stamp from before the read.</summary>
    private int Sweep(SqliteConnection db, IProgress<int>? progress, Dictionary<string, long>? created, CancellationToken cancellationToken)
    {
        FileSessionStamp? before = _host.StatDirectory();
        IReadOnlyList<FileSessionEntry> entries = _host.ScanSessions();
        var rows = new Dictionary<string, (FileSessionStamp Stamp, long Seen)>(StringComparer.Ordinal);
        using (SqliteCommand command = Command(db, "SELECT id, f_size, f_mtime, f_ctime, f_ino, seen FROM sessions"))
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows[reader.GetString(0)] = (new FileSessionStamp(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), (ulong)reader.GetInt64(4)), reader.GetInt64(5));
            }
        }

        var changed = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (FileSessionEntry entry in entries)
        {
            bool had = rows.Remove(entry.SessionId, out var row);
            if (!had || row.Stamp != entry.Stamp || IsRacy(row.Stamp, row.Seen))
            {
                changed.Add(entry.SessionId);
                if (had)
                {
                    known.Add(entry.SessionId);
                }
            }
        }

        HashSet<string> withMetadata = changed.Count > 0 ? [.. _host.ListMetadataFiles()] : [];
        int done = 0;
        for (int start = 0; start < changed.Count || start == 0; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using Statements.Scope transaction = Begin(db);
            if (start == 0)
            {
                foreach (string gone in rows.Keys)
                {
                    Remove(db, gone);
                }
            }

            // Reading and parsing the files is most of the work: on every core, then one writer.
            string[] batch = [.. changed.Skip(start).Take(BatchSize)];
            var parsed = new (IndexedSession? Session, FileSessionStamp Stamp)[batch.Length];
            Parallel.For(0, batch.Length, i =>
            {
                byte[]? content = _host.ReadSession(batch[i], out FileSessionStamp stamp);
                parsed[i] = (content is null ? null : SessionReading.Read(content, _host.ItemsProperty), stamp);
            });
            for (int i = 0; i < batch.Length; i++)
            {
                string id = batch[i];
                if (parsed[i].Session is not { } session)
                {
                    Remove(db, id);
                    continue;
                }

                CallerMetadata caller = withMetadata.Contains(id) ? CallerMetadata.Parse(_host.ReadMetadataFile(id)) : CallerMetadata.None;
                Index(db, id, session, parsed[i].Stamp, caller, created is not null && created.TryGetValue(id, out long c) ? c : null, known: known.Contains(id));
            }

            done = Math.Min(changed.Count, start + BatchSize);
            if (start + BatchSize >= changed.Count)
            {
                Record(db, before);
            }

            transaction.Commit();
            progress?.Report(entries.Count - changed.Count + done);
        }

        _swept = true;
        _sweptAt = Now();
        return entries.Count;
    }

    private bool IsRacy(FileSessionStamp stamp, long seen) =>
        seen - Math.Max(stamp.ModifiedNanoseconds, stamp.ChangedNanoseconds) < _racyNanoseconds;

    private static bool IsRecorded(SqliteConnection db, FileSessionStamp? stamp) =>
        Scalar(db, "SELECT value FROM info WHERE key = 'dir'") as string == StampText(stamp);

    private static void Record(SqliteConnection db, FileSessionStamp? stamp)
    {
        Execute(db, "INSERT INTO info(key, value) VALUES ('dir', $v), ('dir_at', $at) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            ("$v", StampText(stamp)), ("$at", Now().ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Reads one session's file again and indexes it (or removes it when there is none).</summary>
    private void Reindex(SqliteConnection db, string id)
    {
        byte[]? content = _host.ReadSession(id, out FileSessionStamp stamp);
        if (content is null)
        {
            Remove(db, id);
            return;
        }

        Index(db, id, content, stamp, caller: null, created: null);
    }

    /// <summary>Indexes a session's whole file; <paramref name="caller"/> null keeps the row's caller metadata (else reads the session's file of it).</summary>
    private void Index(SqliteConnection db, string id, byte[] content, FileSessionStamp? stamp, CallerMetadata? caller, long? created)
    {
        if (stamp is not { } version || SessionReading.Read(content, _host.ItemsProperty) is not { } session)
        {
            Remove(db, id);
            return;
        }

        Index(db, id, session, version, caller, created, known: true);
    }

    /// <summary>Indexes a parsed session; <paramref name="known"/> false when the index has no row of it (a sweep's new file), which skips looking for one.</summary>
    private void Index(SqliteConnection db, string id, IndexedSession session, FileSessionStamp version, CallerMetadata? caller, long? created, bool known)
    {
        Row? existing = known ? Read(db, id) : null;
        caller ??= existing is null ? CallerMetadata.Parse(_host.ReadMetadataFile(id)) : CallerMetadata.Of(existing.Metadata);
        long createdAt = existing?.CreatedNanoseconds ?? created ?? version.ModifiedNanoseconds;
        long rid = Upsert(db, id, session.DerivedTitle, session.HasUserItem, createdAt, version, session.Items.Count, session.InputTokens, session.OutputTokens);
        if (existing is not null)
        {
            DeleteText(db, rid);
        }

        AddText(db, rid, 0, session.Items);
        if (existing is null || CallerMetadata.Of(existing.Metadata) != caller || (caller.Title is null && existing.DerivedTitle != session.DerivedTitle))
        {
            SetCaller(db, rid, caller, session.DerivedTitle);
        }
    }

    /// <summary>An append in O(delta): the new items' text, counts, totals and the file's version; the rest of the row stays.</summary>
    private void Appended(SqliteConnection db, FileSessionChange change)
    {
        Row? row = Read(db, change.SessionId);
        if (row is null || _host.StatSession(change.SessionId) is not { } stamp)
        {
            Reindex(db, change.SessionId);
            return;
        }

        int first = row.Metadata.ItemCount;
        var items = new List<SessionItemText>(change.AppendedItems.Count);
        foreach (ReadOnlyMemory<byte> item in change.AppendedItems)
        {
            items.Add(SessionText.ReadItem(item.Span, first + items.Count));
        }

        (long input, long output) = SessionReading.TotalsAfterItems(change.AfterItems.Span);
        string derived = row.HasUserItem || row.DerivedTitle.Length > 0 && !items.Any(SessionReading.IsUser)
            ? row.DerivedTitle
            : SessionText.DeriveTitle(items) is { Length: > 0 } fromNew ? fromNew : row.DerivedTitle;
        bool hasUser = row.HasUserItem || items.Any(SessionReading.IsUser);
        _ = Upsert(db, row.Id, derived, hasUser, row.CreatedNanoseconds, stamp, first + items.Count, input, output);
        AddText(db, row.Rid, first, items);
        if (derived != row.DerivedTitle && !row.Metadata.HasCustomTitle)
        {
            SetCaller(db, row.Rid, CallerMetadata.Of(row.Metadata), derived);
        }
    }

    private static long Upsert(SqliteConnection db, string id, string derivedTitle, bool hasUser, long created, FileSessionStamp stamp, int items, long input, long output) =>
        (long)Scalar(db, """
            INSERT INTO sessions(id, title, custom_title, derived_title, has_user, created, updated, items, in_tok, out_tok, size, tags, owner, agent, fields, f_size, f_mtime, f_ctime, f_ino, seen, title_key)
            VALUES ($id, $dt, 0, $dt, $hu, $c, $u, $n, $in, $out, $size, '[]', NULL, NULL, '{}', $size, $u, $ct, $ino, $seen, $key)
            ON CONFLICT(id) DO UPDATE SET derived_title = $dt, has_user = $hu, updated = $u, items = $n, in_tok = $in, out_tok = $out, size = $size,
                f_size = $size, f_mtime = $u, f_ctime = $ct, f_ino = $ino, seen = $seen
            RETURNING rid
            """,
            ("$id", id), ("$dt", derivedTitle), ("$hu", hasUser ? 1 : 0), ("$c", created), ("$u", stamp.ModifiedNanoseconds), ("$n", items),
            ("$in", input), ("$out", output), ("$size", stamp.Size), ("$ct", stamp.ChangedNanoseconds), ("$ino", (long)stamp.Inode), ("$seen", Now()),
            ("$key", derivedTitle.ToUpperInvariant()))!;

    /// <summary>Sets the caller's part of a row: title (custom, else derived), tags, owner, agent, fields, and the title's searchable text.</summary>
    private static void SetCaller(SqliteConnection db, long rid, CallerMetadata caller, string derivedTitle)
    {
        string title = caller.Title ?? derivedTitle;
        var tags = new StringBuilder("[");
        foreach (string tag in caller.Tags)
        {
            tags.Append(tags.Length > 1 ? "," : "").Append(JsonSerializer.Serialize(tag, IndexJsonContext.Default.String));
        }

        Execute(db, "UPDATE sessions SET title = $t, custom_title = $ct, title_key = $k, tags = $tags, owner = $o, agent = $a, fields = $f WHERE rid = $r",
            ("$t", title), ("$ct", caller.Title is null ? 0 : 1), ("$k", title.ToUpperInvariant()), ("$tags", tags.Append(']').ToString()),
            ("$o", caller.Owner), ("$a", caller.Agent), ("$f", JsonSerializer.Serialize(caller.Fields.ToDictionary(), IndexJsonContext.Default.DictionaryStringString)), ("$r", rid));
        Execute(db, "DELETE FROM tags WHERE rid = $r", ("$r", rid));
        foreach (string tag in caller.Tags)
        {
            Execute(db, "INSERT OR IGNORE INTO tags(tag, rid) VALUES ($t, $r)", ("$t", tag), ("$r", rid));
        }

        Execute(db, "DELETE FROM text WHERE rowid IN (SELECT cid FROM chunks WHERE rid = $r AND first_item = -1)", ("$r", rid));
        Execute(db, "DELETE FROM chunks WHERE rid = $r AND first_item = -1", ("$r", rid));
        if (title.Length > 0)
        {
            AddChunk(db, rid, -1, title);
        }
    }

    private static void AddText(SqliteConnection db, long rid, int first, IReadOnlyList<SessionItemText> items)
    {
        var body = new StringBuilder();
        foreach (SessionItemText item in items)
        {
            body.Append(item.Text).Append('\n');
        }

        if (body.Length > 0)
        {
            AddChunk(db, rid, first, body.ToString());
        }
    }

    private static void AddChunk(SqliteConnection db, long rid, int first, string text)
    {
        long cid = (long)Scalar(db, "INSERT INTO chunks(rid, first_item) VALUES ($r, $f) RETURNING cid", ("$r", rid), ("$f", first))!;
        Execute(db, "INSERT INTO text(rowid, body) VALUES ($c, $b)", ("$c", cid), ("$b", text));
    }

    private static void DeleteText(SqliteConnection db, long rid)
    {
        Execute(db, "DELETE FROM text WHERE rowid IN (SELECT cid FROM chunks WHERE rid = $r AND first_item >= 0)", ("$r", rid));
        Execute(db, "DELETE FROM chunks WHERE rid = $r AND first_item >= 0", ("$r", rid));
    }

    private static void Remove(SqliteConnection db, string id)
    {
        if (Scalar(db, "SELECT rid FROM sessions WHERE id = $id", ("$id", id)) is not long rid)
        {
            return;
        }

        Execute(db, "DELETE FROM text WHERE rowid IN (SELECT cid FROM chunks WHERE rid = $r)", ("$r", rid));
        Execute(db, "DELETE FROM chunks WHERE rid = $r", ("$r", rid));
        Execute(db, "DELETE FROM tags WHERE rid = $r", ("$r", rid));
        Execute(db, "DELETE FROM sessions WHERE rid = $r", ("$r", rid));
    }

    private const string ReadById = $"SELECT {Columns} FROM sessions WHERE id = $id";

    private static Row? Read(SqliteConnection db, string id)
    {
        using SqliteDataReader reader = Cached(db, ReadById, [("$id", id)]).ExecuteReader();
        return reader.Read() ? RowOf(reader, 0) : null;
    }

    private static Row RowOf(SqliteDataReader r, int o)
    {
        var metadata = new SessionMetadata
        {
            SessionId = r.GetString(o + 1),
            Title = r.GetString(o + 2),
            HasCustomTitle = r.GetInt64(o + 3) != 0,
            CreatedAt = TimeOf(r.GetInt64(o + 6)),
            UpdatedAt = TimeOf(r.GetInt64(o + 7)),
            ItemCount = (int)r.GetInt64(o + 8),
            InputTokens = r.GetInt64(o + 9),
            OutputTokens = r.GetInt64(o + 10),
            SizeBytes = r.GetInt64(o + 11),
            Tags = JsonSerializer.Deserialize(r.GetString(o + 12), IndexJsonContext.Default.StringArray) ?? [],
            Owner = r.IsDBNull(o + 13) ? null : r.GetString(o + 13),
            Agent = r.IsDBNull(o + 14) ? null : r.GetString(o + 14),
            Fields = new Dictionary<string, string>(JsonSerializer.Deserialize(r.GetString(o + 15), IndexJsonContext.Default.DictionaryStringString) ?? [], StringComparer.Ordinal),
        };
        var stamp = new FileSessionStamp(r.GetInt64(o + 16), r.GetInt64(o + 17), r.GetInt64(o + 18), (ulong)r.GetInt64(o + 19));
        return new Row(r.GetInt64(o), metadata.SessionId, metadata, r.GetString(o + 4), r.GetInt64(o + 5) != 0, stamp, r.GetInt64(o + 20), r.GetString(o + 21), r.GetInt64(o + 6));
    }

    private static DateTimeOffset TimeOf(long nanoseconds) => DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / 100);

    /// <summary>One session's metadata, checked against its file (read again when it changed); null when it has none.</summary>
    private SessionMetadata? Verified(SqliteConnection db, string id) => VerifiedRow(db, id)?.Metadata;

    private Row? VerifiedRow(SqliteConnection db, string id)
    {
        Row? row = Read(db, id);
        FileSessionStamp? stamp = _host.StatSession(id);
        if (row is not null && stamp == row.Stamp && !IsRacy(row.Stamp, row.SeenNanoseconds))
        {
            return row;
        }

        if (row is null && stamp is null)
        {
            return null;
        }

        using (Statements.Scope transaction = Begin(db))
        {
            Reindex(db, id);
            transaction.Commit();
        }

        return Read(db, id);
    }

    /// <summary>Checks a page's rows against their files; reindexes those that changed; whether any did (the page must be read again).</summary>
    private bool Reverify(SqliteConnection db, List<Row> rows)
    {
        List<Row> stale = [.. rows.Where(row => _host.StatSession(row.Id) is not { } stamp || stamp != row.Stamp || IsRacy(row.Stamp, row.SeenNanoseconds))];
        if (stale.Count == 0)
        {
            return false;
        }

        bool changed = false;
        using Statements.Scope transaction = Begin(db);
        foreach (Row row in stale)
        {
            Reindex(db, row.Id);
            changed |= Read(db, row.Id) is not { } now || now.Stamp != row.Stamp;
        }

        transaction.Commit();
        return changed;
    }
}
