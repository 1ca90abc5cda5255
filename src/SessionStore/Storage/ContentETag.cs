using System.Security.Cryptography;

namespace SessionStore.Storage;

/// <summary>A file's revision: the first 64 bits of the SHA-256 of its bytes, in hex. Equal content, equal revision.</summary>
internal static class ContentETag
{
    internal static string Of(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
