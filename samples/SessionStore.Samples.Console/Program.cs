// The SessionStore console tool. With no command it runs the demo on .port_sessions in the current
// directory; list, show, delete, fork, prune, verify, export and import work on any store directory
// (--dir), including one the Python reference module wrote.
using System.CommandLine;
using SessionStore.Samples.Console;
using SessionStore.Samples.Console.Commands;

var dirOption = new Option<string>("--dir", "-d")
{
    Description = "The store's directory.",
    DefaultValueFactory = _ => SessionStore.FileSessionStore.DefaultDirectory,
    Recursive = true,
};

var root = new RootCommand("Save, list, show and delete sessions in a SessionStore directory. With no command, runs a short demo.")
{
    dirOption,
    ListCommand.Create(dirOption),
    ShowCommand.Create(dirOption),
    DeleteCommand.Create(dirOption),
    ForkCommand.Create(dirOption),
    PruneCommand.Create(dirOption),
    VerifyCommand.Create(dirOption),
    ExportImportCommands.CreateExport(dirOption),
    ExportImportCommands.CreateImport(dirOption),
};
root.SetAction(result => DemoCommand.Run(result.GetValue(dirOption)!, Console.Out));

return await ToolErrors.InvokeAsync(root, args);
