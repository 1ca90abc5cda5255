using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Worker;

/// <summary>A tool without reflection (NativeAOT-safe): returns <c>looked up N</c>.</summary>
public sealed class LookupFunction : AIFunction
{
    public const string ToolName = "lookup";

    public override string Name => ToolName;

    public override string Description => "Looks a turn up.";

    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        ValueTask.FromResult<object?>("looked up " + arguments["turn"]);
}
