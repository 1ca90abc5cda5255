using Microsoft.Win32.SafeHandles;

using SessionStore.Buffers;

namespace SessionStore.Storage;

/// <summary>Reads a session's file whole into a pooled buffer, refusing files above a size limit.</summary>
internal static class SessionFileReader
{
    /// <summary>What reading a session's file found.</summary>
    internal enum Outcome
    {
        Read,
        Missing,
        NotAFile,
        TooLarge,
    }

    /// <summary>Reads the file; on <see cref="Outcome.Read"/> the caller owns <paramref name="content"/> and disposes it.</summary>
    /// <summary>Reads the file, and says which version of it was read (length and write time; the fingerprint is left to <see cref="FileStamp.Of"/>).</summary>
    internal static Outcome Read(string path, long maxBytes, out PooledBytes? content, out FileStamp stamp)
    {
        content = null;
        Outcome outcome = Open(path, maxBytes, out SafeFileHandle? handle, out PooledBytes? buffer, out stamp);
        if (outcome != Outcome.Read)
        {
            return outcome;
        }

        using (handle)
        {
            try
            {
                int read;
                while ((read = RandomAccess.Read(handle!, buffer!.FreeSpace(maxBytes).Span, buffer.Length)) > 0)
                {
                    buffer.Advance(read);
                }
            }
            catch
            {
                buffer!.Dispose();
                throw;
            }
        }

        return Finish(buffer, maxBytes, out content);
    }

    internal static async ValueTask<(Outcome Outcome, PooledBytes? Content, FileStamp Stamp)> ReadAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        Outcome outcome = Open(path, maxBytes, out SafeFileHandle? handle, out PooledBytes? buffer, out FileStamp stamp);
        if (outcome != Outcome.Read)
        {
            return (outcome, null, stamp);
        }

        using (handle)
        {
            try
            {
                int read;
                while ((read = await RandomAccess.ReadAsync(handle!, buffer!.FreeSpace(maxBytes), buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    buffer.Advance(read);
                }
            }
            catch
            {
                buffer!.Dispose();
                throw;
            }
        }

        outcome = Finish(buffer, maxBytes, out PooledBytes? content);
        return (outcome, content, stamp);
    }

    /// <summary>Up to <paramref name="length"/> bytes from the start of the file; null when there is no file it can read.</summary>
    internal static byte[]? ReadPrefix(string path, int length)
    {
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            byte[] prefix = new byte[length];
            int read = RandomAccess.Read(handle, prefix, 0);
            return prefix.AsSpan(0, read).ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static Outcome Open(string path, long maxBytes, out SafeFileHandle? handle, out PooledBytes? buffer, out FileStamp stamp)
    {
        handle = null;
        buffer = null;
        stamp = default;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return Outcome.Missing;
        }
        catch (DirectoryNotFoundException)
        {
            return Outcome.Missing;
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            // .NET refuses to open a directory as a file with "access denied"; it is not a permission problem.
            return Outcome.NotAFile;
        }

        long length = RandomAccess.GetLength(handle);
        stamp = new FileStamp(length, File.GetLastWriteTimeUtc(handle).Ticks, Fingerprint: "");
        if (length > maxBytes)
        {
            handle.Dispose();
            return Outcome.TooLarge;
        }

        // One byte more than the file holds, so a file that grows while we read is noticed at the limit.
        buffer = new PooledBytes((int)Math.Min(maxBytes + 1, Math.Max(length + 1, 256)));
        return Outcome.Read;
    }

    private static Outcome Finish(PooledBytes? buffer, long maxBytes, out PooledBytes? content)
    {
        if (buffer!.Length > maxBytes)
        {
            buffer.Dispose();
            content = null;
            return Outcome.TooLarge;
        }

        content = buffer;
        return Outcome.Read;
    }
}
