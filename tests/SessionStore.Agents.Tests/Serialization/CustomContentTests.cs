using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Agents.Tests.Serialization;

public sealed class WeatherContent : AIContent
{
    public string City { get; set; } = "";

    public double Celsius { get; set; }
}

[JsonSerializable(typeof(WeatherContent))]
internal sealed partial class CustomContentJsonContext : JsonSerializerContext;

public sealed class CustomContentTests
{
    [Fact]
    public void A_custom_content_registered_the_MEAI_way_round_trips_through_a_store()
    {
        var json = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions);
        json.TypeInfoResolverChain.Add(CustomContentJsonContext.Default);
        json.AddAIContentType<WeatherContent>("weather");
        using var temp = new TempDirectory();
        var store = AgentStores.Conversations(temp.Combine("chats"), new FileSessionStoreOptions { Durable = false }, json);

        store.Save(new ChatConversation("custom") { Messages = [new ChatMessage(ChatRole.Tool, [new WeatherContent { City = "Oslo", Celsius = -3.5 }, new TextContent("and text")])] });
        ChatConversation loaded = store.Load("custom");

        var weather = Assert.IsType<WeatherContent>(loaded.Messages[0].Contents[0]);
        Assert.Equal(("Oslo", -3.5), (weather.City, weather.Celsius));
        Assert.Equal("and text", Assert.IsType<TextContent>(loaded.Messages[0].Contents[1]).Text);
        Assert.Contains("\"$type\":\"weather\"", File.ReadAllText(temp.Combine("chats", "custom.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unregistered_custom_content_is_refused_before_anything_is_written()
    {
        using var temp = new TempDirectory();
        var store = AgentStores.Conversations(temp.Combine("chats"), new FileSessionStoreOptions { Durable = false });

        Assert.ThrowsAny<ArgumentException>(() => store.Save(new ChatConversation("custom") { Messages = [new ChatMessage(ChatRole.Tool, [new WeatherContent()])] }));

        Assert.False(store.Exists("custom"));
    }
}
