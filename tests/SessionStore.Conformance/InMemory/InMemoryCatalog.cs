using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SessionStore.Conformance.InMemory;

/// <summary>
/// The in-memory backend's catalog, written from <see cref="ISessionCatalog"/>'s documentation only: metadata per
/// session, queries by scanning and sorting (O(store), which memory affords), keyset tokens of the last key read, and
/// search by words matched at the start of the item's words. Not thread-safe: the store calls it under its lock.
/// </summary>
internal sealed partial class InMemoryCatalog
{
    private readonly Dictionary<string, (SessionMetadata Metadata, SessionItemText[] Items, string DerivedTitle)> _entries = new(StringComparer.Ordinal);

    internal void Written(StoredSession session, bool rebuilt = false)
    {
        SessionItemText[] items = [.. session.Messages.Select((m, i) => new SessionItemText(i, null, m))];
        string derived = SessionText.DeriveTitle(items);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        SessionMetadata metadata = _entries.TryGetValue(session.SessionId, out var entry)
            ? entry.Metadata with { Title = entry.Metadata.HasCustomTitle ? entry.Metadata.Title : derived }
            : new SessionMetadata { SessionId = session.SessionId, Title = derived, CreatedAt = now };
        _entries[session.SessionId] = (metadata with
        {
            UpdatedAt = rebuilt ? metadata.UpdatedAt : now, ItemCount = items.Length, InputTokens = session.InputTokens, OutputTokens = session.OutputTokens,
            SizeBytes = 64 + session.Messages.Sum(m => Encoding.UTF8.GetByteCount(m) + 4),
        }, items, derived);
    }

    internal void Deleted(string id) => _entries.Remove(id);

    internal SessionMetadata? Get(string id) => _entries.TryGetValue(id, out var entry) ? entry.Metadata : null;

    internal SessionMetadata Update(string id, SessionMetadataChange change, SessionLocation location)
    {
        if (!_entries.TryGetValue(id, out var entry))
        {
            throw new SessionNotFoundException(id, location);
        }

        SessionMetadata next = change.ApplyTo(entry.Metadata, entry.DerivedTitle);
        _entries[id] = entry with { Metadata = next };
        return next;
    }

    internal SessionQueryPage Query(SessionQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        (string Key, string Id)? after = ReadToken(query.PageToken, query.Order.ToString());
        List<SessionMetadata> matches = [.. _entries.Values.Select(e => e.Metadata).Where(m => Matches(m, query)).OrderBy(m => (KeyOf(m, query.Order), m.SessionId), KeyOrder)];
        List<SessionMetadata> rest = after is null ? matches : [.. matches.Where(m => KeyOrder.Compare((KeyOf(m, query.Order), m.SessionId), after.Value) > 0)];
        List<SessionMetadata> page = [.. rest.Take(query.PageSize)];
        string? next = rest.Count > page.Count ? Token(query.Order.ToString(), KeyOf(page[^1], query.Order), page[^1].SessionId) : null;
        return new SessionQueryPage(page, next);
    }

    internal SessionSearchPage Search(string text, SessionQuery? query)
    {
        query ??= new SessionQuery();
        query.Validate();
        IReadOnlyList<IReadOnlyList<string>> terms = SessionSearchTerms.Parse(text);
        (string Key, string Id)? after = ReadToken(query.PageToken, "search");
        var hits = new List<SessionSearchHit>();
        foreach (var entry in _entries.Values.Where(e => Matches(e.Metadata, query)))
        {
            IEnumerable<SessionItemText> texts = entry.Items.Prepend(new SessionItemText(-1, null, entry.Metadata.Title));
            var scored = texts.Select(t => (Item: t, Score: Score(t.Text, terms))).Where(s => s.Score > 0).OrderByDescending(s => s.Score).ThenBy(s => s.Item.Index).ToList();
            if (scored.Count > 0)
            {
                (SessionItemText best, int score) = scored[0];
                (string snippet, IReadOnlyList<SnippetHighlight> highlights) = Snippet(best.Text, terms);
                hits.Add(new SessionSearchHit(entry.Metadata, scored.Sum(s => s.Score), snippet, highlights, best.Index));
            }
        }

        List<SessionSearchHit> ordered = [.. hits.OrderBy(h => (RankKey(h.Rank), h.Session.SessionId), KeyOrder)];
        List<SessionSearchHit> rest = after is null ? ordered : [.. ordered.Where(h => KeyOrder.Compare((RankKey(h.Rank), h.Session.SessionId), after.Value) > 0)];
        List<SessionSearchHit> page = [.. rest.Take(query.PageSize)];
        string? next = rest.Count > page.Count ? Token("search", RankKey(page[^1].Rank), page[^1].Session.SessionId) : null;
        return new SessionSearchPage(page, next);
    }

    internal int Count => _entries.Count;

    private static readonly Comparer<(string Key, string Id)> KeyOrder = Comparer<(string Key, string Id)>.Create((a, b) =>
        string.CompareOrdinal(a.Key, b.Key) is int c && c != 0 ? c : string.CompareOrdinal(a.Id, b.Id));

    private static string KeyOf(SessionMetadata m, SessionQueryOrder order) => order switch
    {
        // Descending times as ascending strings: the complement of the ticks, zero-padded.
        SessionQueryOrder.Recent => (long.MaxValue - m.UpdatedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture),
        SessionQueryOrder.Created => (long.MaxValue - m.CreatedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture),
        SessionQueryOrder.Title => m.Title.ToUpperInvariant(),
        _ => "",
    };

    private static string RankKey(double rank) => (1_000_000_000L - (long)rank).ToString("D19", CultureInfo.InvariantCulture);

    private static bool Matches(SessionMetadata m, SessionQuery q) =>
        q.Tags.All(m.Tags.Contains)
        && (q.Owner is null || m.Owner == q.Owner)
        && (q.Agent is null || m.Agent == q.Agent)
        && (q.UpdatedSince is null || m.UpdatedAt >= q.UpdatedSince)
        && (q.UpdatedBefore is null || m.UpdatedAt < q.UpdatedBefore)
        && (q.CreatedSince is null || m.CreatedAt >= q.CreatedSince)
        && (q.CreatedBefore is null || m.CreatedAt < q.CreatedBefore)
        && (q.TitlePrefix is null || m.Title.StartsWith(q.TitlePrefix, StringComparison.OrdinalIgnoreCase))
        && (q.TitleContains is null || m.Title.Contains(q.TitleContains, StringComparison.OrdinalIgnoreCase));

    /// <summary>How many of the item's words the terms match, when every term matches; else 0.</summary>
    private static int Score(string text, IReadOnlyList<IReadOnlyList<string>> terms)
    {
        List<Match> words = Word().Matches(text).ToList();
        int score = 0;
        foreach (IReadOnlyList<string> term in terms)
        {
            int found = Enumerable.Range(0, Math.Max(0, words.Count - term.Count + 1)).Count(i => PhraseAt(words, i, term));
            if (found == 0)
            {
                return 0;
            }

            score += found;
        }

        return score;
    }

    private static bool PhraseAt(List<Match> words, int at, IReadOnlyList<string> term) =>
        term.Select((w, k) => term.Count == 1 || k == term.Count - 1
            ? words[at + k].Value.StartsWith(w, StringComparison.OrdinalIgnoreCase)
            : words[at + k].Value.Equals(w, StringComparison.OrdinalIgnoreCase)).All(b => b);

    private static (string, IReadOnlyList<SnippetHighlight>) Snippet(string text, IReadOnlyList<IReadOnlyList<string>> terms)
    {
        List<Match> words = Word().Matches(text).ToList();
        var marked = words.Where((w, i) => terms.Any(t => t.Any(x => w.Value.StartsWith(x, StringComparison.OrdinalIgnoreCase)))).ToList();
        int start = Math.Max(0, marked[0].Index - 40);
        int end = Math.Min(text.Length, marked[0].Index + 80);
        string snippet = text[start..end];
        return (snippet, [.. marked.Where(m => m.Index >= start && m.Index + m.Length <= end).Select(m => new SnippetHighlight(m.Index - start, m.Length))]);
    }

    private static string Token(string kind, string key, string id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(kind + "\u001f" + key + "\u001f" + id));

    private static (string Key, string Id)? ReadToken(string? token, string kind)
    {
        if (token is null)
        {
            return null;
        }

        try
        {
            string[] parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('\u001f');
            return parts.Length == 3 && parts[0] == kind ? (parts[1], parts[2]) : throw new ArgumentException("not a page token of this query", nameof(token));
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("not a page token", nameof(token), ex);
        }
    }

    [GeneratedRegex(@"[\p{L}\p{N}\p{Mn}\p{Mc}]+")]
    private static partial Regex Word();
}
