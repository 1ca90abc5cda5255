namespace SessionStore.Tool.Cli;

/// <summary>What a command did to each id it was given: a line each, or one JSON array with <c>--json</c>.</summary>
internal sealed class Outcomes(Output output)
{
    private readonly List<(string Id, string Outcome, string? Error)> _items = [];

    /// <param name="id">The id.</param>
    /// <param name="outcome">A word for JSON, e.g. "deleted" or "not_found".</param>
    /// <param name="text">The line printed without --json.</param>
    internal void Add(string id, string outcome, string text)
    {
        _items.Add((id, outcome, null));
        output.Done(text);
    }

    /// <returns>The exit code the failure stands for.</returns>
    internal int Fail(string id, Exception exception)
    {
        (int code, string message) = Errors.Describe(exception);
        _items.Add((id, "failed", message));
        Output.Error(message);
        return code;
    }

    internal void Flush()
    {
        if (!output.Json)
        {
            return;
        }

        Output.WriteJson(writer =>
        {
            writer.WriteStartArray();
            foreach ((string id, string outcome, string? error) in _items)
            {
                writer.WriteStartObject();
                writer.WriteString("session_id", id);
                writer.WriteString("outcome", outcome);
                if (error is not null)
                {
                    writer.WriteString("error", error);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }
}
