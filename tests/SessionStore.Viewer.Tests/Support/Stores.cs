using Microsoft.Extensions.AI;
using SessionStore.Agents;

namespace SessionStore.Viewer.Tests.Support;

/// <summary>Real stores written through the library and the Agents package (never by hand), in a temp directory removed when disposed.</summary>
public sealed class Stores : IDisposable
{
    private static readonly FileSessionStoreOptions Fast = new() { Durable = false };

    /// <summary>A 24x24 PNG (a colour gradient).</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAABgAAAAYCAIAAABvFaqvAAADnUlEQVR42hXUqxpFERSF0Z1lWZZlWZZlWZZlWZblP8uyLHuO43iA8Vm3+X0f4kN+qA/9YT7sh/vwH+EjfqSP/FE+6kf76B/jg4/5sT72x/m4H98nEAIpUAItMAIrcAIvCIIoSIIsKIIqaIIuGAIEU7AEW3AEVzxIIiRSoiRaYiRW4iReEiRRkiRZUiRV0iRdMiRIpmRJtuRIrnyQQiikQim0wiiswim8IiiiIimyoiiqoim6YihQTMVSbMVRXPUgjdBIjdJojdFYjdN4TdBETdJkTdFUTdN0zdCgmZql2ZqjufpBBmGQBmXQBmOwBmfwhmCIhmTIhmKohmbohmHAMA3LsA3HcM2DLMIiLcqiLcZiLc7iLcESLcmSLcVSLc3SLcOCZVqWZVuO5doHOYRDOpRDO4zDOpzDO4IjOpIjO4qjOpqjO4YDx3Qsx3Ycx3UP8giP9CiP9hiP9TiP9wRP9CRP9hRP9TRP9wwPnulZnu05nusfFBABGVABHTABG3ABHwiBGEiBHCiBGmiBHhgBAjOwAjtwAjc8KCIiMqIiOmIiNuIiPhIiMZIiOVIiNdIiPTIiRGZkRXbkRG58UEIkZEIldMIkbMIlfCIkYiIlcqIkaqIlemIkSMzESuzESdz0oIzIyIzK6IzJ2IzL+EzIxEzK5EzJ1EzL9MzIkJmZldmZk7n5QQVRkAVV0AVTsAVX8IVQiIVUyIVSqIVW6IVRoDALq7ALp3DLgyqiIiuqoiumYiuu4iuhEiupkiulUiut0iujQmVWVmVXTuXWBzVEQzZUQzdMwzZcwzdCIzZSIzdKozZaozdGg8ZsrMZunMZtD+qIjuyoju6Yju24ju+ETuykTu6UTu20Tu+MDp3ZWZ3dOZ3bHzQQAzlQAz0wAztwAz8IgzhIgzwogzpogz4YAwZzsAZ7cAZ3POgfUi9eXjC8k37H+M7oHcBb3bd0b13eoN+IXnNfW15B7ysP+b8JCzYcuC8yv4mYyIma6ImZ2Imb+EmYxEma5EmZ1Emb9MmYf2ZO1mRPzuTOBy3EQi7UQi/Mwi7cwi/CIi7SIi/Koi7aoi/G+n9mLtZiL87irgdtxEZu1EZvzMZu3MZvwiZu0iZvyqZu2qZvxv6XNDdrszdnc/eDDuIgD+qgD+ZgD+7gD+EQD+mQD+VQD+3QD+P8GzMP67AP53DPgy7iIi/qoi/mYi/u4i/hEi/pki/lUi/t0i/j/ts7L+uyL+dyLz+3RJqu2mD/nAAAAABJRU5ErkJggg==");

    public Stores()
    {
        Root = System.IO.Directory.CreateTempSubdirectory("sessionstore-viewer-").FullName;
        Directory = System.IO.Path.Combine(Root, "store");
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Root { get; }

    /// <summary>The store directory `sessions serve --dir` is given.</summary>
    public string Directory { get; }

    public FileSessionStore Reference => new(Directory, Fast);

    /// <summary>A reference session, last written at <paramref name="written"/> (the list's order).</summary>
    public void SaveReference(string id, IReadOnlyList<string> messages, DateTimeOffset written, long input = 10, long output = 20)
    {
        Reference.Save(new StoredSession(id, [.. messages], input, output));
        File.SetLastWriteTimeUtc(System.IO.Path.Combine(Directory, id + ".json"), written.UtcDateTime);
    }

    /// <summary>An agent's conversation of Microsoft.Extensions.AI messages: reasoning, two tool calls with results (one failing), usage per turn, an image and an error.</summary>
    public void SaveToolConversation(string id)
    {
        FileSessionStore<ChatConversation> conversations = AgentStores.Conversations(Directory, Fast);
        conversations.Save(new ChatConversation(id)
        {
            Messages =
            [
                new ChatMessage(ChatRole.System, "You are a travel assistant. Use the tools."),
                new ChatMessage(ChatRole.User, "Plan a day in Oslo tomorrow: weather first, then book a museum."),
                new ChatMessage(ChatRole.Assistant,
                [
                    new TextReasoningContent("The user wants the weather before booking; call get_weather for Oslo, then book_museum."),
                    new FunctionCallContent("call-weather", "get_weather", new Dictionary<string, object?> { ["city"] = "Oslo", ["day"] = "tomorrow", ["units"] = "metric" }),
                    new UsageContent(new UsageDetails { InputTokenCount = 412, OutputTokenCount = 38 }),
                ]) { AuthorName = "planner" },
                new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call-weather", """{"forecast":"light rain","high_c":7,"low_c":2}""")]),
                new ChatMessage(ChatRole.Assistant,
                [
                    new FunctionCallContent("call-book", "book_museum", new Dictionary<string, object?> { ["museum"] = "Munch", ["time"] = "10:00", ["people"] = 2 }),
                    new UsageContent(new UsageDetails { InputTokenCount = 501, OutputTokenCount = 26 }),
                ]) { AuthorName = "planner" },
                new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call-book", "error: the booking service timed out")]),
                new ChatMessage(ChatRole.Assistant, [new ErrorContent("the booking service did not answer in 30 s") { ErrorCode = "tool_timeout" }]),
                new ChatMessage(ChatRole.Assistant,
                [
                    new TextContent("Tomorrow in Oslo: light rain, 2 to 7 °C. I could not book the Munch museum (the booking service timed out); try again or book at the door."),
                    new DataContent(Png, "image/png"),
                    new UsageContent(new UsageDetails { InputTokenCount = 560, OutputTokenCount = 61 }),
                ]) { AuthorName = "planner" },
            ],
            Usage = new UsageDetails { InputTokenCount = 1473, OutputTokenCount = 125 },
        });
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
