using System.CommandLine;
using Occi.Cli.Commands;

namespace Occi.Cli;

/// <summary>The `occi` command line: the commands, the global options, and the exit code of a run.</summary>
internal static class CliApp
{
    public static RootCommand Build(CliEnvironment env)
    {
        var options = new GlobalOptions();
        var root = new RootCommand("occi: a client for any OCCI 1.1/1.2 server (GFD.183-185, GFD.221-226).\n" + ExitCode.Help)
        {
            DiscoverCommand.Create(options, env),
            ListCommand.Create(options, env),
            DescribeCommand.Create(options, env),
            CreateComputeCommand.Create(options, env),
            ActionCommand.Create(options, env),
            LinkCommand.Create(options, env),
            DeleteCommand.Create(options, env),
            MixinCommand.Create(options, env),
        };
        foreach (var option in options.All) root.Options.Add(option);
        return root;
    }

    /// <summary>Runs one command line; a line that does not parse is a usage error (exit 2) with the parser's reasons.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken cancel = default)
    {
        var parse = Build(env).Parse(args);
        var invocation = new InvocationConfiguration { Output = env.Out, Error = env.Error };
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parse.Errors) await env.Error.WriteLineAsync("occi: " + error.Message);
            await env.Error.WriteLineAsync("occi: see occi --help");
            return ExitCode.Usage;
        }
        return await parse.InvokeAsync(invocation, cancel);
    }
}
