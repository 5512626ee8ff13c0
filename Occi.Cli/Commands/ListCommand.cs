using System.CommandLine;
using Occi.Cli.Protocol;

namespace Occi.Cli.Commands;

/// <summary>`occi list compute`: the locations in a kind's collection, found at the location the server's model gives the kind.</summary>
internal static class ListCommand
{
    public static Command Create(GlobalOptions options, CliEnvironment env)
    {
        var kind = new Argument<string>("kind") { Description = "A kind by term (compute), identity (scheme#term) or location (/compute/)" };
        var command = new Command("list", "List the entities of a kind") { kind };
        command.SetAction(options, env, async (run, cancel) =>
        {
            var name = run.Parse.GetValue(kind)!;
            var model = await run.Session.ModelAsync(cancel);
            var found = model.FindKind(name) ?? throw new OcciFailure(ExitCode.NotFound, $"the server has no kind '{name}' (occi discover lists them)");
            if (found.Location is null) throw new OcciFailure(ExitCode.NotFound, $"the kind {found.Id} has no collection on this server");
            run.Printer.Locations(await run.Session.ListAsync(model.Absolute(found.Location), found, cancel));
        });
        return command;
    }
}
