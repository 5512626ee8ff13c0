namespace Occi.Cli;

/// <summary>
/// What `occi` exits with, fixed so scripts can rely on it (README "The occi client", and `occi --help`).
/// HTTP statuses map here in <see cref="Protocol.OcciFailure.FromStatus"/> alone.
/// </summary>
internal static class ExitCode
{
    public const int Ok = 0;

    /// <summary>The command line is wrong: an unknown option, a missing argument, a file that cannot be read, a name the server's model does not have.</summary>
    public const int Usage = 2;

    /// <summary>The server refused the request as malformed or unsupported (400, 405, 406, 413, 415, 422).</summary>
    public const int BadRequest = 3;

    /// <summary>What the command names does not exist (404, 410).</summary>
    public const int NotFound = 4;

    /// <summary>The request conflicts with what exists: an action the state does not allow, an entity changed meanwhile (409, 412).</summary>
    public const int Conflict = 5;

    /// <summary>The credentials were refused (401, 403).</summary>
    public const int AuthRefused = 6;

    /// <summary>The server or the cloud behind it failed (5xx, an answer that cannot be read, a compute that went to error).</summary>
    public const int ServerError = 7;

    /// <summary>--wait's deadline passed before the compute became active, or the server did not answer in time.</summary>
    public const int Timeout = 8;

    /// <summary>The server could not be reached (connection refused, name unknown, TLS handshake refused).</summary>
    public const int Unreachable = 9;

    /// <summary>The lines `occi --help` prints.</summary>
    public const string Help =
        "Exit codes: 0 ok, 2 usage error, 3 request refused as bad (400/405/406/413/415/422), 4 not found (404/410), " +
        "5 conflict (409/412), 6 authentication refused (401/403), 7 server or cloud error (5xx, unreadable answer, compute in error), " +
        "8 timeout, 9 server unreachable.";
}
