namespace SessionStore.Storage;

/// <summary>
/// Tells whether a directory ignores case in names, and which name a file that answers to a name really has.
/// Lookups on such a directory (Windows' NTFS and macOS's APFS by default, exFAT, many SMB shares) find
/// <c>S.json</c> under <c>s.json</c>, so two ids that differ only in case would share one file; the store
/// refuses the second (see <see cref="SessionFiles.ThrowIfCaseTwin"/>).
/// </summary>
internal static class CaseProbe
{
    /// <summary>
    /// Whether the directory ignores case: its first entry with a letter in its name is looked up with the case of
    /// every letter swapped; found, and not listed under that name, it ignores case. Null when there is no such
    /// entry yet (nothing can clash then), or the directory is missing.
    /// </summary>
    internal static bool? IgnoresCase(string directory)
    {
        try
        {
            foreach (string path in Directory.EnumerateFileSystemEntries(directory, "*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true }))
            {
                string name = Path.GetFileName(path);
                string swapped = Swapped(name);
                if (swapped.Equals(name, StringComparison.Ordinal))
                {
                    continue;
                }

                if (!Path.Exists(Path.Join(directory, swapped)) && !IsLink(Path.Join(directory, swapped)))
                {
                    return false;
                }

                // Found: one file under both spellings, or two files (a directory that keeps case apart can hold both).
                return !Directory.EnumerateFileSystemEntries(directory, swapped, Exact).Any(p => Path.GetFileName(p).Equals(swapped, StringComparison.Ordinal));
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The name of the entry that answers to <paramref name="name"/> in a directory that ignores case, as the directory lists it; null when there is none.</summary>
    internal static string? StoredNameOf(string directory, string name)
    {
        try
        {
            string? found = null;
            foreach (string path in Directory.EnumerateFileSystemEntries(directory, name, IgnoringCase))
            {
                string listed = Path.GetFileName(path);
                if (listed.Equals(name, StringComparison.Ordinal))
                {
                    return listed;
                }

                found ??= listed.Equals(name, StringComparison.OrdinalIgnoreCase) ? listed : null;
            }

            return found;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static readonly EnumerationOptions Exact = new() { AttributesToSkip = 0, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseSensitive, MatchType = MatchType.Simple };
    private static readonly EnumerationOptions IgnoringCase = new() { AttributesToSkip = 0, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive, MatchType = MatchType.Simple };

    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    private static string Swapped(string name) => string.Create(name.Length, name, static (span, source) =>
    {
        for (int i = 0; i < source.Length; i++)
        {
            char c = source[i];
            span[i] = char.IsUpper(c) ? char.ToLowerInvariant(c) : char.IsLower(c) ? char.ToUpperInvariant(c) : c;
        }
    });
}
