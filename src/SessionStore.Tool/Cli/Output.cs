using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SessionStore.Tool.Cli;

/// <summary>
/// Where a command prints: data on stdout (text or <c>--json</c>), notes and errors on stderr, one line each.
/// Colours with <c>--color always</c>, never with <c>--color never</c>; by default (<c>auto</c>) only on a terminal,
/// never with <c>NO_COLOR</c> or <c>TERM=dumb</c>. <c>--quiet</c> drops notes and confirmations.
/// </summary>
internal sealed class Output(bool json, bool quiet, TextWriter? stdout = null)
{
    /// <summary>The <c>--color</c> choice of this run: <c>auto</c>, <c>always</c> or <c>never</c>.</summary>
    internal static string Colour { get; set; } = "auto";

    private static bool ColoursAllowed => Colour switch
    {
        "always" => true,
        "never" => false,
        _ => string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) && Environment.GetEnvironmentVariable("TERM") != "dumb",
    };

    private readonly bool _colourOut = ColoursAllowed && (Colour == "always" || !Console.IsOutputRedirected);
    private readonly TextWriter _stdout = stdout ?? Console.Out;

    internal bool Json { get; } = json;

    internal bool Quiet { get; } = quiet;

    /// <summary>Whether progress may be drawn: stderr is a terminal and the user did not ask for quiet.</summary>
    internal bool ShowsProgress => !Quiet && !Console.IsErrorRedirected;

    /// <summary>Whether stdout is a terminal (tables get a header and fit its width; long text goes through a pager).</summary>
    internal static bool OnTerminal => !Console.IsOutputRedirected;

    /// <summary>The terminal's width in columns, or null when stdout is not a terminal.</summary>
    internal static int? Width
    {
        get
        {
            if (!OnTerminal)
            {
                return null;
            }

            try
            {
                return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
            }
            catch (IOException)
            {
                return 80;
            }
        }
    }

    /// <summary>An output like this one that writes its data into <paramref name="writer"/> (to page it afterwards).</summary>
    internal Output To(TextWriter writer) => new(Json, Quiet, writer);

    internal static void Error(string message)
    {
        bool colour = ColoursAllowed && (Colour == "always" || !Console.IsErrorRedirected);
        Console.Error.WriteLine((colour ? "\u001b[31merror:\u001b[0m " : "error: ") + OneLine(message));
    }

    /// <summary>A line of data on stdout.</summary>
    internal void Line(string text) => _stdout.WriteLine(text);

    /// <summary>A confirmation ("deleted x") on stdout, dropped by --quiet and by --json (whose document says it).</summary>
    internal void Done(string text)
    {
        if (!Quiet && !Json)
        {
            _stdout.WriteLine(text);
        }
    }

    /// <summary>What a command that did one thing did: with --json one object of <paramref name="fields"/>, else <paramref name="text"/> (dropped by --quiet).</summary>
    internal void Result(string text, params (string Name, object Value)[] fields)
    {
        if (!Json)
        {
            Done(text);
            return;
        }

        WriteJson(writer =>
        {
            writer.WriteStartObject();
            foreach ((string name, object value) in fields)
            {
                if (value is int number)
                {
                    writer.WriteNumber(name, number);
                }
                else
                {
                    writer.WriteString(name, value.ToString());
                }
            }

            writer.WriteEndObject();
        });
    }

    /// <summary>A remark on stderr, dropped by --quiet.</summary>
    internal void Note(string text)
    {
        if (!Quiet)
        {
            Console.Error.WriteLine("note: " + OneLine(text));
        }
    }

    /// <summary>Text from the store (a message, a name, a file name) made safe for a terminal: see <see cref="ControlCharacters"/>.</summary>
    internal string Visible(string text) => ControlCharacters.Escape(text, _colourOut ? Warn : null);

    internal string Strong(string text) => _colourOut ? "\u001b[1m" + text + "\u001b[0m" : text;

    internal string Faint(string text) => _colourOut ? "\u001b[2m" + text + "\u001b[0m" : text;

    internal string Accent(string text) => _colourOut ? "\u001b[36m" + text + "\u001b[0m" : text;

    internal string Warn(string text) => _colourOut ? "\u001b[33m" + text + "\u001b[0m" : text;

    /// <summary>Writes one JSON document, indented, to stdout.</summary>
    internal static void WriteJson(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }

        Console.Out.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static string OneLine(string text) => ControlCharacters.Escape(text.ReplaceLineEndings(" ").Trim());
}
