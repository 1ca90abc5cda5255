namespace SessionStore.Samples.Aot;

/// <summary>The steps of <c>sessions-aot check</c>: each prints one line, "ok" or "MISMATCH".</summary>
internal sealed class Checks(TextWriter output)
{
    private int _failures;

    public int Run(string workDirectory, string? pythonDirectory)
    {
        StoreChecks(new FileSessionStore(Path.Combine(workDirectory, "plain")));
        TypedChecks(workDirectory);
        if (pythonDirectory is not null)
        {
            PythonChecks(pythonDirectory);
        }

        return Finish();
    }

    public int RunPostgres(string connectionString)
    {
        using Npgsql.NpgsqlDataSource dataSource = new Npgsql.NpgsqlSlimDataSourceBuilder(connectionString).Build();
        string table = "aot_" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        StoreChecks(SessionStore.Postgres.PostgresSessionStores.ForStoredSessions(dataSource, table));
        using (Npgsql.NpgsqlCommand drop = dataSource.CreateCommand($"DROP TABLE \"{table}_text\", \"{table}\", \"{table}_trash\", \"{table}_pins\""))
        {
            drop.ExecuteNonQuery();
        }

        return Finish();
    }

    /// <summary>The contract, through the interface: the same checks for every backend.</summary>
    private void StoreChecks(ISessionStore<StoredSession> store)
    {
        var session = new StoredSession("aot-1", ["hello from NativeAOT", "ünïcödé ✓"], 3, 4);
        Check("save", store.Save(session).Contains("aot-1", StringComparison.Ordinal));
        Check("list", store.List() is ["aot-1"]);
        Check("load", store.Load("aot-1") == session);
        Check("update", store.Update("aot-1", s => s! with { Messages = [.. s.Messages, "appended"], OutputTokens = 5 }).Messages.Count == 3);
        Check("update persisted", store.Load("aot-1").OutputTokens == 5);
        SessionRevision<StoredSession> revision = store.LoadRevision("aot-1");
        Check("conditional save", store.SaveIfMatch(revision.Session with { InputTokens = 9 }, revision.ETag) != revision.ETag);
        Check("stale revision refused", Throws<SessionConflictException>(() => store.SaveIfMatch(revision.Session, revision.ETag)));
        Check("delete", store.Delete("aot-1"));
        Check("delete again", !store.Delete("aot-1"));
        Check("not found is typed", Throws<SessionNotFoundException>(() => store.Load("aot-1")));
        Check("hostile id refused", Throws<InvalidSessionIdException>(() => store.Exists(string.Concat("..", "/etc"))));
    }

    private void TypedChecks(string workDirectory)
    {
        var notes = new NoteStore(Path.Combine(workDirectory, "notes"));
        var note = new NoteSession("todo", ["buy milk", "ship it"], 2);
        notes.Save(note);
        Check("typed store round trip", notes.Load("todo") == note);
        File.WriteAllText(Path.Combine(notes.DirectoryPath, "old.json"), """{ "name": "old", "body": "line one\nline two" }""");
        Check("typed store migrates v1 -> v2", notes.Load("old") == new NoteSession("old", ["line one", "line two"], 0));
    }

    private void PythonChecks(string pythonDirectory)
    {
        var python = new FileSessionStore(pythonDirectory);
        IReadOnlyList<string> ids = python.List();
        Check($"python directory lists {ids.Count} sessions", ids.Count > 0);
        foreach (string id in ids)
        {
            StoredSession loaded = python.Load(id);
            Check($"python session {id}: {loaded.Messages.Count} messages, {loaded.InputTokens}/{loaded.OutputTokens} tokens", loaded.SessionId == id);
        }
    }

    private int Finish()
    {
        output.WriteLine(_failures == 0 ? "all checks passed" : $"{_failures} checks FAILED");
        return _failures == 0 ? 0 : 1;
    }

    private void Check(string what, bool passed)
    {
        output.WriteLine($"{(passed ? "ok      " : "MISMATCH")} {what}");
        _failures += passed ? 0 : 1;
    }

    private static bool Throws<TException>(Action action)
        where TException : Exception
    {
        try
        {
            action();
            return false;
        }
        catch (TException)
        {
            return true;
        }
    }
}
