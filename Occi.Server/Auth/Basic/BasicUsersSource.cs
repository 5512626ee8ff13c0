using Microsoft.Extensions.Options;

namespace Occi.Server.Auth.Basic;

/// <summary>The users file, read when first needed (its path is checked at start).</summary>
internal sealed class BasicUsersSource(IOptions<BasicAuthOptions> options)
{
    private readonly Lazy<BasicUsers> _users = new(() => BasicUsers.Load(options.Value.UsersFile));

    public BasicUsers Current => _users.Value;
}
