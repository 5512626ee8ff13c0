namespace Occi.Cli.Tests.Support;

/// <summary>What one `occi` run printed and exited with.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string[] Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";
}

/// <summary>
/// Runs the `occi` command line in-process (CliApp.RunAsync, what Program runs), its standard output and error
/// captured and not a terminal, with the environment variables given and none of the process's.
/// </summary>
public static class OcciCommandLine
{
    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunAsync(environment, isTerminal: false, args);

    /// <summary>As if standard output were a terminal: what a person sees (ANSI sequences, the spinner).</summary>
    public static Task<CliResult> RunOnTerminalAsync(params string[] args) => RunAsync(null, isTerminal: true, args);

    private static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, bool isTerminal, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var env = new CliEnvironment(name => environment is not null && environment.TryGetValue(name, out var v) ? v : null,
            output, error, isTerminal, TimeProvider.System);
        var code = await CliApp.RunAsync(args, env);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(null, args);
}
