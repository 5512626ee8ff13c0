using Occi.Server.Auth.Basic;

namespace Occi.Server.Hosting;

/// <summary>
/// <c>dotnet &lt;server dll&gt; hash-password</c>: reads one password (the first line of standard input) and prints the hash a
/// line of the Basic users file takes (<c>user:hash:tenant[:role]</c>), without starting the server.
/// </summary>
public static class HashPasswordCommand
{
    public const string Name = "hash-password";

    /// <summary>True when the arguments ask for this command rather than the server.</summary>
    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    /// <returns>The process exit code: 0 with the hash printed, 2 when no password came.</returns>
    public static int Run(TextReader input, TextWriter output, TextWriter error)
    {
        var password = input.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            error.WriteLine($"{Name}: give the password on the first line of standard input, as in: read -rs p; printf '%s\\n' \"$p\" | dotnet <server dll> {Name}");
            return 2;
        }
        output.WriteLine(PasswordHash.Create(password));
        return 0;
    }
}
