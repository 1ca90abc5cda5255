using Microsoft.Agents.AI;
using SessionStore.Agents;
using SessionStore.Samples.Agent;

namespace SessionStore.Samples.AgentHost;

/// <summary>
/// The host's agent and what it does for one user: the sessions are keyed by the conversation id with the user in a
/// partition, so a user lists, resumes and deletes only their own, and the ids may be any text.
/// </summary>
internal sealed class ConversationHost
{
    private const string UserPartition = "user";

    private readonly ChatClientAgent _agent;
    private readonly SessionStoreChatHistoryProvider _history;
    private readonly SessionStoreAgentSessionStore _sessions;

    public ConversationHost(HostStores stores)
    {
        _history = stores.Conversations.AsChatHistoryProvider();
        _agent = new ChatClientAgent(new EchoChatClient(), new ChatClientAgentOptions { Name = "helper", ChatHistoryProvider = _history });
        _sessions = stores.AgentSessions.AsAgentSessionStore(new SessionStoreAgentSessionStoreOptions { Transcripts = stores.Conversations, OwnerPartition = UserPartition });
    }

    /// <summary>The user's conversations, most recent first: a page of them when the store has a catalog (O(page)), else all.</summary>
    public async Task<List<ConversationItem>> ListAsync(string user, CancellationToken cancellationToken)
    {
        var items = new List<ConversationItem>();
        string? token = null;
        do
        {
            AgentConversationPage page = await _sessions.ListConversationPageAsync(
                new AgentConversationQuery { Owner = user, Agent = _agent, PageSize = 100, PageToken = token }, cancellationToken);
            items.AddRange(page.Conversations.Select(static s => new ConversationItem(s.Key.SessionId, s.Title, s.MessageCount, s.UpdatedAt)));
            token = page.NextPageToken;
        }
        while (token is not null);

        return items;
    }

    /// <summary>One turn: the conversation is resumed (or started), the agent answers, and the session is saved.</summary>
    /// <returns>200 with the reply; 400 without text; 409 when another request saved this conversation meanwhile (send it again).</returns>
    public async Task<IResult> SendAsync(string user, string id, TurnRequest turn, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(turn.Text))
        {
            return TypedResults.BadRequest("text is required");
        }

        AgentSessionStoreKey key = KeyOf(user, id);
        AgentSession session = await _sessions.GetOrCreateSessionAsync(_agent, key, cancellationToken);
        var response = await _agent.RunAsync(turn.Text, session, cancellationToken: cancellationToken);
        try
        {
            await _sessions.SaveSessionAsync(_agent, key, session, cancellationToken);
        }
        catch (SessionConflictException)
        {
            return TypedResults.Conflict("the conversation changed meanwhile; send the message again");
        }

        return TypedResults.Ok(new TurnReply(response.Text));
    }

    /// <summary>The conversation's messages; 404 when the user has no conversation of that id.</summary>
    public async Task<IResult> ReadAsync(string user, string id, CancellationToken cancellationToken)
    {
        if (await _sessions.GetSessionAsync(_agent, KeyOf(user, id), cancellationToken) is not { } session)
        {
            return TypedResults.NotFound();
        }

        IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> messages = await _history.GetMessagesAsync(session, cancellationToken);
        return TypedResults.Ok(messages.Select(static m => new MessageItem(m.Role.Value, m.Text)).ToList());
    }

    /// <summary>Deletes the session and its transcript; 404 when the user has no conversation of that id.</summary>
    public async Task<IResult> DeleteAsync(string user, string id, CancellationToken cancellationToken)
    {
        AgentSessionStoreKey key = KeyOf(user, id);
        if (await _sessions.GetSessionAsync(_agent, key, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        await _sessions.DeleteSessionAsync(_agent, key, cancellationToken);
        return TypedResults.NoContent();
    }

    private static AgentSessionStoreKey KeyOf(string user, string id) => new(id, new Dictionary<string, string> { [UserPartition] = user });
}
