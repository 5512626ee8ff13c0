using System.CommandLine;

namespace Occi.Cli.Commands;

/// <summary>`occi delete &lt;location&gt;`: deletes an entity; prints nothing, the exit code says how it went.</summary>
internal static class DeleteCommand
{
    public static Command Create(GlobalOptions options, CliEnvironment env)
    {
        var location = new Argument<string>("location") { Description = "The entity's location" };
        var command = new Command("delete", "Delete an entity") { location };
        command.SetAction(options, env, async (run, cancel) =>
        {
            var at = run.Session.Resolve(run.Parse.GetValue(location)!);
            await run.Session.SendAsync(HttpMethod.Delete, at, null, run.Session.Format.Accept, cancel);
        });
        return command;
    }
}
