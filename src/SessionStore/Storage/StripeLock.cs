using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SessionStore.Interop;
using SessionStore.Storage.Platform;
using SessionStore.Telemetry;

namespace SessionStore.Storage;

/// <summary>
/// An exclusive lock on the sessions of one stripe that holds across threads and processes, and the
/// place where that stripe's in-flight append keeps its intent (<see cref="AppendIntent"/>). Sessions hash
/// onto a fixed set of lock files in <c>.locks</c> (<see cref="SessionFileLayout.LockFileName"/>),
/// locked with <c>flock(LOCK_EX)</c>, which the kernel drops when a process dies, so a killed holder
/// never leaves a stripe locked. Lock files are never deleted, so no waiter can hold a lock on a file
/// that is no longer there. Threads of one process queue on a semaphore first; waiting for another
/// process polls without blocking a thread when asynchronous. Waits and timeouts run on real time, never on
/// the store's <see cref="FileSessionStoreOptions.TimeProvider"/>: a frozen test clock must not stop a writer.
/// </summary>
internal sealed class StripeLock : IDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> InProcess = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _gate;
    private readonly StorePlatform _platform;
    private FileDescriptor? _file;
    private long _lengthWhenTaken;

    private StripeLock(StorePlatform platform, SemaphoreSlim gate, FileDescriptor file, string path)
    {
        _platform = platform;
        _gate = gate;
        _file = file;
        Path = path;
    }

    /// <summary>The lock file's full path.</summary>
    internal string Path { get; }

    /// <summary>Takes the lock of <paramref name="sessionId"/>'s stripe.</summary>
    /// <returns>The lock, or null when it stayed taken for <paramref name="timeout"/>.</returns>
    /// <exception cref="IOException">The lock file cannot be created or opened (carries the errno).</exception>
    internal static async ValueTask<StripeLock?> TryAcquireCore(
        StorePlatform platform, string directory, string sessionId, TimeSpan timeout, ILogger logger, bool async, CancellationToken cancellationToken)
    {
        string path = SessionFileLayout.LockPath(directory, sessionId);
        long started = Stopwatch.GetTimestamp();
        SemaphoreSlim gate = InProcess.GetOrAdd(path, static _ => new SemaphoreSlim(1, 1));
        bool entered = async
            ? await gate.WaitAsync(timeout, cancellationToken).ConfigureAwait(false)
            : gate.Wait(timeout, cancellationToken);
        if (!entered)
        {
            return null;
        }

        FileDescriptor? file = null;
        try
        {
            file = OpenLockFile(platform, directory, sessionId, path);
            int pause = 1;
            while (!platform.Flock(file, LockOperation.Exclusive | LockOperation.NonBlocking, path))
            {
                if (pause == 1)
                {
                    StoreLog.LockContended(logger, sessionId, path, timeout);
                }

                // Another process holds it, for one write at most: poll.
                if (Stopwatch.GetElapsedTime(started) >= timeout)
                {
                    file.Dispose();
                    gate.Release();
                    return null;
                }

                TimeSpan wait = TimeSpan.FromMilliseconds(Random.Shared.Next(pause, pause * 2));
                if (async)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Thread.Sleep(wait);
                }

                pause = Math.Min(pause * 2, 16);
            }
        }
        catch
        {
            file?.Dispose();
            gate.Release();
            throw;
        }

        var held = new StripeLock(platform, gate, file!, path);
        try
        {
            held.CheckIsOwnFile();
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>The intent the stripe's last append left, or empty when there is none.</summary>
    internal byte[] ReadIntent()
    {
        FileDescriptor file = File;
        long length = _lengthWhenTaken;
        if (length == 0)
        {
            return [];
        }

        byte[] intent = new byte[(int)Math.Min(length, AppendIntent.MaxLength)];
        return intent.AsSpan(0, _platform.ReadAt(file, intent, 0, Path)).ToArray();
    }

    /// <summary>Records an intent; once this returns (with <paramref name="durable"/>: once it is on disk) a crash replays it.</summary>
    internal void WriteIntent(ReadOnlySpan<byte> intent, bool durable)
    {
        _platform.WriteAt(File, intent, 0, Path);
        _platform.Truncate(File, intent.Length, Path);
        if (durable)
        {
            _platform.Sync(File, Path);
        }
    }

    /// <summary>Forgets the intent: the append it describes is complete in the session's file.</summary>
    internal void ClearIntent(bool durable)
    {
        _platform.Truncate(File, 0, Path);
        if (durable)
        {
            _platform.Sync(File, Path);
        }
    }

    /// <summary>Reads the intent a stripe holds without taking its lock (for a reader that found a torn file); empty when there is none.</summary>
    internal static byte[] PeekIntent(StorePlatform platform, string directory, string sessionId)
    {
        string path = SessionFileLayout.LockPath(directory, sessionId);
        using FileDescriptor? file = platform.TryOpen(path, OpenFlags.ReadOnly, out _);
        StatxBuffer status = file is null ? default : platform.Stat(file, path);
        if (file is null || status.Type != StatxBuffer.RegularFile)
        {
            return []; // No lock file, or something that is not one (writers refuse it): no intent to read.
        }

        byte[] intent = new byte[(int)Math.Min((long)status.Size, AppendIntent.MaxLength)];
        return intent.AsSpan(0, platform.ReadAt(file, intent, 0, path)).ToArray();
    }

    public void Dispose()
    {
        FileDescriptor? file = Interlocked.Exchange(ref _file, null);
        if (file is not null)
        {
            file.Dispose();
            _gate.Release();
        }
    }

    private FileDescriptor File => _file ?? throw new ObjectDisposedException(nameof(StripeLock));

    /// <summary>
    /// Refuses a lock file that is not the store's own, once it is locked; the same status tells
    /// <see cref="ReadIntent"/> whether there is an intent to read.
    /// </summary>
    private void CheckIsOwnFile()
    {
        StatxBuffer status = _platform.Stat(File, Path);
        if (status.Type != StatxBuffer.RegularFile || status.NLink != 1)
        {
            throw new IOException(
                status.Type != StatxBuffer.RegularFile
                    ? $"'{Path}' is {StorePlatform.Describe(status.Type)}, not the store's lock file"
                    : $"'{Path}' has another name (a hard link); the store writes its lock files only when they are its own",
                Errno.EINVAL);
        }

        _lengthWhenTaken = (long)status.Size;
    }

    private static FileDescriptor OpenLockFile(StorePlatform platform, string directory, string sessionId, string path)
    {
        using FileDescriptor locks = StoreDirectory.OpenHidden(platform, directory, SessionFileLayout.LockDirectoryName, create: true)!;
        return platform.TryOpenAt(locks, SessionFileLayout.LockFileName(sessionId), OpenFlags.ReadWrite | OpenFlags.Create, out int errno)
            ?? throw (errno == Errno.ELOOP
                ? new IOException($"'{path}' is a symbolic link, not the store's lock file; it is never followed", errno)
                : ErrnoException.FromErrno(errno, $"opening the lock file '{path}'"));
    }
}
