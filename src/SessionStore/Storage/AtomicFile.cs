namespace SessionStore.Storage;

/// <summary>
/// Replaces a file so that readers see the old content or the new one, never a mix: the new content
/// goes to a temp file in the same directory, is flushed, and is renamed over the target. With
/// <c>durable</c>, the file is fsynced before the rename and the directory after it, so the new
/// content survives a power cut once the call returns.
/// </summary>
internal static class AtomicFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    internal static void Replace(string targetPath, string tempPath, ReadOnlySpan<byte> content, bool durable)
    {
        try
        {
            using (FileStream stream = OpenTemp(tempPath, content.Length))
            {
                stream.Write(content);
                if (durable)
                {
                    stream.Flush(flushToDisk: true);
                }
            }

            Commit(targetPath, tempPath, durable);
        }
        catch
        {
            Abandon(tempPath);
            throw;
        }
    }

    internal static async ValueTask ReplaceAsync(
        string targetPath, string tempPath, ReadOnlyMemory<byte> content, bool durable, CancellationToken cancellationToken)
    {
        try
        {
            await using (FileStream stream = OpenTemp(tempPath, content.Length))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                if (durable)
                {
                    stream.Flush(flushToDisk: true);
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            Commit(targetPath, tempPath, durable);
        }
        catch
        {
            Abandon(tempPath);
            throw;
        }
    }

    private static FileStream OpenTemp(string tempPath, int length)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
            PreallocationSize = length,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        return new FileStream(tempPath, options);
    }

    private static void Commit(string targetPath, string tempPath, bool durable)
    {
        File.Move(tempPath, targetPath, overwrite: true);
        if (durable)
        {
            DirectorySync.Flush(Path.GetDirectoryName(targetPath)!);
        }
    }

    private static void Abandon(string tempPath)
    {
        try
        {
            File.Delete(tempPath);
        }
        catch (IOException)
        {
            // The temp file is hidden from List and swept later as a leftover; the original error matters more.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
