using System.Text;

namespace SessionStore.Generators.Emitting;

/// <summary>Four-space indentation and braces on their own lines, as a person would write it.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _depth * 4).Append(line);
        }

        _text.Append('\n');
    }

    /// <summary>Writes <paramref name="header"/> (unless null) and an opening brace, and indents.</summary>
    public void Open(string? header)
    {
        if (header is not null)
        {
            Line(header);
        }

        Line("{");
        _depth++;
    }

    public void Close()
    {
        _depth--;
        Line("}");
    }

    public override string ToString() => _text.ToString();
}
