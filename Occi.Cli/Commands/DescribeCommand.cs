using System.CommandLine;

namespace Occi.Cli.Commands;

/// <summary>`occi describe &lt;location&gt;`: one entity's kind, mixins, attributes, links and actions.</summary>
internal static class DescribeCommand
{
    public static Command Create(GlobalOptions options, CliEnvironment env)
    {
        var location = new Argument<string>("location") { Description = "The entity's location (absolute, or a path below the endpoint)" };
        var command = new Command("describe", "Show one entity") { location };
        command.SetAction(options, env, async (run, cancel) =>
        {
            var at = run.Session.Resolve(run.Parse.GetValue(location)!);
            run.Printer.Entity(await run.Session.GetEntityAsync(at, cancel), at);
        });
        return command;
    }
}
