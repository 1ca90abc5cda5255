using Microsoft.AspNetCore.Http;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Serve;

/// <summary>
/// A failure as the page sees it: a status and plain words that never hold a path of the machine (the library's
/// messages name files; those go to the terminal that runs the viewer, through <see cref="Errors"/>).
/// </summary>
internal static class ViewerFailures
{
    internal static (int Status, string Message) Describe(Exception exception)
    {
        switch (exception)
        {
            case InvalidSessionIdException:
                return (StatusCodes.Status400BadRequest, "not a valid session id");
            case SessionNotFoundException:
                return (StatusCodes.Status404NotFound, "there is no such session (it may have been deleted or moved to the trash)");
            case SessionConflictException:
                return (StatusCodes.Status409Conflict, "a session of that id exists already: nothing was changed");
            case SessionCorruptException:
                return (StatusCodes.Status422UnprocessableEntity, "this session could not be read: it is damaged ('sessions verify' says why)");
            case SessionSchemaVersionException:
                return (StatusCodes.Status422UnprocessableEntity, "this session was written by a newer version of its schema");
            case OperationCanceledException:
                return (StatusCodes.Status503ServiceUnavailable, "the viewer is stopping");
            default:
                // The terminal that runs the viewer hears the whole story; the page gets none of its paths.
                Output.Error("serve: " + Errors.Describe(exception).Message);
                return (StatusCodes.Status500InternalServerError, "the store could not be read or changed (the terminal running 'sessions serve' says why)");
        }
    }

    internal static IResult Result(Exception exception)
    {
        (int status, string message) = Describe(exception);
        return Results.Json(new Api.ViewerError(message), ViewerJsonContext.Default.ViewerError, statusCode: status);
    }
}
