using CsCheck;
using SessionStore.Tests.TestSupport;
using SessionStore.Tool.Cli;

namespace SessionStore.Tests.Tool;

/// <summary>
/// Random command lines through the tool's parser and commands, in-process (thousands of runs): every one
/// ends with a documented exit code and, on stderr, only one-line <c>error:</c> and <c>note:</c> lines;
/// never an exception, a stack trace or a .NET type name. One run of the same kind as a real process too.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ArgumentFuzzTests : IDisposable
{
    private static readonly string[] Words =
    [
        "list", "show", "delete", "fork", "prune", "trash", "restore", "empty", "pin", "unpin", "verify", "export", "import", "demo", "completion",
        "quarantine", "--force", "--json", "--quiet", "-q", "--recent", "--sort", "recent", "size", "--since", "--limit", "-n", "--tail", "--older-than", "--keep-trash",
        "--dry-run", "--repair", "--overwrite", "--help", "-h", "--version", "--", "-", "--dir", "-d", "bash", "zsh",
        "alpha", "beta", "missing", "../etc/passwd", "CON", "a b", "", " ", "30d", "0s", "99999999d", "-5", "0", "2026-01-31", "1e309d", "NaNd",
        "[suggest:3]", "é", "\u0000", "x.json", "--jsn", "--dry-run=1", "--limit=2", "-dq",
        // PostgreSQL and copy: every run names --dir, so these are usage errors before any server is asked.
        "copy", "--from", "--to", "--move", "--postgres", "--table", "postgres:sessions", "postgres://u@127.0.0.1:1/db?table=t",
    ];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void RandomCommandLines_EndWithADocumentedCodeAndPlainErrorLines()
    {
        Gen<string[]> argv = Gen.Frequency(
                (6, Gen.OneOfConst(Words)),
                (1, Gen.String[0, 12]))
            .Array[0, 7];
        int run = 0;
        argv.Sample(args =>
        {
            string directory = _temp.Combine("store" + run++);
            var store = Sessions.FastStore(directory);
            store.Save(new StoredSession("alpha", ["user: hi", "assistant: hello"], 1, 2));
            store.Save(new StoredSession("beta", ["x"], 3, 4));
            (int code, string stdout, string stderr) = RunInProcess(["--dir", directory, .. args]);
            string context = $"sessions --dir <store> {string.Join(' ', args.Select(a => $"'{a}'"))} -> {code}\n{stderr}";
            Assert.True(code is 0 or 1 or 2 or 3 or 4, context);
            foreach (string line in stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.True(line.StartsWith("error: ", StringComparison.Ordinal) || line.StartsWith("note: ", StringComparison.Ordinal), context);
                Assert.DoesNotMatch(@"Exception|   at |LineNumber|BytePositionInLine|\(Parameter '|\w`\d+\[", line);
            }

            Assert.True(code != 0 || !stderr.Contains("error: ", StringComparison.Ordinal), context);
            Assert.DoesNotContain("Unhandled", stdout, StringComparison.Ordinal);
        }, iter: 1500, threads: 1);
    }

    [Fact]
    public async Task TheRealProcess_NeverCrashes_OnHostileArguments()
    {
        string directory = _temp.Combine("real");
        Sessions.FastStore(directory).Save(new StoredSession("alpha", ["x"], 1, 2));
        string[][] lines =
        [
            ["prune", "--older-than", "99999999d"], ["prune", "--older-than", "1e309d"], ["list", "--limit", "99999999999"],
            ["show", "alpha", "--tail", "-1"], ["delete", "\u00e9\u0301"], ["--dir"], ["trash", "restore"], ["list", "--since", "0001-01-01"],
        ];
        foreach (string[] line in lines)
        {
            ProcessRunner.Result result = await TestSupport.Tool.RunAsync(line.Contains("--dir") ? line : [.. line, "--dir", directory]);
            Assert.True(result.ExitCode is 0 or 2, $"{string.Join(' ', line)}: {result.ExitCode} {result.StandardError}");
            Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        }
    }

    private static (int Code, string Stdout, string Stderr) RunInProcess(string[] args)
    {
        TextWriter originalOut = Console.Out, originalError = Console.Error;
        TextReader originalIn = Console.In;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Console.SetOut(stdout);
        Console.SetError(stderr);
        Console.SetIn(new StringReader("[]"));
        try
        {
            return (ToolCommandLine.Run(args), stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
            Console.SetIn(originalIn);
        }
    }
}
