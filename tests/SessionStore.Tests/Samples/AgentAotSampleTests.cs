using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Samples;

/// <summary>
/// Publishes the chat sample (Microsoft.Extensions.AI and Agent Framework, history in SessionStore.Agents) as trimmed
/// NativeAOT, fails on any trim, AOT or ILC warning, and runs the native binary as separate processes: a
/// conversation persisted by one resumes in the next with its whole history.
/// </summary>
[Collection(RepositoryBuildsCollection.Name)]
public sealed class AgentAotSampleTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task PublishedNativeChatApp_HasNoWarnings_AndResumesAConversationInTheNextProcess()
    {
        string binary = await NativeAot.PublishSampleAsync("SessionStore.Samples.Agent", "agent-aot", _temp.Combine("publish"));

        string store = _temp.Combine("conversations");
        ProcessRunner.Result first = await ProcessRunner.RunAsync(binary, [store, "trip", "plan a trip"]);
        ProcessRunner.Result second = await ProcessRunner.RunAsync(binary, [store, "trip", "to Oslo"]);
        ProcessRunner.Result transcript = await ProcessRunner.RunAsync(binary, [store, "trip"]);

        Assert.Equal((0, "I was sent 1 message(s); the last says 'plan a trip'\n"), (first.ExitCode, first.StandardOutput));
        Assert.Equal((0, "I was sent 3 message(s); the last says 'to Oslo'\n"), (second.ExitCode, second.StandardOutput));
        Assert.Equal(
            "user: plan a trip\nassistant: I was sent 1 message(s); the last says 'plan a trip'\nuser: to Oslo\nassistant: I was sent 3 message(s); the last says 'to Oslo'\n",
            transcript.StandardOutput);

        // The same binary through Agent Framework: a ChatClientAgent whose history provider is the store.
        ProcessRunner.Result maf = await ProcessRunner.RunAsync(binary, ["maf", _temp.Combine("maf")]);
        Assert.Equal((0, "I was sent 1 message(s); the last says 'hello'\nI was sent 3 message(s); the last says 'again'\n"), (maf.ExitCode, maf.StandardOutput));
    }
}
