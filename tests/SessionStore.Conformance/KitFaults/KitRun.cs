using System.Reflection;
using Xunit.Sdk;

namespace SessionStore.Conformance.KitFaults;

/// <summary>Runs every case of the conformance kit, each on a new instance as xUnit would, and says how each ended.</summary>
internal sealed class KitRun
{
    private KitRun(List<string> passed, List<string> failed, List<string> skipped)
    {
        Passed = passed;
        Failed = failed;
        Skipped = skipped;
    }

    public IReadOnlyList<string> Passed { get; }

    public IReadOnlyList<string> Failed { get; }

    public IReadOnlyList<string> Skipped { get; }

    public static async Task<KitRun> RunAsync(Func<StoreConformanceTests> create)
    {
        List<string> passed = [], failed = [], skipped = [];
        IEnumerable<MethodInfo> cases = typeof(StoreConformanceTests).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(static m => m.GetCustomAttribute<FactAttribute>() is not null)
            .OrderBy(static m => m.Name, StringComparer.Ordinal);
        foreach (MethodInfo method in cases)
        {
            foreach (object?[] arguments in ArgumentsOf(method))
            {
                string name = method.Name + (arguments.Length == 0 ? "" : "(" + string.Join(", ", arguments) + ")");
                using StoreConformanceTests tests = create();
                try
                {
                    if (method.Invoke(tests, arguments) is Task task)
                    {
                        await task.WaitAsync(TimeSpan.FromMinutes(1));
                    }

                    passed.Add(name);
                }
                catch (Exception exception) when (IsSkip(exception))
                {
                    skipped.Add(name);
                }
                catch (Exception exception)
                {
                    failed.Add(name + ": " + Unwrapped(exception).GetType().Name);
                }
            }
        }

        return new KitRun(passed, failed, skipped);
    }

    private static IEnumerable<object?[]> ArgumentsOf(MethodInfo method)
    {
        if (method.GetParameters().Length == 0)
        {
            return [[]];
        }

        return method.GetCustomAttributes<DataAttribute>().SelectMany(data => data.GetData(method));
    }

    /// <summary>As Xunit.SkippableFact decides: a skip anywhere in the chain (an Assert.Throws around a skipped capability wraps it).</summary>
    private static bool IsSkip(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is Xunit.SkipException)
            {
                return true;
            }
        }

        return false;
    }

    private static Exception Unwrapped(Exception exception) => exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;
}
