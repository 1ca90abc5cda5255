using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Agents.Tests.Serialization;

public sealed class ContentRoundTripTests
{
    public static TheoryData<int, string> ContentTypes()
    {
        var data = new TheoryData<int, string>();
        int index = 0;
        foreach (AIContent content in ShippedContents.All())
        {
            data.Add(index++, content.GetType().Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ContentTypes))]
    public void Every_shipped_content_comes_back_from_a_directory_store_as_written(int index, string typeName)
    {
        AIContent content = ShippedContents.All().ElementAt(index);
        Assert.Equal(typeName, content.GetType().Name);
        var conversation = new ChatConversation("c-" + typeName) { Messages = [new ChatMessage(ChatRole.Assistant, [content]) { AdditionalProperties = new() { ["k"] = "v" } }] };
        using var temp = new TempDirectory();
        var store = AgentStores.Conversations(temp.Combine("chats"), new FileSessionStoreOptions { Durable = false });

        store.Save(conversation);
        ChatConversation loaded = store.Load(conversation.Id);

        AIContent back = Assert.Single(Assert.Single(loaded.Messages).Contents);
        Assert.IsType(content.GetType(), back);
        Assert.Equal(Json(conversation), Json(loaded));
        Assert.Equal("v", Assert.Single(loaded.Messages).AdditionalProperties!["k"]?.ToString());
    }

    [Fact]
    public void Typed_fields_survive_the_round_trip()
    {
        ChatConversation loaded = RoundTrip(ShippedContents.Conversation("typed"));
        AIContent[] contents = loaded.Messages.SelectMany(m => m.Contents).ToArray();

        var call = contents.OfType<FunctionCallContent>().Single();
        Assert.Equal(("call-1", "get_weather", "Oslo"), (call.CallId, call.Name, call.Arguments!["city"]!.ToString()));
        Assert.Equal("12 °C and clear", contents.OfType<FunctionResultContent>().Single().Result?.ToString());
        Assert.Equal(new byte[] { 0, 1, 2, 250, 255 }, contents.OfType<DataContent>().First().Data.ToArray());
        Assert.Equal("image/png", contents.OfType<UriContent>().First().MediaType);
        UsageDetails usage = contents.OfType<UsageContent>().Single().Details;
        Assert.Equal((120L, 30L, 100L, 7L, 4L), (usage.InputTokenCount, usage.OutputTokenCount, usage.CachedInputTokenCount, usage.ReasoningTokenCount, usage.AdditionalCounts!["audio_seconds"]));
        Assert.Equal("opaque-signature", contents.OfType<TextReasoningContent>().Single().ProtectedData);
        Assert.Equal(("429", "retry after 2 s"), (contents.OfType<ErrorContent>().Single().ErrorCode, contents.OfType<ErrorContent>().Single().Details));
        Assert.Equal("get_weather", Assert.IsType<FunctionCallContent>(contents.OfType<ToolApprovalRequestContent>().Single().ToolCall).Name);
        Assert.Equal(new ChatRole("critic"), loaded.Messages[^1].Role);
        Assert.Equal(("agent", "m-0"), (loaded.Messages[0].AuthorName, loaded.Messages[0].MessageId));
        Assert.Equal(0.5, ((JsonElement)loaded.Messages[0].Contents[0].AdditionalProperties!["score"]!).GetDouble());
        Assert.Equal((1L, 2L, 3L), (loaded.Usage!.InputTokenCount, loaded.Usage.OutputTokenCount, loaded.Usage.TotalTokenCount));
        Assert.Equal("acme", loaded.AdditionalProperties!["tenant"]?.ToString());
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 6, TimeSpan.Zero), loaded.UpdatedAt);
    }

    [Fact]
    public void Reordered_properties_as_jsonb_stores_them_still_read_back()
    {
        // PostgreSQL's jsonb sorts keys by length, then bytes: "$type" no longer comes first.
        ChatConversation conversation = ShippedContents.Conversation("jsonb");
        JsonNode reordered = JsonbOrder(JsonNode.Parse(Json(conversation))!);
        Assert.Contains("{\"text\":\"hello", reordered.ToJsonString(), StringComparison.Ordinal);

        ChatConversation back = reordered.Deserialize(AgentJson.ChatConversation)!;

        // Dictionaries (additional properties) keep jsonb's order: equal as JSON, not as text.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Json(conversation)), JsonNode.Parse(Json(back))), Json(back));
    }

    [Fact]
    public void The_samples_cover_every_content_type_MEAI_declares()
    {
        var declared = new HashSet<Type>();
        var pending = new Queue<Type>([typeof(AIContent)]);
        while (pending.TryDequeue(out Type? type))
        {
            foreach (JsonDerivedTypeAttribute derived in type.GetCustomAttributes<JsonDerivedTypeAttribute>(inherit: false))
            {
                if (declared.Add(derived.DerivedType))
                {
                    pending.Enqueue(derived.DerivedType);
                }
            }
        }

        // InputRequestContent and InputResponseContent have no public constructor: only their approval subtypes exist.
        Type[] constructible = [.. declared.Where(t => t.GetConstructors().Length > 0)];
        Assert.True(constructible.Length >= 20, $"only {constructible.Length} declared content types found");
        Assert.Empty(constructible.Except(ShippedContents.All().Select(c => c.GetType())).Select(t => t.Name));
    }

    internal static string Json(ChatConversation conversation) => JsonSerializer.Serialize(conversation, AgentJson.ChatConversation);

    private static ChatConversation RoundTrip(ChatConversation conversation)
    {
        using var temp = new TempDirectory();
        var store = AgentStores.Conversations(temp.Combine("chats"), new FileSessionStoreOptions { Durable = false });
        store.Save(conversation);
        return store.Load(conversation.Id);
    }

    private static JsonNode JsonbOrder(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                var sorted = new JsonObject();
                foreach ((string name, JsonNode? value) in obj.OrderBy(p => p.Key.Length).ThenBy(p => p.Key, StringComparer.Ordinal).ToList())
                {
                    obj.Remove(name);
                    sorted[name] = value is null ? null : JsonbOrder(value);
                }

                return sorted;
            case JsonArray array:
                var items = array.ToList();
                array.Clear();
                var copy = new JsonArray();
                foreach (JsonNode? item in items)
                {
                    copy.Add(item is null ? null : JsonbOrder(item));
                }

                return copy;
            default:
                return node;
        }
    }
}
