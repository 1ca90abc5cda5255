using System.Text.Json.Nodes;
using SessionStore.Agents.Tests.TestSupport;
using SessionStore.Agents.Worker;

namespace SessionStore.Agents.Tests.Serialization;

public sealed class PostgresRoundTripTests
{
    [SkippableFact]
    public void Every_shipped_content_comes_back_from_a_jsonb_table()
    {
        PostgresServer.SkipIfUnavailable();
        string prefix = PostgresServer.NewPrefix();
        using var backend = new Backend("pg:" + prefix);
        try
        {
            ChatConversation conversation = ShippedContents.Conversation("every-content");

            backend.Conversations.Save(conversation);
            ChatConversation loaded = backend.Conversations.Load(conversation.Id);

            Assert.True(
                JsonNode.DeepEquals(JsonNode.Parse(ContentRoundTripTests.Json(conversation)), JsonNode.Parse(ContentRoundTripTests.Json(loaded))),
                ContentRoundTripTests.Json(loaded));
            Assert.Equal(conversation.Messages.Select(m => m.Contents[0].GetType()), loaded.Messages.Select(m => m.Contents[0].GetType()));
        }
        finally
        {
            backend.DropTables(prefix);
        }
    }
}
