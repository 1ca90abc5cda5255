namespace SessionStore;

/// <summary>
/// The rules every session id follows: 1 to 128 characters from <c>A-Z a-z 0-9 _ - .</c>, not starting
/// or ending with <c>.</c>, and not a Windows device name (<c>CON</c>, <c>PRN</c>, <c>AUX</c>, <c>NUL</c>,
/// <c>COM1</c>-<c>COM9</c>, <c>LPT1</c>-<c>LPT9</c>, in any case, alone or followed by <c>.</c> and anything).
/// </summary>
/// <remarks>
/// An id that follows these rules names exactly one file inside the store's directory on every
/// operating system, so no id can reach a path outside it. The analyzers compile this same file to
/// flag constant ids that can never be valid.
/// </remarks>
public static class SessionIdRules
{
    /// <summary>The longest valid session id, in characters.</summary>
    public const int MaxLength = 128;

    /// <summary>Returns whether <paramref name="id"/> is a valid session id.</summary>
    /// <param name="id">The candidate id; <see langword="null"/> is never valid.</param>
    /// <returns><see langword="true"/> when every member of a store accepts the id.</returns>
    public static bool IsValid(string? id) => GetViolation(id) is null;

    /// <summary>Explains why <paramref name="id"/> is not a valid session id.</summary>
    /// <param name="id">The candidate id.</param>
    /// <returns>A sentence fragment naming the broken rule, or <see langword="null"/> when the id is valid.</returns>
    public static string? GetViolation(string? id)
    {
        if (id is null)
        {
            return "the id is null";
        }

        if (id.Length == 0)
        {
            return "the id is empty";
        }

        if (id.Length > MaxLength)
        {
            return "the id is " + id.Length + " characters long; at most " + MaxLength + " are allowed";
        }

        foreach (char c in id)
        {
            if (!IsAllowedCharacter(c))
            {
                return "the id contains " + Describe(c) + "; only A-Z, a-z, 0-9, '_', '-' and '.' are allowed";
            }
        }

        if (id[0] == '.' || id[id.Length - 1] == '.')
        {
            return "the id starts or ends with '.'";
        }

        if (IsWindowsDeviceName(id))
        {
            return "the id is a reserved Windows device name";
        }

        return null;
    }

    private static bool IsAllowedCharacter(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';

    private static bool IsWindowsDeviceName(string id)
    {
        int dot = id.IndexOf('.');
        int stemLength = dot < 0 ? id.Length : dot;
        if (stemLength == 3)
        {
            return IsStem(id, "CON") || IsStem(id, "PRN") || IsStem(id, "AUX") || IsStem(id, "NUL");
        }

        return stemLength == 4 && (IsStem(id, "COM") || IsStem(id, "LPT")) && id[3] >= '1' && id[3] <= '9';
    }

    private static bool IsStem(string id, string prefix) =>
        string.Compare(id, 0, prefix, 0, prefix.Length, System.StringComparison.OrdinalIgnoreCase) == 0;

    private static string Describe(char c) =>
        c > ' ' && c < 0x7F ? "'" + c + "'" : "U+" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
}
