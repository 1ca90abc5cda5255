namespace SessionStore.Tool.Cli;

/// <summary>Where a search's word is in a snippet, in UTF-16 code units (<c>search --json</c>).</summary>
internal sealed record SearchHighlight(int Start, int Length);
