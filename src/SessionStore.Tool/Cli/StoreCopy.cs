namespace SessionStore.Tool.Cli;

/// <summary>
/// <c>copy</c>: every reference session of one store into another (directory or PostgreSQL table, either way), one at a
/// time through <see cref="IStoredSessionStore"/>, so an interruption leaves whole sessions and running the same copy
/// again resumes it: a session already at the destination with the same content is skipped, a different one is a
/// conflict (left as it is on both sides) unless <c>overwrite</c>. Each session written is loaded back from the
/// destination and compared with the source; only then is it counted copied, its pin carried over, and (with
/// <c>move</c>) deleted from the source. A copied session keeps its last write time, so prune treats it as before.
/// </summary>
internal sealed class StoreCopy(ToolStore source, ToolStore? destination, CopyClock clock, bool overwrite, bool move, bool dryRun)
{
    private readonly OtherSessionTypes _others = source.OtherTypes;

    /// <summary>Written and verified (or, with dry-run, that would be written).</summary>
    internal List<string> Copied { get; } = [];

    /// <summary>At the destination already, with the same content.</summary>
    internal List<string> Skipped { get; } = [];

    /// <summary>At the destination with different content (or damaged there): left as they are, on both sides.</summary>
    internal List<string> Conflicts { get; } = [];

    /// <summary>Sessions of another type (a typed or agent store's file), which the reference format cannot carry.</summary>
    internal List<string> OtherTypes { get; } = [];

    /// <summary>Sessions that could not be read, written or verified, with why; kept in the source.</summary>
    internal List<(string Id, string Error)> Failed { get; } = [];

    /// <summary>Deleted from the source after verification (<c>move</c>).</summary>
    internal List<string> Deleted { get; } = [];

    internal bool DryRun => dryRun;

    /// <summary>Copies every session the source lists, reporting how many it has looked at.</summary>
    internal void Run(IReadOnlyList<string> ids, IProgress<int> progress)
    {
        var pinned = new HashSet<string>(source.Retention.ListPinned(), StringComparer.Ordinal);
        int done = 0;
        foreach (string id in ids)
        {
            CopyOne(id, pinned.Contains(id));
            progress.Report(++done);
        }
    }

    /// <summary>What happened, in one line.</summary>
    internal string Summary()
    {
        string would = dryRun ? "would be " : "";
        string text = $"{Copied.Count} session(s) {would}copied, {Skipped.Count} skipped (already at the destination), " +
            $"{Conflicts.Count} conflict(s), {Failed.Count} failed, {OtherTypes.Count} of another type not copied";
        return move && !dryRun ? text + $"; {Deleted.Count} deleted from the source after verification" : text;
    }

    private void CopyOne(string id, bool pinned)
    {
        StoredSession session;
        DateTimeOffset written;
        try
        {
            session = source.Sessions.Load(id);
            written = source.Sessions.Summarize(id).LastModified;
        }
        catch (SessionNotFoundException)
        {
            return; // Deleted since it was listed: nothing to copy.
        }
        catch (SessionCorruptException) when (_others.IsOtherType(id))
        {
            OtherTypes.Add(id);
            return;
        }
        catch (Exception ex) when (ex is SessionCorruptException or SessionSchemaVersionException)
        {
            Failed.Add((id, Errors.Describe(ex).Message));
            return;
        }

        bool? same = destination is null ? null : TableImport.SameAsStored(destination.Sessions, session);
        if (same == false && !overwrite)
        {
            Conflicts.Add(id);
            return;
        }

        if (dryRun)
        {
            (same == true ? Skipped : Copied).Add(id);
            return;
        }

        ToolStore target = destination!;
        if (same == true)
        {
            Skipped.Add(id);
        }
        else if (!Write(target, session, written, replace: same == false))
        {
            return;
        }

        if (pinned)
        {
            _ = target.Retention.Pin(id);
        }

        if (move)
        {
            _ = source.Sessions.Delete(id);
            if (pinned)
            {
                _ = source.Retention.Unpin(id);
            }

            Deleted.Add(id);
        }
    }

    /// <summary>Writes <paramref name="session"/> and loads it back: whether it landed as it is in the source.</summary>
    private bool Write(ToolStore target, StoredSession session, DateTimeOffset written, bool replace)
    {
        string id = session.SessionId;
        clock.At = written;
        try
        {
            if (replace)
            {
                _ = target.Sessions.Save(session);
            }
            else
            {
                // Never over a session that appeared meanwhile (another copy, a writer): that is a conflict too.
                _ = target.Sessions.SaveIfMatch(session, expectedETag: null);
            }
        }
        catch (SessionConflictException)
        {
            Conflicts.Add(id);
            return false;
        }
        catch (SessionTooLargeException ex)
        {
            Failed.Add((id, $"session '{id}' is {ex.SizeBytes} bytes, over the destination's limit of {ex.MaxSessionBytes}"));
            return false;
        }
        finally
        {
            clock.At = null;
        }

        if (target.DirectoryStore is { } directory)
        {
            File.SetLastWriteTimeUtc(Path.Join(directory.DirectoryPath, id + ".json"), written.UtcDateTime);
        }

        StoredSession? landed;
        try
        {
            landed = target.Sessions.TryLoad(id, out StoredSession? back) ? back : null;
        }
        catch (SessionCorruptException ex)
        {
            Failed.Add((id, $"the copy of '{id}' reads back as corrupt ({Errors.Plain(ex.Reason)}); the source was kept"));
            return false;
        }

        if (landed != session)
        {
            Failed.Add((id, $"the copy of '{id}' read back from the destination differs from the source; the source was kept"));
            return false;
        }

        Copied.Add(id);
        return true;
    }
}

/// <summary>The destination's clock: the source's last write time while a copy is written, else now.</summary>
internal sealed class CopyClock : TimeProvider
{
    internal DateTimeOffset? At { get; set; }

    public override DateTimeOffset GetUtcNow() => At ?? System.GetUtcNow();
}
