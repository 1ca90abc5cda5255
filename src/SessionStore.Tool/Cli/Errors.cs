using System.Text.Json;
using System.Text.RegularExpressions;

namespace SessionStore.Tool.Cli;

/// <summary>The one place where a failure becomes an exit code and one plain <c>error:</c> line: no stack trace, no .NET internals.</summary>
internal static partial class Errors
{
    internal static int Report(Exception exception)
    {
        (int code, string message) = Describe(exception);
        Output.Error(message);
        return code;
    }

    internal static (int Code, string Message) Describe(Exception exception) => exception switch
    {
        ToolException tool => (tool.ExitCode, tool.Message),
        InvalidSessionIdException invalid => (ExitCodes.Usage, InvalidId(invalid.SessionId)),
        SessionNotFoundException missing => (ExitCodes.NotFound, $"there is no session '{missing.SessionId}' in '{missing.Location}'"),
        SessionConflictException conflict => (ExitCodes.Conflict, conflict.ExpectedETag is null
            ? $"session '{conflict.SessionId}' exists already; nothing was written"
            : $"session '{conflict.SessionId}' changed meanwhile; nothing was written"),
        SessionCorruptException corrupt => (ExitCodes.Failure, $"session '{corrupt.SessionId}' is corrupt ({corrupt.Path}): {Plain(corrupt.Reason)}"),
        JsonException json => (ExitCodes.Failure, "the input is not valid JSON" + Where(json)),
        OperationCanceledException => (ExitCodes.Interrupted, "interrupted"),
        UnauthorizedAccessException or IOException => (ExitCodes.Failure, Plain(exception.Message)),
        System.Data.Common.DbException db => (ExitCodes.Failure, "PostgreSQL: " + Plain(db.Message)),
        _ => (ExitCodes.Failure, "unexpected failure: " + Plain(exception.Message)),
    };

    internal static string InvalidId(string? id) => $"'{id}' is not a valid session id: {SessionIdRules.GetViolation(id)}";

    /// <summary>Drops what only a .NET developer reads: JSON reader positions, parameter names, generic type names.</summary>
    internal static string Plain(string message)
    {
        string plain = ReaderPosition().Replace(message, "");
        plain = ParameterName().Replace(plain, "");
        plain = GenericTypeName().Replace(plain, "");
        return plain.ReplaceLineEndings(" ").Trim();
    }

    /// <summary>" at line 3, byte 7" for a JSON error, in words.</summary>
    internal static string Where(JsonException json) =>
        json.LineNumber is long line ? $" (at line {line + 1}, byte {json.BytePositionInLine + 1})" : "";

    [GeneratedRegex(@"\s*(Path: \S* \| )?LineNumber: \d+ \| BytePositionInLine: \d+\.?")]
    private static partial Regex ReaderPosition();

    [GeneratedRegex(@"\s*\(Parameter '[^']*'\)")]
    private static partial Regex ParameterName();

    [GeneratedRegex(@"\s*'?[\w.]+`\d+\[[^\]]*\]'?")]
    private static partial Regex GenericTypeName();
}
