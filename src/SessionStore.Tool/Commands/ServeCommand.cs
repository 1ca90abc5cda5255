using System.CommandLine;
using System.Net;
using SessionStore.Tool.Cli;
using SessionStore.Tool.Serve;

namespace SessionStore.Tool.Commands;

/// <summary>
/// <c>serve [--port N] [--open] [--allow-write] [--host ADDR]</c>: a local web viewer of the store (<see cref="ViewerServer"/>).
/// Loopback only by default; <c>--host</c> binds another address and then requires the random access token in the
/// address it prints. Read-only unless <c>--allow-write</c>.
/// </summary>
internal static class ServeCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var port = new Option<int>("--port", "-p")
        {
            Description = $"The port to listen on (default {ViewerOptions.DefaultPort}; 0 picks a free one).",
            DefaultValueFactory = _ => ViewerOptions.DefaultPort,
            CustomParser = result => int.TryParse(result.Tokens.Single().Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) && n <= 65535
                ? n
                : Fail<int>(result, $"'{result.Tokens.Single().Value}' is not a port (0 to 65535)"),
        };
        var host = new Option<IPAddress?>("--host")
        {
            Description = "Listen on this IP address instead of loopback (0.0.0.0 for every interface): the viewer then requires the access token in the address it prints.",
            CustomParser = result => IPAddress.TryParse(result.Tokens.Single().Value, out IPAddress? address)
                ? address
                : Fail<IPAddress?>(result, $"'{result.Tokens.Single().Value}' is not an IP address (--host takes one, such as 0.0.0.0 or 192.168.1.20)"),
        };
        var open = new Option<bool>("--open") { Description = "Open the viewer in the default browser." };
        var allowWrite = new Option<bool>("--allow-write") { Description = "Allow changes from the page: title and tags (with a catalog), pin, trash and restore, each confirmed." };
        var command = new Command("serve", "Serve a web viewer of the store on this machine: the list, search, conversations, live follow. Read-only unless --allow-write.")
        {
            port, host, open, allowWrite,
        };
        command.SetAction(result =>
        {
            ToolStore store = Stores.Open(globals, result);
            IPAddress? address = result.GetValue(host);
            var options = new ViewerOptions(address ?? ViewerOptions.DefaultAddress, result.GetValue(port), TokenRequired: address is not null, result.GetValue(allowWrite));
            return ViewerServer.RunAsync(store, options, result.GetValue(open)).GetAwaiter().GetResult();
        });
        return command;
    }

    private static T Fail<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}
