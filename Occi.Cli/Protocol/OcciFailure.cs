namespace Occi.Cli.Protocol;

/// <summary>Why a command stopped: the message printed on standard error and the exit code (<see cref="ExitCode"/>).</summary>
internal sealed class OcciFailure(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;

    public static OcciFailure Usage(string message) => new(Cli.ExitCode.Usage, message);

    /// <summary>The exit code of an HTTP status the server answered with (the one place statuses map to codes).</summary>
    public static int FromStatus(int status) => status switch
    {
        401 or 403 => Cli.ExitCode.AuthRefused,
        404 or 410 => Cli.ExitCode.NotFound,
        409 or 412 => Cli.ExitCode.Conflict,
        408 or 504 => Cli.ExitCode.Timeout,
        >= 400 and < 500 => Cli.ExitCode.BadRequest,
        _ => Cli.ExitCode.ServerError,
    };
}
