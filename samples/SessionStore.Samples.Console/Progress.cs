namespace SessionStore.Samples.Console;

/// <summary>A progress line on stderr, shown only once a command has touched more than a few thousand files.</summary>
internal sealed class StderrProgress(string verb) : IProgress<int>
{
    internal const int Threshold = 2000;

    public void Report(int value)
    {
        if (value >= Threshold)
        {
            System.Console.Error.WriteLine($"{verb}: {value} files");
        }
    }
}
