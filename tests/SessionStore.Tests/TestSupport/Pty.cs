namespace SessionStore.Tests.TestSupport;

/// <summary>
/// Runs a command on a real pseudo-terminal (python3's <c>pty</c>), as a user at a terminal would: stdin and stderr are
/// the terminal, and so is stdout unless it is redirected to a file (<c>sessions export &gt; backup.json</c>). The command
/// gets the terminal as its controlling terminal, 80 columns by 24 rows.
/// </summary>
public static class Pty
{
    public sealed record Result(int ExitCode, string Terminal)
    {
        /// <summary>What the terminal drew without its escape sequences (colours, the keypad mode .NET switches on).</summary>
        public string Text => System.Text.RegularExpressions.Regex.Replace(Terminal, @"\u001b(\[[0-9;?]*[A-Za-z]|[=>])", "");
    }

    private const string Harness = """
        import fcntl, json, os, pty, signal, struct, subprocess, sys, termios
        args = json.loads(sys.argv[1])
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
        stdout = open(args['stdout'], 'wb') if args['stdout'] else slave
        stdin = open(args['stdin'], 'rb') if args['stdin'] else slave
        def attach():
            # A shell starts a foreground job with the default signal dispositions; under nohup or a job started with '&'
            # SIGINT and SIGQUIT are inherited ignored, and Ctrl+C would do nothing.
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGQUIT, signal.SIG_DFL)
            os.setsid()
            fcntl.ioctl(2, termios.TIOCSCTTY, 0)
        child = subprocess.Popen(args['command'], stdin=stdin, stdout=stdout, stderr=slave, preexec_fn=attach, env={**os.environ, **args['env']})
        os.close(slave)
        replies = args['replies']
        seen = bytearray()
        searched = 0
        while True:
            while replies and replies[0][0].encode() in seen[searched:]:
                searched = seen.index(replies[0][0].encode(), searched) + len(replies[0][0].encode())
                os.write(master, replies.pop(0)[1].encode())
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        sys.stdout.buffer.write(bytes(seen))
        sys.exit(child.wait())
        """;

    /// <summary>
    /// Runs <paramref name="command"/> on a terminal; what it drew there (stderr, and stdout unless <paramref name="stdoutFile"/>),
    /// and its exit code. Each reply is typed at the terminal once its trigger has been drawn (after the previous reply's):
    /// a trigger of <c>""</c> types at once; <c>"\u0003"</c> is Ctrl+C, <c>"\u0004"</c> Ctrl+D.
    /// </summary>
    public static async Task<Result> RunAsync(
        IReadOnlyList<string> command, string? stdoutFile = null, string? input = null, IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyList<(string Trigger, string Text)>? replies = null, string? stdinFile = null)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("command");
            foreach (string part in command)
            {
                writer.WriteStringValue(part);
            }

            writer.WriteEndArray();
            writer.WriteString("stdout", stdoutFile);
            writer.WriteString("stdin", stdinFile);
            writer.WriteStartArray("replies");
            foreach ((string trigger, string text) in (input is null ? [] : new[] { ("", input) }).Concat(replies ?? []))
            {
                writer.WriteStartArray();
                writer.WriteStringValue(trigger);
                writer.WriteStringValue(text);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteStartObject("env");
            foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        string arguments = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        ProcessRunner.Result result = await ProcessRunner.WaitAsync(
            ProcessRunner.Start("python3", ["-c", Harness, arguments], environment: new Dictionary<string, string> { ["TERM"] = "xterm" }),
            TimeSpan.FromMinutes(2));
        Assert.True(result.StandardError.Length == 0, "the pty harness failed: " + result.StandardError);
        return new Result(result.ExitCode, result.StandardOutput);
    }

    /// <summary>The <c>sessions</c> tool built beside the tests, for <see cref="RunAsync"/>.</summary>
    public static string[] Tool(params string[] args) => ["dotnet", Path.Combine(AppContext.BaseDirectory, "sessions.dll"), .. args];
}
