using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using SessionStore.Agents.Tests.TestSupport;
using SessionStore.Agents.Worker;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Agents.Tests.Agents;

/// <summary>A host lists a user's conversations with their titles, most recent first, and resumes or deletes one; on both backends.</summary>
public sealed class ConversationListingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public static TheoryData<string> Backends => ["dir", "pg"];

    public void Dispose() => _temp.Dispose();

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public async Task A_users_conversations_are_listed_with_titles_most_recent_first(string backend)
    {
        await BackendRun.RunAsync(backend, _temp, async stores =>
        {
            var clock = new ManualClock(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
            ChatClientAgent agent = new(new ScriptedChatClient(), new ChatClientAgentOptions
            {
                Name = "helper",
                ChatHistoryProvider = stores.Conversations.AsChatHistoryProvider(new SessionStoreChatHistoryProviderOptions { TimeProvider = clock }),
            });
            var sessions = new SessionStoreAgentSessionStore(stores.AgentSessions, new SessionStoreAgentSessionStoreOptions { Transcripts = stores.Conversations, TimeProvider = clock });
            string longQuestion = "Why does the invoice total differ from the order total " + new string('?', 120) + "\nsecond line";
            (string User, string Id, string First)[] conversations =
            [
                ("alice", "a1", "Plan a trip to Oslo\nwith details"),
                ("bob", "b1", "Bob's question"),
                ("alice", "a2", longQuestion),
                ("alice", "a3", "🙂" + new string('x', 97) + "🙂 tail"),   // the 100-character cut falls inside the second emoji
            ];
            foreach ((string user, string id, string first) in conversations)
            {
                var key = new AgentSessionStoreKey(id, new Dictionary<string, string> { ["user"] = user });
                AgentSession session = await sessions.GetOrCreateSessionAsync(agent, key);
                await agent.RunAsync(first, session);
                await agent.RunAsync("and then?", session);
                await sessions.SaveSessionAsync(agent, key, session);
                clock.Advance(TimeSpan.FromMinutes(1));
            }

            // Alice comes back to her first conversation: it moves to the top.
            var a1 = new AgentSessionStoreKey("a1", new Dictionary<string, string> { ["user"] = "alice" });
            AgentSession resumed = (await sessions.GetSessionAsync(agent, a1))!;
            await agent.RunAsync("one more thing", resumed);
            await sessions.SaveSessionAsync(agent, a1, resumed);

            IReadOnlyList<AgentConversationSummary> alices = await sessions.ListConversationsAsync(agent, key => key.Partitions?["user"] == "alice");

            Assert.Equal(["a1", "a3", "a2"], alices.Select(s => s.Key.SessionId));
            Assert.Equal("Plan a trip to Oslo", alices[0].Title);
            Assert.Equal(6, alices[0].MessageCount);
            Assert.Equal(longQuestion[..100] + "…", alices[2].Title);
            Assert.Equal("🙂" + new string('x', 97) + "…", alices[1].Title);
            Assert.All(alices, s => Assert.Equal("helper", s.AgentName));
            Assert.Equal(4, (await sessions.ListConversationsAsync()).Count);

            await sessions.DeleteSessionAsync(agent, a1);
            Assert.Equal(["a3", "a2"], (await sessions.ListConversationsAsync(agent, key => key.Partitions?["user"] == "alice")).Select(s => s.Key.SessionId));
        });
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public async Task A_users_conversations_come_in_pages_by_owner_and_agent(string backend)
    {
        await BackendRun.RunAsync(backend, _temp, async stores =>
        {
            var clock = new ManualClock(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero));
            ChatClientAgent Agent(string name) => new(new ScriptedChatClient(), new ChatClientAgentOptions
            {
                Name = name,
                ChatHistoryProvider = stores.Conversations.AsChatHistoryProvider(new SessionStoreChatHistoryProviderOptions { TimeProvider = clock }),
            });
            ChatClientAgent helper = Agent("helper"), planner = Agent("planner");
            var sessions = new SessionStoreAgentSessionStore(stores.AgentSessions, new SessionStoreAgentSessionStoreOptions
            {
                Transcripts = stores.Conversations, TimeProvider = clock, OwnerPartition = "user",
            });
            foreach ((ChatClientAgent agent, string user, string id) in (List<(ChatClientAgent, string, string)>)
                [(helper, "alice", "h1"), (planner, "alice", "p1"), (helper, "bob", "h2"), (helper, "alice", "h3"), (helper, "alice", "h4"), (helper, "alice@example.com/x", "h5")])
            {
                var key = new AgentSessionStoreKey(id, new Dictionary<string, string> { ["user"] = user });
                AgentSession session = await sessions.GetOrCreateSessionAsync(agent, key);
                await agent.RunAsync("Question " + id + "\nmore", session);
                await sessions.SaveSessionAsync(agent, key, session);
                clock.Advance(TimeSpan.FromMinutes(1));
            }

            var walked = new List<AgentConversationSummary>();
            string? token = null;
            int pages = 0;
            do
            {
                AgentConversationPage page = await sessions.ListConversationPageAsync(new AgentConversationQuery { Owner = "alice", Agent = helper, PageSize = 2, PageToken = token });
                Assert.InRange(page.Conversations.Count, 1, 2);
                walked.AddRange(page.Conversations);
                token = page.NextPageToken;
                pages++;
            }
            while (token is not null);

            Assert.Equal(["h4", "h3", "h1"], walked.Select(s => s.Key.SessionId));
            Assert.Equal(2, pages);
            Assert.Equal(["Question h4", "Question h3", "Question h1"], walked.Select(s => s.Title));
            Assert.All(walked, s => Assert.Equal(2, s.MessageCount));
            Assert.Equal(["p1"], (await sessions.ListConversationPageAsync(new AgentConversationQuery { Owner = "alice", Agent = planner })).Conversations.Select(s => s.Key.SessionId));
            Assert.Equal(["h5"], (await sessions.ListConversationPageAsync(new AgentConversationQuery { Owner = "alice@example.com/x" })).Conversations.Select(s => s.Key.SessionId));
            Assert.Equal(6, (await sessions.ListConversationPageAsync(new AgentConversationQuery { PageSize = 100 })).Conversations.Count);
            await Assert.ThrowsAnyAsync<ArgumentException>(async () => await sessions.ListConversationPageAsync(new AgentConversationQuery { PageToken = "not a token" }));

            var bad = new AgentSessionStoreKey("h9", new Dictionary<string, string> { ["user"] = "eve\u001b[2J" });
            AgentSession refused = await sessions.GetOrCreateSessionAsync(helper, bad);
            await Assert.ThrowsAsync<ArgumentException>(async () => await sessions.SaveSessionAsync(helper, bad, refused));
            Assert.Null(await sessions.GetSessionAsync(helper, bad));
        });
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
