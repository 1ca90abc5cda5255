using Microsoft.Extensions.Logging;

namespace SessionStore.Telemetry;

/// <summary>What an operator must know, source-generated (no boxing, no parsing of the template at run time). Ids and paths only, never session content.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(EventId = 1, EventName = "SessionQuarantined", Level = LogLevel.Warning,
        Message = "Session '{SessionId}' was corrupt ({Reason}); its file was moved to quarantine at {QuarantinePath}")]
    internal static partial void Quarantined(ILogger logger, string sessionId, string reason, string quarantinePath);

    [LoggerMessage(EventId = 2, EventName = "AppendRecovered", Level = LogLevel.Warning,
        Message = "An append to session '{SessionId}' that a crash interrupted was completed in {Path}")]
    internal static partial void AppendRecovered(ILogger logger, string sessionId, string path);

    [LoggerMessage(EventId = 5, EventName = "AppendIntentDropped", Level = LogLevel.Information,
        Message = "The record of an append to session '{SessionId}' that a crash interrupted was dropped without writing {Path}: {Reason}")]
    internal static partial void AppendIntentDropped(ILogger logger, string sessionId, string path, string reason);

    [LoggerMessage(EventId = 6, EventName = "LockContended", Level = LogLevel.Debug,
        Message = "Session '{SessionId}' is locked by another process ({LockPath}); waiting for up to {Timeout}")]
    internal static partial void LockContended(ILogger logger, string sessionId, string lockPath, TimeSpan timeout);

    [LoggerMessage(EventId = 7, EventName = "AppendTidyingFailed", Level = LogLevel.Warning,
        Message = "An append to session '{SessionId}' is complete in {Path}, but clearing its marker or its record failed ({Reason}); the next writer of the session's lock clears them")]
    internal static partial void AppendTidyingFailed(ILogger logger, string sessionId, string path, string reason);

    [LoggerMessage(EventId = 3, EventName = "LockTimeout", Level = LogLevel.Warning,
        Message = "Session '{SessionId}' stayed locked by another writer for longer than {Timeout} during {Operation} in {Location}")]
    internal static partial void LockTimeout(ILogger logger, string sessionId, TimeSpan timeout, SessionOperation operation, string location);

    [LoggerMessage(EventId = 4, EventName = "DirectoryRefused", Level = LogLevel.Error,
        Message = "The session directory {Directory} was refused: {Reason}")]
    internal static partial void DirectoryRefused(ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 7, EventName = "IndexUpdateFailed", Level = LogLevel.Warning,
        Message = "The index of {Directory} could not record a write to session '{SessionId}' (the session was written; the index repairs itself on its next query): {Reason}")]
    internal static partial void IndexUpdateFailed(ILogger logger, string directory, string sessionId, string reason);
}
