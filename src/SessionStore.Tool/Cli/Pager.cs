using System.Diagnostics;

namespace SessionStore.Tool.Cli;

/// <summary>
/// Long text at a terminal goes through a pager, as git does: <c>$PAGER</c>, else <c>less</c> with <c>LESS=FRX</c> (quit
/// when it fits, keep colours, leave the text on the screen) unless <c>LESS</c> is set. Text that fits the screen, any
/// output that is not a terminal, <c>PAGER=</c> or <c>PAGER=cat</c> print directly; so does a pager that cannot start.
/// </summary>
internal static class Pager
{
    internal static void Write(string text)
    {
        string? pager = Environment.GetEnvironmentVariable("PAGER");
        if (!Output.OnTerminal || pager is "" or "cat" || Fits(text) || Start(pager ?? "less") is not { } process)
        {
            Console.Out.Write(text);
            return;
        }

        using (process)
        {
            try
            {
                process.StandardInput.Write(text);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The user quit the pager before the end: what they did not read is not an error.
            }

            process.WaitForExit();
        }
    }

    private static bool Fits(string text)
    {
        int height;
        try
        {
            height = Console.WindowHeight;
        }
        catch (IOException)
        {
            return false;
        }

        return height > 0 && text.AsSpan().Count('\n') < height;
    }

    private static Process? Start(string pager)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(pager);
        if (Environment.GetEnvironmentVariable("LESS") is null)
        {
            info.Environment["LESS"] = "FRX";
        }

        try
        {
            return Process.Start(info);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException)
        {
            return null;
        }
    }
}
