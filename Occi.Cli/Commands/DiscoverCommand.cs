using System.CommandLine;

namespace Occi.Cli.Commands;

/// <summary>`occi discover`: the server's kinds, mixins and actions, from its query interface.</summary>
internal static class DiscoverCommand
{
    public static Command Create(GlobalOptions options, CliEnvironment env)
    {
        var command = new Command("discover", "List the server's kinds, mixins and actions (its query interface, /-/)");
        command.SetAction(options, env, async (run, cancel) =>
        {
            var model = await run.Session.ModelAsync(cancel);
            run.Printer.Categories(model.Categories, model.Absolute);
        });
        return command;
    }
}
