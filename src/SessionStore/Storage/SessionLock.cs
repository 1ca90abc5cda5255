using System.Collections.Concurrent;

namespace SessionStore.Storage;

/// <summary>
/// An exclusive lock on a session that holds across threads and processes. Sessions map onto a fixed
/// set of lock files (<see cref="SessionFileLayout.LockPath"/>), opened with <see cref="FileShare.None"/>,
/// which .NET turns into <c>flock(LOCK_EX)</c> on Unix; the kernel drops it when a process dies, so a
/// killed holder never leaves a session locked. Lock files are never deleted, so no waiter can ever
/// hold a lock on a file that is no longer there, and their number never grows. Threads of one
/// process queue on a semaphore first instead of polling the file.
/// </summary>
internal sealed class SessionLock : IDisposable
{
    private const int WindowsSharingViolation = unchecked((int)0x80070020);
    private static readonly int UnixWouldBlock = OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD() ? 35 : 11;
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> InProcess = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _gate;
    private FileStream? _file;

    private SessionLock(SemaphoreSlim gate, FileStream file)
    {
        _gate = gate;
        _file = file;
    }

    /// <returns>The lock, or null when it stayed taken for <paramref name="timeout"/>.</returns>
    internal static SessionLock? TryAcquire(string lockPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        SemaphoreSlim gate = InProcess.GetOrAdd(lockPath, static _ => new SemaphoreSlim(1, 1));
        if (!gate.Wait(timeout, cancellationToken))
        {
            return null;
        }

        return PollFile(gate, lockPath, deadline, cancellationToken);
    }

    internal static async ValueTask<SessionLock?> TryAcquireAsync(string lockPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        SemaphoreSlim gate = InProcess.GetOrAdd(lockPath, static _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        // Another process holds the file only briefly (one read and one write): poll it synchronously.
        return PollFile(gate, lockPath, deadline, cancellationToken);
    }

    public void Dispose()
    {
        FileStream? file = Interlocked.Exchange(ref _file, null);
        if (file is not null)
        {
            file.Dispose();
            _gate.Release();
        }
    }

    private static SessionLock? PollFile(SemaphoreSlim gate, string lockPath, DateTime deadline, CancellationToken cancellationToken)
    {
        try
        {
            int pause = 1;
            while (true)
            {
                FileStream? file = TryOpenExclusive(lockPath);
                if (file is not null)
                {
                    return new SessionLock(gate, file);
                }

                if (DateTime.UtcNow >= deadline)
                {
                    gate.Release();
                    return null;
                }

                cancellationToken.ThrowIfCancellationRequested();
                Thread.Sleep(Random.Shared.Next(pause, pause * 2));
                pause = Math.Min(pause * 2, 16);
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    private static FileStream? TryOpenExclusive(string lockPath)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            return new FileStream(lockPath, options);
        }
        catch (IOException ex) when (ex.HResult == WindowsSharingViolation || ex.HResult == UnixWouldBlock)
        {
            // Held by another process: .NET reports flock's EWOULDBLOCK (Windows: a sharing violation).
            return null;
        }
    }
}
