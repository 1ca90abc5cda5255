using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Worker;

/// <summary>
/// A tool with a side effect a test can count: each call appends its name to a log file (flushed to disk before it
/// returns). With <c>blockAfterLogging</c> it then prints <c>running NAME</c> and never returns, for a kill in the tool loop.
/// </summary>
public sealed class BookingFunction(string name, string log, bool blockAfterLogging) : AIFunction
{
    public override string Name => name;

    public override string Description => "Books a step.";

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        using (var file = new FileStream(log, FileMode.Append, FileAccess.Write))
        {
            file.Write(System.Text.Encoding.UTF8.GetBytes(name + "\n"));
            file.Flush(flushToDisk: true);
        }

        if (blockAfterLogging)
        {
            Console.Out.WriteLine("running " + name);
            Console.Out.Flush();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return name + " done";
    }
}
