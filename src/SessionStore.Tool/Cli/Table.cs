namespace SessionStore.Tool.Cli;

/// <summary>
/// Rows for a terminal, as gh and kubectl print them: a header, columns as wide as their widest cell, and when a row
/// would not fit the terminal the first column is cut (ending in <c>…</c>) unless <c>--wide</c>. Off a terminal the
/// commands print their stable, headerless lines instead.
/// </summary>
internal sealed class Table(params (string Header, bool AlignRight)[] columns)
{
    private const string Gap = "  ";
    private const int NarrowestFirstColumn = 12;
    private readonly List<(string[] Cells, string? Style)> _rows = [];

    /// <param name="cells">One cell per column.</param>
    /// <param name="tag">A last word printed after the columns (e.g. "pinned"), in the accent colour.</param>
    internal void Add(string[] cells, string? tag = null) => _rows.Add((cells, tag));

    internal void Print(Output output, bool wide)
    {
        int[] widths = [.. columns.Select((c, i) => _rows.Select(r => r.Cells[i].Length).Append(c.Header.Length).Max())];
        int total = widths.Sum() + Gap.Length * (widths.Length - 1) + (_rows.Any(r => r.Style is not null) ? 8 : 0);
        if (!wide && Output.Width is int width && total > width)
        {
            widths[0] = Math.Max(NarrowestFirstColumn, widths[0] - (total - width));
        }

        output.Line(output.Faint(Line([.. columns.Select(c => c.Header)], widths).TrimEnd()));
        foreach ((string[] cells, string? tag) in _rows)
        {
            string line = Line(cells, widths);
            output.Line(output.Strong(line[..widths[0]]) + line[widths[0]..].TrimEnd() + (tag is null ? "" : Gap + output.Accent(tag)));
        }
    }

    private string Line(string[] cells, int[] widths) =>
        string.Join(Gap, cells.Select((cell, i) => Fit(cell, widths[i], columns[i].AlignRight)));

    private static string Fit(string cell, int width, bool right) =>
        cell.Length > width ? cell[..(width - 1)] + "…" : right ? cell.PadLeft(width) : cell.PadRight(width);
}
