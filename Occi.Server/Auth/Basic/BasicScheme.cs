using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Occi.Server.Auth.Basic;

/// <summary>Occi:Auth:Schemes = Basic.</summary>
internal sealed class BasicScheme : IAuthScheme
{
    public string Name => AuthSchemeNames.Basic;

    public void Register(AuthenticationBuilder authentication, IConfiguration configuration)
    {
        authentication.AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(Name, null);
        authentication.Services.AddOptions<BasicAuthOptions>().Bind(configuration.GetSection(BasicAuthOptions.Section))
            .Validate(o => File.Exists(o.UsersFile), $"{BasicAuthOptions.Section}:UsersFile must name an existing users file (user:hash:tenant[:role] lines)")
            .ValidateOnStart();
        authentication.Services.AddSingleton<BasicUsersSource>();
    }

    public AuthChallenge? Challenge(IServiceProvider services) =>
        new($"Basic realm=\"{services.GetRequiredService<IOptions<BasicAuthOptions>>().Value.Realm}\", charset=\"UTF-8\"");
}
