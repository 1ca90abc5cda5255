using Microsoft.Extensions.AI;
using SessionStore.Agents.Tests.TestSupport;
using SessionStore.Agents.Worker;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Agents.Tests.ChatClient;

/// <summary>MEAI's conversation ids and hosts' user ids are free-form: an e-mail address or a path-like id is a conversation, on both backends.</summary>
public sealed class FreeFormConversationIdTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public static TheoryData<string> Backends => ["dir", "pg"];

    public void Dispose() => _temp.Dispose();

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public async Task A_conversation_id_that_is_not_a_session_id_is_stored_under_a_stable_one_and_kept(string backend)
    {
        if (backend == "pg")
        {
            PostgresServer.SkipIfUnavailable();
        }

        string prefix = PostgresServer.NewPrefix();
        using var stores = new Backend(backend == "dir" ? "dir:" + _temp.Combine("root") : "pg:" + prefix);
        try
        {
            var model = new ScriptedChatClient();
            using IChatClient client = new ChatClientBuilder(model).UseSessionStore(stores.Conversations).Build();
            string[] ids = ["alice@example.com", "tenant/a/chat 1", "k0123456789abcdef0123456789abcdef", "plain-id"];
            foreach (string id in ids)
            {
                var options = new ChatOptions { ConversationId = id };
                ChatResponse first = await client.GetResponseAsync("hi " + id, options);
                await client.GetResponseAsync("again", options);
                Assert.Equal(id, first.ConversationId);
                Assert.Equal(["hi " + id, "echo: hi " + id, "again"], model.Received[^1].Select(m => m.Text));
            }

            IReadOnlyList<string> stored = stores.Conversations.List();
            Assert.Equal(ids.Length, stored.Count);
            Assert.All(stored, id => Assert.True(SessionIdRules.IsValid(id)));
            Assert.Contains("plain-id", stored);
            Assert.Null(stores.Conversations.Load("plain-id").ConversationId);
            Assert.Equal(
                ids.Where(id => id != "plain-id").Order(StringComparer.Ordinal),
                stored.Select(stores.Conversations.Load).Select(c => c.ConversationId).OfType<string>().Order(StringComparer.Ordinal));
            Assert.All(stores.Conversations.List().Select(stores.Conversations.Load), c => Assert.Equal(4, c.Messages.Count));
        }
        finally
        {
            if (backend == "pg")
            {
                stores.DropTables(prefix);
            }
        }
    }
}
