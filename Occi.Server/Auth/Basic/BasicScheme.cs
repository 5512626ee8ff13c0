using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Occi.Server.Auth.Basic;

/// <summary>Occi:Auth:Schemes = Basic.</summary>
internal sealed class BasicScheme : IAuthScheme
{
    public string Name => AuthSchemeNames.Basic;

    public void Register(AuthenticationBuilder authentication, IConfiguration configuration) =>
        authentication.AddFileScheme<BasicAuthenticationHandler, BasicAuthOptions, BasicUsersSource>(Name,
            configuration.GetSection(BasicAuthOptions.Section), nameof(BasicAuthOptions.UsersFile),
            "a users file of user:hash:tenant[:role] lines", o => o.UsersFile, path => BasicUsers.Load(path));

    public AuthChallenge? Challenge(IServiceProvider services) =>
        new($"Basic realm=\"{services.GetRequiredService<IOptions<BasicAuthOptions>>().Value.Realm}\", charset=\"UTF-8\"");
}
