using System.Diagnostics;

namespace SessionStore.Storage;

/// <summary>
/// The synchronous members' side of an I/O path written once as <c>XxxCore(..., bool async, ...)</c>:
/// with <c>async: false</c> the core never awaits anything that is not already complete, so its
/// <see cref="ValueTask"/> is complete when it returns and its result is read without blocking.
/// </summary>
internal static class Completed
{
    internal static T Result<T>(ValueTask<T> task)
    {
        Debug.Assert(task.IsCompleted, "a synchronous core awaited something");
        return task.GetAwaiter().GetResult();
    }

    internal static void Wait(ValueTask task)
    {
        Debug.Assert(task.IsCompleted, "a synchronous core awaited something");
        task.GetAwaiter().GetResult();
    }
}
