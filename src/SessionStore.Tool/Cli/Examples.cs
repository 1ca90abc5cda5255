namespace SessionStore.Tool.Cli;

/// <summary>The examples each command's <c>--help</c> ends with, by command path (<c>""</c> for <c>sessions</c> itself).</summary>
internal static class Examples
{
    internal static IReadOnlyList<string> For(string commandPath) => commandPath switch
    {
        "" => ["sessions list --recent --limit 20", "sessions show chat-42 --tail 10", "sessions verify", "sessions export > backup.json"],
        "list" => ["sessions list --recent --limit 20", "sessions list --owner alice --tag billing", "sessions list --since 7d --sort tokens", "sessions list --json | jq '.[] | select(.pinned)'"],
        "search" => ["sessions search invoice bug", "sessions search \"bug report\" --owner alice --limit 5", "sessions search refund --json"],
        "title" => ["sessions title chat-42 \"Invoice bug\"", "sessions title chat-42 --clear"],
        "tag" => ["sessions tag chat-42 +billing +vip", "sessions tag chat-42 -- -vip", "sessions tag chat-42"],
        "reindex" => ["sessions reindex", "sessions reindex --table sessions"],
        "show" => ["sessions show chat-42", "sessions show chat-42 --tail 10", "sessions show chat-42 --json"],
        "delete" => ["sessions delete chat-42 chat-43", "sessions delete chat-42 --postgres \"Host=db;Username=app\" --table sessions", "sessions delete chat-42 --dry-run", "sessions delete chat-42 --yes   # in a script at a terminal"],
        "fork" => ["sessions fork chat-42 chat-42-retry"],
        "prune" => ["sessions prune --older-than 30d --dry-run", "sessions prune --older-than 90d --keep-trash 7d"],
        "trash" => ["sessions trash list", "sessions trash restore chat-42", "sessions trash empty --older-than 30d --dry-run"],
        "trash list" => ["sessions trash list", "sessions trash list --json"],
        "trash restore" => ["sessions trash restore chat-42"],
        "trash empty" => ["sessions trash empty --older-than 30d --dry-run", "sessions trash empty --yes"],
        "pin" => ["sessions pin chat-42", "sessions pin chat-42 chat-43"],
        "unpin" => ["sessions unpin chat-42"],
        "verify" => ["sessions verify", "sessions verify --repair", "sessions verify --json"],
        "quarantine" => ["sessions quarantine list", "sessions quarantine restore chat-42", "sessions quarantine delete chat-42"],
        "quarantine list" => ["sessions quarantine list"],
        "quarantine restore" => ["sessions quarantine restore chat-42", "sessions quarantine restore chat-42 --force"],
        "quarantine delete" => ["sessions quarantine delete chat-42"],
        "export" => ["sessions export > backup.json", "sessions export chat-42 chat-43 > two.json"],
        "import" => ["sessions import < backup.json", "sessions import --dry-run < backup.json", "sessions import --overwrite --yes < backup.json"],
        "copy" =>
        [
            "sessions copy --from .port_sessions --to postgres:sessions   # the server of $SESSIONSTORE_POSTGRES or --postgres",
            "sessions copy --from postgres://app@db:5432/app?table=sessions --to backup/ --dry-run",
            "sessions copy --from .port_sessions --to postgres:sessions --move   # deletes only what was verified",
        ],
        "serve" =>
        [
            "sessions serve --open",
            "sessions serve --port 0 --allow-write   # any free port; pin, trash and restore from the page",
            "sessions serve --host 0.0.0.0   # every interface: the printed address holds the access token",
        ],
        "demo" => ["sessions demo", "sessions demo --dir /tmp/try-sessions"],
        "completion" => ["source <(sessions completion bash)   # in ~/.bashrc", "sessions completion fish > ~/.config/fish/completions/sessions.fish"],
        _ => [],
    };
}
