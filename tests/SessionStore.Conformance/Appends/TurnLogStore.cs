namespace SessionStore.Conformance.Appends;

/// <summary>A generated store of <see cref="TurnLog"/>: <c>[SessionItems]</c> declares its turns, and <c>ForPostgres</c> exists because this project references PostgreSQL.</summary>
[SessionStore(typeof(TurnLog), typeof(TurnLogJsonContext), SchemaVersion = 2)]
public sealed partial class TurnLogStore
{
    [SessionMigration(1)]
    private static void From1(System.Text.Json.Nodes.JsonObject session) => session["tokens"] ??= 0;

    private static TurnLog AddTokens(TurnLog log, IReadOnlyList<LogTurn> turns) =>
        log with { Tokens = checked(log.Tokens + turns.Sum(t => t.Text.Length)) };
}
