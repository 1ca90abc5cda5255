using Microsoft.Extensions.AI;
using SessionStore.Agents.Persistence;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Agents.Tests.Persistence;

/// <summary>Which writer a store gets, and that the typed append keeps the update writer's results.</summary>
public sealed class TurnWriterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_conversation_store_gets_the_typed_append_and_any_other_store_the_update()
    {
        FileSessionStore<ChatConversation> appending = AgentStores.Conversations(_temp.Combine("a"), new FileSessionStoreOptions { Durable = false });
        var plain = new FileSessionStore<ChatConversation>(_temp.Combine("b"), AgentJson.ChatConversation, static c => c.Id, new FileSessionStoreOptions { Durable = false });

        Assert.IsType<AppendTurnWriter>(TurnWriter.For(appending, TimeProvider.System));
        Assert.IsType<UpdateTurnWriter>(TurnWriter.For(plain, TimeProvider.System));
    }

    [Fact]
    public async Task Turns_are_appended_in_place_with_usage_and_times_as_the_update_writer_keeps_them()
    {
        FileSessionStore<ChatConversation> appending = AgentStores.Conversations(_temp.Combine("a"), new FileSessionStoreOptions { Durable = false });
        var plain = new FileSessionStore<ChatConversation>(_temp.Combine("b"), AgentJson.ChatConversation, static c => c.Id, new FileSessionStoreOptions { Durable = false });
        var clock = new StepClock();
        ITurnWriter typed = TurnWriter.For(appending, clock), update = TurnWriter.For(plain, clock);
        string fileAfterFirstTurn = ""; // a rewrite renames a new file over it; an in-place append keeps the file (its inode)
        for (int turn = 0; turn < 30; turn++)
        {
            ChatMessage[] messages = [new(ChatRole.User, "q" + turn), new(ChatRole.Assistant, [new TextContent("a" + turn), new FunctionCallContent("call" + turn, "f", new Dictionary<string, object?> { ["x"] = "]\"}" })])];
            var usage = new UsageDetails { InputTokenCount = turn, OutputTokenCount = 1 };
            _ = await typed.AppendAsync("c", branchPoint: null, messages, usage, CancellationToken.None);
            clock.Back();
            _ = await update.AppendAsync("c", branchPoint: null, messages, usage, CancellationToken.None);
            if (turn == 1)
            {
                fileAfterFirstTurn = await Inode.Of(Path.Combine(appending.DirectoryPath, "c.json"));
            }
        }

        ChatConversation appended = appending.Load("c"), updated = plain.Load("c");
        Assert.Equal(60, appended.Messages.Count);
        Assert.Equal(updated.Messages.Select(m => m.Text), appended.Messages.Select(m => m.Text));
        Assert.Equal((updated.Usage!.InputTokenCount, updated.Usage.OutputTokenCount), (appended.Usage!.InputTokenCount, appended.Usage.OutputTokenCount));
        Assert.Equal((updated.CreatedAt, updated.UpdatedAt), (appended.CreatedAt, appended.UpdatedAt));
        Assert.Equal("call29", Assert.IsType<FunctionCallContent>(appended.Messages[^1].Contents[1]).CallId);
        Assert.Equal(fileAfterFirstTurn, await Inode.Of(Path.Combine(appending.DirectoryPath, "c.json")));
    }

    [Fact]
    public async Task Usage_totals_near_the_limit_stay_at_it_on_both_writers_and_never_wrap()
    {
        FileSessionStore<ChatConversation> appending = AgentStores.Conversations(_temp.Combine("a"), new FileSessionStoreOptions { Durable = false });
        var plain = new FileSessionStore<ChatConversation>(_temp.Combine("b"), AgentJson.ChatConversation, static c => c.Id, new FileSessionStoreOptions { Durable = false });
        foreach (ITurnWriter writer in new[] { TurnWriter.For(appending, TimeProvider.System), TurnWriter.For(plain, TimeProvider.System) })
        {
            var huge = new UsageDetails { InputTokenCount = long.MaxValue - 10, OutputTokenCount = 5, TotalTokenCount = long.MaxValue - 5, AdditionalCounts = new() { ["cost"] = long.MaxValue } };
            _ = await writer.AppendAsync("c", branchPoint: null, [new ChatMessage(ChatRole.User, "q1")], huge, CancellationToken.None);
            _ = await writer.AppendAsync("c", branchPoint: null, [new ChatMessage(ChatRole.User, "q2")], new UsageDetails { InputTokenCount = 20, OutputTokenCount = 7, TotalTokenCount = 27, AdditionalCounts = new() { ["cost"] = 1 } }, CancellationToken.None);
        }

        foreach (ChatConversation stored in new[] { appending.Load("c"), plain.Load("c") })
        {
            Assert.Equal(2, stored.Messages.Count);
            Assert.Equal((long.MaxValue, 12L, long.MaxValue, long.MaxValue), (stored.Usage!.InputTokenCount, stored.Usage.OutputTokenCount, stored.Usage.TotalTokenCount, stored.Usage.AdditionalCounts!["cost"]));
        }
    }

    /// <summary>A clock that moves one second per reading, and can be stepped back to read the same time twice.</summary>
    private sealed class StepClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now = _now.AddSeconds(1);

        public void Back() => _now = _now.AddSeconds(-1);
    }
}
