using Microsoft.Extensions.Options;

namespace Occi.Server.Auth.Basic;

/// <summary>The users file (checked at start), read again when it changes.</summary>
internal sealed class BasicUsersSource(IOptionsMonitor<BasicAuthOptions> options, TimeProvider time, ILogger<BasicUsersSource> log)
{
    private readonly CredentialsFile<BasicUsers> _file = new(options.CurrentValue.UsersFile, BasicUsers.Load, time, log);

    public BasicUsers Current => _file.Current;
}
