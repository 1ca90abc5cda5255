using System.Diagnostics;
using System.Text;

namespace SessionStore.Viewer.Tests.Support;

/// <summary>
/// `sessions serve` as a real process (the built tool, sessions.dll beside the tests) on a free port: started, its
/// address read from the first line it prints, stopped with SIGTERM (and killed if it does not stop) when disposed.
/// </summary>
public sealed class ViewerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<string> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ViewerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The address it printed, with its token when it has one.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The address without the token: <c>http://HOST:PORT/</c>.</summary>
    public string BaseUrl => Url.Split('?')[0];

    public string StandardOutput { get { lock (_stdout) { return _stdout.ToString(); } } }

    public string StandardError { get { lock (_stderr) { return _stderr.ToString(); } } }

    public static async Task<ViewerProcess> StartAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])[Path.Combine(AppContext.BaseDirectory, "sessions.dll"), "serve", "--port", "0", .. args])
        {
            info.ArgumentList.Add(arg);
        }

        var viewer = new ViewerProcess(Process.Start(info)!);
        viewer._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                viewer._url.TrySetException(new InvalidOperationException("sessions serve exited before it printed its address: " + viewer.StandardError));
                return;
            }

            lock (viewer._stdout)
            {
                viewer._stdout.AppendLine(e.Data);
            }

            const string Prefix = "sessions serve: ";
            if (e.Data.StartsWith(Prefix, StringComparison.Ordinal))
            {
                viewer._url.TrySetResult(e.Data[Prefix.Length..].Trim());
            }
        };
        viewer._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (viewer._stderr)
                {
                    viewer._stderr.AppendLine(e.Data);
                }
            }
        };
        viewer._process.BeginOutputReadLine();
        viewer._process.BeginErrorReadLine();
        viewer.Url = await viewer._url.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return viewer;
    }

    /// <summary>SIGTERM, as Ctrl+C or a service manager stops it; the exit code it stopped with.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            Posix.Terminate(_process.Id);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await _process.WaitForExitAsync(timeout.Token);
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
