using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SessionStore.Tool.Cli;
using SessionStore.Tool.Serve.Api;

namespace SessionStore.Tool.Serve;

/// <summary>
/// What the viewer reads and writes, through the library's interfaces only: the list through the store's
/// <see cref="ISessionCatalog"/> when it has one (filters, full-text search, keyset pages), and otherwise through
/// <see cref="ISessionPaging.ListPageAsync"/> (most recent first, keyset pages) with each row's summary and the title
/// <see cref="SessionText"/> reads; one session as stored; a version to follow it by; pins, the trash and metadata.
/// </summary>
internal sealed class ViewerData(ToolStore store)
{
    internal const int DefaultPageSize = 50;

    internal const int MaxPageSize = 200;

    private readonly ISessionCatalog? _catalog = store.Catalog;

    internal bool HasCatalog => _catalog is not null;

    internal string Backend => store.DirectoryStore is null ? "PostgreSQL table " + store.Location["postgres:".Length..] : "store directory";

    /// <summary>Why search and filters are off, or null when they are on.</summary>
    internal string? SearchDisabled => _catalog is not null
        ? null
        : "search and filters need the store's catalog (its index), and this store has none: the list shows every session, most recently written first";

    /// <summary>One page of the list: the catalog's query or search, or the store's own pages.</summary>
    /// <exception cref="ArgumentException">A filter or token the catalog refuses (said in plain words).</exception>
    internal async Task<ViewerListPage> ListAsync(ViewerListRequest request, CancellationToken cancellationToken)
    {
        var pinned = new HashSet<string>(await store.Retention.ListPinnedAsync(cancellationToken), StringComparer.Ordinal);
        if (_catalog is { } catalog)
        {
            var query = new SessionQuery
            {
                Tags = request.Tags,
                Owner = request.Owner,
                Agent = request.Agent,
                UpdatedSince = request.UpdatedSince,
                PageSize = request.PageSize,
                PageToken = request.PageToken,
            };
            if (request.Search is { Length: > 0 } text)
            {
                SessionSearchPage hits = await catalog.SearchAsync(text, query, cancellationToken);
                return new ViewerListPage(
                    [.. hits.Hits.Select(hit => Row(hit.Session, pinned) with
                    {
                        Snippet = hit.Snippet,
                        Highlights = [.. hit.Highlights.Select(h => new ViewerHighlight(h.Start, h.Length))],
                        ItemIndex = hit.ItemIndex,
                    })],
                    hits.NextPageToken);
            }

            SessionQueryPage page = await catalog.QueryAsync(query, cancellationToken);
            return new ViewerListPage([.. page.Sessions.Select(m => Row(m, pinned))], page.NextPageToken);
        }

        if (store.Sessions is not ISessionPaging paging)
        {
            throw new InvalidOperationException("this store lists no pages");
        }

        SessionPage ids = await paging.ListPageAsync(SessionOrder.Recent, request.PageSize, request.PageToken, cancellationToken);
        var rows = new List<ViewerRow>(ids.Ids.Count);
        foreach (string id in ids.Ids)
        {
            if (await RowAsync(id, pinned, cancellationToken) is { } row)
            {
                rows.Add(row);
            }
        }

        return new ViewerListPage(rows, ids.NextPageToken);
    }

    /// <summary>One session as stored: a reference session in the reference format, a session of another type (an agent's conversation) as its JSON.</summary>
    internal async Task<ViewerSession> LoadAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            StoredSession session = await store.Sessions.LoadAsync(id, cancellationToken);
            SessionSummary summary = await store.Sessions.SummarizeAsync(id, cancellationToken);
            return new ViewerSession(id, Reference: true, JsonSerializer.SerializeToUtf8Bytes(session, SessionJson.StoredSession), summary);
        }
        catch (SessionCorruptException)
        {
            // Another session type wrote it, or it is damaged: the library's store of any type says which (and throws for damage).
            (JsonElement document, SessionSummary summary) = store.OtherTypes.Read(id) ?? throw store.NotFound(id);
            return new ViewerSession(id, Reference: false, Encoding.UTF8.GetBytes(document.GetRawText()), summary);
        }
    }

    /// <summary>The session and what the page shows above it, as one JSON object whose <c>document</c> is the session as stored.</summary>
    internal async Task<byte[]> SessionJsonAsync(string id, CancellationToken cancellationToken)
    {
        ViewerSession session = await LoadAsync(id, cancellationToken);
        SessionMetadata? metadata = _catalog is null ? null : await _catalog.GetMetadataAsync(id, cancellationToken);
        bool pinned = (await store.Retention.ListPinnedAsync(cancellationToken)).Contains(id, StringComparer.Ordinal);
        var buffer = new ArrayBufferWriter<byte>(session.Document.Length + 512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("kind", session.Reference ? "reference" : "other");
            writer.WriteString("title", metadata?.Title ?? TitleOf(session.Document));
            writer.WriteNumber("messages", session.Summary.MessageCount);
            writer.WriteNumber("inputTokens", session.Summary.InputTokens);
            writer.WriteNumber("outputTokens", session.Summary.OutputTokens);
            writer.WriteNumber("size", session.Summary.SizeBytes);
            writer.WriteString("updated", session.Summary.LastModified);
            writer.WriteBoolean("pinned", pinned);
            writer.WriteString("version", await VersionAsync(id, cancellationToken));
            writer.WriteStartArray("tags");
            foreach (string tag in metadata?.Tags ?? [])
            {
                writer.WriteStringValue(tag);
            }

            writer.WriteEndArray();
            writer.WriteString("owner", metadata?.Owner);
            writer.WriteString("agent", metadata?.Agent);
            writer.WritePropertyName("document");
            writer.WriteRawValue(session.Document, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// What changes whenever the session is written: a directory session's file size and write time (one stat, no
    /// read), a table row's summary. "gone" once it is deleted.
    /// </summary>
    internal async Task<string> VersionAsync(string id, CancellationToken cancellationToken)
    {
        if (store.DirectoryStore is { } directory)
        {
            var file = new FileInfo(Path.Join(directory.DirectoryPath, id + ".json"));
            return file.Exists ? string.Create(CultureInfo.InvariantCulture, $"{file.Length}-{file.LastWriteTimeUtc.Ticks}") : "gone";
        }

        try
        {
            SessionSummary summary = await store.Sessions.SummarizeAsync(id, cancellationToken);
            return string.Create(CultureInfo.InvariantCulture, $"{summary.SizeBytes}-{summary.LastModified.UtcTicks}-{summary.MessageCount}");
        }
        catch (SessionNotFoundException)
        {
            return "gone";
        }
    }

    internal async Task<List<ViewerTrashRow>> TrashAsync(CancellationToken cancellationToken) =>
        [.. (await store.Retention.ListTrashAsync(cancellationToken))
            .OrderByDescending(t => t.TrashedAt)
            .Select(t => new ViewerTrashRow(t.SessionId, t.TrashedAt, t.LastModified, t.SizeBytes))];

    internal async Task<string> PinAsync(string id, bool pin, CancellationToken cancellationToken)
    {
        if (!await store.Sessions.ExistsAsync(id, cancellationToken))
        {
            throw store.NotFound(id);
        }

        bool changed = pin ? await store.Retention.PinAsync(id, cancellationToken) : await store.Retention.UnpinAsync(id, cancellationToken);
        return (pin, changed) switch
        {
            (true, true) => "pinned",
            (true, false) => "was pinned already",
            (false, true) => "unpinned",
            (false, false) => "was not pinned",
        };
    }

    internal async Task<string> MoveToTrashAsync(string id, CancellationToken cancellationToken) =>
        await store.Retention.MoveToTrashAsync(id, cancellationToken) ? "moved to the trash" : throw store.NotFound(id);

    internal async Task<string> RestoreAsync(string id, CancellationToken cancellationToken)
    {
        await store.Retention.RestoreAsync(id, cancellationToken);
        return "restored";
    }

    /// <summary>Title and tags, through the catalog (O(1): the transcript is not rewritten).</summary>
    /// <exception cref="ArgumentException">The change breaks a rule of <see cref="SessionMetadataChange.Validate"/>.</exception>
    internal async Task<string> UpdateMetadataAsync(string id, ViewerMetadataChange change, CancellationToken cancellationToken)
    {
        ISessionCatalog catalog = _catalog ?? throw new NotSupportedException("this store has no catalog: titles and tags cannot be changed here");
        var metadataChange = new SessionMetadataChange
        {
            Title = change.Title,
            AddTags = change.AddTags ?? [],
            RemoveTags = change.RemoveTags ?? [],
        };
        metadataChange.Validate();
        await catalog.UpdateMetadataAsync(id, metadataChange, cancellationToken);
        return "saved";
    }

    private static ViewerRow Row(SessionMetadata m, HashSet<string> pinned) => new()
    {
        Id = m.SessionId,
        Title = m.Title,
        Tags = m.Tags,
        Owner = m.Owner,
        Agent = m.Agent,
        Messages = m.ItemCount,
        InputTokens = m.InputTokens,
        OutputTokens = m.OutputTokens,
        Size = m.SizeBytes,
        Updated = m.UpdatedAt,
        Pinned = pinned.Contains(m.SessionId),
    };

    /// <summary>A row without a catalog: the session read, its summary and derived title; a session that cannot be read is listed with its problem.</summary>
    private async Task<ViewerRow?> RowAsync(string id, HashSet<string> pinned, CancellationToken cancellationToken)
    {
        try
        {
            ViewerSession session = await LoadAsync(id, cancellationToken);
            SessionSummary s = session.Summary;
            return new ViewerRow
            {
                Id = id,
                Title = TitleOf(session.Document),
                Messages = s.MessageCount,
                InputTokens = s.InputTokens,
                OutputTokens = s.OutputTokens,
                Size = s.SizeBytes,
                Updated = s.LastModified,
                Pinned = pinned.Contains(id),
            };
        }
        catch (SessionNotFoundException)
        {
            return null; // deleted since the page was listed: gone, not hidden
        }
        catch (Exception ex) when (ex is SessionCorruptException or SessionSchemaVersionException or SessionStorageException)
        {
            return new ViewerRow { Id = id, Pinned = pinned.Contains(id), Problem = ViewerFailures.Describe(ex).Message };
        }
    }

    private static string TitleOf(byte[] document)
    {
        try
        {
            SessionTextContent text = SessionText.Read(document);
            return text.StoredTitle ?? text.DerivedTitle;
        }
        catch (ArgumentException)
        {
            return ""; // not an object (a typed session of a scalar shape): no title
        }
    }
}
