using Spectre.Console;

namespace Occi.Cli;

/// <summary>
/// What a run reads and writes outside its arguments: environment variables, standard output and error, whether
/// standard output is a terminal (the spinner shows only there), and the clock --wait waits by. Tests give their own.
/// </summary>
internal sealed record CliEnvironment(Func<string, string?> Variable, TextWriter Out, TextWriter Error, bool IsTerminal, TimeProvider Time)
{
    /// <summary>Width of tables when standard output is no terminal: wide enough that locations stay on one line.</summary>
    private const int RedirectedWidth = 400;

    public static CliEnvironment FromProcess() => new(
        Environment.GetEnvironmentVariable, System.Console.Out, System.Console.Error, !System.Console.IsOutputRedirected, TimeProvider.System);

    /// <summary>The Spectre console on <see cref="Out"/>: colours and the spinner on a terminal, plain text otherwise.</summary>
    public IAnsiConsole AnsiConsoleOnOut()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = IsTerminal ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = IsTerminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!IsTerminal) console.Profile.Width = RedirectedWidth;
        return console;
    }
}
