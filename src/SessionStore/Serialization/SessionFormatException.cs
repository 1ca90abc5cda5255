namespace SessionStore.Serialization;

/// <summary>Bytes that do not hold a session; the store turns it into a <see cref="SessionCorruptException"/> naming the id and path.</summary>
internal sealed class SessionFormatException(string reason, Exception? innerException = null) : Exception(reason, innerException)
{
    internal string Reason => Message;
}
