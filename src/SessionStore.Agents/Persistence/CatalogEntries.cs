using Microsoft.Agents.AI;

namespace SessionStore.Agents.Persistence;

/// <summary>
/// What an agent session store keeps in its store's catalog (<see cref="ISessionCatalog"/>) for a host's picker: the
/// owner (a partition of the key), the agent, and the conversation's title once it has one. Written only when
/// something changed, so a save costs one metadata read more once they are known.
/// </summary>
internal static class CatalogEntries
{
    /// <summary>The owner a session's key names; checked before the session is saved, so a save never fails after it was written.</summary>
    /// <exception cref="ArgumentException">The owner or agent name is not one a catalog can keep (control characters, too long).</exception>
    internal static string? OwnerOf(AgentSessionStoreKey key, string? agentName, SessionStoreAgentSessionStoreOptions options)
    {
        string? owner = options.OwnerPartition is { } partition && key.Partitions?.TryGetValue(partition, out string? value) == true ? value : null;
        new SessionMetadataChange { Owner = owner, Agent = agentName }.Validate();
        return owner;
    }

    internal static async ValueTask KeepAsync(
        ISessionCatalog catalog, string id, string? owner, string? agentName, SessionStoreAgentSessionStoreOptions options, string? conversationId, CancellationToken cancellationToken)
    {
        SessionMetadata? current = await catalog.GetMetadataAsync(id, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return;
        }

        string? title = null;
        if (!current.HasCustomTitle && options.Transcripts is { } transcripts && conversationId is not null)
        {
            title = (await HistoryReader.ReadMembersAsync(transcripts, conversationId, cancellationToken).ConfigureAwait(false))?.Title;
        }

        var change = new SessionMetadataChange
        {
            Owner = owner == current.Owner ? null : owner ?? "",
            Agent = agentName == current.Agent ? null : agentName ?? "",
            Title = title is { Length: > 0 } && title != current.Title ? Fit(title) : null,
        };
        if (change.Owner is not null || change.Agent is not null || change.Title is not null)
        {
            _ = await catalog.UpdateMetadataAsync(id, change, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A conversation's title as a catalog keeps it: control characters (which a title may not hold) as spaces.</summary>
    private static string Fit(string title) => string.Create(title.Length, title, static (span, t) =>
    {
        for (int i = 0; i < t.Length; i++)
        {
            span[i] = char.IsControl(t[i]) ? ' ' : t[i];
        }
    });
}
