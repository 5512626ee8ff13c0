using System.CommandLine;
using Occi.Cli.Output;
using Occi.Cli.Protocol;

namespace Occi.Cli.Commands;

/// <summary>What a command's action gets: the parsed line, the conversation with the server, where to print.</summary>
internal sealed record CommandRun(ParseResult Parse, OcciSession Session, Printer Printer, CliEnvironment Environment);

/// <summary>Runs a command's body with its session open, and turns a failure into its message on standard error and its exit code.</summary>
internal static class CommandRunner
{
    public static void SetAction(this Command command, GlobalOptions options, CliEnvironment env, Func<CommandRun, CancellationToken, Task> body) =>
        command.SetAction(async (parse, cancel) =>
        {
            try
            {
                var settings = options.Settings(parse, env);
                var format = new WireFormat(parse.GetValue(options.MediaType)!, parse.GetValue(options.OcciVersion)!);
                using var session = OcciSession.Open(settings, format);
                var printer = new Printer(env.Out, parse.GetValue(options.Output), env.AnsiConsoleOnOut());
                await body(new CommandRun(parse, session, printer, env), cancel);
                return ExitCode.Ok;
            }
            catch (OcciFailure failure)
            {
                await env.Error.WriteLineAsync("occi: " + failure.Message);
                return failure.ExitCode;
            }
        });
}
